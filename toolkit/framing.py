"""Framing: codebooks as data, transparent frame measures, and their validation against manual coding.

A frame "selects some aspects of a perceived reality and makes them more salient in a
communicating text" so as to promote a problem definition, causal interpretation, moral
evaluation and/or treatment recommendation (Entman 1993, p. 52). This module measures frames in
three transparent ways and validates each against manual coding:

* **Lexicon scores** (:func:`lexicon_scores`): hits of a codebook's terms per 1,000 tokens, per
  document or per sentence. By default speech attributed to sources does not count as the
  outlet's own framing (the ``attributions`` table of :mod:`toolkit.sources` when given, else
  quotation marks); every hit is traceable to a codebook entry with :func:`lexicon_hits`.
* **Indicator rules** (:func:`generic_indicators`, :func:`generic_frames`): the twenty
  yes/no questions of Semetko & Valkenburg (2000) operationalised one by one with spaCy
  (named parties, MONEY/PERCENT entities, agent verbs, quotations…) → a binary ``present`` per
  generic frame per article; and a documented rule for the **primary policy frame**
  (:func:`primary_frame`) over the 15 dimensions of the Policy Frames Codebook (Boydstun et al.
  2014; Card et al. 2015).
* **Supervised classifiers** (:func:`make_classifier`, :func:`cross_validate`): TF-IDF +
  logistic regression (optionally with the lexicon/indicator scores as extra features) trained on
  a coded sample, cross-validated with shuffled k-fold or *outlet-disjoint* folds (GroupKFold),
  predictions with probabilities.

Validation (:func:`validate`, :func:`validate_multilabel`, :func:`reliability`) reports per-frame
precision/recall/F1, macro-F1, accuracy, confusion matrices and Krippendorff's α (Krippendorff
2004, 2011; package ``krippendorff``) between coders and between a measure and a coder, with
bootstrap confidence intervals over articles. An unvalidated dictionary score is a number, not
a finding: report these figures next to any result.

Outlet comparison: :func:`frame_prevalence` (bootstrap CIs) and :func:`fightin_words`
(Monroe, Colaresi & Quinn 2008: log-odds ratios with an informative Dirichlet prior, z-scores).
Entity-centric framing: :func:`entity_frames` (verbs of which an entity is agent or patient,
its modifiers and appositions) and :func:`entity_tone` (VADER, Hutto & Gilbert 2014).

Every measure returns a tidy :class:`pandas.DataFrame` whose first column is ``doc_id``; frame
measures carry ``codebook``, ``frame``, ``score`` and, where binary, ``present``.

References
----------
Boydstun, A. E., Card, D., Gross, J. H., Resnik, P., & Smith, N. A. (2014). Tracking the
development of media frames within and across policy issues. APSA annual meeting.
Card, D., Boydstun, A. E., Gross, J. H., Resnik, P., & Smith, N. A. (2015). The Media Frames
Corpus: annotations of frames across issues. ACL-IJCNLP, 438–444.
Entman, R. M. (1993). Framing: toward clarification of a fractured paradigm. Journal of
Communication 43(4), 51–58.
Hutto, C. J., & Gilbert, E. (2014). VADER: a parsimonious rule-based model for sentiment
analysis of social media text. ICWSM.
Krippendorff, K. (2004). Content Analysis: An Introduction to Its Methodology (2nd ed.). Sage.
Krippendorff, K. (2011). Computing Krippendorff's alpha-reliability. Annenberg School for
Communication, University of Pennsylvania.
Monroe, B. L., Colaresi, M. P., & Quinn, K. M. (2008). Fightin' words: lexical feature selection
and evaluation for identifying the content of political conflict. Political Analysis 16(4),
372–403.
Semetko, H. A., & Valkenburg, P. M. (2000). Framing European politics: a content analysis of
press and television news. Journal of Communication 50(2), 93–109.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from toolkit.stats import log_odds_dirichlet

__all__ = [
    "CODEBOOK_DIR",
    "GENERIC_FRAMES",
    "GENERIC_INDICATORS",
    "GOLD_DIR",
    "POLICY_FRAMES",
    "Codebook",
    "CodebookError",
    "analyze_tables",
    "article_features",
    "bootstrap_mean",
    "calibrate_thresholds",
    "codebook_table",
    "compare_groups",
    "cross_validate",
    "cross_validate_thresholds",
    "entity_frames",
    "evaluate_measures",
    "entity_profile",
    "entity_tone",
    "fightin_words",
    "frame_prevalence",
    "frame_table",
    "generic_frames",
    "generic_indicators",
    "krippendorff_alpha",
    "lexicon_hits",
    "lexicon_scores",
    "list_codebooks",
    "load_codebook",
    "load_gold",
    "load_indicator_gold",
    "make_classifier",
    "predict_frames",
    "primary_frame",
    "quote_spans",
    "reliability",
    "term_counts",
    "validate",
    "validate_multilabel",
]

_ROOT = Path(__file__).resolve().parents[1]
#: Built-in codebooks (JSON) shipped with the project.
CODEBOOK_DIR = _ROOT / "data" / "codebooks"
#: Gold frame coding: guidelines, sampled articles, one CSV per coder.
GOLD_DIR = _ROOT / "data" / "gold" / "frames"

#: The 15 dimensions of the Policy Frames Codebook (Boydstun et al. 2014), as slugs.
POLICY_FRAMES = (
    "economic", "capacity_resources", "morality", "fairness_equality", "legality",
    "policy_prescription", "crime_punishment", "security_defense", "health_safety",
    "quality_of_life", "cultural_identity", "public_opinion", "political",
    "external_regulation", "other",
)
#: The five generic news frames of Semetko & Valkenburg (2000).
GENERIC_FRAMES = ("conflict", "human_interest", "economic", "morality", "responsibility")

_PARTY_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
_FIRST_PERSON = frozenset({"i", "we", "my", "our", "me", "us", "myself", "ourselves"})
_MODALS = frozenset({"must", "should", "ought"})
_SLUG = re.compile(r"^[a-z][a-z0-9_]*$")


# =============================================================================== codebooks


class CodebookError(ValueError):
    """A codebook file that cannot be used; the message names the file, the entry and the fix."""


@dataclass
class Frame:
    """One frame of a codebook: ``id``, ``label``, ``definition``, ``source``, ``lexicon``
    (terms), and for indicator codebooks ``indicators`` (dicts with ``id``, ``question``,
    ``rule``, ``lexicon``…) and ``threshold`` (evidence sentences needed for ``present``)."""

    id: str
    label: str
    definition: str = ""
    source: str = ""
    lexicon: list[str] = field(default_factory=list)
    indicators: list[dict] = field(default_factory=list)
    threshold: int | None = None

    @property
    def terms(self) -> list[str]:
        """The frame's own lexicon plus its indicators' lexicons, without duplicates."""
        out = list(self.lexicon)
        for ind in self.indicators:
            out += [t for t in ind.get("lexicon", []) if t not in out]
        return out


@dataclass
class Codebook:
    """A codebook loaded by :func:`load_codebook`; ``frames`` maps frame id → :class:`Frame`."""

    name: str
    title: str
    kind: str
    source: str
    frames: dict[str, Frame]
    path: str = ""
    rules: dict = field(default_factory=dict)

    @property
    def frame_ids(self) -> list[str]:
        return list(self.frames)

    def __repr__(self) -> str:
        return f"<Codebook {self.name!r}: {len(self.frames)} frames, {sum(len(f.terms) for f in self.frames.values())} terms>"


def list_codebooks() -> list[str]:
    """Names of the built-in codebooks in :data:`CODEBOOK_DIR`."""
    return sorted(p.stem for p in CODEBOOK_DIR.glob("*.json"))


def _read_codebook_file(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    if path.suffix.lower() in {".yaml", ".yml"}:
        try:
            import yaml
        except ImportError:  # pragma: no cover - depends on the environment
            raise CodebookError(f"{path}: reading YAML needs PyYAML (pip install pyyaml), or save the codebook as JSON.") from None
        try:
            return yaml.safe_load(text)
        except yaml.YAMLError as e:
            raise CodebookError(f"{path}: not valid YAML ({e}).") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise CodebookError(f"{path}, line {e.lineno}: not valid JSON ({e.msg}).") from None


def load_codebook(codebook: str | Path | Mapping | Codebook) -> Codebook:
    """Load a codebook by built-in name (``"policy_frames"``, ``"generic_frames"``), by path to a
    JSON or YAML file, or from a mapping with the same structure.

    A codebook holds ``name``, ``title``, ``kind`` (``"multiclass"``: one frame per article, or
    ``"multilabel"``: each frame present or not), ``source`` (the literature it follows) and
    ``frames``: a list of ``{"id", "label", "definition", "source", "lexicon": [terms]}``,
    optionally with ``indicators`` and ``threshold`` (see ``data/codebooks/README.md``). Frame
    ids are lower-case slugs. Terms match token text or lemma case-insensitively; ``*`` at the
    end of a word matches any continuation; several words match consecutive tokens.
    """
    if isinstance(codebook, Codebook):
        return codebook
    path = ""
    if isinstance(codebook, Mapping):
        raw, source = dict(codebook), "<mapping>"
    else:
        p = Path(codebook)
        if not p.exists() and (CODEBOOK_DIR / f"{codebook}.json").exists():
            p = CODEBOOK_DIR / f"{codebook}.json"
        if not p.exists():
            raise CodebookError(
                f"codebook {str(codebook)!r} not found: give a path to a .json/.yaml file or one of "
                f"{', '.join(list_codebooks())}."
            )
        raw, source, path = _read_codebook_file(p), str(p), str(p)
    if not isinstance(raw, Mapping):
        raise CodebookError(f"{source}: a codebook is a mapping with 'name' and 'frames'.")
    for key in ("name", "frames"):
        if key not in raw:
            raise CodebookError(f"{source}: missing key {key!r}. A codebook needs 'name' and a list of 'frames'.")
    frames: dict[str, Frame] = {}
    for i, f in enumerate(raw["frames"]):
        where = f"{source}, frame {i + 1}"
        if not isinstance(f, Mapping) or "id" not in f:
            raise CodebookError(f"{where}: each frame needs an 'id' (a lower-case slug such as 'security_defense').")
        fid = str(f["id"])
        if not _SLUG.match(fid):
            raise CodebookError(f"{where}: frame id {fid!r} must be a lower-case slug (letters, digits, underscores).")
        if fid in frames:
            raise CodebookError(f"{where}: duplicate frame id {fid!r}; ids must be unique.")
        lex = f.get("lexicon", []) or []
        if not isinstance(lex, list) or not all(isinstance(t, str) and t.strip() for t in lex):
            raise CodebookError(f"{where} ({fid}): 'lexicon' must be a list of non-empty strings.")
        inds = list(f.get("indicators", []) or [])
        for ind in inds:
            if "id" not in ind or "rule" not in ind:
                raise CodebookError(f"{where} ({fid}): each indicator needs an 'id' and a 'rule'.")
            if ind["rule"] not in _RULES:
                raise CodebookError(
                    f"{where} ({fid}, {ind['id']}): unknown rule {ind['rule']!r}; use one of {', '.join(_RULES)}."
                )
        frames[fid] = Frame(
            id=fid, label=str(f.get("label", fid)), definition=str(f.get("definition", "")),
            source=str(f.get("source", "")), lexicon=[t.strip() for t in lex], indicators=inds,
            threshold=f.get("threshold"),
        )
    if not frames:
        raise CodebookError(f"{source}: 'frames' is empty.")
    kind = str(raw.get("kind", "multilabel"))
    if kind not in {"multiclass", "multilabel"}:
        raise CodebookError(f"{source}: kind {kind!r} must be 'multiclass' or 'multilabel'.")
    return Codebook(name=str(raw["name"]), title=str(raw.get("title", raw["name"])), kind=kind,
                    source=str(raw.get("source", "")), frames=frames, path=path, rules=dict(raw.get("rules", {})))


def codebook_table(codebook) -> pd.DataFrame:
    """One row per frame (and indicator): codebook, frame, label, indicator, question/definition,
    rule, n_terms, source — for documentation and notebooks."""
    cb = load_codebook(codebook)
    rows = []
    for f in cb.frames.values():
        rows.append({"codebook": cb.name, "frame": f.id, "label": f.label, "indicator": "",
                     "text": f.definition, "rule": "lexicon" if not f.indicators else f"≥{f.threshold} sentences",
                     "n_terms": len(f.terms), "source": f.source})
        for ind in f.indicators:
            rows.append({"codebook": cb.name, "frame": f.id, "label": f.label, "indicator": ind["id"],
                         "text": ind.get("question", ""), "rule": ind["rule"],
                         "n_terms": len(ind.get("lexicon", [])), "source": f.source})
    return pd.DataFrame(rows)


# ========================================================================= term matching

_TERM_TOKEN = re.compile(r"[\w.'’]+\*?|[^\w\s]")


def _term_pieces(term: str) -> tuple[str, ...]:
    """Split a term like spaCy splits text (hyphens become their own token)."""
    return tuple(p.lower() for p in _TERM_TOKEN.findall(term.strip()))


class _Matcher:
    """Find the terms of several keyed lexicons in token sequences (text or lemma, ``*`` = prefix)."""

    def __init__(self, lexicons: Mapping[object, Iterable[str]]):
        self.exact: dict[str, list] = defaultdict(list)
        self.prefix: dict[str, list] = defaultdict(list)
        self.short: list = []
        self._memo: dict[tuple[str, str], tuple] = {}
        for key, terms in lexicons.items():
            for term in terms:
                pieces = _term_pieces(term)
                if not pieces:
                    continue
                entry = (key, term, pieces)
                first = pieces[0]
                if first.endswith("*"):
                    stem = first[:-1]
                    (self.prefix[stem[:3]] if len(stem) >= 3 else self.short).append(entry)
                else:
                    self.exact[first].append(entry)

    @staticmethod
    def _ok(piece: str, norm: str, lemma: str) -> bool:
        if piece.endswith("*"):
            stem = piece[:-1]
            return norm.startswith(stem) or lemma.startswith(stem)
        return norm == piece or lemma == piece

    def _candidates(self, norm: str, lemma: str) -> tuple:
        """Lexicon entries that may start at a token, memoised per (form, lemma): most tokens
        start none, and the same words recur throughout a corpus."""
        got = self._memo.get((norm, lemma))
        if got is None:
            cands = self.exact.get(norm, []) + (self.exact.get(lemma, []) if lemma != norm else [])
            cands += self.prefix.get(norm[:3], [])
            if lemma[:3] != norm[:3]:
                cands += self.prefix.get(lemma[:3], [])
            cands += self.short
            got = tuple((key, term, pieces, len(pieces) == 1 and not pieces[0].endswith("*"))
                        for key, term, pieces in cands)
            if len(self._memo) < 200_000:
                self._memo[(norm, lemma)] = got
        return got

    def find(self, norms: Sequence[str], lemmas: Sequence[str]) -> list[tuple[object, str, int, int]]:
        """All matches ``(key, term, start, end)`` (token indices), longest first per key/start;
        overlapping matches of the same key are resolved greedily (longest, then leftmost)."""
        found = []
        n = len(norms)
        ok = self._ok
        for i in range(n):
            for key, term, pieces, single_exact in self._candidates(norms[i], lemmas[i]):
                if single_exact:  # indexed under this very form or lemma: a match
                    found.append((key, term, i, i + 1))
                    continue
                k = len(pieces)
                if i + k > n:
                    continue
                if all(ok(pieces[j], norms[i + j], lemmas[i + j]) for j in range(k)):
                    found.append((key, term, i, i + k))
        # resolve overlaps within a key: longest first, then leftmost; a term counts once per position
        found.sort(key=lambda m: (str(m[0]), -(m[3] - m[2]), m[2]))
        taken: dict[object, np.ndarray] = {}
        out, seen = [], set()
        for key, term, s, e in found:
            used = taken.setdefault(key, np.zeros(n, dtype=bool))
            if used[s:e].any() or (key, s, e) in seen:
                continue
            used[s:e] = True
            seen.add((key, s, e))
            out.append((key, term, s, e))
        out.sort(key=lambda m: (m[2], str(m[0])))
        return out


def _matcher(lexicons: Mapping[object, Iterable[str]]) -> _Matcher:
    """A :class:`_Matcher` for these lexicons, built once per process: measures are called
    batch by batch, and the matcher's memo of candidates pays off over the whole corpus."""
    return _matcher_for(tuple((key, tuple(terms)) for key, terms in lexicons.items()))


@lru_cache(maxsize=16)
def _matcher_for(lexicons: tuple) -> _Matcher:
    return _Matcher(dict(lexicons))


_WORD_RE = re.compile(r"[\w.'’]+|[^\w\s]")


def _simple_tokens(text: str) -> list[str]:
    return [t.lower() for t in _WORD_RE.findall(text or "")]


# ====================================================================== parsed documents


def _iter_docs(parsed) -> Iterable[tuple[str, object]]:
    """``(doc_id, Doc)`` pairs from a :class:`toolkit.nlp.Parsed`, a mapping or an iterable of pairs."""
    if isinstance(parsed, Mapping):
        yield from parsed.items()
    else:
        yield from iter(parsed)


def _corpus_of(parsed) -> pd.DataFrame | None:
    return getattr(parsed, "corpus", None)


# Quotations: straight or curly double quotes within one paragraph.
_QUOTE = re.compile(r'"[^"\n]{1,2000}?"|“[^”\n]{1,2000}?”|«[^»\n]{1,2000}?»')


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of quotations in ``text`` (double quotes, curly quotes or
    guillemets, closed within the paragraph). A fallback for attributed speech when no
    ``attributions`` table (``toolkit.sources``) is available."""
    return [(m.start(), m.end()) for m in _QUOTE.finditer(text)]


def _speech_index(attributions: pd.DataFrame | None) -> dict[str, list[tuple[int, int]]] | None:
    if attributions is None:
        return None
    missing = {"doc_id", "content_start", "content_end"} - set(attributions.columns)
    if missing:
        raise ValueError(
            f"attributions table lacks column(s) {', '.join(sorted(missing))}; it needs doc_id, "
            "content_start and content_end (character offsets of the quoted/paraphrased content)."
        )
    idx: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for d, s, e in attributions[["doc_id", "content_start", "content_end"]].itertuples(index=False):
        if pd.notna(s) and pd.notna(e):
            idx[str(d)].append((int(s), int(e)))
    return idx


def _mask_from_spans(starts: np.ndarray, spans: list[tuple[int, int]]) -> np.ndarray:
    mask = np.zeros(len(starts), dtype=bool)
    for s, e in spans:
        mask |= (starts >= s) & (starts < e)
    return mask


@dataclass
class _DocView:
    doc_id: str
    doc: object
    norms: list[str]
    lemmas: list[str]
    starts: np.ndarray
    sent: np.ndarray  # sentence index per token
    sent_bounds: list[tuple[int, int]]  # char spans of sentences
    countable: np.ndarray  # tokens that count towards length (no punctuation / space)
    speech: np.ndarray  # tokens inside attributed speech / quotations
    quoted: np.ndarray  # tokens inside quotation marks (always from the text)
    found: dict = field(default_factory=dict)  # matcher → its matches in this document

    def find(self, matcher: "_Matcher") -> list:
        """``matcher.find`` over this document, once per matcher (the policy lexicon serves both
        the lexicon scores and the primary-frame rule)."""
        if matcher not in self.found:
            self.found[matcher] = matcher.find(self.norms, self.lemmas)
        return self.found[matcher]


def _view(doc_id: str, doc, speech_idx) -> _DocView:
    norms = [t.lower_ for t in doc]
    lemmas = [(t.lemma_ or t.text).lower() for t in doc]
    starts = np.fromiter((t.idx for t in doc), dtype=np.int64, count=len(doc))
    sent = np.zeros(len(doc), dtype=np.int64)
    bounds = []
    for k, s in enumerate(doc.sents):
        sent[s.start : s.end] = k
        bounds.append((s.start_char, s.end_char))
    countable = np.fromiter((not (t.is_punct or t.is_space) for t in doc), dtype=bool, count=len(doc))
    quoted = _mask_from_spans(starts, quote_spans(doc.text))
    speech = _mask_from_spans(starts, speech_idx.get(doc_id, [])) if speech_idx is not None else quoted
    return _DocView(doc_id, doc, norms, lemmas, starts, sent, bounds, countable, speech, quoted)


class _Batch:
    """A slice of parsed documents held in memory with their views, so that several measures
    over the same documents decode each Doc and build each view once (see :func:`frame_table`)."""

    def __init__(self, pairs: list, corpus: pd.DataFrame | None):
        self.pairs = pairs
        self.corpus = corpus
        self.views: dict[tuple, _DocView] = {}

    def __iter__(self):
        return iter(self.pairs)


def _iter_views(parsed, speech_idx) -> Iterable[_DocView]:
    """One :class:`_DocView` per document; a :class:`_Batch` builds each view only once."""
    for doc_id, doc in _iter_docs(parsed):
        doc_id = str(doc_id)
        if not isinstance(parsed, _Batch):
            yield _view(doc_id, doc, speech_idx)
            continue
        key = (doc_id, None if speech_idx is None else tuple(speech_idx.get(doc_id, ())))
        if key not in parsed.views:
            parsed.views[key] = _view(doc_id, doc, speech_idx)
        yield parsed.views[key]


# ======================================================================= lexicon measures


def lexicon_hits(parsed, codebook="policy_frames", *, attributions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every match of a codebook term, so each score can be traced to its terms.

    Columns: ``doc_id`` (str), ``codebook`` (str), ``frame`` (str), ``term`` (str, the codebook
    entry that matched), ``start``/``end`` (int, character offsets in the cleaned text),
    ``sentence`` (int, sentence index in the document), ``in_speech`` (bool: inside attributed
    speech — from ``attributions`` when given, else inside quotation marks).
    """
    cb = load_codebook(codebook)
    matcher = _matcher({f.id: f.terms for f in cb.frames.values()})
    speech_idx = _speech_index(attributions)
    rows = []
    for v in _iter_views(parsed, speech_idx):
        doc = v.doc
        for frame, term, s, e in v.find(matcher):
            rows.append((v.doc_id, cb.name, frame, term, int(doc[s].idx), int(doc[e - 1].idx + len(doc[e - 1].text)),
                         int(v.sent[s]), bool(v.speech[s])))
    return pd.DataFrame(rows, columns=["doc_id", "codebook", "frame", "term", "start", "end", "sentence", "in_speech"])


def lexicon_scores(
    parsed,
    codebook="policy_frames",
    *,
    unit: str = "document",
    attributions: pd.DataFrame | None = None,
    include_speech: bool = False,
    per: float = 1000.0,
) -> pd.DataFrame:
    """Length-normalised lexicon scores per document or per sentence.

    ``score`` = ``hits`` / ``tokens`` × ``per`` (default: hits per 1,000 tokens), where
    ``tokens`` counts words (no punctuation) that are *not* attributed speech unless
    ``include_speech=True``; hits inside attributed speech are left out the same way, so a
    quoted politician's words are not counted as the outlet's framing (cf. Entman 1993 on the
    framing *of the text*). Attributed speech comes from ``attributions`` (columns ``doc_id``,
    ``content_start``, ``content_end``: the ``attributions`` table of ``toolkit.sources``), or,
    when it is ``None``, from quotation marks (:func:`quote_spans`).

    Columns (``unit="document"``, one row per document × frame): ``doc_id`` (str),
    ``codebook`` (str), ``frame`` (str), ``score`` (float), ``hits`` (int), ``tokens`` (int).
    With ``unit="sentence"``: also ``sentence`` (int), ``start``/``end`` (int, character
    offsets of the sentence); only sentence × frame pairs with at least one hit are listed,
    ``tokens`` is the sentence's counted length.
    """
    if unit not in {"document", "sentence"}:
        raise ValueError("unit must be 'document' or 'sentence'")
    cb = load_codebook(codebook)
    frames = cb.frame_ids
    matcher = _matcher({f.id: f.terms for f in cb.frames.values()})
    speech_idx = _speech_index(attributions)
    rows = []
    for v in _iter_views(parsed, speech_idx):
        keep = v.countable if include_speech else (v.countable & ~v.speech)
        matches = [m for m in v.find(matcher) if include_speech or not v.speech[m[2]]]
        if unit == "document":
            n = int(keep.sum())
            c = Counter(m[0] for m in matches)
            for f in frames:
                h = c.get(f, 0)
                rows.append((v.doc_id, cb.name, f, (h / n * per) if n else 0.0, h, n))
        else:
            sent_len = np.bincount(v.sent[keep], minlength=len(v.sent_bounds))
            c = Counter((int(v.sent[m[2]]), m[0]) for m in matches)
            for (k, f), h in sorted(c.items(), key=lambda x: (x[0][0], frames.index(x[0][1]))):
                n = int(sent_len[k])
                s, e = v.sent_bounds[k]
                rows.append((v.doc_id, k, s, e, cb.name, f, (h / n * per) if n else 0.0, h, n))
    if unit == "document":
        cols = ["doc_id", "codebook", "frame", "score", "hits", "tokens"]
    else:
        cols = ["doc_id", "sentence", "start", "end", "codebook", "frame", "score", "hits", "tokens"]
    out = pd.DataFrame(rows, columns=cols)
    return out.astype({"hits": "int64", "tokens": "int64", "score": "float64"})


def primary_frame(
    parsed,
    codebook="policy_frames",
    *,
    attributions: pd.DataFrame | None = None,
    include_speech: bool = False,
    lead_sentences: int = 3,
    lead_weight: float = 2.0,
    relative: bool = False,
    min_hits: int = 1,
    fallback: str = "other",
) -> pd.DataFrame:
    """The primary frame of each article by a documented lexicon rule.

    Rule (mirrors the coding guidelines, ``data/gold/frames/GUIDELINES.md``, which ask
    for the dimension the headline and lead make central): for every frame count its lexicon
    hits in the article (outside attributed speech unless ``include_speech``); hits in the
    title and the first ``lead_sentences`` sentences count ``lead_weight`` times. With
    ``relative=True`` each frame's weighted hits are divided by the frame's mean rate over the
    whole ``parsed`` corpus, so a frame that pervades every article of the corpus (e.g.
    security in war news) must stand out to win. The frame with the highest value is primary;
    ties go to the frame listed first in the codebook; fewer than ``min_hits`` weighted hits
    in total gives ``fallback``.

    Columns: ``doc_id`` (str), ``codebook`` (str), ``frame`` (str, the primary frame),
    ``score`` (float, its share of the article's weighted hits, 0–1), ``present`` (int, always
    1), ``runner_up`` (str), ``margin`` (float, score minus the runner-up's share).
    """
    cb = load_codebook(codebook)
    frames = [f for f in cb.frame_ids]
    matcher = _matcher({f.id: f.terms for f in cb.frames.values()})
    speech_idx = _speech_index(attributions)
    corpus = _corpus_of(parsed)
    titles = dict(zip(corpus["doc_id"].astype(str), corpus["title"].fillna(""))) if corpus is not None and "title" in corpus else {}
    ids, mats, lengths = [], [], []
    for v in _iter_views(parsed, speech_idx):
        w = np.zeros(len(frames))
        for f, _, s, _e in v.find(matcher):
            if not include_speech and v.speech[s]:
                continue
            w[frames.index(f)] += lead_weight if v.sent[s] < lead_sentences else 1.0
        toks = _simple_tokens(titles.get(v.doc_id, ""))
        for f, _, _s, _e in matcher.find(toks, toks):
            w[frames.index(f)] += lead_weight
        ids.append(v.doc_id)
        mats.append(w)
        lengths.append(max(1, int((v.countable if include_speech else v.countable & ~v.speech).sum())))
    W = np.array(mats).reshape(len(ids), len(frames))
    V = W.copy()
    if relative and len(ids):
        rate = (W / np.array(lengths)[:, None]).mean(axis=0)
        V = np.where(rate > 0, W / np.where(rate > 0, rate, 1.0), 0.0)
    rows = []
    for i, d in enumerate(ids):
        tot = V[i].sum()
        if W[i].sum() < min_hits or tot <= 0:
            rows.append((d, cb.name, fallback, 0.0, 1, "", 0.0))
            continue
        order = np.argsort(-V[i], kind="stable")
        share = V[i] / tot
        rows.append((d, cb.name, frames[order[0]], float(share[order[0]]), 1, frames[order[1]],
                     float(share[order[0]] - share[order[1]])))
    return pd.DataFrame(rows, columns=["doc_id", "codebook", "frame", "score", "present", "runner_up", "margin"])


# ==================================================================== indicator measures


_RULES = ("lexicon", "lexicon+parties", "agent_verb", "lexicon+entity", "quoted_first_person",
          "person+lexicon", "modal+lexicon", "person_age")
_AGE = re.compile(r"\b(?:\d{1,3}-year-old|aged \d{1,3})\b")


def generic_indicators(
    parsed,
    codebook="generic_frames",
    *,
    attributions: pd.DataFrame | None = None,
    include_speech: bool = True,
) -> pd.DataFrame:
    """Each indicator question of an indicator codebook (default: the 20 questions of
    Semetko & Valkenburg 2000) answered per article by its rule (see the codebook's ``rules``).

    Indicators are evaluated sentence by sentence with spaCy's entities, parse and lemmas, e.g.
    conflict C1 = a conflict term plus two distinct named parties (PERSON/ORG/NORP/GPE) in one
    sentence; economic E1 = a loss/cost term plus a MONEY or PERCENT entity; responsibility R2 =
    a named actor as subject of *blame/accuse/…*. By default quotations count, as they do for
    the coders (what an outlet chooses to quote is part of its framing); with
    ``include_speech=False`` sentences' attributed speech is skipped like in
    :func:`lexicon_scores`.

    Columns: ``doc_id`` (str), ``codebook`` (str), ``frame`` (str), ``indicator`` (str, e.g.
    ``"C1"``), ``score`` (int, number of sentences satisfying the indicator), ``present``
    (int 0/1, score ≥ 1).
    """
    cb = load_codebook(codebook)
    lex = {}
    specs = []
    for f in cb.frames.values():
        for ind in f.indicators:
            key = (f.id, ind["id"])
            lex[key] = ind.get("lexicon", [])
            specs.append((f.id, ind))
    matcher = _matcher(lex)
    speech_idx = _speech_index(attributions)
    rows = []
    for v in _iter_views(parsed, speech_idx):
        rows += _indicators_for_doc(v, cb.name, specs, matcher, include_speech)
    return pd.DataFrame(rows, columns=["doc_id", "codebook", "frame", "indicator", "score", "present"])


def _indicators_for_doc(v: _DocView, cbname: str, specs, matcher, include_speech: bool) -> list[tuple]:
    doc = v.doc
    nsent = len(v.sent_bounds)
    hits: dict[tuple, set[int]] = defaultdict(set)  # (frame, ind) -> sentences with a lexicon hit
    hit_tokens: dict[tuple, list[int]] = defaultdict(list)
    for key, _term, s, _e in v.find(matcher):
        if not include_speech and v.speech[s]:
            continue
        hits[key].add(int(v.sent[s]))
        hit_tokens[key].append(s)
    parties = [set() for _ in range(nsent)]
    ent_types = [set() for _ in range(nsent)]
    for ent in doc.ents:
        k = int(v.sent[ent.start])
        ent_types[k].add(ent.label_)
        if ent.label_ in _PARTY_LABELS:
            parties[k].add(ent.text.lower().removeprefix("the "))
    modal = set()
    for i, t in enumerate(doc):
        if v.norms[i] in _MODALS or (v.norms[i] in {"need", "needs", "have", "has"} and i + 1 < len(doc) and v.norms[i + 1] == "to"):
            modal.add(int(v.sent[i]))
    person_age = set()
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        nxt = doc[ent.end : ent.end + 3]
        if (len(nxt) == 3 and nxt[0].text == "," and nxt[1].like_num and nxt[1].text.isdigit()
                and 0 < int(nxt[1].text) < 111 and nxt[2].text in {",", ")"}):
            person_age.add(int(v.sent[ent.start]))
    text = doc.text  # Doc.text joins every token: build it once, not per sentence
    for k, (s0, e0) in enumerate(v.sent_bounds):
        if _AGE.search(text[s0:e0]):
            person_age.add(k)
    first_person_quote = set()
    for i in np.flatnonzero(v.quoted):
        if v.norms[i] in _FIRST_PERSON:
            first_person_quote.add(int(v.sent[i]))
    out = []
    for frame, ind in specs:
        key = (frame, ind["id"])
        rule = ind["rule"]
        hs = hits.get(key, set())
        if rule == "lexicon":
            sents = hs
        elif rule == "lexicon+parties":
            need = int(ind.get("min_parties", 2))
            sents = {k for k in hs if len(parties[k]) >= need}
        elif rule == "lexicon+entity":
            types = set(ind.get("entity_types", ["MONEY", "PERCENT"]))
            sents = {k for k in hs if ent_types[k] & types}
        elif rule == "person+lexicon":
            sents = {k for k in hs if "PERSON" in ent_types[k]}
        elif rule == "modal+lexicon":
            sents = hs & modal
        elif rule == "person_age":
            sents = person_age
        elif rule == "quoted_first_person":
            sents = first_person_quote
        elif rule == "agent_verb":
            sents = set()
            for i in hit_tokens.get(key, []):
                t = doc[i]
                if t.pos_ != "VERB":
                    continue
                for c in t.children:
                    if c.dep_ in ("nsubj",) and (c.ent_type_ in _PARTY_LABELS or c.pos_ == "PROPN"):
                        sents.add(int(v.sent[i]))
                        break
        else:  # pragma: no cover - validated at load time
            raise CodebookError(f"unknown rule {rule!r}")
        out.append((v.doc_id, cbname, frame, ind["id"], len(sents), int(bool(sents))))
    return out


def generic_frames(
    parsed=None,
    codebook="generic_frames",
    *,
    indicators: pd.DataFrame | None = None,
    attributions: pd.DataFrame | None = None,
    include_speech: bool = True,
    thresholds: Mapping[str, int] | None = None,
) -> pd.DataFrame:
    """Binary presence of each frame of an indicator codebook per article.

    A frame is ``present`` when at least ``threshold`` indicator hits are found (the sum over
    its indicators of the sentences satisfying each, so a sentence answering two questions
    counts twice). Thresholds come from the codebook (fixed before validation: 2 for each
    Semetko–Valkenburg frame) unless ``thresholds`` overrides them. Pass precomputed
    ``indicators`` (from :func:`generic_indicators`) to avoid re-reading the documents.

    Columns: ``doc_id`` (str), ``codebook`` (str), ``frame`` (str), ``score`` (int, indicator
    hits), ``indicators`` (int, number of indicators answered yes), ``present`` (int 0/1).
    """
    cb = load_codebook(codebook)
    if indicators is None:
        if parsed is None:
            raise ValueError("pass parsed documents or a precomputed indicators table")
        indicators = generic_indicators(parsed, cb, attributions=attributions, include_speech=include_speech)
    thr = {f.id: int(f.threshold or 1) for f in cb.frames.values()}
    thr.update(thresholds or {})
    g = indicators.groupby(["doc_id", "frame"], sort=False).agg(score=("score", "sum"), indicators=("present", "sum")).reset_index()
    g.insert(1, "codebook", cb.name)
    g["present"] = (g["score"] >= g["frame"].map(thr)).astype("int64")
    return g[["doc_id", "codebook", "frame", "score", "indicators", "present"]]


def calibrate_thresholds(indicators: pd.DataFrame, gold: pd.DataFrame, *, frames: Sequence[str] | None = None,
                         candidates: Sequence[int] = tuple(range(1, 11))) -> dict[str, int]:
    """For each frame, the threshold (indicator hits) that maximises F1 against ``gold``
    (``doc_id`` + 0/1 column per frame) on the articles given; ties go to the lower
    threshold. Use inside cross-validation (:func:`cross_validate_thresholds`) or on a
    development set, never on the articles you report results for."""
    from sklearn.metrics import f1_score

    g = generic_frames(indicators=indicators, thresholds={f: 1 for f in indicators["frame"].unique()})
    frames = list(frames or [f for f in GENERIC_FRAMES if f in g["frame"].unique()])
    gold = gold.astype({"doc_id": str}).set_index("doc_id")
    out = {}
    for f in frames:
        s = g[g["frame"] == f].set_index("doc_id")["score"]
        ids = [d for d in s.index if d in gold.index]
        y = gold.loc[ids, f].to_numpy().astype(int)
        x = s.loc[ids].to_numpy()
        best = max(candidates, key=lambda k: (f1_score(y, (x >= k).astype(int), zero_division=0), -k))
        out[f] = int(best)
    return out


def cross_validate_thresholds(indicators: pd.DataFrame, gold: pd.DataFrame, *, scheme: str = "kfold",
                              groups: Sequence | None = None, n_splits: int = 5, seed: int = 42) -> pd.DataFrame:
    """Honest evaluation of the indicator rules with thresholds calibrated on training folds
    only (:func:`calibrate_thresholds`), applied to the held-out fold. ``gold`` rows define
    the articles (in order, aligned with ``groups``). Columns as :func:`cross_validate`
    (``codebook`` = ``"indicators-cv"``)."""
    ids = list(gold["doc_id"].astype(str))
    ind = indicators.astype({"doc_id": str})
    frames = [f for f in GENERIC_FRAMES if f in gold.columns]
    rows = []
    for fold, (tr, te) in enumerate(_splits(len(ids), None, groups, scheme, n_splits, seed)):
        tr_ids, te_ids = [ids[i] for i in tr], [ids[i] for i in te]
        thr = calibrate_thresholds(ind[ind["doc_id"].isin(tr_ids)], gold[gold["doc_id"].astype(str).isin(tr_ids)], frames=frames)
        pred = generic_frames(indicators=ind[ind["doc_id"].isin(te_ids)], thresholds=thr)
        g = gold.astype({"doc_id": str}).set_index("doc_id")
        for d, f, sc, pr in pred[["doc_id", "frame", "score", "present"]].itertuples(index=False):
            if f in frames:
                rows.append((d, "indicators-cv", f, float(sc), int(pr), int(g.loc[d, f]), fold))
    return pd.DataFrame(rows, columns=["doc_id", "codebook", "frame", "score", "present", "gold", "fold"])


# =========================================================================== gold coding


def load_gold(coder: str = "a", *, corpus: pd.DataFrame | None = None, path: str | Path | None = None) -> pd.DataFrame:
    """Read one coder's sheet (``data/gold/frames/coder_<coder>.csv``, or ``path``).

    Columns: ``doc_id`` (str), ``text_sha256`` (str), ``primary_frame`` (str, a
    :data:`POLICY_FRAMES` slug) and the five :data:`GENERIC_FRAMES` (int 0/1), plus any extra
    columns (e.g. ``note``). With ``corpus``, every coded ``doc_id`` must be in it and its
    cleaned text must hash to ``text_sha256`` (the gold stores hashes, never text); a mismatch
    raises ``ValueError`` naming the article.
    """
    p = Path(path) if path is not None else GOLD_DIR / f"coder_{coder}.csv"
    if not p.exists():
        raise FileNotFoundError(f"{p}: no coding sheet; see {GOLD_DIR / 'GUIDELINES.md'} for the format.")
    g = pd.read_csv(p, dtype=str, keep_default_na=False)
    need = ["doc_id", "text_sha256", "primary_frame", *GENERIC_FRAMES]
    missing = [c for c in need if c not in g.columns]
    if missing:
        raise ValueError(f"{p}: missing column(s) {', '.join(missing)}; the header must be {','.join(need)}.")
    bad = sorted(set(g["primary_frame"]) - set(POLICY_FRAMES))
    if bad:
        raise ValueError(f"{p}: unknown primary_frame value(s) {bad}; use the slugs of GUIDELINES.md section 3.")
    _binary_columns(g, GENERIC_FRAMES, p)
    _check_hashes(g, corpus, p)
    return g


def _binary_columns(g: pd.DataFrame, columns: Iterable[str], p: Path) -> None:
    """Turn 0/1 text columns into int64 in place; a bad cell raises naming file, line and column."""
    for c in columns:
        if not g[c].isin(["0", "1"]).all():
            row = int(np.flatnonzero(~g[c].isin(["0", "1"]))[0]) + 2
            raise ValueError(f"{p}, line {row}: {c} must be 0 or 1.")
        g[c] = g[c].astype("int64")


def _check_hashes(g: pd.DataFrame, corpus: pd.DataFrame | None, p: Path) -> None:
    """Every coded article is in ``corpus`` and its cleaned text still hashes to ``text_sha256``."""
    if corpus is None:
        return
    texts = dict(zip(corpus["doc_id"].astype(str), corpus["text"]))
    for d, h in zip(g["doc_id"], g["text_sha256"]):
        if d not in texts:
            raise ValueError(f"{p}: doc_id {d!r} is not in the corpus; load the corpus the gold was coded on (case-study).")
        if hashlib.sha256(texts[d].encode("utf-8")).hexdigest() != h:
            raise ValueError(f"{p}: the cleaned text of {d!r} does not match its text_sha256; the cleaning changed since coding.")


#: indicator questions of each generic frame, in the order of the coding sheets (guidelines v2)
GENERIC_INDICATORS = {
    "conflict": ("C1", "C2", "C3", "C4"),
    "human_interest": ("H1", "H2", "H3", "H4", "H5"),
    "economic": ("E1", "E2", "E3"),
    "morality": ("M1", "M2", "M3"),
    "responsibility": ("R1", "R2", "R3", "R4", "R5"),
}


def load_indicator_gold(coder: str = "c", *, corpus: pd.DataFrame | None = None,
                        path: str | Path | None = None) -> pd.DataFrame:
    """Read an indicator-level coding sheet (guidelines v2: ``coder_<coder>.csv`` or ``path``).

    Columns: ``doc_id`` (str), ``text_sha256`` (str), the 20 indicator columns ``C1`` … ``R5``
    (int 0/1) and the five :data:`GENERIC_FRAMES` derived from them (1 when any of the
    frame's indicators is 1, Semetko & Valkenburg 2000). Errors name the file, line and fix;
    with ``corpus`` the text hashes are checked as in :func:`load_gold`.
    """
    p = Path(path) if path is not None else GOLD_DIR / f"coder_{coder}.csv"
    if not p.exists():
        raise FileNotFoundError(f"{p}: no coding sheet; see {GOLD_DIR / 'GUIDELINES.md'} (version 2) for the format.")
    g = pd.read_csv(p, dtype=str, keep_default_na=False)
    inds = [i for f in GENERIC_FRAMES for i in GENERIC_INDICATORS[f]]
    need = ["doc_id", "text_sha256", *inds]
    missing = [c for c in need if c not in g.columns]
    if missing:
        raise ValueError(f"{p}: missing column(s) {', '.join(missing)}; the header must be {','.join(need)}.")
    _binary_columns(g, inds, p)
    for f in GENERIC_FRAMES:
        g[f] = g[list(GENERIC_INDICATORS[f])].max(axis=1).astype("int64")
    _check_hashes(g, corpus, p)
    return g[[*need, *GENERIC_FRAMES]]


# ========================================================================== supervised


def article_features(parsed, doc_ids: Sequence[str] | None = None, *, indicators: pd.DataFrame | None = None,
                     lexicon: pd.DataFrame | None = None, title: bool = True) -> pd.DataFrame:
    """Inputs for :func:`make_classifier`: one row per article, indexed by ``doc_id``.

    Columns: ``text`` (str: title + cleaned text) and, when given, one numeric column per
    lexicon frame (``lex_<frame>``: :func:`lexicon_scores` score) and per indicator
    (``ind_<frame>_<indicator>``: log(1 + sentences) from :func:`generic_indicators`).
    """
    corpus = _corpus_of(parsed) if not isinstance(parsed, pd.DataFrame) else parsed
    if corpus is None:
        raise ValueError("article_features needs parsed documents with a .corpus, or the corpus DataFrame")
    c = corpus.assign(doc_id=corpus["doc_id"].astype(str)).set_index("doc_id")
    ids = list(doc_ids) if doc_ids is not None else list(c.index)
    text = (c.loc[ids, "title"].fillna("") + "\n\n" + c.loc[ids, "text"]) if title and "title" in c else c.loc[ids, "text"]
    X = pd.DataFrame({"text": text.to_numpy()}, index=pd.Index(ids, name="doc_id"))
    if lexicon is not None:
        w = lexicon.pivot_table(index="doc_id", columns="frame", values="score", aggfunc="sum").add_prefix("lex_")
        X = X.join(w, how="left")
    if indicators is not None:
        w = indicators.assign(col="ind_" + indicators["frame"] + "_" + indicators["indicator"]).pivot_table(
            index="doc_id", columns="col", values="score", aggfunc="sum")
        X = X.join(np.log1p(w), how="left")
    return X.fillna({c: 0.0 for c in X.columns if c != "text"})


def make_classifier(*, features: str = "text", C: float = 10.0, seed: int = 42, min_df: int = 2):
    """A scikit-learn pipeline: TF-IDF (word 1–2-grams, sublinear tf, English stop words) →
    logistic regression (balanced class weights, lbfgs, ``C``).

    ``features="text"`` uses only the text; ``"text+scores"`` adds every numeric column of
    :func:`article_features` (standardised); ``"scores"`` uses only those. Fit on a DataFrame
    from :func:`article_features`. Supervised frame classification follows Card et al. (2015);
    on 60 articles expect wide confidence intervals.
    """
    from sklearn.compose import ColumnTransformer, make_column_selector
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import StandardScaler

    tfidf = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=min_df, stop_words="english",
                            lowercase=True, max_features=10000)
    parts = []
    if features in {"text", "text+scores"}:
        parts.append(("tfidf", tfidf, "text"))
    if features in {"scores", "text+scores"}:
        parts.append(("scores", StandardScaler(), make_column_selector(dtype_include="number")))
    if not parts:
        raise ValueError("features must be 'text', 'scores' or 'text+scores'")
    clf = LogisticRegression(C=C, class_weight="balanced", max_iter=2000, tol=1e-3, random_state=seed)
    return Pipeline([("features", ColumnTransformer(parts)), ("clf", clf)])


def _splits(n: int, y, groups, scheme: str, n_splits: int, seed: int):
    from sklearn.model_selection import GroupKFold, KFold, LeaveOneOut

    if scheme == "outlet":
        if groups is None:
            raise ValueError("scheme='outlet' needs groups (the outlet of each article)")
        k = min(n_splits, len(set(groups)))
        return list(GroupKFold(n_splits=k).split(np.zeros(n), y, groups))
    if scheme == "kfold":
        return list(KFold(n_splits=n_splits, shuffle=True, random_state=seed).split(np.zeros(n)))
    if scheme == "loo":
        return list(LeaveOneOut().split(np.zeros(n)))
    raise ValueError("scheme must be 'kfold', 'outlet' or 'loo'")


def cross_validate(
    X: pd.DataFrame,
    y: pd.Series | pd.DataFrame,
    *,
    model=None,
    scheme: str = "kfold",
    groups: Sequence | None = None,
    n_splits: int = 5,
    seed: int = 42,
) -> pd.DataFrame:
    """Out-of-fold predictions of a frame classifier (honest: every article is predicted by a
    model that never saw it).

    ``X`` comes from :func:`article_features`; ``y`` is a Series of labels (multiclass, e.g.
    the primary frame) or a DataFrame of 0/1 columns (multilabel: one binary classifier per
    column). ``scheme="kfold"``: shuffled k-fold; ``"outlet"``: GroupKFold on ``groups`` so no
    outlet is in both training and test folds (does the measure transfer to unseen outlets?);
    ``"loo"``: leave-one-out. ``model`` defaults to :func:`make_classifier` ``()``.

    Columns: ``doc_id``, ``codebook`` (``"supervised"``), ``frame``, ``score`` (predicted
    probability of the frame), ``present`` (int: predicted label — argmax for multiclass,
    p ≥ 0.5 for multilabel), ``gold`` (int: the frame is the coded label / coded present),
    ``fold`` (int). A class absent from a training fold gets probability 0 in that fold.
    """
    from sklearn.base import clone

    model = model if model is not None else make_classifier(seed=seed)
    ids = list(X.index.astype(str))
    rows = []
    if isinstance(y, pd.DataFrame):
        targets = {c: y[c].to_numpy().astype(int) for c in y.columns}
        splits = _splits(len(ids), None, groups, scheme, n_splits, seed)
        for col, yy in targets.items():
            for fold, (tr, te) in enumerate(splits):
                if len(set(yy[tr])) < 2:
                    p = np.full(len(te), float(yy[tr][0]))
                else:
                    m = clone(model).fit(X.iloc[tr], yy[tr])
                    p = m.predict_proba(X.iloc[te])[:, list(m.classes_).index(1)]
                for i, pi in zip(te, p):
                    rows.append((ids[i], "supervised", col, float(pi), int(pi >= 0.5), int(yy[i]), fold))
    else:
        yy = np.asarray(y).astype(str)
        classes = sorted(set(yy))
        splits = _splits(len(ids), yy, groups, scheme, n_splits, seed)
        for fold, (tr, te) in enumerate(splits):
            P = np.zeros((len(te), len(classes)))
            if len(set(yy[tr])) < 2:
                P[:, classes.index(yy[tr][0])] = 1.0
            else:
                m = clone(model).fit(X.iloc[tr], yy[tr])
                P[:, [classes.index(c) for c in m.classes_]] = m.predict_proba(X.iloc[te])
            for r, i in enumerate(te):
                best = int(np.argmax(P[r]))
                for j, c in enumerate(classes):
                    rows.append((ids[i], "supervised", c, float(P[r, j]), int(j == best), int(yy[i] == c), fold))
    return pd.DataFrame(rows, columns=["doc_id", "codebook", "frame", "score", "present", "gold", "fold"])


def predict_frames(model, X: pd.DataFrame, *, multilabel_models: Mapping | None = None) -> pd.DataFrame:
    """Predict with a fitted classifier (or a mapping frame → fitted binary classifier).

    Columns: ``doc_id``, ``codebook`` (``"supervised"``), ``frame``, ``score`` (probability),
    ``present`` (int: argmax for a multiclass model, p ≥ 0.5 for binary models).
    """
    ids = list(X.index.astype(str))
    rows = []
    if multilabel_models is not None:
        for f, m in multilabel_models.items():
            p = m.predict_proba(X)[:, list(m.classes_).index(1)]
            rows += [(d, "supervised", f, float(pi), int(pi >= 0.5)) for d, pi in zip(ids, p)]
    else:
        P = model.predict_proba(X)
        best = P.argmax(axis=1)
        for r, d in enumerate(ids):
            rows += [(d, "supervised", c, float(P[r, j]), int(j == best[r])) for j, c in enumerate(model.classes_)]
    return pd.DataFrame(rows, columns=["doc_id", "codebook", "frame", "score", "present"])


# ============================================================================ validation


def krippendorff_alpha(*codings: Sequence, level: str = "nominal") -> float:
    """Krippendorff's α for two or more codings of the same units (Krippendorff 2011).

    Each coding is a sequence aligned on the units; ``None``/NaN marks a missing code. Values
    may be strings (mapped to integers for the ``krippendorff`` package). Returns NaN when α
    is undefined (e.g. a single value everywhere)."""
    import krippendorff

    vals = [list(c) for c in codings]
    if len(vals) < 2 or len({len(v) for v in vals}) != 1:
        raise ValueError("krippendorff_alpha needs two or more codings of equal length")
    flat = [x for v in vals for x in v if x is not None and not (isinstance(x, float) and np.isnan(x))]
    uniq = sorted({str(x) for x in flat})
    if len(uniq) < 2:
        return float("nan")
    numeric = level != "nominal" and all(isinstance(x, (int, float, np.integer, np.floating)) for x in flat)
    code = {u: i for i, u in enumerate(uniq)}
    data = np.array([[np.nan if (x is None or (isinstance(x, float) and np.isnan(x))) else (float(x) if numeric else code[str(x)])
                      for x in v] for v in vals], dtype=float)
    try:
        return float(krippendorff.alpha(reliability_data=data, level_of_measurement=level))
    except (ValueError, ZeroDivisionError):
        return float("nan")


def reliability(
    a: pd.DataFrame,
    b: pd.DataFrame,
    *,
    variables: Sequence[str] | None = None,
    n_boot: int = 1000,
    seed: int = 42,
    ci: float = 0.95,
) -> pd.DataFrame:
    """Agreement between two codings (two coders, or a measure and a coder) per variable.

    ``a`` and ``b`` have a ``doc_id`` column and one column per variable (default: the
    :data:`GENERIC_FRAMES` and ``primary_frame`` present in both); they are joined on
    ``doc_id``. Columns: ``variable``, ``n`` (articles in both), ``agreement`` (share of
    identical codes), ``alpha`` (Krippendorff's α, nominal), ``ci_low``/``ci_high``
    (percentile bootstrap over articles, ``n_boot`` resamples; NaN resamples, where α is
    undefined, are dropped).
    """
    if variables is None:
        variables = [v for v in ("primary_frame", *GENERIC_FRAMES) if v in a.columns and v in b.columns]
    m = a[["doc_id", *variables]].astype({"doc_id": str}).merge(b[["doc_id", *variables]].astype({"doc_id": str}),
                                                                on="doc_id", suffixes=("_a", "_b"))
    rng = np.random.default_rng(seed)
    rows = []
    n = len(m)
    boots = rng.integers(0, n, size=(n_boot, n)) if n else np.zeros((0, 0), dtype=int)
    for v in variables:
        xa = m[f"{v}_a"].astype(str).to_numpy()
        xb = m[f"{v}_b"].astype(str).to_numpy()
        alpha = krippendorff_alpha(xa, xb)
        bs = np.array([krippendorff_alpha(xa[i], xb[i]) for i in boots]) if n else np.array([])
        bs = bs[~np.isnan(bs)]
        lo, hi = (np.quantile(bs, [(1 - ci) / 2, 1 - (1 - ci) / 2]) if len(bs) else (np.nan, np.nan))
        rows.append({"variable": v, "n": n, "agreement": float((xa == xb).mean()) if n else np.nan,
                     "alpha": alpha, "ci_low": float(lo), "ci_high": float(hi)})
    return pd.DataFrame(rows)


def _prf(gold: np.ndarray, pred: np.ndarray, labels: Sequence[str]):
    from sklearn.metrics import precision_recall_fscore_support

    return precision_recall_fscore_support(gold, pred, labels=list(labels), zero_division=0)


def validate(
    gold: Sequence | pd.Series,
    pred: Sequence | pd.Series,
    *,
    labels: Sequence[str] | None = None,
    n_boot: int = 1000,
    seed: int = 42,
    ci: float = 0.95,
) -> dict[str, pd.DataFrame]:
    """Validate a multiclass measure (e.g. the primary frame) against gold codes.

    Returns ``{"summary", "per_frame", "confusion"}``:

    * ``summary``: ``metric`` (``accuracy``, ``macro_f1`` over the labels present in gold,
      ``alpha``: Krippendorff's α between measure and gold, ``majority_baseline``), ``value``,
      ``ci_low``/``ci_high`` (percentile bootstrap over articles; for α the first 200
      resamples), ``n``.
    * ``per_frame``: ``frame``, ``precision``, ``recall``, ``f1``, ``support`` (gold count),
      ``predicted`` (count).
    * ``confusion``: gold frames as rows, predicted frames as columns (counts).
    """
    from sklearn.metrics import f1_score

    g = np.asarray(gold).astype(str)
    p = np.asarray(pred).astype(str)
    if len(g) != len(p):
        raise ValueError("gold and pred must have the same length (align them on doc_id first)")
    if labels is None:
        labels = [x for x in POLICY_FRAMES if x in set(g) | set(p)] + sorted((set(g) | set(p)) - set(POLICY_FRAMES))
    P, R, F, S = _prf(g, p, labels)
    per = pd.DataFrame({"frame": list(labels), "precision": P, "recall": R, "f1": F, "support": S,
                        "predicted": [int((p == x).sum()) for x in labels]})

    def stats(gi, pi, with_alpha=True):
        gl = [x for x in labels if x in set(gi)]
        mf = f1_score(gi, pi, labels=gl, average="macro", zero_division=0) if gl else np.nan
        return float((gi == pi).mean()), float(mf), krippendorff_alpha(gi, pi) if with_alpha else np.nan

    acc, mf1, alpha = stats(g, p)
    rng = np.random.default_rng(seed)
    # α is slower to compute: its interval uses the first 200 resamples
    bs = np.array([stats(g[i], p[i], k < 200) for k, i in enumerate(rng.integers(0, len(g), size=(n_boot, len(g))))]) if len(g) else np.zeros((0, 3))
    q = [(1 - ci) / 2, 1 - (1 - ci) / 2]
    summary = []
    for j, (name, val) in enumerate([("accuracy", acc), ("macro_f1", mf1), ("alpha", alpha)]):
        col = bs[:, j][~np.isnan(bs[:, j])] if len(bs) else np.array([])
        lo, hi = np.quantile(col, q) if len(col) else (np.nan, np.nan)
        summary.append({"metric": name, "value": val, "ci_low": float(lo), "ci_high": float(hi), "n": len(g)})
    maj = Counter(g).most_common(1)[0][1] / len(g) if len(g) else np.nan
    summary.append({"metric": "majority_baseline", "value": float(maj), "ci_low": np.nan, "ci_high": np.nan, "n": len(g)})
    conf = pd.crosstab(pd.Categorical(g, categories=labels), pd.Categorical(p, categories=labels),
                       rownames=["gold"], colnames=["predicted"], dropna=False)
    return {"summary": pd.DataFrame(summary), "per_frame": per, "confusion": conf}


def validate_multilabel(
    gold: pd.DataFrame,
    pred: pd.DataFrame,
    *,
    frames: Sequence[str] = GENERIC_FRAMES,
    n_boot: int = 1000,
    seed: int = 42,
    ci: float = 0.95,
) -> dict[str, pd.DataFrame]:
    """Validate binary frame measures (e.g. the five generic frames) against gold codes.

    ``gold``: one row per article, ``doc_id`` + a 0/1 column per frame. ``pred``: the same
    shape, or a tidy table (``doc_id``, ``frame``, ``present``) as returned by the measures.
    Returns ``{"summary", "per_frame"}``: ``per_frame`` has ``frame``, ``precision``,
    ``recall``, ``f1`` (of the *present* class), ``alpha`` (measure vs gold), ``prevalence_gold``,
    ``prevalence_pred``, ``f1_ci_low``/``f1_ci_high``; ``summary`` has ``macro_f1`` (mean of
    the per-frame F1), ``mean_alpha`` and ``accuracy_all_frames`` (all five right) with
    bootstrap CIs over articles (for ``mean_alpha`` the first 100 resamples).
    """
    if {"frame", "present"} <= set(pred.columns) and not set(frames) <= set(pred.columns):
        pred = pred.pivot_table(index="doc_id", columns="frame", values="present", aggfunc="max").reset_index()
    m = gold[["doc_id", *frames]].astype({"doc_id": str}).merge(
        pred[["doc_id", *frames]].astype({"doc_id": str}), on="doc_id", suffixes=("_g", "_p"))
    G = m[[f"{f}_g" for f in frames]].to_numpy().astype(int)
    Pm = m[[f"{f}_p" for f in frames]].fillna(0).to_numpy().astype(int)

    def f1s(Gi, Pi):
        tp = (Gi & Pi).sum(0)
        fp = ((1 - Gi) & Pi).sum(0)
        fn = (Gi & (1 - Pi)).sum(0)
        prec = np.divide(tp, tp + fp, out=np.zeros(len(frames)), where=(tp + fp) > 0)
        rec = np.divide(tp, tp + fn, out=np.zeros(len(frames)), where=(tp + fn) > 0)
        f1 = np.divide(2 * prec * rec, prec + rec, out=np.zeros(len(frames)), where=(prec + rec) > 0)
        return prec, rec, f1

    prec, rec, f1 = f1s(G, Pm)
    alphas = np.array([krippendorff_alpha(G[:, j], Pm[:, j]) for j in range(len(frames))])
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, len(m), size=(n_boot, len(m)))
    bf1 = np.array([f1s(G[i], Pm[i])[2] for i in idx])
    bacc = np.array([(G[i] == Pm[i]).all(1).mean() for i in idx])
    balpha = []
    for i in idx[: min(n_boot, 100)]:  # α is slower: its interval uses the first 100 resamples
        al = np.array([krippendorff_alpha(G[i][:, j], Pm[i][:, j]) for j in range(len(frames))])
        balpha.append(np.nanmean(al) if (~np.isnan(al)).any() else np.nan)
    balpha = np.array(balpha)
    q = [(1 - ci) / 2, 1 - (1 - ci) / 2]
    per = pd.DataFrame({"frame": list(frames), "precision": prec, "recall": rec, "f1": f1, "alpha": alphas,
                        "prevalence_gold": G.mean(0), "prevalence_pred": Pm.mean(0),
                        "f1_ci_low": np.quantile(bf1, q[0], axis=0), "f1_ci_high": np.quantile(bf1, q[1], axis=0)})
    bmacro = bf1.mean(1)
    balpha = balpha[~np.isnan(balpha)]
    summary = pd.DataFrame([
        {"metric": "macro_f1", "value": float(f1.mean()), "ci_low": float(np.quantile(bmacro, q[0])), "ci_high": float(np.quantile(bmacro, q[1])), "n": len(m)},
        {"metric": "mean_alpha", "value": float(np.nanmean(alphas)) if not np.isnan(alphas).all() else np.nan, "ci_low": float(np.quantile(balpha, q[0])) if len(balpha) else np.nan,
         "ci_high": float(np.quantile(balpha, q[1])) if len(balpha) else np.nan, "n": len(m)},
        {"metric": "accuracy_all_frames", "value": float((G == Pm).all(1).mean()), "ci_low": float(np.quantile(bacc, q[0])), "ci_high": float(np.quantile(bacc, q[1])), "n": len(m)},
    ])
    return {"summary": summary, "per_frame": per}


def evaluate_measures(
    parsed,
    gold: pd.DataFrame,
    *,
    test_ids: Sequence[str] | None = None,
    groups: Sequence | None = None,
    n_splits: int = 5,
    n_boot: int = 1000,
    seed: int = 42,
    features: Sequence[str] = ("text", "text+scores"),
) -> pd.DataFrame:
    """Every frame measure of this module validated against one coder's sheet, honestly.

    ``gold`` is a coding sheet (:func:`load_gold`, or :func:`load_indicator_gold`, which has no
    primary frame and is scored on the generic frames only) for articles in ``parsed``. Rule-based
    measures (no training) are scored on ``test_ids`` — articles coded before the rules were
    run on them (``data/gold/frames/articles.csv``, ``set == "test"``) — and, for reference,
    on the remaining (development) articles; supervised measures and the calibrated indicator
    rules are scored by cross-validation over all coded articles: shuffled ``kfold`` and, with
    ``groups`` (the outlet of each article, aligned with ``gold``), outlet-disjoint folds.

    Columns: ``target`` (``primary_frame`` or ``generic_frames``), ``measure``, ``evaluation``
    (``held-out``, ``development (in-sample)``, ``kfold-CV``, ``outlet-CV``), ``metric``
    (``accuracy`` for the primary frame, ``macro_f1`` for the generic frames), ``value``,
    ``ci_low``, ``ci_high`` (bootstrap over articles), ``alpha`` (Krippendorff's α, measure vs
    coder; the mean over frames for generic frames), ``n``. ``features`` lists the supervised
    variants (:func:`make_classifier`). Two baselines are listed with them: every generic frame
    present (macro-F1 is high when frames are common: compare α, which corrects for chance)
    and the most frequent primary frame of the training folds. With about a hundred articles
    a CV estimate moves by several points with the fold assignment: compare several ``seed``
    values.
    """
    gold = gold.astype({"doc_id": str}).reset_index(drop=True)
    ids = list(gold["doc_id"])
    test = [d for d in (test_ids or []) if d in set(ids)]
    dev = [d for d in ids if d not in set(test)]
    g = gold.set_index("doc_id")
    lex = lexicon_scores(parsed)
    ind = generic_indicators(parsed)
    prim = primary_frame(parsed).set_index("doc_id")
    gen = generic_frames(indicators=ind)
    rows = []

    def add_primary(measure, evaluation, sub, pred):
        v = validate(g.loc[sub, "primary_frame"], pred, n_boot=n_boot, seed=seed)["summary"].set_index("metric")
        rows.append({"target": "primary_frame", "measure": measure, "evaluation": evaluation, "metric": "accuracy",
                     "value": v.loc["accuracy", "value"], "ci_low": v.loc["accuracy", "ci_low"],
                     "ci_high": v.loc["accuracy", "ci_high"], "alpha": v.loc["alpha", "value"], "n": len(sub)})

    def add_generic(measure, evaluation, sub, pred):
        v = validate_multilabel(gold[gold["doc_id"].isin(sub)], pred[pred["doc_id"].isin(sub)], n_boot=n_boot, seed=seed)
        s = v["summary"].set_index("metric")
        rows.append({"target": "generic_frames", "measure": measure, "evaluation": evaluation, "metric": "macro_f1",
                     "value": s.loc["macro_f1", "value"], "ci_low": s.loc["macro_f1", "ci_low"],
                     "ci_high": s.loc["macro_f1", "ci_high"], "alpha": s.loc["mean_alpha", "value"], "n": len(sub)})

    has_primary = "primary_frame" in gold.columns  # indicator-level sheets (v2) code the generic frames only
    for name, sub in (("held-out", test), ("development (in-sample)", dev)):
        if sub:
            if has_primary:
                add_primary("lexicon rule", name, sub, prim.loc[sub, "frame"])
            add_generic("indicator rules", name, sub, gen)
    # baselines a measure must beat: every generic frame present; the most frequent primary frame
    add_generic("baseline: every frame present", "all articles", ids,
                gold[["doc_id"]].assign(**{f: 1 for f in GENERIC_FRAMES}))
    X = article_features(parsed, ids, indicators=ind, lexicon=lex)
    schemes = [("kfold-CV", "kfold", None)] + ([("outlet-CV", "outlet", list(groups))] if groups is not None else [])
    for label, scheme, grp in schemes:
        if has_primary:  # the majority frame of the training folds, predicted for the test fold
            y = g.loc[ids, "primary_frame"]
            major = pd.Series(index=ids, dtype=object)
            for tr, te in _splits(len(ids), None, grp, scheme, n_splits, seed):
                major.iloc[te] = y.iloc[tr].value_counts().sort_index().idxmax()
            add_primary("baseline: most frequent frame", label, ids, major)
        cvr = cross_validate_thresholds(ind, gold, scheme=scheme, groups=grp, n_splits=n_splits, seed=seed)
        add_generic("indicator rules, thresholds fitted in CV", label, ids, cvr)
        names = {"text": "TF-IDF + logistic regression", "text+scores": "TF-IDF + scores + logistic regression",
                 "scores": "scores + logistic regression"}
        for feats in features:
            mname = names[feats]
            model = make_classifier(features=feats, seed=seed)
            if has_primary:
                cv = cross_validate(X, g.loc[ids, "primary_frame"], model=model, scheme=scheme, groups=grp,
                                    n_splits=n_splits, seed=seed)
                add_primary(mname, label, ids, cv[cv["present"] == 1].set_index("doc_id").loc[ids, "frame"])
            cvg = cross_validate(X, g.loc[ids, list(GENERIC_FRAMES)], model=model, scheme=scheme, groups=grp, n_splits=n_splits, seed=seed)
            add_generic(mname, label, ids, cvg)
    return pd.DataFrame(rows)


# ====================================================================== outlet comparison


def bootstrap_mean(
    df: pd.DataFrame, value: str, by: str | Sequence[str], *, n_boot: int = 1000, seed: int = 42, ci: float = 0.95
) -> pd.DataFrame:
    """Mean of ``value`` per group with a percentile bootstrap CI (rows resampled within group).

    Columns: the ``by`` column(s), ``n``, ``mean``, ``ci_low``, ``ci_high``."""
    rng = np.random.default_rng(seed)
    q = [(1 - ci) / 2, 1 - (1 - ci) / 2]
    rows = []
    by = [by] if isinstance(by, str) else list(by)
    for key, g in df.groupby(by, sort=True):
        x = g[value].to_numpy(dtype=float)
        x = x[~np.isnan(x)]
        if len(x) == 0:
            continue
        bs = x[rng.integers(0, len(x), size=(n_boot, len(x)))].mean(1)
        key = key if isinstance(key, tuple) else (key,)
        rows.append({**dict(zip(by, key)), "n": len(x), "mean": float(x.mean()),
                     "ci_low": float(np.quantile(bs, q[0])), "ci_high": float(np.quantile(bs, q[1]))})
    return pd.DataFrame(rows)


def frame_prevalence(
    frames: pd.DataFrame,
    corpus: pd.DataFrame,
    *,
    by: str = "outlet",
    value: str = "present",
    n_boot: int = 1000,
    seed: int = 42,
    ci: float = 0.95,
) -> pd.DataFrame:
    """Share of articles with each frame per group (outlet, period…) with bootstrap CIs.

    ``frames`` is a tidy frame table (``doc_id``, ``frame``, ``present``); articles without a
    row for a frame count as 0. ``corpus`` supplies ``doc_id`` and the ``by`` column. Articles
    are resampled within each group (``n_boot`` times). Columns: ``by``, ``frame``, ``n``
    (articles in the group), ``prevalence`` (share), ``ci_low``, ``ci_high``.
    """
    meta = corpus[["doc_id", by]].astype({"doc_id": str})
    wide = frames.astype({"doc_id": str}).pivot_table(index="doc_id", columns="frame", values=value, aggfunc="max")
    wide = meta.set_index("doc_id").join(wide, how="left").fillna(0)
    long = wide.reset_index().melt(id_vars=["doc_id", by], var_name="frame", value_name="present")
    out = bootstrap_mean(long, "present", [by, "frame"], n_boot=n_boot, seed=seed, ci=ci)
    return out.rename(columns={"mean": "prevalence"})[[by, "frame", "n", "prevalence", "ci_low", "ci_high"]]


def term_counts(
    parsed,
    *,
    by: str | Mapping[str, str] = "outlet",
    attribute: str = "lemma",
    attributions: pd.DataFrame | None = None,
    include_speech: bool = False,
    stop_words: bool = False,
    entities: bool = True,
) -> pd.DataFrame:
    """Word counts per group, for :func:`fightin_words`.

    ``by`` names a corpus column (``"outlet"``) or maps doc_id → group. Words are lower-cased
    lemmas (``attribute="lemma"``) or forms (``"lower"``); punctuation, numbers, spaces and
    (unless ``stop_words``) stop words are skipped; attributed speech is skipped unless
    ``include_speech``. Returns a DataFrame: index = term, one column of counts per group.
    """
    corpus = _corpus_of(parsed)
    if isinstance(by, str):
        if corpus is None:
            raise ValueError("by='<column>' needs parsed documents with a .corpus; pass a mapping doc_id → group")
        group = dict(zip(corpus["doc_id"].astype(str), corpus[by].astype(str)))
    else:
        group = {str(k): str(v) for k, v in by.items()}
    speech_idx = _speech_index(attributions)
    counts: dict[str, Counter] = defaultdict(Counter)
    for doc_id, doc in _iter_docs(parsed):
        d = str(doc_id)
        if d not in group:
            continue
        spans = speech_idx.get(d, []) if speech_idx is not None else quote_spans(doc.text)
        c = counts[group[d]]
        for t in doc:
            if t.is_punct or t.is_space or t.like_num or (not stop_words and t.is_stop) or not t.text.strip():
                continue
            if not include_speech and any(s <= t.idx < e for s, e in spans):
                continue
            c[(t.lemma_ if attribute == "lemma" else t.text).lower()] += 1
    return pd.DataFrame(counts).fillna(0).astype("int64").sort_index()


def fightin_words(
    counts_a: Mapping[str, float] | pd.Series,
    counts_b: Mapping[str, float] | pd.Series,
    *,
    prior: Mapping[str, float] | pd.Series | float | None = None,
    prior_strength: float = 1000.0,
    min_count: int = 0,
) -> pd.DataFrame:
    """Fightin' Words: which terms distinguish corpus A from corpus B (Monroe, Colaresi & Quinn
    2008, section 3.5: log-odds ratio with an informative Dirichlet prior).

    For term *w* with counts *y_a*, *y_b* (totals *n_a*, *n_b*) and prior pseudo-counts
    *α_w* (sum *α_0*)::

        δ_w = log((y_a+α_w) / (n_a+α_0−y_a−α_w)) − log((y_b+α_w) / (n_b+α_0−y_b−α_w))
        σ²_w ≈ 1/(y_a+α_w) + 1/(y_b+α_w)          z_w = δ_w / σ_w

    ``prior``: background counts per term (informative prior; default: A + B together),
    rescaled so that α_0 = ``prior_strength``; a number gives the same α for every term
    (uninformative). Positive z favours A. Columns: ``term``, ``count_a``, ``count_b``,
    ``delta``, ``var``, ``z`` — sorted by z (descending). |z| > 1.96 is the conventional
    threshold, but with thousands of terms treat it as a ranking, not a test.
    """
    a = pd.Series(counts_a, dtype=float)
    b = pd.Series(counts_b, dtype=float)
    vocab = a.index.union(b.index)
    a = a.reindex(vocab, fill_value=0.0)
    b = b.reindex(vocab, fill_value=0.0)
    if prior is None:
        bg = a + b + 0.01  # every term gets a little prior mass, so log-odds stay finite
        alpha = bg / bg.sum() * prior_strength
    elif isinstance(prior, (int, float)):
        alpha = pd.Series(float(prior), index=vocab)
    else:
        bg = pd.Series(prior, dtype=float).reindex(vocab, fill_value=0.0) + 0.01
        alpha = bg / bg.sum() * prior_strength
    delta, var, z = log_odds_dirichlet(a, b, alpha)
    out = pd.DataFrame({"term": vocab, "count_a": a.to_numpy(), "count_b": b.to_numpy(),
                        "delta": delta.to_numpy(), "var": var.to_numpy(), "z": z.to_numpy()})
    if min_count:
        out = out[(out["count_a"] + out["count_b"]) >= min_count]
    return out.sort_values("z", ascending=False, kind="stable").reset_index(drop=True)


def compare_groups(
    parsed,
    a: str | Sequence[str],
    b: str | Sequence[str] | None = None,
    *,
    by: str | Mapping[str, str] = "outlet",
    counts: pd.DataFrame | None = None,
    prior_strength: float = 1000.0,
    min_count: int = 5,
    **count_kwargs,
) -> pd.DataFrame:
    """Fightin' Words between groups of a corpus: ``a`` vs ``b`` (group names; ``b=None`` = all
    other groups), with the whole corpus as informative prior. Pass ``counts`` from
    :func:`term_counts` to reuse them. Columns as :func:`fightin_words`."""
    counts = counts if counts is not None else term_counts(parsed, by=by, **count_kwargs)
    ga = [a] if isinstance(a, str) else list(a)
    gb = [c for c in counts.columns if c not in ga] if b is None else ([b] if isinstance(b, str) else list(b))
    unknown = [g for g in ga + gb if g not in counts.columns]
    if unknown:
        raise ValueError(f"unknown group(s) {unknown}; groups are {list(counts.columns)}")
    return fightin_words(counts[ga].sum(axis=1), counts[gb].sum(axis=1), prior=counts.sum(axis=1),
                         prior_strength=prior_strength, min_count=min_count)


# ================================================================= entity-centric framing


def _alias_regex(entity: str | Sequence[str]) -> re.Pattern:
    names = [entity] if isinstance(entity, str) else list(entity)
    names = sorted({n for n in names if n}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")


def _mentions(doc, rx: re.Pattern):
    for m in rx.finditer(doc.text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is not None and len(span):
            yield span


_AGENT_DEPS = {"nsubj"}
_PATIENT_DEPS = {"dobj", "nsubjpass", "obj"}


def entity_frames(
    parsed,
    entity: str | Sequence[str],
    *,
    name: str | None = None,
    include_speech: bool = True,
    attributions: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """How an entity is framed: the verbs of which it is agent or patient, its modifiers and
    appositions, from spaCy's dependency parse.

    ``entity`` is a name or a list of aliases matched case-sensitively as whole words in the
    cleaned text (e.g. ``["Islamic State", "ISIS", "ISIL", "IS", "Daesh"]``). For each mention
    the syntactic head of the mention is taken (climbing compounds, so in *ISIS fighters
    attacked* the entity's fighters are the agent):

    * ``agent``: it is the nominal subject of a verb (``nsubj``), or the object of the ``by``
      phrase of a passive verb (``agent`` → ``pobj``) → the verb's lemma;
    * ``patient``: it is the direct object (``dobj``) or passive subject (``nsubjpass``) of a
      verb → the verb's lemma;
    * ``modifier``: adjectival modifiers (``amod``) of the head (e.g. *brutal*, *so-called*);
    * ``apposition``: a noun in apposition (``appos``) to the mention, or the noun the
      mention is in apposition to (e.g. *the jihadist group*).

    Columns: ``doc_id`` (str), ``outlet`` (str, if the corpus has one), ``entity`` (str),
    ``relation`` (str), ``lemma`` (str, lower case), ``sentence`` (int), ``start``/``end``
    (int, the mention's character offsets), ``in_speech`` (bool).
    """
    rx = _alias_regex(entity)
    ename = name or (entity if isinstance(entity, str) else entity[0])
    corpus = _corpus_of(parsed)
    outlets = dict(zip(corpus["doc_id"].astype(str), corpus["outlet"])) if corpus is not None and "outlet" in corpus else {}
    speech_idx = _speech_index(attributions)
    rows = []
    for doc_id, doc in _iter_docs(parsed):
        d = str(doc_id)
        spans = speech_idx.get(d, []) if speech_idx is not None else quote_spans(doc.text)
        sent_of = {}
        for k, s in enumerate(doc.sents):
            sent_of[s.start] = k
        for span in _mentions(doc, rx):
            in_speech = any(s <= span.start_char < e for s, e in spans)
            if in_speech and not include_speech:
                continue
            head = span.root
            while head.dep_ == "compound" and head.head is not head:  # "ISIS fighters": the fighters act
                head = head.head
            k = sent_of.get(head.sent.start, -1)
            rel = []
            if head.dep_ in _AGENT_DEPS and head.head.pos_ in {"VERB", "AUX"}:
                rel.append(("agent", head.head.lemma_))
            elif head.dep_ == "pobj" and head.head.dep_ == "agent":
                rel.append(("agent", head.head.head.lemma_))
            elif head.dep_ in _PATIENT_DEPS and head.head.pos_ in {"VERB", "AUX"}:
                rel.append(("patient", head.head.lemma_))
            for c in head.children:
                if c.dep_ == "amod" and c.i not in range(span.start, span.end):
                    rel.append(("modifier", c.lemma_))
                if c.dep_ == "appos" and c.i not in range(span.start, span.end):
                    rel.append(("apposition", c.lemma_))
            if head.dep_ == "appos" and head.head.i not in range(span.start, span.end):
                rel.append(("apposition", head.head.lemma_))
            for r, lemma in rel:
                rows.append((d, outlets.get(d, ""), ename, r, lemma.lower(), k, span.start_char, span.end_char, in_speech))
    return pd.DataFrame(rows, columns=["doc_id", "outlet", "entity", "relation", "lemma", "sentence", "start", "end", "in_speech"])


def entity_profile(frames: pd.DataFrame, *, by: str = "outlet", relation: str = "agent", top: int = 5) -> pd.DataFrame:
    """The ``top`` most frequent lemmas of one ``relation`` per group, from :func:`entity_frames`.

    Columns: ``by``, ``entity``, ``relation``, ``lemma``, ``count``, ``share`` (of the
    group's rows of that relation)."""
    f = frames[frames["relation"] == relation]
    if f.empty:
        return pd.DataFrame(columns=[by, "entity", "relation", "lemma", "count", "share"])
    c = f.groupby([by, "entity", "lemma"]).size().rename("count").reset_index()
    c["share"] = c["count"] / c.groupby([by, "entity"])["count"].transform("sum")
    c["relation"] = relation
    c = c.sort_values([by, "entity", "count", "lemma"], ascending=[True, True, False, True])
    return c.groupby([by, "entity"]).head(top)[[by, "entity", "relation", "lemma", "count", "share"]].reset_index(drop=True)


_VADER = None


def _vader():
    global _VADER
    if _VADER is None:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        _VADER = SentimentIntensityAnalyzer()
    return _VADER


def entity_tone(
    parsed,
    entity: str | Sequence[str],
    *,
    name: str | None = None,
    attributions: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The tone of every sentence that mentions an entity, by VADER (Hutto & Gilbert 2014; the
    ``vaderSentiment`` package ships its own lexicon). VADER was built for social-media text:
    read its scores on news as a rough, lexicon-based valence that must itself be validated.

    Columns: ``doc_id`` (str), ``outlet`` (str), ``entity`` (str), ``sentence`` (int),
    ``start``/``end`` (int, sentence character offsets), ``compound`` (float, −1…1), ``pos``,
    ``neu``, ``neg`` (float shares), ``in_speech`` (bool: the mention is inside attributed
    speech).
    """
    rx = _alias_regex(entity)
    ename = name or (entity if isinstance(entity, str) else entity[0])
    corpus = _corpus_of(parsed)
    outlets = dict(zip(corpus["doc_id"].astype(str), corpus["outlet"])) if corpus is not None and "outlet" in corpus else {}
    speech_idx = _speech_index(attributions)
    sia = _vader()
    rows = []
    for doc_id, doc in _iter_docs(parsed):
        d = str(doc_id)
        spans = speech_idx.get(d, []) if speech_idx is not None else quote_spans(doc.text)
        for k, s in enumerate(doc.sents):
            m = rx.search(s.text)
            if not m:
                continue
            pos = s.start_char + m.start()
            sc = sia.polarity_scores(s.text)
            rows.append((d, outlets.get(d, ""), ename, k, s.start_char, s.end_char, sc["compound"], sc["pos"], sc["neu"],
                         sc["neg"], any(a <= pos < b for a, b in spans)))
    return pd.DataFrame(rows, columns=["doc_id", "outlet", "entity", "sentence", "start", "end", "compound", "pos", "neu", "neg", "in_speech"])


# ============================================================================== analyze


def frame_table(parsed, *, attributions: pd.DataFrame | None = None, batch_size: int = 256) -> pd.DataFrame:
    """All unsupervised frame measures of a corpus in one tidy table (``frames.parquet``).

    Columns: ``doc_id`` (str), ``codebook`` (str: ``policy_frames`` or ``generic_frames``),
    ``frame`` (str), ``measure`` (str: ``lexicon`` — hits per 1,000 own words, attributed
    speech excluded; ``primary`` — the primary-frame rule, score = share of weighted hits;
    ``indicators`` — Semetko–Valkenburg indicator hits), ``score`` (float), ``present``
    (Int8, nullable: 1/0 for binary measures, missing for lexicon scores; ``frames.parquet``
    keeps the dtype).
    """
    corpus = _corpus_of(parsed)
    pairs = iter(_iter_docs(parsed))
    batches = []
    # four measures over the same documents: decode each Doc and build its view once per batch
    while True:
        chunk = list(itertools.islice(pairs, batch_size))
        if chunk or not batches:
            batches.append(_frame_table_parts(_Batch(chunk, corpus), attributions))
        if len(chunk) < batch_size:
            break
    # measure by measure, as if computed over the whole corpus at once
    out = pd.concat([part for parts in zip(*batches) for part in parts], ignore_index=True)
    out["doc_id"] = out["doc_id"].astype(str)
    out["score"] = out["score"].astype("float64")
    out["present"] = out["present"].astype("Int8")
    return out


def _frame_table_parts(parsed: _Batch, attributions: pd.DataFrame | None) -> list[pd.DataFrame]:
    lex = lexicon_scores(parsed, "policy_frames", attributions=attributions)
    glex = lexicon_scores(parsed, "generic_frames", attributions=attributions)
    prim = primary_frame(parsed, "policy_frames", attributions=attributions)
    ind = generic_frames(parsed, "generic_frames", attributions=attributions)
    parts = []
    for t, m in ((lex, "lexicon"), (glex, "lexicon")):
        parts.append(t.assign(measure=m, present=pd.NA)[["doc_id", "codebook", "frame", "measure", "score", "present"]])
    pw = prim[["doc_id", "frame", "score"]].rename(columns={"frame": "primary"})
    grid = lex[["doc_id", "codebook", "frame"]].merge(pw, on="doc_id", how="left")
    grid["present"] = (grid["frame"] == grid["primary"]).astype(int)
    grid["score"] = np.where(grid["present"] == 1, grid["score"], 0.0)
    parts.append(grid.assign(measure="primary")[["doc_id", "codebook", "frame", "measure", "score", "present"]])
    parts.append(ind.assign(measure="indicators")[["doc_id", "codebook", "frame", "measure", "score", "present"]])
    return parts


def analyze_tables(parsed, tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Return ``{"frames": frame_table(parsed)}`` for ``toolkit analyze``; uses
    ``tables["attributions"]`` (from :mod:`toolkit.sources`) to leave attributed speech out of
    the lexicon scores when it is there."""
    return {"frames": frame_table(parsed, attributions=tables.get("attributions"))}
