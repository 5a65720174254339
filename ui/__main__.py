"""`python -m ui`: serve the staff chat and the public helpdesk on settings.host:settings.port.

Settings are checked first (a bad value: Chinese message, exit code 2), then the report and the index
(`ui.startup`: damaged → rebuilt or exit 2), then the server starts. Forwarded client addresses are trusted
only from JUESUAN_TRUSTED_PROXIES, by the app itself (ui.app), so uvicorn's own proxy handling is off.
"""

from __future__ import annotations

import logging
import sys

from corpus.settings import Settings, settings_or_exit

EXIT_BAD_START = 2


def server_config(app: object, settings: Settings):  # -> uvicorn.Config (imported late: startup stays fast)
    """uvicorn's settings, explicit: no proxy header is read by uvicorn (it would trust 127.0.0.1 by default),
    and no log config of its own, so its records pass the personal-data mask of ui.logs."""
    import uvicorn

    return uvicorn.Config(
        app,
        host=settings.host,
        port=settings.port,
        proxy_headers=False,
        forwarded_allow_ips="",
        server_header=False,
        log_config=None,
        log_level="info",
    )


def main() -> int:
    settings = settings_or_exit()
    # Answers are CPU work in worker threads; the event loop that reads requests must get the GIL back
    # quickly. With the default 5 ms switch interval it waited behind busy workers and, at 100 questions/s,
    # requests queued before any route saw them (p95 ~4 s); at 1 ms p95 was ~0.27 s on the same 2 cores.
    sys.setswitchinterval(0.001)
    from ui.logs import configure_logging

    configure_logging()
    from ui.startup import StartupError, prepare

    try:
        assistant = prepare(settings)  # the report, then the index: verified, repaired or refused
    except StartupError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_BAD_START
    import uvicorn

    from ui.app import UI_PATH, create_app

    app = create_app(settings, assistant)
    base = f"http://{settings.host}:{settings.port}"
    logging.getLogger("ui").info(
        "决算问答 running: staff chat %s%s/  · API %s/api/ask  · ready %s/api/ready  · widget %s/embed",
        base,
        UI_PATH,
        base,
        base,
        base,
    )
    server = uvicorn.Server(server_config(app, settings))
    try:
        server.run()
    except (OSError, SystemExit):  # uvicorn logs a failed bind (port taken, not ours) and exits with 3
        if server.started:
            raise
    if not server.started:
        print(f"错误：无法在 {settings.host}:{settings.port} 上启动服务（端口被占用或无权使用？）", file=sys.stderr)
        return EXIT_BAD_START
    return 0


if __name__ == "__main__":
    sys.exit(main())
