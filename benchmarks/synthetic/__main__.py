"""`python -m benchmarks.synthetic`: write a library of synthetic reports (see `benchmarks.synthetic.cli`)."""

import sys

from benchmarks.synthetic.cli import main

sys.exit(main())
