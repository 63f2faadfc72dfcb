"""Speed and memory of the toolkit as ratios against bare spaCy, measured in one run.

    python bench/run.py                      # the full NewsArticles corpus (slow: about an hour on 2 cores)
    python bench/run.py --docs 600           # the first 600 articles
    python bench/run.py --docs 600 --replicate 4 --out bench/results

Every stage runs in its own subprocess with an empty parse cache (unless it measures the
warm cache), so its peak RSS (``ru_maxrss`` of the child) and wall time are its own. The
table printed at the end, and written to ``<out>/bench.json`` and ``<out>/bench.md``, holds:

* full analysis (parse + every extractor, tables written) ÷ bare ``nlp.pipe`` with the same
  components over the same texts;
* ``n_process=2`` ÷ ``n_process=1`` for the parse;
* warm re-run from the cache ÷ cold run;
* peak RSS of the full analysis at 1× and at ``--replicate``× the corpus (texts made unique
  by a suffix so nothing is served from the cache);
* seconds per extractor over the warm cache, the per-extractor cost breakdown.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent


def _corpus(docs: int | None, replicate: int = 1) -> pd.DataFrame:
    import warnings

    from toolkit.datasets import load_dataset

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = load_dataset("newsarticles")
    corpus = corpus.drop(columns=["raw_text"]).iloc[: docs or len(corpus)]
    if replicate > 1:
        copies = []
        for k in range(replicate):
            c = corpus.copy()
            c["doc_id"] = c["doc_id"] + f"-r{k}"
            # a distinct text per copy, so the cache cannot serve the replicas
            c["text"] = c["text"] + f"\n\n(Copy {k}.)"
            copies.append(c)
        corpus = pd.concat(copies, ignore_index=True)
    return corpus


def stage(name: str, docs: int | None, replicate: int, workdir: Path) -> dict:
    """Run one measured stage in this process; return seconds and peak RSS."""
    corpus = _corpus(docs, replicate)
    t0 = time.perf_counter()
    result: dict = {}
    if name == "bare":
        from toolkit.nlp import load_model

        nlp = load_model()
        tokens = 0
        for doc in nlp.pipe(corpus["text"], batch_size=64):
            tokens += len(doc)
        result["tokens"] = tokens
    elif name in ("parse1", "parse2"):
        from toolkit.nlp import parse

        parse(corpus, n_process=1 if name == "parse1" else 2, progress=False)
    elif name in ("analyze", "warm"):
        from toolkit.pipeline import analyze

        written = analyze(corpus, workdir / f"out-{name}", progress=False)
        result["rows"] = {k: len(pd.read_parquet(v)) for k, v in written.items()}
    elif name == "extractors":
        from toolkit.nlp import parse
        from toolkit.pipeline import _hooks

        parsed = parse(corpus, progress=False)
        t_iter = time.perf_counter()
        for _ in parsed:
            pass
        result["decode_s"] = time.perf_counter() - t_iter
        tables: dict = {}
        for module, hook in _hooks():
            t = time.perf_counter()
            tables.update(hook(parsed, tables))
            result[f"{module.split('.')[-1]}_s"] = time.perf_counter() - t
    else:
        raise SystemExit(f"unknown stage {name}")
    result["seconds"] = time.perf_counter() - t0
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result["documents"] = len(corpus)
    return result


def run_stage(name: str, args, cache: Path, workdir: Path, *, replicate: int = 1) -> dict:
    env = {**os.environ, "TOOLKIT_CACHE_DIR": str(cache)}
    cmd = [sys.executable, str(HERE / "run.py"), "--stage", name, "--workdir", str(workdir),
           "--replicate", str(replicate)]
    if args.docs:
        cmd += ["--docs", str(args.docs)]
    print(f"  running {name} ×{replicate} …", file=sys.stderr, flush=True)
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"stage {name} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--docs", type=int, default=None, help="first N NewsArticles articles (default: all)")
    p.add_argument("--replicate", type=int, default=4, help="corpus multiple for the memory-growth check")
    p.add_argument("--out", default=str(HERE / "results"))
    p.add_argument("--stage", help=argparse.SUPPRESS)
    p.add_argument("--workdir", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.stage:
        print(json.dumps(stage(args.stage, args.docs, args.replicate, Path(args.workdir))))
        return

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="toolkit-bench-") as tmp:
        tmp = Path(tmp)
        r = {}
        r["bare"] = run_stage("bare", args, tmp / "c-bare", tmp)
        r["analyze"] = run_stage("analyze", args, tmp / "c-full", tmp)
        r["warm"] = run_stage("warm", args, tmp / "c-full", tmp)
        r["extractors"] = run_stage("extractors", args, tmp / "c-full", tmp)
        r["parse1"] = run_stage("parse1", args, tmp / "c-p1", tmp)
        r["parse2"] = run_stage("parse2", args, tmp / "c-p2", tmp)
        if args.replicate > 1:
            r["analyze-big"] = run_stage("analyze", args, tmp / "c-big", tmp, replicate=args.replicate)

    ex = r["extractors"]
    rows = [
        ("full analysis ÷ bare nlp.pipe", r["analyze"]["seconds"] / r["bare"]["seconds"], "≤ 1.10"),
        ("parse speed-up, n_process=2 vs 1", r["parse1"]["seconds"] / r["parse2"]["seconds"], "≥ 1.8"),
        ("warm re-run ÷ cold run", r["warm"]["seconds"] / r["analyze"]["seconds"], "≤ 0.03"),
        ("peak RSS, full analysis 1× (MB)", r["analyze"]["peak_rss_mb"], "≤ 1536"),
    ]
    if "analyze-big" in r:
        rows += [
            (f"peak RSS, full analysis {args.replicate}× (MB)", r["analyze-big"]["peak_rss_mb"], "≤ 1536"),
            (f"RSS growth {args.replicate}× vs 1×", r["analyze-big"]["peak_rss_mb"] / r["analyze"]["peak_rss_mb"] - 1,
             "≤ 0.10"),
        ]
    rows += [(f"  {k[:-2]} s (warm cache)", v, "") for k, v in ex.items() if k.endswith("_s")]
    md = [f"{r['bare']['documents']} documents, {r['bare']['tokens']:,} tokens; "
          f"bare nlp.pipe {r['bare']['seconds']:.1f} s, full analysis {r['analyze']['seconds']:.1f} s, "
          f"warm {r['warm']['seconds']:.2f} s", "", "| measure | value | target |", "|---|---:|---|"]
    md += [f"| {m} | {v:.3f} | {t} |" for m, v, t in rows]
    (out / "bench.json").write_text(json.dumps(r, indent=2))
    (out / "bench.md").write_text("\n".join(md) + "\n")
    print("\n".join(md))


if __name__ == "__main__":
    main()
