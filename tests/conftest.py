from __future__ import annotations

import pytest

from toolkit.corpus import load_dated_text, make_corpus, clean_corpus


@pytest.fixture(scope="session")
def nlp():
    from toolkit.nlp import load_model

    return load_model()


@pytest.fixture
def tmp_cache(tmp_path, monkeypatch):
    """An empty parse cache for one test."""
    path = tmp_path / "cache"
    monkeypatch.setenv("TOOLKIT_CACHE_DIR", str(path))
    return path


@pytest.fixture(scope="session")
def sample_corpus():
    from toolkit.datasets import load_dataset

    return load_dataset("sample")


def corpus_of(*texts: str, **columns) -> "pd.DataFrame":
    """A cleaned corpus from literal texts (ids t0, t1, …), for extractor tests."""
    import pandas as pd

    df = pd.DataFrame({"doc_id": [f"t{i}" for i in range(len(texts))], "text": list(texts), **columns})
    return clean_corpus(make_corpus(df, source="test"))
