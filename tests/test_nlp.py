"""Model loading and the parse cache: hits, misses, invalidation, long texts."""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit.nlp import ModelNotFound, load_model, model_id, parse
from tests.conftest import corpus_of

TEXTS = [
    'Prime Minister Haider al-Abadi said on Sunday that Iraqi forces had retaken the airport. "The city will be free soon," he said.',
    "The United Nations warned that 400,000 civilians remained in the old city of Mosul.",
    "According to the Kurdish Regional Government, the road to Erbil reopened on Monday.",
]


def tokens(doc):
    return [(t.text, t.tag_, t.dep_, t.head.i, t.lemma_, t.ent_type_, t.is_sent_start) for t in doc]


def test_default_model_is_the_small_english_pipeline(nlp):
    assert nlp.meta["lang"] == "en" and nlp.meta["name"].startswith("core_web_sm")
    assert {"parser", "ner", "lemmatizer"} <= set(nlp.pipe_names)


def test_any_installed_pipeline_is_selectable_by_name(nlp):
    name = f"{nlp.meta['lang']}_{nlp.meta['name']}"
    assert load_model(name).meta["name"] == nlp.meta["name"]


def test_missing_model_says_what_to_install():
    with pytest.raises(ModelNotFound, match=r"'xx_no_such_model' is not installed \(installed: .*\)\. Run `make install`"):
        load_model("xx_no_such_model")


def test_second_parse_reads_everything_from_cache(tmp_cache, nlp):
    corpus = corpus_of(*TEXTS)
    first = parse(corpus, nlp=nlp, progress=False)
    assert (first.stats["parsed"], first.stats["cached"]) == (3, 0)
    second = parse(corpus, nlp=nlp, progress=False)
    assert (second.stats["parsed"], second.stats["cached"]) == (0, 3)
    fresh = {d: doc for d, doc in first}
    for doc_id, doc in second:
        assert tokens(doc) == tokens(fresh[doc_id])
        assert [(e.text, e.label_) for e in doc.ents] == [(e.text, e.label_) for e in fresh[doc_id].ents]


def test_changed_text_is_parsed_again_and_order_is_the_corpus_order(tmp_cache, nlp):
    parse(corpus_of(*TEXTS), nlp=nlp, progress=False)
    changed = corpus_of(TEXTS[2], TEXTS[0] + " Officials confirmed it.", TEXTS[1])
    again = parse(changed, nlp=nlp, progress=False)
    assert again.stats["parsed"] == 1
    assert [d for d, _ in again] == ["t0", "t1", "t2"]
    assert again["t1"].text.endswith("Officials confirmed it.")
    assert again["t0"].text == TEXTS[2]


def test_cache_key_includes_enabled_components(tmp_cache):
    corpus = corpus_of(*TEXTS)
    parse(corpus, progress=False)
    no_ner = parse(corpus, disable=["ner"], progress=False)
    assert no_ner.stats["parsed"] == 3 and "ner" not in no_ner.stats["model"]
    assert not no_ner["t0"].ents
    assert parse(corpus, disable=["ner"], progress=False).stats["parsed"] == 0
    assert len({p.name for p in tmp_cache.iterdir()}) == 2


def test_identical_texts_are_parsed_once(tmp_cache, nlp):
    parsed = parse(corpus_of(TEXTS[0], TEXTS[0], TEXTS[1]), nlp=nlp, progress=False)
    assert parsed.stats["parsed"] == 2
    assert parsed["t0"].text == parsed["t1"].text


def test_a_shard_without_its_key_file_is_ignored(tmp_cache, nlp):
    """A run killed between writing a shard and its key list must not poison the cache."""
    corpus = corpus_of(*TEXTS)
    parse(corpus, nlp=nlp, progress=False)
    (keys,) = list(tmp_cache.rglob("*.keys"))
    keys.unlink()
    assert parse(corpus, nlp=nlp, progress=False).stats["parsed"] == 3


def test_texts_longer_than_max_length_are_parsed_in_pieces(tmp_cache):
    nlp = load_model()
    text = " ".join(TEXTS * 40)
    old = nlp.max_length
    nlp.max_length = 1500
    try:
        parsed = parse(corpus_of(text, TEXTS[1]), nlp=nlp, progress=False, cache=False)
    finally:
        nlp.max_length = old
    doc = parsed["t0"]
    assert doc.text == text
    assert sum(e.text == "Mosul" for e in doc.ents) == 40


def test_unknown_doc_id_is_a_clear_key_error(tmp_cache, nlp):
    parsed = parse(corpus_of(TEXTS[0]), nlp=nlp, progress=False)
    with pytest.raises(KeyError, match="no document 'nope'"):
        parsed["nope"]


def test_model_id_names_model_version_and_components(nlp):
    mid = model_id(nlp)
    assert mid.startswith(f"en_{nlp.meta['name']}-{nlp.meta['version']}-spacy3.8")
    assert mid.endswith("+".join(nlp.pipe_names) + "-" + nlp.meta["toolkit_tokenizer"])


def test_iteration_over_a_cache_filled_by_several_corpora(tmp_cache, nlp, monkeypatch):
    """Docs from interleaved shards come back in corpus order, each shard decoded once per window."""
    import toolkit.nlp as tn

    monkeypatch.setattr(tn, "SHARD_SIZE", 2)
    texts = [f"Officials in city number {i} said the bridge was closed." for i in range(8)]
    parse(corpus_of(*texts[::2]), nlp=nlp, progress=False)   # even texts: shards of their own
    both = parse(corpus_of(*texts), nlp=nlp, progress=False)  # odd texts land in new shards
    assert both.stats["parsed"] == 4
    decoded = []
    real = both._store.decode
    monkeypatch.setattr(both._store, "decode", lambda shard, vocab: decoded.append(shard) or real(shard, vocab))
    assert [doc.text for _, doc in both] == texts
    assert len(decoded) == len(set(decoded)) == 4


def test_tokenizer_splits_sentence_ends_glued_by_a_dash(nlp):
    doc = nlp('He left on Tuesday.-Rock said it was done.- Officials, however, said:-"No." '
              'It was "sympathetic,"-says Ann. A U.N.-brokered deal.')
    words = [t.text for t in doc]
    for seq in (["Tuesday", ".", "-", "Rock"], ["done", ".", "-", "Officials"], ["said", ":", "-", '"', "No"],
                ["sympathetic", ",", '"', "-", "says"], ["U.N.", "-", "brokered"]):
        assert any(words[i:i + len(seq)] == seq for i in range(len(words))), (seq, words)
    assert any(s.text.startswith("-Rock") for s in doc.sents)
    # the text is not changed, only split: offsets still index the cleaned text
    assert doc.text == 'He left on Tuesday.-Rock said it was done.- Officials, however, said:-"No." ' \
        'It was "sympathetic,"-says Ann. A U.N.-brokered deal.'
