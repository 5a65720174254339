"""`python -m ui`: serve the staff chat and the public helpdesk on settings.host:settings.port."""

from __future__ import annotations

import logging

import uvicorn

from corpus import Settings
from ui.app import UI_PATH, create_app


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    settings = Settings.from_env()
    app = create_app(settings)  # opens the index, building it first when missing
    base = f"http://{settings.host}:{settings.port}"
    logging.getLogger("ui").info(
        "决算问答 running: staff chat %s%s/  · API %s/api/ask  · docs %s/docs  · widget %s/embed  · demo %s/embed/demo",
        base,
        UI_PATH,
        base,
        base,
        base,
        base,
    )
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="info")


if __name__ == "__main__":
    main()
