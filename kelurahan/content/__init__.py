"""Stage 1: content/ read and validated (schemas, front matter, Markdown, sanitiser, registry)."""
