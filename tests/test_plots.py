from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from PIL import Image  # noqa: E402

from toolkit.plots import DPI, outlet_colors, save_figure  # noqa: E402


def test_save_figure_writes_named_png_at_fixed_dpi(tmp_path, monkeypatch):
    monkeypatch.setenv("TOOLKIT_FIGURES_DIR", str(tmp_path))
    fig, ax = plt.subplots(figsize=(4, 2))
    ax.plot([0, 1], [1, 0])
    path = save_figure(fig, "01-articles-per-week")
    assert path == tmp_path / "01-articles-per-week.png"
    dpi = Image.open(path).info["dpi"]
    assert round(dpi[0]) == DPI


@pytest.mark.parametrize("bad", ["articles", "1-x", "01_articles", "01-Articles", "01-a.png"])
def test_save_figure_rejects_names_outside_the_convention(tmp_path, monkeypatch, bad):
    monkeypatch.setenv("TOOLKIT_FIGURES_DIR", str(tmp_path))
    with pytest.raises(ValueError, match="must look like"):
        save_figure(plt.figure(), bad)


def test_outlet_colours_are_stable_whatever_the_order_or_subset():
    assert outlet_colors(["b", "a", "c"]) == outlet_colors(["c", "b", "a"])
    everyone = outlet_colors(["tass.com", "bbc.co.uk", "rte.ie", "cnn.com"])
    assert outlet_colors(["tass.com", "cnn.com"]) == {k: everyone[k] for k in ("tass.com", "cnn.com")}
