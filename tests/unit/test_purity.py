"""model/ is pure: no textual anywhere, no scikit-learn until a reference is asked for."""

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

    for name in ("tests.bench", "tests.bench_tui", "tests.stress", "tests.plain_loop", "tests.bare_app"):
        importlib.import_module(name)
