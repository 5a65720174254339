"""`python -m assistant ask|chat|audit` (see assistant.cli)."""

import logging
import sys

from assistant.cli import main

logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
sys.exit(main())
