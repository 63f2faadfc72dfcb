"""Score attributions against the project's gold standard (``data/gold/sources``).

Matching rule (documented in ``data/gold/sources/GUIDELINES.md`` §7): a predicted and a gold
attribution *match* when they belong to the same document and their content spans overlap by
at least ``min_overlap`` (default 0.5) of the **shorter** span. Matching is one-to-one and
greedy over the eligible pairs, highest intersection-over-union first (so nested attributions —
an outer "according to" and an inner "X said" — pair with their own counterparts). From the
matches:

* detection precision, recall and F1, for all kinds together (kind-agnostic matching) and per
  kind (both sides restricted to that kind);
* speaker accuracy on matched pairs (:func:`same_speaker`);
* end-to-end F1: a match counts only if the speaker agrees as well;
* agreement between two annotators is the same computation with annotator A as reference
  (F1 is symmetric), plus Cohen's κ on ``kind`` and ``speaker_type`` of matched pairs.

Gold files store ids, offsets, labels and the sha256 of the cleaned text, never the text; a
changed text (different sha256) raises instead of silently mis-scoring.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = ["GOLD_DIR", "agreement", "gold_articles", "load_gold", "match", "same_speaker", "score",
           "score_table"]

GOLD_DIR = Path(__file__).resolve().parents[1] / "data" / "gold" / "sources"
KINDS = ("direct", "indirect", "mixed")
_TITLES = {"mr", "mrs", "ms", "dr", "prof", "president", "gen", "general", "sir", "the", "a", "an", "ayatollah",
           "secretary", "minister", "colonel", "col", "sen", "senator", "rep", "gov", "governor", "mrde"}


def gold_articles(gold_dir: str | Path = GOLD_DIR) -> pd.DataFrame:
    """``articles.csv``: ``doc_id``, ``outlet``, ``split`` (dev/test), ``double`` (0/1)."""
    return pd.read_csv(Path(gold_dir) / "articles.csv", dtype={"doc_id": str, "outlet": str, "split": str, "double": int})


def load_gold(name: str = "annotator_a", *, gold_dir: str | Path = GOLD_DIR, corpus: pd.DataFrame | None = None) -> pd.DataFrame:
    """Read ``<name>.jsonl``; with ``corpus``, check every ``text_sha256`` against the cleaned text."""
    path = Path(gold_dir) / f"{name}.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    df = pd.DataFrame(rows)
    df["doc_id"] = df["doc_id"].astype(str)
    for c in ("content_start", "content_end"):
        df[c] = df[c].astype("int64")
    if corpus is not None:
        texts = corpus.set_index("doc_id")["text"]
        for doc_id, sha in df[["doc_id", "text_sha256"]].drop_duplicates().itertuples(index=False):
            if doc_id not in texts.index:
                raise ValueError(f"{path}: article {doc_id} is not in the corpus passed; held-out sets 12 and later "
                                 "lie outside the case study, so pass load_dataset('newsarticles') or select the articles "
                                 "of this gold file with gold_articles()")
            got = hashlib.sha256(texts[doc_id].encode("utf-8")).hexdigest()
            if got != sha:
                raise ValueError(f"{path}: text of {doc_id} changed since annotation (sha256 {got[:12]}… ≠ {sha[:12]}…)")
    return df


def _norm_name(s: str) -> list[str]:
    s = str(s).lower().replace("\u2019", "'")
    s = re.sub(r"'s\b", "", s)
    toks = re.findall(r"[\w\ufffd]+", s)
    return [t for t in toks if t not in _TITLES]


def same_speaker(pred: str, gold: str) -> bool:
    """Names agree after normalisation (case, titles, possessives, punctuation dropped) when they
    are equal or every token of the shorter one occurs in the longer (``Kirby`` = ``John Kirby``)."""
    p, g = _norm_name(pred), _norm_name(gold)
    if not p or not g:
        return not p and not g
    if p == g:
        return True
    short, long_ = (p, g) if len(p) <= len(g) else (g, p)
    return set(short) <= set(long_)


def match(pred: pd.DataFrame, gold: pd.DataFrame, *, min_overlap: float = 0.5) -> list[tuple[int, int]]:
    """One-to-one matches ``(pred index, gold index)`` by content-span overlap (see module doc)."""
    pairs = []
    gold_by_doc = {d: g for d, g in gold.groupby("doc_id")}
    for doc_id, p in pred.groupby("doc_id"):
        g = gold_by_doc.get(doc_id)
        if g is None:
            continue
        for i, (ps, pe) in zip(p.index, zip(p["content_start"], p["content_end"])):
            for j, (gs, ge) in zip(g.index, zip(g["content_start"], g["content_end"])):
                inter = min(pe, ge) - max(ps, gs)
                if inter <= 0:
                    continue
                shorter = max(1, min(pe - ps, ge - gs))
                ov = inter / shorter
                if ov >= min_overlap:
                    iou = inter / (max(pe, ge) - min(ps, gs))
                    pairs.append((iou, ov, i, j))
    # eligible pairs (overlap >= min_overlap of the shorter span) are taken greedily by
    # intersection-over-union, so nested attributions pair with their own counterparts
    pairs.sort(key=lambda x: (-x[0], -x[1]))
    used_p, used_g, out = set(), set(), []
    for _, _, i, j in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        out.append((i, j))
    return out


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else float("nan")
    r = tp / n_gold if n_gold else float("nan")
    f = 2 * p * r / (p + r) if n_pred and n_gold and (p + r) else (0.0 if n_pred and n_gold else float("nan"))
    return p, r, f


def score(pred: pd.DataFrame, gold: pd.DataFrame, *, doc_ids=None, min_overlap: float = 0.5) -> dict:
    """Scores of ``pred`` against ``gold`` on ``doc_ids`` (default: the gold documents).

    Returns a dict with ``precision``/``recall``/``f1`` (all kinds), ``<kind>_precision``…
    per kind, ``speaker_accuracy`` (on matched pairs), ``e2e_precision``/``e2e_recall``/
    ``e2e_f1``, ``kind_accuracy`` (matched pairs with the same kind), counts ``n_pred``,
    ``n_gold``, ``n_match`` and ``matches`` (a DataFrame of the matched pairs).
    """
    if doc_ids is None:
        doc_ids = sorted(set(gold["doc_id"]))
    doc_ids = set(map(str, doc_ids))
    pred = pred[pred["doc_id"].astype(str).isin(doc_ids)].reset_index(drop=True)
    gold = gold[gold["doc_id"].astype(str).isin(doc_ids)].reset_index(drop=True)
    out: dict = {"n_pred": len(pred), "n_gold": len(gold)}
    pairs = match(pred, gold, min_overlap=min_overlap)
    out["n_match"] = len(pairs)
    out["precision"], out["recall"], out["f1"] = _prf(len(pairs), len(pred), len(gold))
    same = [same_speaker(pred.at[i, "speaker_name"], gold.at[j, "speaker_name"]) for i, j in pairs]
    out["speaker_accuracy"] = float(np.mean(same)) if same else float("nan")
    tp_e2e = int(np.sum(same))
    out["e2e_precision"], out["e2e_recall"], out["e2e_f1"] = _prf(tp_e2e, len(pred), len(gold))
    kinds_same = [pred.at[i, "kind"] == gold.at[j, "kind"] for i, j in pairs]
    out["kind_accuracy"] = float(np.mean(kinds_same)) if kinds_same else float("nan")
    for k in KINDS:
        pk, gk = pred[pred["kind"] == k], gold[gold["kind"] == k]
        mk = match(pk, gk, min_overlap=min_overlap)
        out[f"{k}_precision"], out[f"{k}_recall"], out[f"{k}_f1"] = _prf(len(mk), len(pk), len(gk))
        out[f"{k}_n_gold"] = len(gk)
    m = pd.DataFrame(
        [{"doc_id": gold.at[j, "doc_id"], "pred": i, "gold": j,
          "pred_kind": pred.at[i, "kind"], "gold_kind": gold.at[j, "kind"],
          "pred_speaker": pred.at[i, "speaker_name"], "gold_speaker": gold.at[j, "speaker_name"],
          "speaker_ok": s} for (i, j), s in zip(pairs, same)]
    )
    out["matches"] = m
    out["false_positives"] = pred.drop(index=[i for i, _ in pairs])
    out["false_negatives"] = gold.drop(index=[j for _, j in pairs])
    return out


def score_table(pred: pd.DataFrame, gold: pd.DataFrame, *, doc_ids=None, min_overlap: float = 0.5) -> pd.DataFrame:
    """:func:`score` as a tidy table: ``subset`` (all/direct/indirect/mixed/speaker/end-to-end),
    ``precision``, ``recall``, ``f1``, ``n_gold`` (and ``accuracy`` for the speaker row)."""
    s = score(pred, gold, doc_ids=doc_ids, min_overlap=min_overlap)
    rows = [{"subset": "all", "precision": s["precision"], "recall": s["recall"], "f1": s["f1"], "n_gold": s["n_gold"],
             "accuracy": np.nan}]
    for k in KINDS:
        rows.append({"subset": k, "precision": s[f"{k}_precision"], "recall": s[f"{k}_recall"], "f1": s[f"{k}_f1"],
                     "n_gold": s[f"{k}_n_gold"], "accuracy": np.nan})
    rows.append({"subset": "speaker (matched)", "precision": np.nan, "recall": np.nan, "f1": np.nan,
                 "n_gold": s["n_match"], "accuracy": s["speaker_accuracy"]})
    rows.append({"subset": "end-to-end", "precision": s["e2e_precision"], "recall": s["e2e_recall"], "f1": s["e2e_f1"],
                 "n_gold": s["n_gold"], "accuracy": np.nan})
    return pd.DataFrame(rows)


def _kappa(a: list, b: list) -> float:
    if not a:
        return float("nan")
    labels = sorted(set(a) | set(b))
    a, b = np.array(a), np.array(b)
    po = float(np.mean(a == b))
    pe = sum(float(np.mean(a == l)) * float(np.mean(b == l)) for l in labels)
    return (po - pe) / (1 - pe) if pe < 1 else 1.0


def agreement(a: pd.DataFrame, b: pd.DataFrame, *, doc_ids=None, min_overlap: float = 0.5) -> dict:
    """Inter-annotator agreement of two gold files on ``doc_ids`` (default: documents of ``b``).

    Returns ``f1`` (detection, kind-agnostic), per-kind F1, ``speaker_agreement`` on matched
    pairs, ``e2e_f1``, ``kappa_kind`` and ``kappa_speaker_type`` (Cohen's κ on matched pairs),
    and the counts.
    """
    if doc_ids is None:
        doc_ids = sorted(set(b["doc_id"]))
    s = score(b, a, doc_ids=doc_ids, min_overlap=min_overlap)
    a_ = a[a["doc_id"].isin(set(doc_ids))].reset_index(drop=True)
    b_ = b[b["doc_id"].isin(set(doc_ids))].reset_index(drop=True)
    pairs = match(b_, a_, min_overlap=min_overlap)
    out = {
        "documents": len(set(doc_ids)), "n_a": s["n_gold"], "n_b": s["n_pred"], "n_match": s["n_match"],
        "f1": s["f1"], "direct_f1": s["direct_f1"], "indirect_f1": s["indirect_f1"], "mixed_f1": s["mixed_f1"],
        "speaker_agreement": s["speaker_accuracy"], "e2e_f1": s["e2e_f1"],
        "kappa_kind": _kappa([a_.at[j, "kind"] for _, j in pairs], [b_.at[i, "kind"] for i, _ in pairs]),
        "kappa_speaker_type": _kappa([a_.at[j, "speaker_type"] for _, j in pairs],
                                     [b_.at[i, "speaker_type"] for i, _ in pairs]),
    }
    return out
