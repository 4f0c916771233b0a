"""Kelurahan Pintar: every kelurahan's public website, built from Markdown with Pelican."""

from pathlib import Path

__version__ = "0.1.0"
PACKAGE = Path(__file__).resolve().parent  # kelurahan/, wherever a module of it lives
REPO = PACKAGE.parent  # the checkout: pelicanconf.py, themes/, node_modules/
