"""`make site`: build into a temporary folder, swap it in as site/ only on success (loaphuong.publish).

Usage: python scripts/build_site.py [--site-dir site] [extra mkdocs build arguments...]
"""

import argparse
import sys

from loaphuong.publish import build

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--site-dir", default="site")
    args, rest = parser.parse_known_args()
    sys.exit(build(args.site_dir, rest))
