"""`python -m corpus summary|sections|facts [PATH]`: see corpus/cli.py."""

import sys

from corpus.cli import main

sys.exit(main())
