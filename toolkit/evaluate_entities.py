"""Score entity salience against the hand-annotated gold set in ``data/gold/entities/``.

The gold set (``top3.csv``, guidelines in ``guidelines.md``) names the three most salient
entities of 44 case-study articles; ``top3_heldout.csv`` of 12 more, annotated later.  :func:`score_top3` reports how many of them the toolkit
ranks in its own top 3 and top 5.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from toolkit.entities import canonical_key

__all__ = ["GOLD", "HELDOUT", "load_gold", "score_top3"]

#: The gold top-3 table.
GOLD = Path(__file__).resolve().parents[1] / "data" / "gold" / "entities" / "top3.csv"
#: 12 further articles annotated after the canonicalisation fixes (see the guidelines).
HELDOUT = GOLD.with_name("top3_heldout.csv")


def load_gold(path: str | Path = GOLD, *, corpus: pd.DataFrame | None = None) -> pd.DataFrame:
    """Read the gold table (``doc_id``, ``outlet``, ``text_sha256``, ``rank``, ``entity``).

    With ``corpus``, every gold article must be in it with the same cleaned text: a missing
    article or a changed sha256 raises ``ValueError`` naming the document (re-check its
    annotation before scoring).
    """
    gold = pd.read_csv(path, dtype={"doc_id": str, "entity": str, "text_sha256": str, "outlet": str})
    gold["rank"] = gold["rank"].astype("int64")
    if corpus is not None:
        texts = dict(zip(corpus["doc_id"].astype(str), corpus["text"]))
        for doc_id, sha in gold.drop_duplicates("doc_id")[["doc_id", "text_sha256"]].itertuples(index=False):
            if doc_id not in texts:
                raise ValueError(f"gold document {doc_id!r} is not in the corpus.")
            got = hashlib.sha256(texts[doc_id].encode("utf-8")).hexdigest()
            if got != sha:
                raise ValueError(f"gold document {doc_id!r}: the cleaned text changed (sha256 {got[:12]}…); re-check it.")
    return gold


def score_top3(salience_df: pd.DataFrame, gold: pd.DataFrame, *, ks=(3, 5)) -> dict:
    """Share of gold top-3 entities found in the toolkit's top k, for each k in ``ks``.

    Entities are compared by :func:`toolkit.entities.canonical_key` (case, periods and hyphens
    ignored).  Returns ``{"top3_in_top3": …, "top3_in_top5": …, "articles": n, "gold": rows,
    "per_article": DataFrame}``; the shares are micro-averages over gold rows, and
    ``per_article`` has ``doc_id``, ``outlet``, ``gold``, ``toolkit_top5`` and one
    ``hits_top{k}`` column per k.
    """
    sal = salience_df.assign(_key=salience_df["entity"].map(canonical_key))
    gold = gold.assign(_key=gold["entity"].map(canonical_key))
    result: dict = {"articles": int(gold["doc_id"].nunique()), "gold": int(len(gold))}
    per = []
    for doc_id, g in gold.groupby("doc_id", sort=False):
        s = sal[sal["doc_id"] == doc_id].sort_values("rank")
        row = {"doc_id": doc_id, "outlet": g["outlet"].iloc[0] if "outlet" in g else "",
               "gold": " | ".join(g.sort_values("rank")["entity"]),
               "toolkit_top5": " | ".join(s[s["rank"] <= 5]["entity"])}
        for k in ks:
            top = set(s.loc[s["rank"] <= k, "_key"])
            row[f"hits_top{k}"] = int(g["_key"].isin(top).sum())
        per.append(row)
    per_df = pd.DataFrame(per)
    for k in ks:
        result[f"top3_in_top{k}"] = float(per_df[f"hits_top{k}"].sum() / len(gold)) if len(gold) else float("nan")
    result["per_article"] = per_df
    return result
