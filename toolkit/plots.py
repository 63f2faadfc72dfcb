"""One figure style for the whole series, and the one function that writes figures.

Every figure is saved by :func:`save_figure` as ``figures/NN-name.png`` at :data:`DPI`, so a
figure's file name says which notebook made it (``02-entities-by-outlet.png``).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import matplotlib

__all__ = ["DPI", "STYLE", "figures_dir", "save_figure", "use_style", "outlet_colors"]

DPI = 150
STYLE = {
    "figure.figsize": (8.0, 4.5),
    "figure.dpi": 100,
    "savefig.dpi": DPI,
    "savefig.bbox": "tight",
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.labelsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "legend.frameon": False,
    "image.cmap": "viridis",
    "date.converter": "concise",  # short, non-overlapping date ticks
    "axes.prop_cycle": matplotlib.cycler(
        color=["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666", "#1f78b4"]
    ),
    "svg.hashsalt": "media-toolkit",  # stable output for identical figures
}
_NAME = re.compile(r"^\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*$")


def use_style() -> None:
    """Apply the series style (called on import of this module, and safe to call again)."""
    matplotlib.rcParams.update(STYLE)


def figures_dir() -> Path:
    """``$TOOLKIT_FIGURES_DIR``, else ``figures/`` in the project folder above the working directory."""
    env = os.environ.get("TOOLKIT_FIGURES_DIR")
    if env:
        path = Path(env)
    else:
        here = Path.cwd().resolve()
        root = next((p for p in (here, *here.parents) if (p / "pyproject.toml").exists()), here)
        path = root / "figures"
    path.mkdir(parents=True, exist_ok=True)
    return path


def save_figure(fig, name: str) -> Path:
    """Save ``fig`` as ``figures/<name>.png`` in the series style and return the path.

    ``name`` is ``NN-words-with-dashes`` where NN is the notebook number, e.g.
    ``"01-articles-per-week"``.
    """
    if not _NAME.match(name):
        raise ValueError(f"figure name {name!r} must look like '01-articles-per-week' (notebook number, dashes).")
    path = figures_dir() / f"{name}.png"
    fig.savefig(path, dpi=DPI, bbox_inches="tight", metadata={"Software": None})
    return path


#: the NewsArticles outlets, each with its own colour whichever subset a figure shows
KNOWN_OUTLETS = ("abcnews.go.com", "aljazeera.com", "bbc.co.uk", "cnn.com", "dw.com", "europe.chinadaily.com.cn",
                 "huffingtonpost.com", "rte.ie", "tass.com")


def outlet_colors(outlets) -> dict[str, str]:
    """A fixed colour per outlet, the same in every figure of the series: the NewsArticles
    outlets keep theirs whatever subset is shown; other outlets follow in sorted order."""
    cycle = STYLE["axes.prop_cycle"].by_key()["color"]
    others = sorted(set(outlets) - set(KNOWN_OUTLETS))
    index = {o: i for i, o in enumerate((*KNOWN_OUTLETS, *others))}
    return {o: cycle[index[o] % len(cycle)] for o in outlets}


use_style()
