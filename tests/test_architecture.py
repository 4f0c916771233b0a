"""The package's shape, drawn from the code: no import cycle, the stages in the order of the flow,
one definition of each shared fact (docs/architecture.md)."""

from __future__ import annotations

import ast
import datetime as dt
import importlib
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "kelurahan"
# The flow: a module may import its own stage and earlier ones, never a later one. Root modules
# (errors, clock, output, keys, fingerprint and the package itself) are shared by every stage
# and import no stage; the command line drives them all.
STAGES = ["", "content", "site", "city", "publish", "tools"]
TOP = {"kelurahan.cli", "kelurahan.__main__"}


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The package's modules ``name`` imports, at the top or inside a function."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{name}: relative import (imports are absolute)"
            targets = [f"{node.module}.{a.name}" for a in node.names]
        else:
            continue
        for target in targets:
            if not target.startswith("kelurahan"):
                continue
            while target not in modules and "." in target:
                target = target.rsplit(".", 1)[0]
            if target != name:
                out.add(target)
    return out


def graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(name, path, modules) for name, path in modules.items()}


def _stage(module: str) -> int:
    parts = module.split(".")
    return STAGES.index(parts[1]) if len(parts) > 2 and parts[1] in STAGES else 0


def test_no_import_cycle():
    edges = graph()
    state: dict[str, int] = {}
    cycles = []

    def visit(node, trail):
        state[node] = 1
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                cycles.append(trail[trail.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node, [node])
    assert cycles == []


def test_stages_import_only_earlier_stages():
    wrong = [f"{module} ({STAGES[_stage(module)] or 'root'}) imports {target} "
             f"({STAGES[_stage(target)] or 'root'})"
             for module, targets in graph().items() if module not in TOP
             for target in sorted(targets)
             if target not in ("kelurahan",) and _stage(target) > _stage(module)
             or (target in TOP)]
    assert wrong == []


def test_no_module_global_is_rebound_outside_its_worker_set_up():
    """State shared through module globals is how the manifest plugin once reached the build;
    the one global statement left sets a worker's queue in the pool's initializer."""
    found = sorted(f"{path.relative_to(ROOT)}:{node.lineno}"
                   for path in PACKAGE.rglob("*.py")
                   for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                   if isinstance(node, ast.Global))
    assert [f.split(":")[0] for f in found] == ["kelurahan/site/speed.py"]


def test_every_plugin_imports():
    """Pelican only warns about a plugin it cannot load (and the build goes on without it): a
    moved module must not leave a stale string in PLUGINS."""
    from pelican.settings import read_settings

    for conf in ("pelicanconf.py", "publishconf.py"):
        plugins = read_settings(str(ROOT / conf))["PLUGINS"]
        assert plugins, conf
        for plugin in plugins:
            module = importlib.import_module(plugin)
            assert callable(getattr(module, "register", None)), plugin


def _code_files():
    yield from (p for p in PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("pattern,home", [
    (r"timedelta\(hours=7\)", "kelurahan/clock.py"),
    (r"SOURCE_DATE_EPOCH\"", "kelurahan/clock.py"),
    (r"\"KELURAHAN_URL\"", "kelurahan/site/addresses.py"),
    (r"semua\.atom\.xml|pilar/\{key\}\.atom|acara\.ics", "kelurahan/site/addresses.py"),
    (r"\.kp-(build|portal|portal-files)\.json", "kelurahan/output.py"),
    (r"\"manifest\.json\"", "kelurahan/output.py"),
])
def test_one_definition(pattern, home):
    """WIB, the source time, the base URL's variable, feed paths and stamp names each have one home."""
    found = sorted({str(p.relative_to(ROOT)) for p in _code_files()
                    if re.search(pattern, p.read_text(encoding="utf-8"))})
    assert found == [home]


def test_templates_take_feed_paths_from_addresses():
    templates = ROOT / "themes" / "kelurahan" / "templates"
    found = [str(p.relative_to(templates)) for p in templates.rglob("*.html")
             if re.search(r"\.atom\.xml|acara\.ics", p.read_text(encoding="utf-8"))]
    assert found == []


def test_pelican_timezone_is_wib():
    """pelicanconf.py's TIMEZONE (Pelican's own dates) and clock.WIB agree."""
    from zoneinfo import ZoneInfo

    from pelican.settings import read_settings

    from kelurahan.clock import WIB

    zone = ZoneInfo(read_settings(str(ROOT / "pelicanconf.py"))["TIMEZONE"])
    moment = dt.datetime(2026, 1, 1, 12)
    assert moment.replace(tzinfo=zone).utcoffset() == moment.replace(tzinfo=WIB).utcoffset()
