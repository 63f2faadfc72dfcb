"""Partitioned, streaming analysis: the same tables whatever the partitioning, the engine or the cache."""

from __future__ import annotations

import pandas as pd
import pytest

import toolkit.pipeline as P
from toolkit.pipeline import analyze


def read_all(folder):
    return {p.stem: pd.read_parquet(p) for p in sorted(folder.glob("*.parquet"))}


def assert_same_tables(tables, reference):
    assert tables.keys() == reference.keys()
    for name, table in tables.items():
        pd.testing.assert_frame_equal(table, reference[name], check_dtype=True, obj=name)


@pytest.fixture(scope="module")
def reference(tmp_path_factory, sample_corpus):
    out = tmp_path_factory.mktemp("one-partition")
    analyze(sample_corpus, out, partition_size=len(sample_corpus), cache=False, progress=False)
    return read_all(out)


def test_tables_do_not_depend_on_partition_size(tmp_path, sample_corpus, reference):
    analyze(sample_corpus, tmp_path, partition_size=2, cache=False, progress=False)
    assert_same_tables(read_all(tmp_path), reference)


def test_dask_local_cluster_gives_identical_tables(tmp_path, sample_corpus, reference):
    pytest.importorskip("distributed")
    analyze(sample_corpus, tmp_path, partition_size=2, engine="dask", cache=False, progress=False)
    assert_same_tables(read_all(tmp_path), reference)


def test_worker_processes_give_identical_tables(tmp_path, sample_corpus, reference):
    analyze(sample_corpus, tmp_path, partition_size=2, n_process=2, cache=False, progress=False)
    assert_same_tables(read_all(tmp_path), reference)


def test_fresh_parses_and_cached_parses_give_identical_tables(tmp_path, tmp_cache, sample_corpus, reference):
    # an empty parse cache: the extractors see the Docs just parsed, not decoded ones
    analyze(sample_corpus, tmp_path / "fresh", partition_size=3, cache=False, progress=False)
    assert_same_tables(read_all(tmp_path / "fresh"), reference)


def test_warm_run_reads_cached_tables_without_model_or_extractors(tmp_path, tmp_cache, sample_corpus, reference,
                                                                  monkeypatch):
    analyze(sample_corpus, tmp_path / "cold", partition_size=3, progress=False)

    def fail(*args, **kwargs):
        raise AssertionError("a warm run recomputed a partition")

    monkeypatch.setattr(P, "_compute_partition", fail)
    monkeypatch.setattr("toolkit.nlp.load_model", fail)
    for n_process in (1, 2):  # the worker pool is not even started when every partition is cached
        analyze(sample_corpus, tmp_path / f"warm{n_process}", partition_size=3, n_process=n_process, progress=False)
        assert_same_tables(read_all(tmp_path / f"warm{n_process}"), reference)


def test_a_changed_text_recomputes_only_its_partition(tmp_path, tmp_cache, sample_corpus, monkeypatch):
    analyze(sample_corpus, tmp_path / "a", partition_size=3, progress=False)
    edited = sample_corpus.copy()
    edited.loc[edited.index[-1], "text"] = edited["text"].iloc[-1] + "\n\nA spokesman said the talks would resume."
    computed = []
    real = P._compute_partition
    monkeypatch.setattr(P, "_compute_partition", lambda part, **kw: computed.append(list(part["doc_id"])) or real(part, **kw))
    analyze(edited, tmp_path / "b", partition_size=3, progress=False)
    assert computed == [list(sample_corpus["doc_id"].iloc[3:6])]
    att = pd.read_parquet(tmp_path / "b" / "attributions.parquet")
    last = att[att["doc_id"] == sample_corpus["doc_id"].iloc[-1]]
    assert "the talks would resume" in set(last["content"])


def test_cache_key_follows_code_model_and_rows(sample_corpus):
    part = sample_corpus.iloc[:3]
    key = P.partition_key(part, "m1")
    assert key == P.partition_key(part.copy(), "m1")
    assert key != P.partition_key(part, "m2")
    assert key != P.partition_key(part.assign(outlet="elsewhere"), "m1")  # summaries read metadata too
    assert key != P.partition_key(sample_corpus.iloc[:2], "m1")


def test_model_key_matches_the_loaded_pipeline():
    from toolkit.nlp import load_model, model_id, model_key

    assert model_key() == model_id(load_model())
    assert model_key(exclude=("ner",)) == model_id(load_model(exclude=("ner",)))


def test_written_tables_keep_their_pandas_dtypes(tmp_path, sample_corpus):
    from toolkit.pipeline import analyze_partition

    direct = analyze_partition(sample_corpus, cache=False)
    analyze(sample_corpus, tmp_path, partition_size=4, progress=False)
    for name, table in direct.items():
        back = pd.read_parquet(tmp_path / f"{name}.parquet")
        assert back.dtypes.astype(str).to_dict() == table.dtypes.astype(str).to_dict(), name


def test_unknown_engine_is_rejected(tmp_path, sample_corpus):
    with pytest.raises(ValueError, match="engine must be 'local' or 'dask'"):
        analyze(sample_corpus, tmp_path, engine="spark")
    with pytest.raises(ValueError, match="n_process must be at least 1"):
        analyze(sample_corpus, tmp_path, n_process=0)
