import sys

from ganerrors.cli import main

sys.exit(main())
