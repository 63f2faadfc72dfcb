"""Speed and memory of the toolkit as ratios against bare spaCy, measured in one run.

    python bench/run.py                      # the full NewsArticles corpus (about 40 minutes on 2 cores)
    python bench/run.py --docs 600           # the first 600 articles
    python bench/run.py --docs 600 --replicate 4 --out bench/results

Every stage runs in its own subprocess with an empty cache (unless it measures the warm
cache), so its peak RSS (``ru_maxrss``; for worker processes, the largest child's) and
wall time are its own. The table printed at the end, and written to ``<out>/bench.json``
and ``<out>/bench.md``, holds:

* full analysis (parse + every extractor, tables written) ÷ bare ``nlp.pipe`` with the same
  components over the same texts;
* the toolkit's ``n_process=2`` ÷ ``n_process=1`` for the full analysis, next to spaCy's own
  ``nlp.pipe(n_process=2)`` speed-up for reference;
* warm re-run from the cache ÷ cold run;
* peak RSS of the full analysis at 1× and at ``--replicate``× the first ``--memory-docs``
  articles (texts made unique by a suffix so nothing is served from the cache);
* seconds per extractor over the warm parse cache, the per-extractor cost breakdown.
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
    if name in ("bare", "bare2"):
        from toolkit.nlp import load_model

        nlp = load_model()
        tokens = 0
        for doc in nlp.pipe(corpus["text"], batch_size=64, n_process=2 if name == "bare2" else 1):
            tokens += len(doc)
        result["tokens"] = tokens
    elif name in ("analyze", "warm", "analyze2"):
        from toolkit.pipeline import analyze

        written = analyze(corpus, workdir / f"out-{name}-{replicate}", n_process=2 if name == "analyze2" else 1,
                          progress=False)
        result["rows"] = {k: len(pd.read_parquet(v)) for k, v in written.items()}
    elif name == "extractors":
        from toolkit.nlp import parse
        from toolkit.pipeline import _hooks

        parsed = parse(corpus, progress=False, keep=True)  # as the pipeline does: decode once
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
    result["peak_rss_children_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    result["documents"] = len(corpus)
    return result


def run_stage(name: str, args, cache: Path, workdir: Path, *, replicate: int = 1, docs: int | None = None) -> dict:
    env = {**os.environ, "TOOLKIT_CACHE_DIR": str(cache)}
    cmd = [sys.executable, str(HERE / "run.py"), "--stage", name, "--workdir", str(workdir),
           "--replicate", str(replicate)]
    docs = docs or args.docs
    if docs:
        cmd += ["--docs", str(docs)]
    print(f"  running {name} ×{replicate} …", file=sys.stderr, flush=True)
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"stage {name} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--docs", type=int, default=None, help="first N NewsArticles articles (default: all)")
    p.add_argument("--replicate", type=int, default=4, help="corpus multiple for the memory-growth check")
    p.add_argument("--memory-docs", type=int, default=600,
                   help="articles whose 1x and replicated runs measure memory growth (default 600)")
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
        r["analyze2"] = run_stage("analyze2", args, tmp / "c-full2", tmp)
        r["bare2"] = run_stage("bare2", args, tmp / "c-bare2", tmp)
        if args.replicate > 1:
            m = args.memory_docs
            r["mem-1"] = run_stage("analyze", args, tmp / "c-mem1", tmp, docs=m)
            r["mem-k"] = run_stage("analyze", args, tmp / "c-memk", tmp, replicate=args.replicate, docs=m)

    ex = r["extractors"]
    rows = [
        ("full analysis ÷ bare nlp.pipe", r["analyze"]["seconds"] / r["bare"]["seconds"], "≤ 1.10"),
        ("full analysis speed-up, n_process=2 vs 1", r["analyze"]["seconds"] / r["analyze2"]["seconds"], "≥ 1.8"),
        ("  for reference: spaCy nlp.pipe n_process=2 vs 1", r["bare"]["seconds"] / r["bare2"]["seconds"], ""),
        ("warm re-run ÷ cold run", r["warm"]["seconds"] / r["analyze"]["seconds"], "≤ 0.03"),
        ("peak RSS, full analysis (MB)", r["analyze"]["peak_rss_mb"], "≤ 1536"),
        ("peak RSS, n_process=2: main / largest worker (MB)",
         f"{r['analyze2']['peak_rss_mb']:.0f} / {r['analyze2']['peak_rss_children_mb']:.0f}", ""),
    ]
    if args.replicate > 1:
        m, k = r["mem-1"], r["mem-k"]
        rows += [
            (f"peak RSS, {m['documents']} articles 1× (MB)", m["peak_rss_mb"], "≤ 1536"),
            (f"peak RSS, {k['documents']} articles ({args.replicate}×) (MB)", k["peak_rss_mb"], "≤ 1536"),
            (f"RSS growth {args.replicate}× vs 1×", k["peak_rss_mb"] / m["peak_rss_mb"] - 1, "≤ 0.10"),
        ]
    rows += [(f"  {key[:-2]} s (warm parse cache)", v, "") for key, v in ex.items() if key.endswith("_s")]
    md = [f"{r['bare']['documents']} documents, {r['bare']['tokens']:,} tokens; "
          f"bare nlp.pipe {r['bare']['seconds']:.1f} s, full analysis {r['analyze']['seconds']:.1f} s, "
          f"n_process=2 {r['analyze2']['seconds']:.1f} s, warm {r['warm']['seconds']:.2f} s",
          "", "| measure | value | target |", "|---|---:|---|"]
    md += [f"| {m} | {v if isinstance(v, str) else f'{v:.3f}'} | {t} |" for m, v, t in rows]
    (out / "bench.json").write_text(json.dumps(r, indent=2))
    (out / "bench.md").write_text("\n".join(md) + "\n")
    print("\n".join(md))


if __name__ == "__main__":
    main()
