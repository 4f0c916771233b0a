"""Shared Pelican settings of every kelurahan site.

`python -m kelurahan build` layers each kelurahan's overrides on these (kelurahan/site/settings.py).
Plain Pelican builds one site:  KELURAHAN_SITE=kauman pelican -s pelicanconf.py
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
if str(ROOT) not in sys.path:  # plain `pelican` runs without our package installed
    sys.path.insert(0, str(ROOT))

from kelurahan.site.format import FILTERS  # noqa: E402
from kelurahan.site.theme import GLOBALS  # noqa: E402
from kelurahan.site.reader import KelurahanReader  # noqa: E402
from kelurahan.content.schema import TYPES  # noqa: E402

AUTHOR = "Admin Kelurahan"
SITENAME = "Kelurahan"
SITEURL = ""
RELATIVE_URLS = True
TIMEZONE = "Asia/Jakarta"
DEFAULT_LANG = "id"
THEME = str(ROOT / "themes" / "kelurahan")

# Content layout (design.md): berita are Pelican articles, every other type a page.
READERS = {"md": KelurahanReader, "markdown": None, "mkd": None, "mdown": None,
           "html": None, "htm": None, "rst": None}
ARTICLE_PATHS = ["berita"]
PAGE_PATHS = ["halaman", "layanan", "umkm", "wisata", "agenda", "pengumuman", "dokumen"]
# Images are published as processed derivatives by kelurahan.site.plugins.images, never as the
# originals (phone photos carry GPS positions); KP_IMAGE_ORIGINALS = True also copies them.
STATIC_PATHS = []
KP_IMAGE_WIDTHS = [360, 720, 1080, 1440]
KP_IMAGE_ORIGINALS = False
KP_IMAGE_CACHE_PATH = None  # default: beside Pelican's cache (.cache/gambar, .cache/kartu)
IGNORE_FILES = [".*", "_*", "*~", "*.swp", "*.bak"]
DELETE_OUTPUT_DIRECTORY = False
PLUGINS = ["kelurahan.site.plugins.problems", "kelurahan.site.plugins.types",
           "kelurahan.site.plugins.manifest", "kelurahan.site.plugins.seo"]
PLUGINS += ["kelurahan.site.plugins.writer"]  # each page finished in memory and written once
PLUGINS += ["kelurahan.site.plugins.images"]  # processed images and social cards
PLUGINS += ["kelurahan.site.search"]  # Pagefind: marks content pages, writes cari/ and the index
PLUGINS += ["kelurahan.site.plugins.addresses"]  # no item's address replaces another page
PLUGINS += ["kelurahan.site.plugins.schedule"]  # nothing before its time, no notice after its end
PLUGINS += ["kelurahan.site.plugins.anggaran"]  # budgets: anggaran/ pages, manifest, open data
PLUGINS += ["kelurahan.site.plugins.cetak"]  # each layanan's A4 print view with a QR code
JINJA_FILTERS = FILTERS
JINJA_GLOBALS = GLOBALS
# Escape by default: everything a clerk typed is text. The one thing marked safe is a page's
# sanitised body, by the `isi` filter (kelurahan/site/format.py); settings.with_template_cache
# keeps autoescape on whatever a site's settings say.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "extensions": [],
                     "autoescape": True}

# Pretty URLs: every page is …/name/ served by …/name/index.html. Each item's address is its
# type's schema's (the reader sets url and save_as); Pelican's own patterns say the same.
ARTICLE_URL = TYPES["berita"].url
ARTICLE_SAVE_AS = ARTICLE_URL + "index.html"
PAGE_URL = TYPES["halaman"].url
PAGE_SAVE_AS = PAGE_URL + "index.html"
DRAFT_SAVE_AS = DRAFT_PAGE_SAVE_AS = ""
CATEGORY_URL = "berita/kategori/{slug}/"
CATEGORY_SAVE_AS = "berita/kategori/{slug}/index.html"
TAG_URL = "tag/{slug}/"
TAG_SAVE_AS = "tag/{slug}/index.html"
AUTHOR_SAVE_AS = AUTHORS_SAVE_AS = ""
ARCHIVES_URL = "berita/arsip/"
ARCHIVES_SAVE_AS = "berita/arsip/index.html"
YEAR_ARCHIVE_SAVE_AS = MONTH_ARCHIVE_SAVE_AS = DAY_ARCHIVE_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
TAGS_URL = "tag/"
TAGS_SAVE_AS = "tag/index.html"
INDEX_URL = "berita/"
INDEX_SAVE_AS = "berita/index.html"
BERANDA_SAVE_AS = "index.html"
DIRECT_TEMPLATES = ["beranda", "index", "tags", "archives"]
PAGINATED_TEMPLATES = {"index": 10, "category": 10}
# Every list that grows with content is paginated so each page stays < 60 KB (issue 3/8):
# 12 cards per list page (layanan, UMKM and its kategori, wisata, agenda, pilar),
# 100 one-line entries per page of the berita archive and of each tag (a tag is an index of
# titles: one page where ten cards a page made two or three, issue 8).
PAGINATED_TEMPLATES.update({"daftar_layanan": 12, "daftar_umkm": 12, "daftar_wisata": 12,
                            "daftar_agenda": 12, "pilar": 12, "archives": 100, "tag": 100})
DEFAULT_PAGINATION = 10
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/hal/{number}/", "{base_name}/hal/{number}/index.html"),
)
SLUGIFY_SOURCE = "basename"
# Dates and categories come from the front matter only (the schemas; a berita's tanggal is
# required): Pelican's defaults also parsed a date out of every dated file name with dateutil
# and made a category of every folder, only for the reader to replace both (1 % of a site).
FILENAME_METADATA = ""
USE_FOLDER_AS_CATEGORY = False
DEFAULT_DATE = None
DEFAULT_DATE_FORMAT = "%Y-%m-%d"

# Feeds are production settings (publishconf.py).
FEED_ALL_ATOM = FEED_ALL_RSS = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None

# Pelican's content cache, invalidated by each file's modification time: what decides whether a
# site is rebuilt at all (kelurahan/city/fingerprint.py, size and mtime). "md5" read every source
# file twice per build, about 4 % of a site's build.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CHECK_MODIFIED_METHOD = "mtime"
CONTENT_CACHING_LAYER = "reader"
GZIP_CACHE = False  # 1 MB a site instead of 0.3 MB, 0.05-0.1 s less CPU per site build

# The web editor at <site>/admin/ (kelurahan/site/editor.py).
PLUGINS = PLUGINS + ["kelurahan.site.plugins.admin"]

if os.environ.get("KELURAHAN_SITE"):
    from kelurahan.site.settings import overrides_from_env

    globals().update(overrides_from_env(os.environ["KELURAHAN_SITE"], ROOT))
