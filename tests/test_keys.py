"""Every key we put in Pelican's settings or context is in kelurahan/keys.py, with true writers
and readers, in one prefix style, and documented (in the spirit of Datasette's test_docs.py)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from pelican.settings import DEFAULT_CONFIG

from kelurahan import keys
from kelurahan.errors import UsageError

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "kelurahan"
TEMPLATES = ROOT / "themes" / "kelurahan" / "templates"
# Pelican's own context, and the one Jinja global a module reads back through the context
# (site/jsonld.py: the images plugin's gambar_url, to point at a published derivative).
PELICAN_CONTEXT = {"articles", "pages", "hidden_pages", "static_links", "drafts", "dates",
                   "tags", "categories", "authors", "gambar_url",
                   "localsiteurl", "output_file"}  # set per page by Pelican's writer
# Pelican's settings that it reads under a computed name (urlwrappers.py: <CLASS>_REGEX_SUBSTITUTIONS),
# so they are not in its DEFAULT_CONFIG.
PELICAN_COMPUTED = {"AUTHOR_REGEX_SUBSTITUTIONS", "TAG_REGEX_SUBSTITUTIONS",
                    "CATEGORY_REGEX_SUBSTITUTIONS"}


def _holder(node) -> bool:
    return ast.unparse(node).endswith(("settings", "context"))


def _key(node) -> tuple[str, str] | None:
    """("literal", text) or ("registry", constant name) for a key expression."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return "literal", node.value
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
            and node.value.id == "keys":
        return "registry", node.attr
    return None


def _uses():
    """(file:line, kind, key) of every settings or context access in the package."""
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            found = None
            if isinstance(node, ast.Subscript) and _holder(node.value):
                found = _key(node.slice)
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and _holder(node.func.value) and node.func.attr in ("get", "setdefault", "pop") \
                    and node.args:
                found = _key(node.args[0])
            elif isinstance(node, ast.Compare) and any(_holder(c) for c in node.comparators):
                found = _key(node.left)
            elif isinstance(node, ast.Dict) and path.name == "settings.py":
                for item in node.keys:
                    if item is not None and _key(item) and _key(item)[0] == "registry":
                        yield f"{path.relative_to(ROOT)}:{item.lineno}", *_key(item)
            if found:
                yield f"{path.relative_to(ROOT)}:{node.lineno}", *found


def test_every_settings_key_is_registered():
    constants = {name: value for name, value in vars(keys).items() if isinstance(value, str)}
    wrong = [f"{where}: {kind} {key}" for where, kind, key in _uses()
             if (kind == "registry" and constants.get(key) not in keys.KEYS)
             or (kind == "literal" and key not in DEFAULT_CONFIG and key not in PELICAN_CONTEXT
                 and key not in PELICAN_COMPUTED)]
    assert wrong == []


def test_kp_literals_live_only_in_keys_py():
    found = [f"{p.relative_to(ROOT)}: {m}" for p in sorted(PACKAGE.rglob("*.py"))
             if p.name != "keys.py"
             for m in re.findall(r"[\"']KP_[A-Z_]*[\"']", p.read_text(encoding="utf-8"))]
    assert found == []


def test_templates_use_registered_keys():
    found = {m for p in TEMPLATES.rglob("*.html")
             for m in re.findall(r"\bKP_[A-Z_]+\b", p.read_text(encoding="utf-8"))}
    assert found and found <= set(keys.KEYS)


def _mentions(module: str, key: keys.Key) -> bool:
    path = ROOT / module if module.endswith((".py", "templates")) and "/" not in module \
        else ROOT / module if module.startswith("themes") else PACKAGE / module
    if path.is_dir():
        return any(re.search(rf"\b{key.name}\b", p.read_text(encoding="utf-8"))
                   for p in path.rglob("*.html"))
    text = path.read_text(encoding="utf-8")
    if path.name == "pelicanconf.py":
        return re.search(rf"^{key.name} = ", text, re.M) is not None
    constant = next(name for name, value in vars(keys).items() if value == key.name)
    return f"keys.{constant}" in text


@pytest.mark.parametrize("key", list(keys.KEYS.values()), ids=list(keys.KEYS))
def test_writers_and_readers_are_true(key):
    """Each module the registry names does use the key; none is written without a reader."""
    assert key.kind in ("input", "run", "context", "knob")
    assert key.writes and key.reads and key.meaning
    assert [m for m in key.writes + key.reads if not _mentions(m, key)] == []


def test_no_retired_key():
    pattern = re.compile(r"\b(%s)\b" % "|".join(keys.RETIRED))
    found = [where for where, kind, key in _uses() if kind == "literal" and key in keys.RETIRED]
    found += [conf for conf in ("pelicanconf.py", "publishconf.py")
              if re.search(r"^(%s) = " % "|".join(keys.RETIRED),
                           (ROOT / conf).read_text(encoding="utf-8"), re.M)]
    found += [str(p.relative_to(ROOT)) for p in TEMPLATES.rglob("*.html")
              if pattern.search(p.read_text(encoding="utf-8"))]
    assert found == []
    with pytest.raises(UsageError) as exc:
        keys.check_retired({"GAMBAR_LEBAR": [360]})
    assert str(exc.value) == "pelicanconf.py: GAMBAR_LEBAR diganti KP_IMAGE_WIDTHS — ganti namanya"


def test_architecture_lists_every_key():
    doc = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    start, end = "<!-- keys: from kelurahan/keys.py -->\n", "\n<!-- /keys -->"
    assert doc[doc.index(start) + len(start):doc.index(end)] == keys.table()
