"""`python -m index build|search|bench`."""

import sys

from index.cli import main

sys.exit(main())
