"""The package's own source: checks that no reading of it at run time can make."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "assistant"


def _top_level_names(tree: ast.Module) -> Counter[str]:
    names: Counter[str] = Counter()
    for node in tree.body:
        if isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names[node.target.id] += 1
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names[node.name] += 1
    return names


def test_each_module_defines_a_top_level_name_once():
    # A second `_CLAUSE_BREAK = ...` further down a module silently replaces the first for every function that reads
    # it, the ones written for the first included.
    twice = {
        str(path.relative_to(PACKAGE)): sorted(name for name, n in _top_level_names(ast.parse(path.read_text(encoding="utf-8"))).items() if n > 1)
        for path in sorted(PACKAGE.rglob("*.py"))
    }
    assert {path: names for path, names in twice.items() if names} == {}
