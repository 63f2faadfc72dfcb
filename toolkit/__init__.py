"""Computational media analysis: who is covered, who gets to speak, how the story is told.

The flat API::

    from toolkit import load, load_dataset, parse
    corpus = load_dataset("case-study")       # or load("articles.csv", text="body")
    parsed = parse(corpus)                    # spaCy, cached on disk
"""

from toolkit.corpus import CorpusError, clean_corpus, flag_duplicates, load, load_dated_text, load_table, load_txt_folder
from toolkit.datasets import load_dataset
from toolkit.nlp import load_model, parse

__version__ = "0.1.0"

__all__ = [
    "CorpusError",
    "clean_corpus",
    "flag_duplicates",
    "load",
    "load_dataset",
    "load_dated_text",
    "load_model",
    "load_table",
    "load_txt_folder",
    "parse",
]
