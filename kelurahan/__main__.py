import sys

from kelurahan.cli import main

sys.exit(main())
