"""The command line as a shell user meets it: outputs, messages, exit codes."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

from toolkit.cli import main


def test_analyze_a_csv_writes_corpus_and_extractor_tables(tmp_path, tmp_cache, capsys):
    src = tmp_path / "in.csv"
    pd.DataFrame(
        {"key": ["a", "b"], "body": ['"We will rebuild," the mayor said.', "Floods hit the valley on Monday."],
         "day": ["2017-03-01", "2017-03-02"], "paper": ["Gazette", "Courier"]}
    ).to_csv(src, index=False)
    out = tmp_path / "out"
    rc = main(["analyze", str(src), "--text-col", "body", "--id-col", "key", "--date-col", "day",
               "--outlet-col", "paper", "--out", str(out), "-q"])
    assert rc == 0
    corpus = pd.read_parquet(out / "corpus.parquet")
    assert corpus["doc_id"].tolist() == ["a", "b"] and corpus["outlet"].tolist() == ["Gazette", "Courier"]
    assert "raw_text" not in corpus.columns
    printed = capsys.readouterr().out
    assert "corpus:" in printed and "2 rows" in printed
    for path in out.glob("*.parquet"):
        table = pd.read_parquet(path)
        if "doc_id" in table.columns:
            assert set(table["doc_id"]) <= {"a", "b"}, f"{path.name} must join on doc_id"
        else:
            assert "outlet" in table.columns, f"{path.name}: a summary table is per outlet"


def test_parse_twice_parses_nothing_the_second_time(tmp_path, tmp_cache, capsys):
    f = tmp_path / "one.txt"
    f.write_text(" date 2017-02-01 The ministry said on Friday that talks would resume.")
    assert main(["parse", str(f), "-q"]) == 0
    assert "1 parsed, 0 from cache" in capsys.readouterr().out
    assert main(["parse", str(f), "-q"]) == 0
    assert "0 parsed, 1 from cache" in capsys.readouterr().out


def test_bad_input_exits_2_with_the_file_named(tmp_path, capsys):
    f = tmp_path / "broken.txt"
    f.write_text("no date here, just text")
    assert main(["parse", str(f)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "broken.txt" in err and "date YYYY-MM-DD" in err


def test_unknown_column_exits_2(tmp_path, capsys):
    src = tmp_path / "in.csv"
    pd.DataFrame({"body": ["x"]}).to_csv(src, index=False)
    assert main(["analyze", str(src), "--text-col", "content", "--out", str(tmp_path / "o")]) == 2
    assert "no column 'content'" in capsys.readouterr().err


def test_python_dash_m_and_usage_errors():
    proc = subprocess.run([sys.executable, "-m", "toolkit", "--help"], capture_output=True, text=True)
    assert proc.returncode == 0 and "analyze" in proc.stdout and "fetch" in proc.stdout
    proc = subprocess.run([sys.executable, "-m", "toolkit", "fetch", "nosuchset"], capture_output=True, text=True)
    assert proc.returncode == 2 and "invalid choice" in proc.stderr
