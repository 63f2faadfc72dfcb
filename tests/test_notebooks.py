"""Every notebook follows the series template (see CONTRIBUTING.md)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("[0-9][0-9]-*.ipynb"))
SECTIONS = ["## Learning goals", "## Theory", "## Practice", "## Your turn", "## Solutions", "## Summary", "## References"]


def test_the_series_exists():
    names = [p.name for p in NOTEBOOKS]
    assert names[:2] == ["00-start-here.ipynb", "01-corpus.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_follows_the_template(path):
    nb = nbformat.read(path, as_version=4)
    cells = nb.cells
    first = cells[0]
    assert first.cell_type == "markdown"
    assert re.match(rf"# {path.name[:2]} · \S", first.source), "title '# NN · Title'"
    assert "**Aim" in first.source and "**Prerequisites" in first.source and "**Time" in first.source
    markdown = "\n".join(c.source for c in cells if c.cell_type == "markdown")
    positions = [markdown.find(s) for s in SECTIONS]
    assert all(p >= 0 for p in positions), f"missing: {[s for s, p in zip(SECTIONS, positions) if p < 0]}"
    assert positions == sorted(positions), "sections in template order"

    params = [c for c in cells if c.cell_type == "code" and "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1, "exactly one cell tagged 'parameters'"
    tree = ast.parse(params[0].source)
    names = [t.id for node in tree.body if isinstance(node, ast.Assign) for t in node.targets]
    assert all(isinstance(node, ast.Assign) for node in tree.body), "parameters cell holds assignments only"
    assert names and all(n.isupper() for n in names)
    assert {"CORPUS", "SEED"} <= set(names)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_has_no_helper_code_and_stored_outputs(path):
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    for c in code:
        tree = ast.parse("\n".join(l for l in c.source.splitlines() if not l.lstrip().startswith(("%", "!"))))
        defs = [n.name for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.ClassDef))]
        assert not defs, f"helper code belongs in toolkit/, found {defs}"
    assert any(c.outputs for c in code), "outputs are committed"
    assert not any(o.get("output_type") == "error" for c in code for o in c.outputs)
    figures = re.findall(r'save_figure\([^,]+,\s*"([^"]+)"', "\n".join(c.source for c in code))
    assert all(f.startswith(path.name[:3]) for f in figures), "figures are named after their notebook"
