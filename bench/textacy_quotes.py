"""Compare toolkit.sources with textacy's direct-quotation extractor on the project's gold set.

textacy is *not* a dependency of the toolkit. Install it in a separate environment that has
the same spaCy version, then run this script with the toolkit's environment:

    python -m venv /tmp/venv-textacy && /tmp/venv-textacy/bin/pip install textacy
    TOOLKIT_DATA_DIR=... TOOLKIT_CACHE_DIR=... python bench/textacy_quotes.py \
        --textacy-python /tmp/venv-textacy/bin/python

The script writes the gold articles' cleaned texts to a temporary folder, runs
``textacy.extract.triples.direct_quotations`` on each (in the textacy environment, with the same
spaCy pipeline loaded from its installed path, so nothing is downloaded), and scores both
systems with :mod:`toolkit.evaluate` on the same gold: all gold attributions (textacy can only
find direct quotes, so its recall over all kinds is bounded by the direct share), and direct
quotes only. Articles on which textacy raises (e.g. an odd number of quotation marks) count as
articles with no prediction; the number is reported. Results go to ``bench/results/``
(git-ignored) and to stdout.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

WORKER = r'''
import json, sys, spacy, textacy
from textacy.extract.triples import direct_quotations
texts = json.load(open(sys.argv[1]))
nlp = spacy.load(sys.argv[3])
out, failed = [], []
for doc_id, text in texts.items():
    doc = nlp(text)
    try:
        for dq in direct_quotations(doc):
            c = dq.content
            start, end = c.start_char, c.end_char
            # textacy's content span includes the quotation marks: drop them
            while start < end and text[start] in '"\u201c\u201d\'':
                start += 1
            while end > start and text[end - 1] in '"\u201c\u201d\'':
                end -= 1
            out.append({"doc_id": doc_id, "kind": "direct", "content_start": start, "content_end": end,
                        "speaker_name": " ".join(t.text for t in dq.speaker), "cue": " ".join(t.text for t in dq.cue)})
    except Exception as e:
        failed.append({"doc_id": doc_id, "error": f"{type(e).__name__}: {e}"[:200]})
json.dump({"pred": out, "failed": failed, "textacy": textacy.__version__, "spacy": spacy.__version__},
          open(sys.argv[2], "w"))
'''


def main(argv=None) -> int:
    import warnings

    import pandas as pd

    from toolkit import evaluate as E
    from toolkit import sources as S
    from toolkit.datasets import load_dataset
    from toolkit.nlp import load_model, parse

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--textacy-python", default="/tmp/venv-textacy/bin/python")
    ap.add_argument("--split", default="heldout34",
                    help="a split of data/gold/sources/articles.csv: heldout34, the last set scored blind; "
                         "heldout … heldout33: scored blind once each, then used for tuning; all: the 40 "
                         "development articles; dev / test: their halves")
    ap.add_argument("--out", default=str(Path(__file__).resolve().parent / "results"))
    args = ap.parse_args(argv)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = load_dataset("newsarticles")  # sets 12-13 lie outside the case study
    arts = E.gold_articles()
    if args.split != "all" and args.split not in set(arts["split"]):
        ap.error(f"--split {args.split}: not a split of articles.csv ({', '.join(sorted(set(arts['split'])))}, or all)")
    dev = arts["split"].isin(["dev", "test"])
    ids = arts.loc[dev, "doc_id"] if args.split == "all" else arts.loc[arts["split"] == args.split, "doc_id"]
    sub = corpus[corpus["doc_id"].isin(ids)].reset_index(drop=True)
    gold = E.load_gold(args.split if args.split.startswith("heldout") else "annotator_a", corpus=sub)
    nlp = load_model()
    model_path = str(Path(nlp.path)) if getattr(nlp, "path", None) else nlp.meta["name"]

    with tempfile.TemporaryDirectory() as tmp:
        texts = Path(tmp) / "texts.json"
        preds = Path(tmp) / "pred.json"
        worker = Path(tmp) / "worker.py"
        texts.write_text(json.dumps(dict(zip(sub["doc_id"], sub["text"]))))
        worker.write_text(WORKER)
        proc = subprocess.run([args.textacy_python, str(worker), str(texts), str(preds), model_path],
                              capture_output=True, text=True)
        if proc.returncode != 0:
            print(proc.stderr[-2000:], file=sys.stderr)
            return 1
        res = json.loads(preds.read_text())

    tx = pd.DataFrame(res["pred"], columns=["doc_id", "kind", "content_start", "content_end", "speaker_name", "cue"])
    ours = S.attributions(parse(sub, progress=False))
    rows = []
    for system, pred in (("toolkit.sources", ours), (f"textacy {res['textacy']} direct_quotations", tx)):
        s_all = E.score(pred, gold, doc_ids=ids)
        s_dir = E.score(pred[pred["kind"] == "direct"], gold[gold["kind"] == "direct"], doc_ids=ids)
        rows.append({
            "system": system, "split": args.split,
            "all_P": s_all["precision"], "all_R": s_all["recall"], "all_F1": s_all["f1"],
            "direct_P": s_dir["precision"], "direct_R": s_dir["recall"], "direct_F1": s_dir["f1"],
            "speaker_acc_direct": s_dir["speaker_accuracy"], "e2e_F1_all": s_all["e2e_f1"],
            "e2e_F1_direct": s_dir["e2e_f1"],
        })
    table = pd.DataFrame(rows)
    failed = pd.DataFrame(res["failed"], columns=["doc_id", "error"])
    failed = failed[failed["doc_id"].isin(set(ids))]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    table.to_csv(out / f"textacy_vs_toolkit_{args.split}.csv", index=False)
    print(table.round(3).to_string(index=False))
    print(f"\ntextacy raised on {len(failed)} of {len(ids)} articles:")
    if len(failed):
        print(failed.groupby("error").size().to_string())
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    raise SystemExit(main())
