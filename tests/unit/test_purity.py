"""The code's shape: model/ is pure (no textual, no scikit-learn until a reference is asked for), the wording and the
records need no Textual, the files need nothing of the app, no module imports one that imports it back, and no file
is over 300 lines."""

import ast
import subprocess
import sys
from pathlib import Path

MODEL = Path(__file__).resolve().parents[2] / "model"


def test_no_module_in_model_imports_textual_or_tui():
    for path in MODEL.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            for name in names:
                assert name.split(".")[0] not in ("textual", "rich", "tui"), f"{path.name} imports {name}"


def test_training_loads_neither_textual_nor_sklearn():
    code = "import sys, model; model.train(model.Config.of('noisy')); print(sorted({m.split('.')[0] for m in sys.modules}))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "'textual'" not in loaded and "'sklearn'" not in loaded


def test_the_bench_scripts_import():
    """`make bench` is not run by the suite; at least its modules must load against today's model."""
    import importlib

    for name in ("tests.bench", "tests.bench_tui", "tests.bench_class", "tests.stress", "tests.plain_loop", "tests.bare_app"):
        importlib.import_module(name)


ROOT = MODEL.parent
LONGEST = 300
"""Lines a file may have: past them, it is split by job."""


def test_no_file_is_longer_than_its_one_job_needs():
    lengths = {p.relative_to(ROOT): len(p.read_text().splitlines()) for d in ("model", "tui", "tests") for p in (ROOT / d).rglob("*.py")}
    assert {str(path): n for path, n in lengths.items() if n > LONGEST} == {}


def _imports() -> dict[str, set[str]]:
    """Each module of model/ and tui/ with the modules of ours it imports, wherever the import is written: at the top,
    inside a function or under TYPE_CHECKING."""
    paths = {
        ".".join(p.with_suffix("").relative_to(ROOT).parts).removesuffix(".__init__"): p
        for d in ("model", "tui")
        for p in (ROOT / d).rglob("*.py")
    }
    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        found = set()
        for node in ast.walk(ast.parse(path.read_text())):
            targets = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module:
                targets = [f"{node.module}.{a.name}" for a in node.names] + [node.module]
            for target in targets:
                while target and target not in paths:
                    target = target.rpartition(".")[0]
                if target and target != name and not name.startswith(target + "."):  # a package's own __init__ is no cycle
                    found.add(target)
        graph[name] = found
    return graph


def test_no_module_imports_one_that_imports_it_back_by_any_path():
    graph = _imports()

    def reaches(start: str, goal: str) -> list[str] | None:
        seen, paths = {start}, [[start]]
        while paths:
            path = paths.pop()
            for following in sorted(graph[path[-1]]):
                if following == goal:
                    return [*path, goal]
                if following not in seen:
                    seen.add(following)
                    paths.append([*path, following])
        return None

    for name in graph:
        cycle = reaches(name, name)
        assert cycle is None, " → ".join(cycle)


def test_the_wording_and_the_records_need_no_textual():
    graph = _imports()
    for name, imported in graph.items():
        if name.startswith(("tui.wording", "tui.records", "model")):
            assert not any(i.startswith(("tui.app.screens", "tui.app.widgets", "tui.app.debugger")) for i in imported), name
    for path in [*(ROOT / "tui" / "wording").rglob("*.py"), *(ROOT / "tui" / "records").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom | ast.Import):
                names = [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
                assert not any(n.split(".")[0] in ("textual", "rich") for n in names), f"{path.name} imports {names}"


def test_the_files_and_the_records_import_nothing_of_the_app():
    """A saved session or a lesson is read, written and checked without the debugger: `tui.formats` and the records it
    keeps (`tui.records`) never import `tui.app`, even under TYPE_CHECKING or inside a function."""
    for name, imported in _imports().items():
        if name.startswith(("tui.formats", "tui.records")):
            assert not any(i == "tui.app" or i.startswith("tui.app.") for i in imported), f"{name} imports {sorted(imported)}"
