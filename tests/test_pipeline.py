"""Partitioned, streaming analysis: the same tables whatever the partitioning or the engine."""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit.pipeline import analyze


def read_all(folder):
    return {p.stem: pd.read_parquet(p) for p in sorted(folder.glob("*.parquet"))}


@pytest.fixture(scope="module")
def reference(tmp_path_factory, sample_corpus):
    out = tmp_path_factory.mktemp("one-partition")
    analyze(sample_corpus, out, partition_size=len(sample_corpus), progress=False)
    return read_all(out)


def test_tables_do_not_depend_on_partition_size(tmp_path, sample_corpus, reference):
    analyze(sample_corpus, tmp_path, partition_size=2, progress=False)
    tables = read_all(tmp_path)
    assert tables.keys() == reference.keys()
    for name, table in tables.items():
        pd.testing.assert_frame_equal(table, reference[name], check_dtype=True, obj=name)


def test_dask_local_cluster_gives_identical_tables(tmp_path, sample_corpus, reference):
    pytest.importorskip("distributed")
    analyze(sample_corpus, tmp_path, partition_size=2, engine="dask", progress=False)
    tables = read_all(tmp_path)
    assert tables.keys() == reference.keys()
    for name, table in tables.items():
        pd.testing.assert_frame_equal(table, reference[name], check_dtype=True, obj=name)


def test_written_tables_keep_their_pandas_dtypes(tmp_path, sample_corpus):
    from toolkit.pipeline import analyze_partition

    direct = analyze_partition(sample_corpus)
    analyze(sample_corpus, tmp_path, partition_size=4, progress=False)
    for name, table in direct.items():
        back = pd.read_parquet(tmp_path / f"{name}.parquet")
        assert back.dtypes.astype(str).to_dict() == table.dtypes.astype(str).to_dict(), name


def test_unknown_engine_is_rejected(tmp_path, sample_corpus):
    with pytest.raises(ValueError, match="engine must be 'local' or 'dask'"):
        analyze(sample_corpus, tmp_path, engine="spark")
