"""``python -m defcoop``: the same command line as the ``defcoop`` script."""

import sys

from defcoop.cli._main import main

if __name__ == "__main__":
    sys.exit(main())
