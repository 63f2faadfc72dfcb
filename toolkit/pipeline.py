"""Run the whole analysis — parse, then every extractor — in partitions, streaming tables to Parquet.

The same per-partition function runs locally or on ``dask.distributed`` workers, so both
engines write identical tables. Memory is bounded by the partition size, not by the
corpus: no step holds every Doc or every table row of the corpus at once.

Extractor modules join in by defining ``analyze_tables(parsed, tables)`` (see
CONTRIBUTING.md); their tables must depend on each document alone (no corpus-wide
statistics), which is what makes partitioning — and distribution — exact.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

__all__ = ["ANALYZERS", "analyze", "analyze_partition"]

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


def analyze_partition(part: pd.DataFrame, *, model: str | None = None, n_process: int = 1, batch_size: int = 64,
                      progress: bool = False) -> dict[str, pd.DataFrame]:
    """Parse one partition (through the cache) and return every extractor's tables for it."""
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
    partition_size: int = 500,
    engine: str = "local",
    scheduler: str | None = None,
    progress: bool = True,
) -> dict[str, Path]:
    """Write ``corpus.parquet`` and one Parquet file per extractor table into ``out``.

    ``engine="local"`` parses with ``n_process`` processes; ``engine="dask"`` sends each
    partition to a ``dask.distributed`` cluster (``scheduler`` address, or a local cluster
    when None) where every worker loads the spaCy model once. Tables are written in
    partition order either way, so both engines give identical files. Returns
    ``{table name: path}``.
    """
    from tqdm.auto import tqdm

    if engine not in ("local", "dask"):
        raise ValueError(f"engine must be 'local' or 'dask', not {engine!r}")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    corpus.drop(columns=["raw_text"], errors="ignore").to_parquet(out / "corpus.parquet", index=False)
    writer = _TableWriter(out)
    bar = tqdm(total=len(corpus), desc="analyzing", unit="doc", disable=not progress)
    try:
        if engine == "local":
            for part in _partitions(corpus, partition_size):
                for name, table in analyze_partition(part, model=model, n_process=n_process,
                                                     batch_size=batch_size).items():
                    writer.write(name, table)
                bar.update(len(part))
        else:
            from distributed import Client, LocalCluster

            cluster = None if scheduler else LocalCluster(n_workers=2, threads_per_worker=1, processes=True)
            with Client(scheduler or cluster) as client:
                futures = [client.submit(analyze_partition, part, model=model, batch_size=batch_size,
                                         key=f"analyze-partition-{i}", pure=False)
                           for i, part in enumerate(_partitions(corpus, partition_size))]
                for part_no, fut in enumerate(futures):
                    for name, table in fut.result().items():
                        writer.write(name, table)
                    fut.release()
                    bar.update(min(partition_size, len(corpus) - part_no * partition_size))
            if cluster is not None:
                cluster.close()
    finally:
        bar.close()
        written = writer.close()
    summaries = [hook for _, hook in _hooks("summary_tables")]
    if summaries:
        tables = {name: pd.read_parquet(path) for name, path in written.items()}
        for hook in summaries:
            for name, table in hook(tables, corpus).items():
                table.to_parquet(out / f"{name}.parquet", index=False)
                written[name] = out / f"{name}.parquet"
    return {"corpus": out / "corpus.parquet", **written}
