"""``toolkit`` command line: fetch data, parse a corpus into the cache, write analysis tables.

    toolkit fetch newsarticles
    toolkit parse case-study --n-process 2
    toolkit analyze articles.csv --text-col body --date-col published --out results/

Exit codes: 0 success, 1 a run-time failure (download, model), 2 bad usage or bad input.
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path

import pandas as pd

def _load_corpus(args) -> pd.DataFrame:
    from toolkit import corpus as tc
    from toolkit import datasets

    src = args.corpus
    if src.lower() in datasets.DATASETS:
        return datasets.load_dataset(src)
    kwargs = {}
    path = Path(src)
    if path.is_file() and path.suffix.lower() != ".txt":
        kwargs = {"text": args.text_col, "id": args.id_col, "date": args.date_col, "outlet": args.outlet_col,
                  "title": args.title_col, "url": args.url_col}
    corpus = tc.load(src, **kwargs)
    return tc.flag_duplicates(corpus)


def _cmd_fetch(args) -> int:
    from toolkit import datasets

    path = datasets.fetch(args.dataset)
    corpus = datasets.load_dataset(args.dataset)
    print(f"{args.dataset}: {len(corpus)} articles ready ({path})")
    return 0


def _cmd_parse(args) -> int:
    from toolkit.nlp import parse

    corpus = _load_corpus(args)
    t0 = time.perf_counter()
    parsed = parse(corpus, model=args.model, n_process=args.n_process, batch_size=args.batch_size,
                   progress=not args.quiet)
    s = parsed.stats
    print(f"{s['documents']} documents: {s['parsed']} parsed, {s['cached']} from cache "
          f"in {time.perf_counter() - t0:.1f} s ({s['cache_dir']})")
    return 0


def _cmd_analyze(args) -> int:
    from toolkit.pipeline import analyze

    corpus = _load_corpus(args)
    written = analyze(corpus, args.out, model=args.model, n_process=args.n_process, batch_size=args.batch_size,
                      partition_size=args.partition_size, engine=args.engine, scheduler=args.scheduler,
                      cache=not args.no_cache, progress=not args.quiet)
    for name, path in written.items():
        print(f"{name:>14}: {len(pd.read_parquet(path)):>7} rows  {path}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="toolkit", description="Entities, sources and framing in news corpora.")
    sub = p.add_subparsers(dest="command", required=True)

    f = sub.add_parser("fetch", help="download and verify a dataset")
    f.add_argument("dataset", choices=["news100", "newsarticles", "case-study", "sample"])
    f.set_defaults(func=_cmd_fetch)

    def corpus_args(sp):
        sp.add_argument("corpus", help="dataset name (sample, news100, newsarticles, case-study) or a path: "
                        "dated .txt file or folder, .txt folder, CSV/TSV/JSONL/Parquet/Excel table")
        sp.add_argument("--text-col", default="text")
        sp.add_argument("--id-col", default=None, help="unique id column (default: number the rows)")
        sp.add_argument("--date-col", default="date")
        sp.add_argument("--outlet-col", default="outlet")
        sp.add_argument("--title-col", default="title")
        sp.add_argument("--url-col", default="url")
        sp.add_argument("--model", default=None, help="installed spaCy pipeline (default: en_core_web_sm)")
        sp.add_argument("--n-process", type=int, default=1,
                        help="processes (analyze: worker processes that each parse and extract whole partitions)")
        sp.add_argument("--batch-size", type=int, default=64)
        sp.add_argument("-q", "--quiet", action="store_true", help="no progress bars")

    pa = sub.add_parser("parse", help="parse a corpus into the cache")
    corpus_args(pa)
    pa.set_defaults(func=_cmd_parse)

    an = sub.add_parser("analyze", help="write corpus.parquet and one parquet per extractor")
    corpus_args(an)
    an.add_argument("--out", required=True, help="output folder")
    an.add_argument("--partition-size", type=int, default=100,
                    help="documents per partition: bounds memory; also the unit of the table cache")
    an.add_argument("--no-cache", action="store_true", help="recompute every table (parses still come from the cache)")
    an.add_argument("--engine", choices=["local", "dask"], default="local")
    an.add_argument("--scheduler", default=None, help="dask scheduler address, e.g. tcp://10.0.0.5:8786 "
                    "(default with --engine dask: a local cluster of 2 workers)")
    an.set_defaults(func=_cmd_analyze)
    return p


def main(argv: list[str] | None = None) -> int:
    from toolkit.corpus import CorpusError
    from toolkit.nlp import ModelNotFound

    args = build_parser().parse_args(argv)
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        warnings.showwarning = lambda msg, *a, **k: print(f"warning: {msg}", file=sys.stderr)
        try:
            return args.func(args)
        except CorpusError as e:
            print(f"error: {e}", file=sys.stderr)
            return 2
        except (ModelNotFound, RuntimeError, OSError) as e:
            print(f"error: {e}", file=sys.stderr)
            return 1
        except KeyboardInterrupt:
            print("interrupted", file=sys.stderr)
            return 130


if __name__ == "__main__":
    sys.exit(main())
