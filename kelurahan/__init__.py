"""Kelurahan Pintar: every kelurahan's public website, built from Markdown with Pelican."""

__version__ = "0.1.0"
