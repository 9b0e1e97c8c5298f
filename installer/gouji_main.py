"""Entry script of the frozen Gouji: the same `main` as the `gouji` command, nothing else."""

import sys

from app.cli import main

if __name__ == "__main__":
    sys.exit(main())
