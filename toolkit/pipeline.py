"""Run the whole analysis — parse, then every extractor — in partitions, streaming tables to Parquet.

The same per-partition function runs locally or on ``dask.distributed`` workers, so both
engines write identical tables. Memory is bounded by the partition size, not by the
corpus: no step holds every Doc or every table row of the corpus at once.

Extractor modules join in by defining ``analyze_tables(parsed, tables)`` (see
CONTRIBUTING.md); their tables must depend on each document alone (no corpus-wide
statistics), which is what makes partitioning — and distribution — exact.

Each partition's tables are cached on disk (``<cache_dir>/tables``), keyed by the
partition's rows, the spaCy pipeline and a fingerprint of the toolkit's code and data
files, so a second run over an unchanged corpus reads tables instead of loading the model
and running the extractors; any edit to an extractor, an alias file or a codebook, or a
changed text, recomputes the partitions it touches.
"""

from __future__ import annotations

import hashlib
import importlib
import pickle
import shutil
import uuid
from collections.abc import Iterator, Mapping
from functools import lru_cache
from pathlib import Path

import pandas as pd

__all__ = ["ANALYZERS", "analyze", "analyze_partition", "code_fingerprint", "partition_key"]

_PACKAGE = Path(__file__).resolve().parent
#: folders of ``data/`` the extractors do not read (gold sets, the sample corpus)
_NOT_EXTRACTOR_DATA = {"gold", "sample"}

#: modules that contribute tables, in order (later ones see earlier tables of the same partition)
ANALYZERS = ("toolkit.entities", "toolkit.sources", "toolkit.framing")


def _hooks(attr: str = "analyze_tables"):
    for name in ANALYZERS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as e:
            if e.name != name:
                raise
            continue
        hook = getattr(module, attr, None)
        if hook is not None:
            yield name, hook


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """sha256 of everything an extractor's output depends on besides the texts and the model:
    the toolkit's source files and its data files (aliases, patterns, codebooks, lexicons),
    plus the pandas version the cached tables were pickled with."""
    h = hashlib.sha256(f"pandas {pd.__version__}".encode())
    files = sorted(_PACKAGE.glob("*.py"))
    data = _PACKAGE.parent / "data"
    if data.is_dir():
        files += sorted(p for p in data.rglob("*") if p.is_file()
                        and p.relative_to(data).parts[0] not in _NOT_EXTRACTOR_DATA)
    for f in files:
        h.update(str(f.relative_to(_PACKAGE.parent)).encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()


def partition_key(part: pd.DataFrame, model_id: str) -> str | None:
    """The table-cache key of a partition: its rows (every column), the pipeline and the code.

    None when a column cannot be hashed (e.g. lists): that partition is then always computed.
    """
    try:
        rows = pd.util.hash_pandas_object(part.drop(columns=["raw_text"], errors="ignore"), index=False)
    except TypeError:
        return None
    h = hashlib.sha256("\0".join([code_fingerprint(), model_id, *map(str, part.columns)]).encode())
    h.update(rows.to_numpy().tobytes())
    return h.hexdigest()


def _table_dir(key: str) -> Path:
    from toolkit.nlp import cache_dir

    return cache_dir() / "tables" / key[:2] / key


def _read_tables(key: str) -> dict[str, pd.DataFrame] | None:
    path = _table_dir(key) / "tables.pickle"
    if not path.exists():
        return None
    try:
        return pickle.loads(path.read_bytes())
    except Exception:  # a damaged entry is recomputed, never trusted
        return None


def _write_tables(key: str, tables: dict[str, pd.DataFrame]) -> None:
    folder = _table_dir(key)
    tmp = folder.with_name(f"{key}.{uuid.uuid4().hex[:8]}.part")
    tmp.mkdir(parents=True, exist_ok=True)
    # pickle keeps every dtype exactly (Int8, str, bool), so a warm run writes identical files
    (tmp / "tables.pickle").write_bytes(pickle.dumps(tables, protocol=5))
    try:
        tmp.rename(folder)  # atomic: a reader sees a whole entry or none
    except OSError:  # another worker wrote the same entry first
        shutil.rmtree(tmp, ignore_errors=True)


def _lookup(part: pd.DataFrame, model: str | None, cache: bool) -> tuple[str | None, dict | None]:
    """The partition's cache key (None without caching) and its cached tables (None on a miss)."""
    from toolkit.nlp import model_key

    key = partition_key(part, model_key(model)) if cache else None
    return key, (_read_tables(key) if key else None)


def analyze_partition(part: pd.DataFrame, *, model: str | None = None, n_process: int = 1, batch_size: int = 64,
                      progress: bool = False, cache: bool = True) -> dict[str, pd.DataFrame]:
    """Every extractor's tables for one partition, from the table cache or computed.

    ``cache=False`` neither reads nor writes the table cache (the parse cache is still used).
    """
    key, hit = _lookup(part, model, cache)
    if hit is not None:
        return hit
    tables = _compute_partition(part, model=model, n_process=n_process, batch_size=batch_size, progress=progress)
    if key is not None:
        _write_tables(key, tables)
    return tables


def _compute_partition(part: pd.DataFrame, *, model, n_process, batch_size, progress) -> dict[str, pd.DataFrame]:
    from toolkit.nlp import parse

    parsed = parse(part, model=model, n_process=n_process, batch_size=batch_size, progress=progress, keep=True)
    tables: dict[str, pd.DataFrame] = {}
    for _, hook in _hooks():
        tables.update(hook(parsed, tables))
    # rows in corpus order (stable within a document), so concatenated partitions equal one big run
    position = pd.Series(range(len(part)), index=part["doc_id"].to_numpy())
    for name, table in tables.items():
        if "doc_id" in table.columns and len(table):
            order = position.reindex(table["doc_id"].to_numpy()).to_numpy().argsort(kind="stable")
            tables[name] = table.iloc[order].reset_index(drop=True)
    return tables


def _partitions(corpus: pd.DataFrame, size: int) -> Iterator[pd.DataFrame]:
    for start in range(0, len(corpus), size):
        yield corpus.iloc[start : start + size]


class _TableWriter:
    """Append partition tables to one Parquet file per table.

    The schema comes from the first partition with rows (an empty partition cannot tell an
    integer column from a text one); a table empty in every partition is written empty.
    """

    def __init__(self, out: Path):
        self.out = out
        self.writers: dict = {}
        self.empty: dict[str, pd.DataFrame] = {}

    def write(self, name: str, table: pd.DataFrame) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if name not in self.writers:
            if table.empty:
                self.empty.setdefault(name, table)
                return
            arrow = pa.Table.from_pandas(table, preserve_index=False)
            # a column that is null throughout the first partition is text, not "null"
            schema = pa.schema([f.with_type(pa.string()) if pa.types.is_null(f.type) else f for f in arrow.schema],
                               metadata=arrow.schema.metadata)  # keeps pandas dtypes such as Int8
            self.writers[name] = pq.ParquetWriter(self.out / f"{name}.parquet", schema)
            self.empty.pop(name, None)
        if not table.empty:
            writer = self.writers[name]
            writer.write_table(pa.Table.from_pandas(table, schema=writer.schema, preserve_index=False))

    def close(self) -> dict[str, Path]:
        for name, table in self.empty.items():
            table.to_parquet(self.out / f"{name}.parquet", index=False)
        for w in self.writers.values():
            w.close()
        return {name: self.out / f"{name}.parquet" for name in [*self.writers, *self.empty]}


def analyze(
    corpus: pd.DataFrame,
    out: str | Path,
    *,
    model: str | None = None,
    n_process: int = 1,
    batch_size: int = 64,
    partition_size: int = 100,
    engine: str = "local",
    scheduler: str | None = None,
    cache: bool = True,
    progress: bool = True,
) -> dict[str, Path]:
    """Write ``corpus.parquet`` and one Parquet file per extractor table into ``out``.

    ``engine="local"`` runs the partitions in this process, or with ``n_process > 1`` in
    that many worker processes, each loading the model once and parsing, extracting and
    caching whole partitions (so no Doc crosses a process boundary); ``engine="dask"``
    sends each partition to a ``dask.distributed`` cluster (``scheduler`` address, or a
    local cluster when None) where every worker does the same. Tables are written in
    partition order either way, so every engine gives identical files. ``cache=False``
    recomputes every table (the parse cache still serves the parses). Returns ``{table name:
    path}``.
    """
    from tqdm.auto import tqdm

    if engine not in ("local", "dask"):
        raise ValueError(f"engine must be 'local' or 'dask', not {engine!r}")
    if n_process < 1:
        raise ValueError(f"n_process must be at least 1, not {n_process}")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    corpus.drop(columns=["raw_text"], errors="ignore").to_parquet(out / "corpus.parquet", index=False)
    parallel = engine == "dask" or n_process > 1
    # the partitioning never depends on the engine or n_process, so a run in one mode finds
    # the tables another mode cached
    parts = list(_partitions(corpus, partition_size))
    options = dict(model=model, batch_size=batch_size, cache=cache)
    writer = _TableWriter(out)
    bar = tqdm(total=len(corpus), desc="analyzing", unit="doc", disable=not progress)
    try:
        if not parallel:
            for part in parts:
                for name, table in analyze_partition(part, n_process=n_process, **options).items():
                    writer.write(name, table)
                bar.update(len(part))
        elif engine == "local":
            _run_processes(parts, options, n_process, writer, bar)
        else:
            _run_dask(parts, options, scheduler, writer, bar)
    finally:
        bar.close()
        written = writer.close()
    written.update(_summaries(written, corpus, out, model, cache))
    return {"corpus": out / "corpus.parquet", **written}


def _run_processes(parts: list[pd.DataFrame], options: dict, n_process: int, writer: _TableWriter, bar) -> None:
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor

    # spawn, not fork: forking a process that holds threads (Jupyter, BLAS) can deadlock
    ctx = multiprocessing.get_context("spawn")
    pool = None  # started on the first partition the table cache lacks: a warm run needs no workers
    try:
        pending: dict[int, object] = {}
        nxt = 0
        for i, part in enumerate(parts):
            # at most two partitions per worker in flight: memory stays bounded by partitions, not corpus
            while len(pending) >= 2 * n_process:
                nxt = _drain(pending, nxt, parts, writer, bar)
            _, hit = _lookup(part, options["model"], options["cache"])
            if hit is not None:
                pending[i] = Future()
                pending[i].set_result(hit)
                continue
            if pool is None:
                pool = ProcessPoolExecutor(max_workers=n_process, mp_context=ctx)
            pending[i] = pool.submit(analyze_partition, part, n_process=1, **options)
        while pending:
            nxt = _drain(pending, nxt, parts, writer, bar)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)


def _drain(pending: dict, nxt: int, parts: list, writer: _TableWriter, bar) -> int:
    """Write the next partition's tables, in partition order, as soon as it is done."""
    for name, table in pending.pop(nxt).result().items():
        writer.write(name, table)
    bar.update(len(parts[nxt]))
    return nxt + 1


def _run_dask(parts: list[pd.DataFrame], options: dict, scheduler: str | None, writer: _TableWriter, bar) -> None:
    from distributed import Client, LocalCluster

    cluster = None if scheduler else LocalCluster(n_workers=2, threads_per_worker=1, processes=True)
    try:
        with Client(scheduler or cluster) as client:
            futures = [client.submit(analyze_partition, part, key=f"analyze-partition-{i}", pure=False, **options)
                       for i, part in enumerate(parts)]
            for part, fut in zip(parts, futures):
                for name, table in fut.result().items():
                    writer.write(name, table)
                fut.release()
                bar.update(len(part))
    finally:
        if cluster is not None:
            cluster.close()


class _LazyTables(Mapping):
    """Written tables, each read back only when a summary asks for it (memory: the summaries
    need the mentions and attributions, not the frame scores)."""

    def __init__(self, paths: dict[str, Path]):
        self.paths = paths
        self.loaded: dict[str, pd.DataFrame] = {}

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in self.loaded:
            self.loaded[name] = pd.read_parquet(self.paths[name])
        return self.loaded[name]

    def __contains__(self, name) -> bool:
        return name in self.paths

    def __iter__(self):
        return iter(self.paths)

    def __len__(self) -> int:
        return len(self.paths)


def _summaries(written: dict[str, Path], corpus: pd.DataFrame, out: Path, model: str | None,
               cache: bool) -> dict[str, Path]:
    """Corpus-level summary tables (``summary_tables`` hooks), cached like the partitions."""
    from toolkit.nlp import model_key

    summaries = [hook for _, hook in _hooks("summary_tables")]
    if not summaries:
        return {}
    # the whole corpus (rows, model, code) determines every per-document table, hence the summaries
    whole = partition_key(corpus, model_key(model)) if cache else None
    key = hashlib.sha256(f"summaries\0{whole}".encode()).hexdigest() if whole else None
    result = _read_tables(key) if key else None
    if result is None:
        tables = _LazyTables(written)
        result = {}
        for hook in summaries:
            result.update(hook(tables, corpus))
        if key:
            _write_tables(key, result)
    paths = {}
    for name, table in result.items():
        table.to_parquet(out / f"{name}.parquet", index=False)
        paths[name] = out / f"{name}.parquet"
    return paths
