"""Stage 2: one kelurahan's Pelican site (settings, reader, theme helpers, images, plugins)."""
