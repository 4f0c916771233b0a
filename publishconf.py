"""Production settings: absolute URLs from kota.toml's url (or $KELURAHAN_URL), feeds on."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pelicanconf import *  # noqa: E402,F403

from kelurahan.site.addresses import FEED_CATEGORY  # noqa: E402

if os.environ.get("KELURAHAN_SITE"):
    from kelurahan.site.settings import overrides_from_env

    globals().update(overrides_from_env(os.environ["KELURAHAN_SITE"], ROOT, publish=True))  # noqa: F405

FEED_DOMAIN = SITEURL  # noqa: F405
# The site feed (feeds/semua.atom.xml) is written by kelurahan.site.plugins.seo in both modes, with
# no build clock in it, so that shards merged equal one full build byte for byte.
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = FEED_CATEGORY
DELETE_OUTPUT_DIRECTORY = False
