"""Loaders, cleaning and duplicate flagging on fixtures written for these tests."""

from __future__ import annotations

import json
import warnings

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.corpus import (
    CORE_COLUMNS,
    CorpusError,
    clean_text,
    cleaning_report,
    flag_duplicates,
    load,
    load_dated_text,
    load_table,
    load_txt_folder,
    parse_dated_text,
)

ARTICLE = (
    "The council voted on Monday to close the old bridge.\n\n"
    '"It is not safe for buses any more," said the city engineer, Ruth Amadi.\n\n'
    "Repairs will take two years, officials said."
)


def write(path, content: str | bytes):
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


# ------------------------------------------------------------------ dated text


@pytest.mark.parametrize(
    "header",
    [" date 2017-03-02 ", "date 2017-03-02\n", "\n\n  date 2017-03-02\t", "\ufeffdate 2017-03-02 ", "DATE 2017-03-02 "],
    ids=["leading-space", "own-line", "blank-lines", "bom", "upper-case"],
)
def test_dated_text_header_variants(tmp_path, header):
    f = write(tmp_path / "a1.txt", header + ARTICLE)
    c = load_dated_text(f)
    assert list(c.columns[:6]) == CORE_COLUMNS
    assert c.loc[0, "doc_id"] == "a1"
    assert c.loc[0, "date"] == pd.Timestamp("2017-03-02")
    assert c.loc[0, "text"].startswith("The council voted")
    assert c.loc[0, "text"].count("\n\n") == 2, "paragraph breaks are kept"


def test_dated_text_crlf_is_normalised(tmp_path):
    f = write(tmp_path / "crlf.txt", ("date 2017-01-05\r\n" + ARTICLE).replace("\n", "\r\n"))
    text = load_dated_text(f).loc[0, "text"]
    assert "\r" not in text and text.count("\n\n") == 2


def test_reference_seed_file_loads():
    from pathlib import Path

    seed = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_2687c9b800a1fdff.txt"
    if not seed.exists():
        pytest.skip("the shared seed folder is not beside this checkout")
    c = load_dated_text(seed)
    assert len(c) == 1 and c.loc[0, "date"] == pd.Timestamp("2021-11-21")
    assert c.loc[0, "text"].startswith("On Saturday, November 20, Pentagon confirmed")
    assert "(With inputs from ANI" in c.loc[0, "text"]


def test_several_articles_per_file(tmp_path):
    content = "date 2017-01-01\nFirst story.\n\nSecond paragraph.\ndate 2017-01-02\nSecond story.\n date 2017-01-03 Third."
    c = load_dated_text(write(tmp_path / "briefs.txt", content))
    assert c["doc_id"].tolist() == ["briefs-1", "briefs-2", "briefs-3"]
    assert c["date"].dt.day.tolist() == [1, 2, 3]
    assert c.loc[0, "text"] == "First story.\n\nSecond paragraph."
    assert c.loc[2, "text"] == "Third."


def test_a_mid_line_date_word_does_not_split(tmp_path):
    content = "date 2017-01-01 The deal has no end date 2017-12-31 written into it."
    c = load_dated_text(write(tmp_path / "one.txt", content))
    assert len(c) == 1 and "2017-12-31" in c.loc[0, "text"]


def test_no_date_is_an_error_naming_the_file(tmp_path):
    f = write(tmp_path / "nodate.txt", ARTICLE)
    with pytest.raises(CorpusError, match=r"nodate\.txt.*does not start with 'date YYYY-MM-DD'"):
        load_dated_text(f)


def test_bad_date_is_an_error_naming_file_and_line(tmp_path):
    f = write(tmp_path / "bad.txt", "date 2017-13-45 " + ARTICLE)
    with pytest.raises(CorpusError, match=r"bad\.txt, line 1: .*2017-13-45"):
        load_dated_text(f)
    g = write(tmp_path / "us.txt", "date 03/02/2017 " + ARTICLE)
    with pytest.raises(CorpusError, match=r"us\.txt, line 1: cannot read date '03/02/2017'.*YYYY-MM-DD"):
        load_dated_text(g)


def test_undecodable_bytes_name_file_line_and_fix(tmp_path):
    f = write(tmp_path / "latin.txt", "date 2017-01-01\nfirst line\nCaf\xe9 owners said".encode("latin-1"))
    with pytest.raises(CorpusError, match=r"latin\.txt, line 3: .*encoding='latin-1'"):
        load_dated_text(f)
    assert "Café" in load_dated_text(f, encoding="latin-1").loc[0, "text"]


def test_empty_article_is_skipped_counted_and_reported(tmp_path):
    write(tmp_path / "d" / "a.txt", "date 2017-01-01 " + ARTICLE)
    write(tmp_path / "d" / "b.txt", "date 2017-01-02   \n\n")
    with pytest.warns(UserWarning, match="skipped 1 document"):
        c = load_dated_text(tmp_path / "d")
    assert c["doc_id"].tolist() == ["a"]
    assert c.attrs["skipped"] == [
        {"source": str(tmp_path / "d" / "b.txt"), "row": 1, "doc_id": "b", "reason": "empty text"}
    ]


def test_folder_of_dated_files_and_load_dispatch(tmp_path):
    for i in range(3):
        write(tmp_path / "in" / f"{i:03d}_x.txt", f" date 2017-02-0{i + 1} " + ARTICLE)
    c = load(tmp_path / "in")
    assert c["doc_id"].tolist() == ["000_x", "001_x", "002_x"]
    assert c["date"].notna().all()


# ---------------------------------------------------------------------- tables


def test_csv_with_column_mapping_keeps_metadata(tmp_path):
    f = tmp_path / "a.csv"
    pd.DataFrame(
        {"id": ["x1", "x2"], "body": [ARTICLE, "Second text."], "published": ["2017-03-01", ""],
         "paper": ["Daily A", "Daily B"], "section": ["world", "local"]}
    ).to_csv(f, index=False)
    c = load_table(f, text="body", id="id", date="published", outlet="paper")
    assert c["doc_id"].tolist() == ["x1", "x2"]
    assert c["outlet"].tolist() == ["Daily A", "Daily B"]
    assert pd.isna(c.loc[1, "date"]), "an empty date is NaT, not an error"
    assert c["section"].tolist() == ["world", "local"]
    assert c["url"].tolist() == ["", ""]


@pytest.mark.parametrize("fmt", ["jsonl", "parquet", "tsv"])
def test_other_table_formats(tmp_path, fmt):
    df = pd.DataFrame({"text": [ARTICLE, "Another."], "date": ["2017-01-01", "2017-01-02"]})
    f = tmp_path / f"t.{fmt}"
    if fmt == "jsonl":
        f.write_text("\n".join(json.dumps(r) for r in df.to_dict("records")))
    elif fmt == "parquet":
        df.to_parquet(f)
    else:
        df.to_csv(f, sep="\t", index=False)
    c = load_table(f)
    assert c["doc_id"].tolist() == ["doc00000", "doc00001"]
    assert c["date"].dt.day.tolist() == [1, 2]


def test_missing_text_column_names_file_and_columns(tmp_path):
    f = tmp_path / "t.csv"
    pd.DataFrame({"body": ["x"]}).to_csv(f, index=False)
    with pytest.raises(CorpusError, match=r"t\.csv: no text column \(columns: body\)\. .*text='body'"):
        load_table(f)


def test_unparseable_date_names_the_row(tmp_path):
    f = tmp_path / "t.csv"
    pd.DataFrame({"text": ["a", "b", "c"], "date": ["2017-01-01", "2017-01-02", "next Tuesday"]}).to_csv(f, index=False)
    with pytest.raises(CorpusError, match=r"t\.csv, row 4: cannot read date 'next Tuesday'"):
        load_table(f)


def test_duplicate_ids_name_the_rows(tmp_path):
    f = tmp_path / "t.csv"
    pd.DataFrame({"id": ["a", "b", "a"], "text": ["x", "y", "z"]}).to_csv(f, index=False)
    with pytest.raises(CorpusError, match=r"duplicate document id 'a' in rows \[2, 4\]"):
        load_table(f, id="id")


def test_txt_folder_with_metadata_csv(tmp_path):
    write(tmp_path / "txt" / "s1.txt", ARTICLE)
    write(tmp_path / "txt" / "s2.txt", "date 2017-05-05\nA dated one.")
    meta = tmp_path / "meta.csv"
    pd.DataFrame({"file": ["s1", "s2"], "source": ["Paper", "Radio"], "when": ["2017-04-04", ""]}).to_csv(meta, index=False)
    c = load_txt_folder(tmp_path / "txt", metadata=meta, id="file", outlet="source", date="when")
    assert c.set_index("doc_id")["outlet"].to_dict() == {"s1": "Paper", "s2": "Radio"}
    assert c.set_index("doc_id").loc["s1", "date"] == pd.Timestamp("2017-04-04")
    assert c.set_index("doc_id").loc["s2", "text"] == "A dated one."


def test_txt_folder_metadata_with_unknown_id_is_an_error(tmp_path):
    write(tmp_path / "txt" / "s1.txt", ARTICLE)
    meta = tmp_path / "meta.csv"
    pd.DataFrame({"doc_id": ["s1", "s9"]}).to_csv(meta, index=False)
    with pytest.raises(CorpusError, match=r"meta\.csv: 1 id\(s\) with no file.*'s9'"):
        load_txt_folder(tmp_path / "txt", metadata=meta)


# -------------------------------------------------------------------- cleaning


@pytest.mark.parametrize(
    "raw, clean",
    [
        # right quote followed by a space became '"?'
        ('"We will not leave,"?the minister said.', '"We will not leave," the minister said.'),
        ('"It is over."?Later that day, talks resumed.', '"It is over." Later that day, talks resumed.'),
        # apostrophe of a plural possessive
        ('The teachers"?unions opposed the plan.', "The teachers\u2019 unions opposed the plan."),
        # em dash between spaces
        ('The court could decide "?at least for now "?the fate of the plan.',
         "The court could decide \u2014 at least for now \u2014 the fate of the plan."),
        # opening curly quote and replacement character
        ('He called it "\ufffdreckless."?Nobody answered.', 'He called it "reckless." Nobody answered.'),
        # two apostrophes as a quote mark, and as a possessive
        ("She said ''we are ready'' and left.", 'She said "we are ready" and left.'),
        ("They visited Qalandar''s tomb.", "They visited Qalandar\u2019s tomb."),
        ("Too   many\u00a0spaces \n\n\n\nand lines ", "Too many spaces\n\nand lines"),
        # a straight double quote written for an apostrophe, inside a quotation
        ('"I don"t know, and I"ve asked," she said of O"Neill"s memo.',
         '"I don\'t know, and I\'ve asked," she said of O\'Neill\'s memo.'),
        ('the G20"s plan', "the G20's plan"),
    ],
)
def test_clean_text_repairs_dataset_damage(raw, clean):
    assert clean_text(raw)[0] == clean


def test_clean_text_counts_fixes():
    text, counts = clean_text('The teachers"?unions said "?again "?no.  ')
    assert counts == {"fix_ftfy": 0, "fix_quotes": 3, "fix_whitespace": 1}
    assert text == "The teachers\u2019 unions said \u2014 again \u2014 no."


def test_clean_text_leaves_clean_text_alone():
    assert clean_text(ARTICLE) == (ARTICLE, {"fix_ftfy": 0, "fix_quotes": 0, "fix_whitespace": 0})


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('ab "?\'\n.,\u2014\ufffd\u00a0')), max_size=80))
def test_clean_text_is_idempotent_and_never_grows_whitespace(s):
    once, _ = clean_text(s)
    assert clean_text(once)[0] == once
    assert "  " not in once and "\n\n\n" not in once and once == once.strip()


# ------------------------------------------------------------------ duplicates


def test_exact_and_near_duplicates_are_flagged_not_dropped():
    base = " ".join(f"word{i} of the wire story about the flood in the valley" for i in range(30))
    near = base.replace("word29", "wordXX")
    other = " ".join(f"token{i} in an unrelated article about elections" for i in range(30))
    df = pd.DataFrame(
        {"doc_id": ["orig", "copy", "near", "other"], "text": [base, base + " ", near, other],
         "date": pd.to_datetime(["2017-01-01", "2017-01-02", "2017-01-03", "2017-01-01"]), "outlet": ["A", "B", "C", "A"]}
    )
    out = flag_duplicates(df)
    assert len(out) == 4
    assert out.set_index("doc_id")[["dup_of", "dup_kind"]].to_dict("index") == {
        "orig": {"dup_of": "", "dup_kind": ""},
        "copy": {"dup_of": "orig", "dup_kind": "exact"},
        "near": {"dup_of": "orig", "dup_kind": "near"},
        "other": {"dup_of": "", "dup_kind": ""},
    }
    rep = cleaning_report(out.assign(fix_quotes=0))
    assert rep.set_index("outlet").loc["B", "exact_duplicates"] == 1


def test_sample_dataset_flags_its_wire_copy(sample_corpus):
    dups = sample_corpus.loc[sample_corpus["dup_kind"] != "", ["doc_id", "dup_of", "dup_kind"]]
    assert dups.to_dict("records") == [{"doc_id": "wire-briefs-3", "dup_of": "wire-briefs-2", "dup_kind": "exact"}]
