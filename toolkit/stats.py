"""Statistics shared by the extractors' comparisons."""

from __future__ import annotations

import numpy as np

__all__ = ["log_odds_dirichlet"]


def log_odds_dirichlet(y_a, y_b, alpha):
    """Weighted log-odds ratio with an informative Dirichlet prior, its variance and z-score.

    Monroe, Colaresi & Quinn (2008), *Fightin' Words*, Political Analysis 16(4), §3.5. For each
    term *w* with counts ``y_a``, ``y_b`` (totals *n_a*, *n_b*) and prior pseudo-counts
    ``alpha`` (sum *α0*)::

        δ_w  = log((y_a+α_w) / (n_a+α0−y_a−α_w)) − log((y_b+α_w) / (n_b+α0−y_b−α_w))
        σ²_w ≈ 1/(y_a+α_w) + 1/(y_b+α_w)        z_w = δ_w / σ_w

    Arguments are aligned arrays or Series; returns ``(delta, var, z)`` of the same shape.
    """
    a0 = alpha.sum()
    n_a, n_b = y_a.sum(), y_b.sum()
    delta = np.log((y_a + alpha) / (n_a + a0 - y_a - alpha)) - np.log((y_b + alpha) / (n_b + a0 - y_b - alpha))
    var = 1.0 / (y_a + alpha) + 1.0 / (y_b + alpha)
    return delta, var, delta / np.sqrt(var)
