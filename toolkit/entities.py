"""Who and what is covered, by whom, when, and together with whom: canonical entities.

spaCy's named-entity recogniser finds *mentions* ("Lloyd Austin", "Austin", "Secretary of Defense
Lloyd J. Austin III"; "U.S.", "America"; "ISIS", "ISIL", "Daesh").  This module turns them into
*entities* and the tables researchers ask for:

=====================  ====================================================================
function               returns
=====================  ====================================================================
:func:`mentions`       one row per mention, with its canonical ``entity`` (``entities.parquet``)
:func:`salience`       one row per (article, entity) with a salience ``score`` and ``rank``
                       (``salience.parquet``)
:func:`coverage_share` share of an outlet's (or a week's) articles that mention an entity
:func:`distinctive`    entities distinctive of an outlet: log-odds with an informative
                       Dirichlet prior and z-scores (Monroe, Colaresi & Quinn 2008)
:func:`cooccurrence`   an edge table of entities mentioned in the same sentence or article
                       (counts or PMI); :func:`to_graph`, :func:`write_gexf`,
                       :func:`plot_network` for networkx, Gephi and a figure
:func:`kwic`           a keyword-in-context concordance for close reading
:func:`apply_patterns` EntityRuler patterns on cached parses (fix NER without re-parsing)
:func:`resolve_corpus` the corpus-level canonicalisation step on its own (used by
                       ``toolkit analyze``, which works in partitions)
=====================  ====================================================================

Canonicalisation happens in this order (each step documented at its function):

1. *NER repairs*: the EntityRuler patterns in ``data/entity_patterns.jsonl`` are applied to the
   cached parses (:func:`apply_patterns`; a pattern's ``id`` becomes the canonical name); a
   PERSON span is extended leftwards over a first name the model left out ("Lloyd" in
   "Secretary of Defense Lloyd J. Austin III"); mentions inside boilerplate (wire datelines,
   "Source: …" credits, share widgets; :data:`BOILERPLATE`) are dropped.
2. *Surface clean-up*: leading "the", "so-called", possessive "'s", surrounding punctuation and,
   for people, titles and honorifics ("Secretary of State", "Gen.", "Mr") are removed.
3. *Within an article* (:func:`_resolve_people`): a person's later surname or first-name forms,
   and longer or shorter variants ("Lloyd Austin" / "Lloyd J. Austin III"), become the full name
   introduced first; a single-word mention of another label that equals such a surname
   (the model's "Austin" as a place) becomes that person.  An acronym the article defines
   ("Syrian Democratic Forces (SDF)") becomes the expansion.
4. *Across the corpus*: the alias table ``data/entity_aliases.csv`` (countries and their
   demonyms, ISIS/ISIL/IS/Daesh → Islamic State, frequent people and organisations); an acronym
   defined in some articles with one expansion is expanded everywhere; a bare surname that no
   full name in its article explains becomes the corpus's dominant full name with that surname
   ("Trump" → "Donald Trump"); spelling variants of one full name (same first and last word
   after case, accent and "al-" folding) take the most frequent spelling.
5. *Your aliases*: ``data/aliases.csv`` is applied last and overrides everything (an empty
   ``entity`` drops a mention).

Character offsets refer to ``corpus["text"]``, the cleaned text.
"""

from __future__ import annotations

import bisect
import json
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from toolkit.stats import log_odds_dirichlet

__all__ = [
    "ALIAS_TABLE",
    "BOILERPLATE",
    "LABELS",
    "PATTERNS",
    "USER_ALIASES",
    "analyze_tables",
    "apply_patterns",
    "canonical_key",
    "cooccurrence",
    "coverage_share",
    "distinctive",
    "kwic",
    "load_aliases",
    "mentions",
    "plot_network",
    "resolve_corpus",
    "salience",
    "summary_tables",
    "to_graph",
    "top_entities",
    "write_gexf",
]

_DATA = Path(__file__).resolve().parents[1] / "data"
#: The project's corpus-wide alias table (documented in ``data/ENTITIES.md``).
ALIAS_TABLE = _DATA / "entity_aliases.csv"
#: The user-editable alias file, applied last.
USER_ALIASES = _DATA / "aliases.csv"
#: EntityRuler patterns applied to the cached parses before canonicalisation.
PATTERNS = _DATA / "entity_patterns.jsonl"
#: spaCy labels kept as entities (numbers, dates, languages and titles of works are not).
LABELS = ("PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "LAW")

#: Spans of an article that are not its content: wire datelines ("MOSCOW, March 3. /TASS/."),
#: trailing source credits ("Source: Al Jazeera and news agencies", "es/jm (AFP, dpa)"),
#: share widgets and newsletter promotions.  Mentions inside them are dropped.
BOILERPLATE = (
    re.compile(r"^[A-Z][A-Z .'\u2019-]+(?:, [A-Z][a-z]+ \d{1,2})?\. /[A-Z-]+/\.?"),
    re.compile(r"Source:\s*-?\s*[^\n]{0,80}$"),
    re.compile(r"\b[a-z]{1,4}/[a-z]{1,4}(?:, ?[a-z]{1,4}/[a-z]{1,4})* \([^)]{2,40}\)\s*-?\s*$"),
    re.compile(r"Share this slide:.*$", re.DOTALL),
    re.compile(r"Send Facebook Twitter.*$", re.DOTALL),
    re.compile(r"\u2014 On Twitter follow.*$", re.DOTALL),
    re.compile(r"The views do not necessarily reflect those of China Daily.*$", re.DOTALL),
    re.compile(r"(?:Do you have information you want to share with|Want more updates from)[^\n]*$"),
)

#: Names under which an outlet refers to itself; :func:`salience` ignores them by default.
OUTLET_NAMES = {
    "aljazeera.com": ("Al Jazeera",),
    "tass.com": ("TASS",),
    "cnn.com": ("CNN",),
    "abcnews.go.com": ("ABC News", "ABC"),
    "bbc.co.uk": ("BBC",),
    "dw.com": ("DW", "Deutsche Welle"),
    "rte.ie": ("RTE", "RT\u00c9"),
    "huffingtonpost.com": ("HuffPost", "Huffington Post"),
    "europe.chinadaily.com.cn": ("China Daily",),
}

# Words that open a person mention without being part of the name (compared lower-cased,
# without the final period).  "of", "the" and "and" are skipped when they follow one.
_TITLES = frozenset(
    """
    mr mrs ms miss mx dr prof professor sir dame lord lady rev revd rt hon honourable st
    president vice prime minister ministers secretary undersecretary under deputy assistant
    chancellor premier king queen prince princess crown emir sheikh sheik shaikh sultan pope
    ayatollah imam cleric grand mufti archbishop bishop cardinal father
    general gen lt lieutenant col colonel maj major capt captain sgt sergeant cpl corporal
    pvt private adm admiral commander cmdr brig brigadier marshal field master staff chief
    commissioner inspector detective officer constable superintendent sheriff mayor governor
    gov senator sen rep representative congressman congresswoman speaker judge justice
    attorney ambassador envoy spokesman spokeswoman spokesperson chairman chairwoman chair
    director leader head defense defence state foreign interior homeland security national
    affairs home justice finance health energy us u.s uk former acting then late dear
    """.split()
)
_PLACE_PREPS = frozenset("in at from to near across into inside outside around throughout toward towards via within".split())
_CONNECTORS = frozenset({"of", "the", "and", "for", "&"})
_SUFFIXES = frozenset({"ii", "iii", "iv"})  # dropped: "Lloyd J. Austin III" ~ "Lloyd Austin"
_JUNIOR = frozenset({"jr", "sr"})  # kept: "Donald Trump Jr." is not "Donald Trump"
_PARTICLES = ("al-", "al ", "el-", "el ", "as-", "ash-", "ad-", "ar-", "an-", "at-")
_POSSESSIVE = re.compile(r"(?:'s|\u2019s|'|\u2019)$")
_EDGE_PUNCT = " \t\n\"'\u201c\u201d\u2018\u2019()[]{}.,;:!?-\u2013\u2014*#"
_CAPTION = re.compile(r"^(?:[A-Z][a-z]+|READ MORE|WATCH):\s*-?\s*")
_RUN_ON = re.compile(r"\s[-\u2013\u2014]+\s|,\s*-|\.-|\s+-\s*(?=[a-z])")
_ACRONYM = re.compile(
    r"(?P<exp>[A-Z][\w'\u2019.-]*(?:\s+(?:of|for|and|the|on|in|de|al|[A-Z][\w'\u2019.-]*)){1,9})"
    r"\s+\((?P<acr>[A-Z][A-Za-z.&-]{1,9})\)"
)


# ----------------------------------------------------------------------------- keys


_POSS_S = re.compile(r"'s\b")
_SEPARATORS = re.compile(r"[-\u2013'_/]")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=1 << 16)  # called for every mention and alias; names repeat across the corpus
def canonical_key(text: str) -> str:
    """The matching key of a name: case, accents, periods, hyphens, apostrophes, "the" ignored.

    ``canonical_key("the U.S.") == canonical_key("US") == "us"``;
    ``canonical_key("al-Bab") == canonical_key("Al Bab")``.
    """
    s = unicodedata.normalize("NFKD", str(text))
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).lower()
    s = s.replace(".", "").replace("\u2019", "'")
    s = _POSS_S.sub("", s)
    s = _SEPARATORS.sub(" ", s)
    s = _SPACES.sub(" ", s).strip(" " + _EDGE_PUNCT)
    if s.startswith("the "):
        s = s[4:]
    return s


@lru_cache(maxsize=1 << 16)  # the same names come back in every article
def _name_key(token: str) -> str:
    """Key of one word of a personal name, without an Arabic article ("al-Assad" → "assad")."""
    k = canonical_key(token)
    for p in _PARTICLES:
        if k.startswith(p.replace("-", " ")) and len(k) > len(p):
            return k[len(p):].strip()
    return k


def _person_words(name: str) -> list[str]:
    """Name words: "III" dropped, "Jr."/"Sr." and particles ("al", "de", "bin") kept with their neighbour."""
    return list(_person_words_cached(name))


@lru_cache(maxsize=1 << 16)
def _person_words_cached(name: str) -> tuple[str, ...]:
    words = [w for w in re.split(r"\s+", name.strip()) if w]
    words = [w for w in words if canonical_key(w) not in _SUFFIXES]
    # "Bashar al Assad": the detached particle belongs to the surname
    out: list[str] = []
    for w in words:
        if out and (canonical_key(out[-1]) in {"al", "el", "bin", "ibn", "abu", "abdel", "abdul", "de", "van", "von", "le", "la"}
                    or canonical_key(w).rstrip(",") in _JUNIOR):
            out[-1] = f"{out[-1]} {w}"
        else:
            out.append(w)
    return tuple(out)


# --------------------------------------------------------------------------- aliases


def load_aliases(*paths: str | Path | None) -> dict[str, tuple[str, str]]:
    """Read alias CSV files (``alias,entity,label``; ``#`` lines are comments) into a lookup.

    Later files override earlier ones.  Returns ``{canonical_key(alias): (entity, label)}``;
    an empty ``entity`` means "not an entity" (the mention is dropped).  With no argument the
    project table :data:`ALIAS_TABLE` and the user file :data:`USER_ALIASES` are read.
    """
    if not paths:
        paths = (ALIAS_TABLE, USER_ALIASES)
    table: dict[str, tuple[str, str]] = {}
    for path in paths:
        if path is None or (Path(path) == USER_ALIASES and not Path(path).exists()):
            continue  # the user file is optional
        if not Path(path).exists():
            raise FileNotFoundError(
                f"{path}: alias table not found. The project tables live in the checkout's data/ folder: "
                "install the toolkit from a checkout (pip install -e .) or pass aliases= explicitly."
            )
        df = pd.read_csv(path, dtype=str, keep_default_na=False, comment="#", skipinitialspace=True)
        missing = {"alias", "entity"} - set(df.columns)
        if missing:
            raise ValueError(f"{path}: alias file needs the columns alias, entity[, label]; missing {sorted(missing)}.")
        for row in df.itertuples(index=False):
            key = canonical_key(row.alias)
            if key:
                table[key] = (str(row.entity).strip(), str(getattr(row, "label", "") or "").strip())
    return table


def _as_alias_table(aliases) -> dict[str, tuple[str, str]]:
    if aliases is None:
        return {}
    if isinstance(aliases, Mapping):
        out = {}
        for k, v in aliases.items():
            out[canonical_key(k)] = (v, "") if isinstance(v, str) else (v[0], v[1] if len(v) > 1 else "")
        return out
    if isinstance(aliases, pd.DataFrame):
        return {canonical_key(r.alias): (r.entity, getattr(r, "label", "") or "") for r in aliases.itertuples()}
    if isinstance(aliases, (str, Path)):
        return load_aliases(aliases)
    return load_aliases(*aliases)


# -------------------------------------------------------------------------- patterns


def _read_patterns(patterns) -> list[dict]:
    if patterns is None:
        return []
    if isinstance(patterns, (str, Path)):
        if not Path(patterns).exists():
            hint = " Install the toolkit from a checkout (pip install -e .) or pass patterns=None." if Path(patterns) == PATTERNS else ""
            raise FileNotFoundError(f"{patterns}: no such EntityRuler patterns file (JSON Lines).{hint}")
        lines = Path(patterns).read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line.strip() and not line.lstrip().startswith("//")]
    return list(patterns)


def apply_patterns(docs: Iterable, nlp, patterns=PATTERNS) -> list:
    """Apply EntityRuler ``patterns`` to already parsed docs (copies; the cache is untouched).

    ``patterns`` is a JSON Lines file or a list of dicts in spaCy's EntityRuler format
    (``{"label": "ORG", "pattern": "Daesh", "id": "Islamic State"}``); matches replace the
    overlapping model entities and a pattern's ``id`` becomes the mention's canonical name.
    This fixes systematic NER mistakes without parsing the corpus again.
    """
    from spacy.pipeline import EntityRuler

    ruler = EntityRuler(nlp, name="toolkit_entity_ruler", overwrite_ents=True)
    ruler.add_patterns(_read_patterns(patterns))
    return [ruler(doc.copy()) for doc in docs]


def _make_ruler(nlp, patterns):
    pats = _read_patterns(patterns)
    if not pats:
        return None
    from spacy.pipeline import EntityRuler

    ruler = EntityRuler(nlp, name="toolkit_entity_ruler", overwrite_ents=True)
    ruler.add_patterns(pats)
    return ruler


# --------------------------------------------------------------------------- mentions


def _boilerplate_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for pat in BOILERPLATE:
        for m in pat.finditer(text):
            spans.append((m.start(), m.end()))
    return spans


@lru_cache(maxsize=1 << 16)  # called for every mention; surfaces repeat across the corpus
def _clean_surface(text: str, label: str) -> str:
    s = re.sub(r"\s+", " ", text).replace('"', "").strip(_EDGE_PUNCT.replace(".", ""))
    # caption labels ("Left:-President Bush") and run-ons of the damaged scrape
    # ("Hurricane Katrina,-an Air Force", "Barack Obama - Afghanistan")
    s = _CAPTION.sub("", s)
    s = _RUN_ON.split(s, maxsplit=1)[0]
    s = _POSSESSIVE.sub("", s).strip(_EDGE_PUNCT.replace(".", ""))
    low = s.lower()
    for lead in ("the ", "so-called ", "so called ", "self-styled ", "self-proclaimed "):
        if low.startswith(lead):
            s = s[len(lead):]
            low = s.lower()
    if label == "PERSON":
        words = s.split(" ")
        i = 0
        while i < len(words) - 1:
            w = words[i].lower().rstrip(".").strip("-")
            if w in _TITLES or (i > 0 and w in _CONNECTORS and words[i - 1].lower().rstrip(".") in _TITLES):
                i += 1
                continue
            break
        s = " ".join(words[i:])
        if all(w.lower().rstrip(".") in _TITLES for w in s.split(" ")):
            return ""
    s = s.strip(_EDGE_PUNCT.replace(".", ""))
    if not any(ch.isupper() for ch in s):
        return ""  # "jihadist", "don't": proper names are capitalised
    if s.endswith(".") and not re.search(r"\b[A-Z]\.$|\b(?:[A-Z]\.){2,}$|\b(?:Jr|Sr|St|Co|Inc)\.$", s):
        s = s[:-1]
    return s


def _extend_person(doc, ent, taken: set[int]) -> int:
    """Start token of a PERSON span extended left over a first name the model left out."""
    start = ent.start
    for _ in range(2):
        i = start - 1
        if i < 0 or i in taken:
            break
        tok = doc[i]
        if not (tok.pos_ == "PROPN" and tok.is_title and tok.is_alpha) or tok.lower_ in _TITLES:
            break
        if tok.is_sent_start and i + 1 < len(doc) and doc[i + 1].is_title and tok.lower_ in {"but", "and"}:
            break
        start = i
    return start


def _doc_mentions(doc, text: str, labels, ruler, drop_boilerplate: bool, places=frozenset(), drop=frozenset()) -> list[dict]:
    if ruler is not None:
        doc = ruler(doc.copy())
    sent_starts = [s.start for s in doc.sents] if doc.has_annotation("SENT_START") or doc.has_annotation("DEP") else [0]
    spans = _boilerplate_spans(text) if drop_boilerplate else []
    taken = {t.i for e in doc.ents for t in e}
    rows = []
    for ent in doc.ents:
        if ent.label_ not in labels:
            continue
        start = ent.start
        if ent.label_ == "PERSON" and not ent.ent_id_:
            start = _extend_person(doc, ent, taken)
            # "Zionist Israel", "Meeting Lina", "Islamophobic Geert Wilders": a leading word that is
            # not a proper noun (or names a country) is not part of the name
            while start < ent.end - 1 and (doc[start].pos_ in {"ADJ", "VERB", "NOUN", "DET", "ADP", "PUNCT"}
                                           or canonical_key(doc[start].text) in places):
                start += 1
        span = doc[start : ent.end]
        sc, ec = span.start_char, span.end_char
        if any(a <= sc < b for a, b in spans):
            continue
        surface = ent.ent_id_ or _clean_surface(span.text, ent.label_)
        if drop and surface and not ent.ent_id_:
            # words the alias tables mark as non-entities ("ATTACKER" in "US Embassy ATTACKER")
            words = surface.split(" ")
            while words and canonical_key(words[-1]) in drop:
                words.pop()
            while words and canonical_key(words[0]) in drop:
                words.pop(0)
            surface = " ".join(words)
        if not surface or not any(ch.isalpha() for ch in surface):
            continue
        rows.append(
            {
                "sent_index": bisect.bisect_right(sent_starts, start) - 1,
                "start_char": sc,
                "end_char": ec,
                "text": span.text,
                "ner_label": ent.label_,
                "surface": surface,
                "pattern_id": ent.ent_id_,
                "prev": doc[start - 1].lower_ if start > 0 else "",
            }
        )
    return rows


def _acronyms(text: str) -> dict[str, str]:
    """Acronyms an article defines, ``{key(acronym): expansion}``: "Expansion (ACR)" forms."""
    out = {}
    for m in _ACRONYM.finditer(text):
        acr = m.group("acr").replace(".", "")
        letters = acr.lower()
        words = m.group("exp").split()
        for i in range(len(words)):
            sub = words[i:]
            initials = "".join(w[0].lower() for w in sub if w[0].isupper())
            if not initials or initials[0] != letters[0] or not sub[0][0].isupper():
                continue
            it = iter(initials)
            if initials == letters or (len(letters) >= 2 and all(ch in it for ch in letters) and initials[-1] == letters[-1]):
                out[canonical_key(acr)] = " ".join(sub)
                break
    return out


def _resolve_people(rows: list[dict], alias: Mapping[str, tuple[str, str]]) -> None:
    """Within one article: map surname, first-name and variant forms to the full name.

    Full names (two or more name words) are clustered in order of appearance: a full name joins
    an earlier cluster when its last word matches and its first word matches one of the
    cluster's words ("Lloyd Austin" ~ "Lloyd J. Austin III"; "J. Austin" ~ the same).  Each
    cluster's canonical name is its first full form.  A one-word mention then becomes the most
    recent earlier full name with that surname, else the first later one, else the only full
    name with that first name.  A one-word mention the model labelled otherwise (ORG, GPE, …)
    becomes that person too ("Austin said" tagged as a place), unless the alias table knows the
    word as a place or group, or the article uses it after a locative preposition ("in", "from",
    "to", …) at least as often as it names the person ("in Dresden" in an article that also
    names "the Kunsthaus Dresden", which the model took for a person).
    Short organisation names work the same way: a one- or two-word ORG mention that ends a
    longer ORG name of the article ("Navy" after "the Russian Navy", "Defense Ministry" after
    "the Russian Defense Ministry") becomes that name.
    """
    _resolve_orgs(rows)
    clusters: list[dict] = []
    for r in rows:
        if r["ner_label"] != "PERSON" or r["pattern_id"]:
            continue
        words = _person_words(r["surface"])
        if len(words) < 2:
            continue
        keys = [_name_key(w) for w in words]
        first, last = keys[0], keys[-1]
        hit = None
        for c in clusters:
            if c["last"] == last and (first in c["keys"] or c["first"] in keys or len(first) == 1 and c["first"].startswith(first)):
                hit = c
                break
        if hit is None:
            hit = {"name": r["surface"], "first": first, "last": last, "keys": set(keys), "pos": r["start_char"], "n": 0}
            clusters.append(hit)
        else:
            hit["keys"].update(keys)
        hit["n"] += 1
        r["person"] = hit["name"]
    if not clusters:
        return
    by_last = defaultdict(list)
    by_first = defaultdict(list)
    for c in clusters:
        by_last[c["last"]].append(c)
        by_first[c["first"]].append(c)
    singles = [(r, _name_key(_person_words(r["surface"])[0])) for r in rows
               if "person" not in r and not r["pattern_id"] and len(_person_words(r["surface"])) == 1]
    # evidence that a word names a place here: "in Dresden", "from Israel"
    as_place = Counter(k for r, k in singles if r["ner_label"] in ("GPE", "LOC", "FAC") and r.get("prev") in _PLACE_PREPS)
    as_person = Counter(k for r, k in singles if r["ner_label"] == "PERSON")
    for c in clusters:
        as_person[c["last"]] += c["n"]
    for r, key in singles:
        if r["ner_label"] != "PERSON":
            known = alias.get(canonical_key(r["surface"]))
            if known is not None and known[1] not in ("", "PERSON"):
                continue
            if as_place[key] and as_place[key] >= as_person[key]:
                continue
        cands = by_last.get(key) or []
        if not cands and r["ner_label"] not in ("GPE", "LOC", "FAC") and len(by_first.get(key, [])) == 1:
            cands = by_first[key]
        if not cands:
            continue
        earlier = [c for c in cands if c["pos"] <= r["start_char"]]
        r["person"] = (earlier[-1] if earlier else cands[0])["name"]


def _resolve_orgs(rows: list[dict]) -> None:
    longs = [(r["start_char"], r["surface"], canonical_key(r["surface"]).split())
             for r in rows if r["ner_label"] == "ORG" and not r["pattern_id"] and len(r["surface"].split()) >= 2]
    if not longs:
        return
    for r in rows:
        if r["ner_label"] != "ORG" or r["pattern_id"]:
            continue
        key = canonical_key(r["surface"]).split()
        if not key or len(key) > 2:
            continue
        cands = [(pos, name) for pos, name, k in longs if len(k) > len(key) and k[-len(key):] == key]
        if not cands:
            continue
        earlier = [c for c in cands if c[0] <= r["start_char"]]
        r["org"] = (earlier[-1] if earlier else cands[0])[1]


def mentions(
    parsed,
    *,
    labels: Iterable[str] = LABELS,
    aliases=ALIAS_TABLE,
    user_aliases=USER_ALIASES,
    patterns=PATTERNS,
    drop_boilerplate: bool = True,
    resolve_corpus: bool = True,
) -> pd.DataFrame:
    """Named-entity mentions of every document with their canonical entity.

    Parameters
    ----------
    parsed : toolkit.nlp.Parsed
        Parsed corpus (``toolkit.nlp.parse``).
    labels : spaCy labels to keep (default :data:`LABELS`).
    aliases : the corpus-wide alias table (a CSV path, a ``{alias: entity}`` or
        ``{alias: (entity, label)}`` mapping, or ``None``); default :data:`ALIAS_TABLE`.
    user_aliases : the user's alias file applied last (default :data:`USER_ALIASES`; ``None``
        to skip).
    patterns : EntityRuler patterns (JSONL path or list of dicts) applied to the cached parses
        first (default :data:`PATTERNS`; ``None`` to use the model's entities as they are).
    drop_boilerplate : drop mentions inside :data:`BOILERPLATE` spans (datelines, credits).
    resolve_corpus : apply the corpus-level steps (acronyms, dominant full names, spelling
        variants); ``False`` keeps only article-level canonicalisation and the alias tables.

    Returns
    -------
    DataFrame, one row per mention, in document and text order:

    ============== ======== ==============================================================
    doc_id         str      document
    sent_index     int64    index of the sentence in the parsed document (0-based)
    start_char     int64    offset of the mention in ``corpus["text"]``
    end_char       int64    end offset (exclusive)
    text           str      the mention as written
    label          str      the entity's label (alias table, else the entity's majority NER
                            label in the corpus; people resolved by name are ``PERSON``)
    entity         str      canonical name
    first_mention  bool     first mention of this entity in the document
    ner_label      str      the label spaCy (or a pattern) gave this mention
    ============== ======== ==============================================================
    """
    labels = set(labels)
    alias = _as_alias_table(aliases)
    user = _as_alias_table(user_aliases)
    ruler = _make_ruler(parsed.nlp, patterns) if patterns is not None else None
    texts = dict(zip(parsed.corpus["doc_id"], parsed.corpus["text"]))
    # every alias and every canonical name of the tables, with its label, for the guards
    known = {canonical_key(ent): (ent, lab) for ent, lab in {**alias, **user}.values() if ent}
    known.update({**alias, **user})
    places = frozenset(k for k, (_, lab) in known.items() if lab in ("GPE", "LOC"))
    drop = frozenset(k for k, (ent, _) in {**alias, **user}.items() if not ent)
    all_rows: list[dict] = []
    acr_by_doc: dict[str, dict[str, str]] = {}
    for doc_id, doc in parsed:
        text = texts[doc_id]
        rows = _doc_mentions(doc, text, labels, ruler, drop_boilerplate, places, drop)
        _resolve_people(rows, known)
        acr = _acronyms(text)
        acr_by_doc[doc_id] = acr
        for r in rows:
            r["doc_id"] = doc_id
            if r["pattern_id"]:
                r["name"] = r["pattern_id"]
            elif "person" in r:
                r["name"] = r["person"]
                r["is_person"] = True
            elif "org" in r:
                r["name"] = r["org"]
            elif canonical_key(r["surface"]) in acr and canonical_key(r["surface"]) not in alias:
                r["name"] = acr[canonical_key(r["surface"])]
            else:
                r["name"] = r["surface"]
        all_rows.extend(rows)

    df = pd.DataFrame(all_rows, columns=[*_WORK_COLS, "is_person"])
    df["is_person"] = df["is_person"].eq(True) | (df["ner_label"].eq("PERSON") & df["pattern_id"].fillna("").eq(""))
    order = {d: i for i, d in enumerate(parsed.corpus["doc_id"])}
    out = _finish(df, order, alias, user, resolve=False, acr_by_doc={})
    if resolve_corpus:
        out = _corpus_step(out, parsed.corpus, aliases=alias, user_aliases=user)
    return out


_WORK_COLS = ["doc_id", "sent_index", "start_char", "end_char", "text", "ner_label", "surface", "name", "pattern_id"]
_COLS = ["doc_id", "sent_index", "start_char", "end_char", "text", "label", "entity", "first_mention", "ner_label"]
_DTYPES = ["str", "int64", "int64", "int64", "str", "str", "str", "bool", "str"]


def resolve_corpus(
    mentions: pd.DataFrame,
    corpus: pd.DataFrame,
    *,
    aliases=ALIAS_TABLE,
    user_aliases=USER_ALIASES,
) -> pd.DataFrame:
    """Apply the corpus-level canonicalisation (step 4) to an article-level mentions table.

    ``mentions(parsed)`` equals ``resolve_corpus(mentions(parsed, resolve_corpus=False),
    parsed.corpus)``.  ``toolkit analyze`` works in partitions, so its per-partition tables are
    article-level and this step runs once on the whole table at the end (``summary_tables``).
    Returns a table with the columns of :func:`mentions`; labels become one per entity.
    """
    alias = _as_alias_table(aliases)
    user = _as_alias_table(user_aliases)
    if mentions.empty:
        return mentions.copy()
    df = mentions[["doc_id", "sent_index", "start_char", "end_char", "text", "ner_label"]].copy()
    df["name"] = mentions["entity"].to_numpy()
    df["surface"] = [_clean_surface(t, lab) or t for t, lab in zip(mentions["text"], mentions["ner_label"])]
    df["pattern_id"] = ""
    df["is_person"] = mentions["label"].eq("PERSON").to_numpy()
    texts = dict(zip(corpus["doc_id"], corpus["text"]))
    acr_by_doc = {d: _acronyms(texts[d]) for d in df["doc_id"].unique() if d in texts}
    order = {d: i for i, d in enumerate(corpus["doc_id"])}
    return _finish(df, order, alias, user, resolve=True, acr_by_doc=acr_by_doc)


_corpus_step = resolve_corpus  # ``mentions`` has a parameter of the same name


def _finish(df: pd.DataFrame, order, alias, user, *, resolve: bool, acr_by_doc) -> pd.DataFrame:
    """Alias tables, (corpus steps), user aliases, one label per entity, first mentions."""
    if df.empty:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in zip(_COLS, _DTYPES)})

    def lookup(table, name):
        return table.get(canonical_key(name))

    # corpus-wide alias table; a name that is itself a canonical name of the table takes its label
    canonical = {canonical_key(ent): (ent, lab) for ent, lab in alias.values() if ent and lab}
    names, forced = [], []
    for name in df["name"]:
        hit = lookup(alias, name) or lookup(canonical, name)
        names.append(hit[0] if hit else name)
        forced.append(hit[1] if hit else "")
    df["entity"] = names
    df["forced_label"] = forced

    if resolve:
        df = _resolve_corpus(df, acr_by_doc, alias)

    # user aliases: by the mention as written, its cleaned form, then its canonical name
    if user:
        ents, labs = [], []
        for text, surface, ent, lab in zip(df["text"], df["surface"], df["entity"], df["forced_label"]):
            hit = lookup(user, text)
            if hit is None:
                hit = lookup(user, surface)
            if hit is None:
                hit = lookup(user, ent)
            ents.append(hit[0] if hit else ent)
            labs.append((hit[1] or lab) if hit else lab)
        df["entity"] = ents
        df["forced_label"] = labs
    df = df[df["entity"].astype(str).str.strip() != ""].copy()

    # one label per entity (per article before the corpus step): the alias label, else PERSON
    # for people resolved by name, else the majority NER label
    scope = ["entity"] if resolve else ["doc_id", "entity"]
    df["_lab"] = np.where(df["is_person"] & df["ner_label"].ne("PERSON"), "PERSON", df["ner_label"])
    counts = df.groupby([*scope, "_lab"]).size().reset_index(name="n")
    majority = counts.sort_values([*scope, "n", "_lab"], ascending=[True] * len(scope) + [False, True]).drop_duplicates(scope)
    label = df[scope].merge(majority[[*scope, "_lab"]], on=scope, how="left")["_lab"].to_numpy()
    # the most frequent forced label per group, ties to the alphabetically first (as Series.mode)
    forced = (df.loc[df["forced_label"] != ""].groupby([*scope, "forced_label"]).size().reset_index(name="n")
              .sort_values([*scope, "n", "forced_label"], ascending=[True] * len(scope) + [False, True])
              .drop_duplicates(scope).set_index(scope)["forced_label"])
    if len(forced):
        f = df[scope].merge(forced.rename("_f").reset_index(), on=scope, how="left")["_f"].to_numpy()
        label = np.where(pd.isna(f), label, f)
    df["label"] = label

    df["_o"] = df["doc_id"].map(order)
    df = df.sort_values(["_o", "start_char", "end_char"], kind="stable")
    df["first_mention"] = ~df.duplicated(["doc_id", "entity"])
    out = df[_COLS].reset_index(drop=True)
    for c in ("sent_index", "start_char", "end_char"):
        out[c] = out[c].astype("int64")
    out["first_mention"] = out["first_mention"].astype(bool)
    for c in ("doc_id", "text", "label", "entity", "ner_label"):
        out[c] = out[c].astype(str)
    return out


def _resolve_corpus(df: pd.DataFrame, acr_by_doc: dict[str, dict[str, str]], alias) -> pd.DataFrame:
    """Corpus-level canonicalisation (step 4 of the module docstring)."""
    # acronyms defined with a single expansion somewhere in the corpus
    expansions: dict[str, set[str]] = defaultdict(set)
    surface_of: dict[str, str] = {}
    for acr in acr_by_doc.values():
        for k, exp in acr.items():
            hit = alias.get(canonical_key(exp))
            target = hit[0] if hit else exp
            expansions[k].add(canonical_key(target))
            surface_of[canonical_key(target)] = target
    single = {k: surface_of[next(iter(v))] for k, v in expansions.items() if len(v) == 1 and k not in alias}
    keys = df["entity"].map(canonical_key)
    is_acr = keys.isin(single.keys()) & df["entity"].str.fullmatch(r"[A-Z][A-Za-z.&-]{1,9}")
    df.loc[is_acr, "entity"] = keys[is_acr].map(single)

    # spelling variants of one full name -> the most frequent spelling
    person = df["is_person"] | df["ner_label"].eq("PERSON")
    words = df.loc[person, "entity"].map(_person_words)
    multi = words[words.map(len) >= 2]
    fl = multi.map(lambda w: (_name_key(w[0]), _name_key(w[-1])))
    counts = df.loc[multi.index].assign(_fl=fl).groupby(["_fl", "entity"]).size().reset_index(name="n")
    counts = counts.sort_values(["_fl", "n", "entity"], ascending=[True, False, True])
    best = counts.drop_duplicates("_fl").set_index("_fl")["entity"]
    df.loc[multi.index, "entity"] = fl.map(best)

    # bare surnames -> the dominant full name with that surname (>= 2/3 of its mentions)
    full = df.loc[multi.index]
    lastkey = full["entity"].map(lambda e: _name_key(_person_words(e)[-1]))
    by_last = full.assign(_l=lastkey).groupby(["_l", "entity"]).size().reset_index(name="n")
    dominant = {}
    for last, g in by_last.groupby("_l"):
        g = g.sort_values("n", ascending=False)
        if g["n"].iloc[0] >= 2 and g["n"].iloc[0] >= 2 / 3 * g["n"].sum():
            dominant[last] = g["entity"].iloc[0]
    one_word = df["entity"].map(lambda e: len(_person_words(e)) == 1) & df["forced_label"].isin(["", "PERSON"])
    k1 = df.loc[one_word, "entity"].map(_name_key)
    # a word that is a name (labelled PERSON, or resolved to a person in its article) in most of
    # its one-word mentions is a name even where the model labels it ORG or GPE ("Trump" as ORG
    # in "the Trump administration" is still Trump)
    surf_one = df["surface"].map(lambda e: len(_person_words(e)) == 1)
    surf_key = df.loc[surf_one, "surface"].map(_name_key)
    as_name = df["ner_label"].eq("PERSON") | df["is_person"]
    tagged = as_name[surf_one].groupby(surf_key).agg(["sum", "size"])
    mostly_person = set(tagged.index[2 * tagged["sum"] >= tagged["size"]])
    ok = person[one_word] | k1.isin(mostly_person)
    hit = k1[ok].map(dominant)
    hit = hit[hit.notna()]
    df.loc[hit.index, "entity"] = hit
    df.loc[hit.index, "is_person"] = True

    # spellings of one name that differ only in case, accents, periods or hyphens ("FRANCE",
    # "Al-Bab"), and singular/plural forms of a group ("Muslim", "Muslims") -> most frequent
    key = df["entity"].map(canonical_key)
    norp = df["ner_label"].eq("NORP") & df["forced_label"].isin(["", "NORP"])
    key = key.where(~norp, "norp:" + key.str.replace(r"s$", "", regex=True))
    freq = pd.DataFrame({"_k": key, "entity": df["entity"]}).groupby(["_k", "entity"]).size().rename("n").reset_index()
    best = freq.sort_values(["_k", "n", "entity"], ascending=[True, False, True]).drop_duplicates("_k").set_index("_k")["entity"]
    df["entity"] = key.map(best)
    return df


# --------------------------------------------------------------------------- salience


def _in_title(title: str, forms: Iterable[str]) -> bool:
    for f in forms:
        f = f.strip()
        if len(f) < 2 or f not in title:  # the substring test spares compiling a pattern per form
            continue
        if re.search(r"(?<![\w-])" + re.escape(f) + r"(?![\w-])", title):
            return True
    return False


def salience(
    mentions: pd.DataFrame,
    corpus: pd.DataFrame,
    *,
    position_weight: float = 1.0,
    title_weight: float = 1.0,
    aliases=ALIAS_TABLE,
    ignore_own_outlet: bool = True,
) -> pd.DataFrame:
    """How central each entity is to each article: a transparent, documented score.

    For entity *e* in article *d* with *f* mentions, first mention at character offset *c* of
    an article of *n* characters, and *t* = 1 when the title names *e* (by any form the article
    uses for it, its canonical name, a person's surname, or an alias in the table)::

        score = ln(1 + f) + position_weight * (1 - c / n) + title_weight * t

    Frequency enters logarithmically (the tenth mention adds less than the second), an early
    first mention is rewarded linearly (the inverted-pyramid convention of news writing puts
    the main actors in the lead) and the headline counts once.  This is the frequency /
    position / headline family of features of Dunietz & Gillick (2014, *A New Entity Salience
    Task with Millions of Training Examples*, EACL) and Gamon et al. (2013), without learning:
    the weights are fixed and small enough to read.  ``ignore_own_outlet`` drops an outlet's
    references to itself ("told CNN", "/TASS/").

    Returns one row per (document, entity), sorted by document and rank:
    ``doc_id``, ``entity``, ``label``, ``mentions`` (int64), ``first_char`` (int64),
    ``first_position`` (float, c / n), ``in_title`` (bool), ``score`` (float64) and ``rank``
    (int64, 1 = most salient; ties by earlier first mention, then name).
    """
    cols = ["doc_id", "entity", "label", "mentions", "first_char", "first_position", "in_title", "score", "rank"]
    if mentions.empty:
        return pd.DataFrame(columns=cols)
    meta = corpus.set_index("doc_id")
    alias = _as_alias_table(aliases)
    alias_forms: dict[str, list[str]] = defaultdict(list)
    for k, (ent, _) in alias.items():
        alias_forms[ent].append(k)
    m = _drop_own_outlet(mentions, corpus) if ignore_own_outlet else mentions
    g = m.groupby(["doc_id", "entity"], sort=False)
    out = g.agg(label=("label", "first"), mentions=("start_char", "size"), first_char=("start_char", "min")).reset_index()
    forms = g["text"].agg(lambda s: sorted(set(s))).rename("forms").reset_index()
    out = out.merge(forms, on=["doc_id", "entity"])
    length = out["doc_id"].map(meta["text"].str.len()).clip(lower=1)
    out["first_position"] = (out["first_char"] / length).astype(float)
    titles = out["doc_id"].map(meta["title"]) if "title" in meta.columns else pd.Series("", index=out.index)
    in_title = []
    for ent, label, fs, title in zip(out["entity"], out["label"], out["forms"], titles.fillna("")):
        cands = set(fs) | {ent}
        cands |= {_POSSESSIVE.sub("", f) for f in fs}
        cands |= {_clean_surface(f, label) for f in fs}
        if label == "PERSON":
            words = _person_words(ent)
            if words:
                cands.add(words[-1])
                cands.add(re.sub(r"^(?:al|el)[- ]", "", words[-1]))
        in_title.append(bool(title) and (_in_title(title, cands) or _title_alias(title, alias_forms.get(ent, ()))))
    out["in_title"] = in_title
    out["score"] = (
        np.log1p(out["mentions"]) + position_weight * (1 - out["first_position"]) + title_weight * out["in_title"]
    ).astype("float64")
    out = out.sort_values(["doc_id", "score", "first_char", "entity"], ascending=[True, False, True, True], kind="stable")
    out["rank"] = out.groupby("doc_id", sort=False).cumcount().astype("int64") + 1
    order = {d: i for i, d in enumerate(corpus["doc_id"])}
    out = out.assign(_o=out["doc_id"].map(order)).sort_values(["_o", "rank"], kind="stable")
    out["mentions"] = out["mentions"].astype("int64")
    out["first_char"] = out["first_char"].astype("int64")
    return out[cols].reset_index(drop=True)


def _drop_own_outlet(mentions: pd.DataFrame, corpus: pd.DataFrame) -> pd.DataFrame:
    """Mentions without an outlet's references to itself (:data:`OUTLET_NAMES`)."""
    if "outlet" not in corpus.columns or mentions.empty:
        return mentions
    outlet = mentions["doc_id"].map(corpus.set_index("doc_id")["outlet"])
    own = {o: {canonical_key(x) for x in names} for o, names in OUTLET_NAMES.items()}
    keep = [canonical_key(e) not in own.get(o, ()) for e, o in zip(mentions["entity"], outlet)]
    return mentions[keep]


def _title_alias(title: str, keys: Iterable[str]) -> bool:
    if not keys:
        return False
    tkey = " " + canonical_key(title) + " "
    return any(len(k) > 2 and f" {k} " in tkey for k in keys)


def top_entities(salience_df: pd.DataFrame, *, k: int = 3) -> pd.DataFrame:
    """The ``k`` most salient entities of each document (rows of ``salience`` with rank ≤ k)."""
    return salience_df[salience_df["rank"] <= k].reset_index(drop=True)


# ------------------------------------------------------------------------- comparison


def _group_series(corpus: pd.DataFrame, by: str) -> pd.Series:
    meta = corpus.set_index("doc_id")
    if by == "week":
        return meta["date"].dt.to_period("W-SUN").dt.start_time.rename("week")
    if by == "month":
        return meta["date"].dt.to_period("M").dt.start_time.rename("month")
    if by not in meta.columns:
        raise ValueError(f"cannot group by {by!r}: use 'outlet', 'week', 'month' or a corpus column.")
    return meta[by]


def coverage_share(
    mentions: pd.DataFrame,
    corpus: pd.DataFrame,
    *,
    by: str = "outlet",
    unit: str = "documents",
    entities: Iterable[str] | None = None,
    top: int | None = None,
) -> pd.DataFrame:
    """Share of coverage each entity gets per group (outlet, week, month or a corpus column).

    ``unit="documents"``: the share of the group's articles that mention the entity at least
    once (a denominator every group has, so outlets of different sizes compare).
    ``unit="mentions"``: the entity's share of all entity mentions in the group.
    ``entities`` restricts the output; ``top`` keeps the ``top`` entities by overall count.

    Returns ``<by>``, ``entity``, ``label``, ``n`` (articles or mentions with the entity),
    ``total`` (articles or mentions of the group), ``share`` (n / total), long format.
    """
    if unit not in ("documents", "mentions"):
        raise ValueError("unit must be 'documents' or 'mentions'.")
    group = _group_series(corpus, by)
    name = group.name or by
    m = mentions.assign(**{name: mentions["doc_id"].map(group)})
    if unit == "documents":
        n = m.drop_duplicates(["doc_id", "entity"]).groupby([name, "entity"]).size()
        total = group.groupby(group).size()
    else:
        n = m.groupby([name, "entity"]).size()
        total = m.groupby(name).size()
    overall = (m.drop_duplicates(["doc_id", "entity"]) if unit == "documents" else m).groupby("entity").size()
    keep = list(entities) if entities is not None else None
    if top is not None:
        ranked = overall.sort_values(ascending=False)
        if keep is not None:
            ranked = ranked[ranked.index.isin(keep)]
        keep = list(ranked.index[:top])
    out = n.rename("n").reset_index()
    if keep is not None:
        out = out[out["entity"].isin(keep)]
        full = pd.MultiIndex.from_product([total.index, keep], names=[name, "entity"])
        out = out.set_index([name, "entity"]).reindex(full, fill_value=0).reset_index()
    out["total"] = out[name].map(total).astype("int64")
    out["share"] = out["n"] / out["total"].where(out["total"] > 0)
    labels = mentions.drop_duplicates("entity").set_index("entity")["label"]
    out.insert(2, "label", out["entity"].map(labels))
    out["n"] = out["n"].astype("int64")
    return out.sort_values([name, "share", "entity"], ascending=[True, False, True]).reset_index(drop=True)


def distinctive(
    mentions: pd.DataFrame,
    corpus: pd.DataFrame,
    *,
    by: str = "outlet",
    prior: float = 100.0,
    min_count: int = 5,
    top: int | None = 10,
    unit: str = "documents",
    ignore_own_outlet: bool = True,
) -> pd.DataFrame:
    """Entities distinctive of each group against all other groups, with z-scores.

    The weighted log-odds ratio with an informative Dirichlet prior of Monroe, Colaresi & Quinn
    (2008, *Fightin' Words: Lexical Feature Selection and Evaluation for Identifying the Content
    of Political Conflict*, Political Analysis 16(4)).  With ``y`` the count of entity *w* in
    group *i* and in the rest *j*, *n* the group totals, and prior pseudo-counts
    ``a_w = prior * (corpus count of w / corpus total)`` (``a0 = prior``)::

        delta_w = log((y_wi + a_w) / (n_i + a0 - y_wi - a_w)) - log((y_wj + a_w) / (n_j + a0 - y_wj - a_w))
        var_w   ≈ 1 / (y_wi + a_w) + 1 / (y_wj + a_w)
        z_w     = delta_w / sqrt(var_w)

    The prior shrinks rare entities towards zero, so a name mentioned twice by one small outlet
    does not top the list.  ``unit="documents"`` counts articles mentioning the entity (robust to
    one article repeating a name forty times); ``"mentions"`` counts mentions.
    ``ignore_own_outlet`` drops outlets' references to themselves ("told CNN"), which would
    otherwise top every outlet's list.

    Returns ``<by>``, ``entity``, ``label``, ``count`` (in the group), ``count_rest``,
    ``log_odds`` (delta), ``z``; the ``top`` highest z per group (all with ``top=None``),
    entities with fewer than ``min_count`` in the whole corpus dropped.
    """
    group = _group_series(corpus, by)
    name = group.name or by
    base = _drop_own_outlet(mentions, corpus) if ignore_own_outlet else mentions
    m = base.assign(**{name: base["doc_id"].map(group)})
    if unit == "documents":
        m = m.drop_duplicates(["doc_id", "entity"])
    counts = m.groupby([name, "entity"]).size().unstack(fill_value=0)
    totals_w = counts.sum(axis=0)
    counts = counts.loc[:, totals_w >= min_count]
    totals_w = counts.sum(axis=0)
    alpha_w = prior * totals_w / totals_w.sum()
    rows = []
    for g in counts.index:
        yi = counts.loc[g]
        yj = totals_w - yi
        delta, _, z = log_odds_dirichlet(yi, yj, alpha_w)
        rows.append(pd.DataFrame({name: g, "entity": counts.columns, "count": yi.to_numpy(), "count_rest": yj.to_numpy(),
                                  "log_odds": delta.to_numpy(), "z": z.to_numpy()}))
    out = pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(columns=[name, "entity", "count", "count_rest", "log_odds", "z"])
    labels = mentions.drop_duplicates("entity").set_index("entity")["label"]
    out.insert(2, "label", out["entity"].map(labels))
    out = out.sort_values([name, "z", "entity"], ascending=[True, False, True])
    if top is not None:
        out = out.groupby(name, sort=False).head(top)
    out["count"] = out["count"].astype("int64")
    out["count_rest"] = out["count_rest"].astype("int64")
    return out.reset_index(drop=True)


# ----------------------------------------------------------------------- co-occurrence


def cooccurrence(
    mentions: pd.DataFrame,
    *,
    window: str = "sentence",
    measure: str = "count",
    min_count: int = 2,
    top: int | None = None,
    labels: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Pairs of entities mentioned together in a sentence or an article.

    A *window* is a sentence (``doc_id``, ``sent_index``) or a whole article; each window counts
    once per pair however often the two are named in it.  ``measure="count"`` weighs an edge by
    the number of shared windows; ``"pmi"`` by pointwise mutual information (Church & Hanks 1990,
    *Word Association Norms, Mutual Information, and Lexicography*),
    ``log2(p(a, b) / (p(a) p(b)))`` with probabilities over windows — positive when the pair
    meets more often than chance, which favours specific pairs over the ever-present
    "United States".  ``top`` keeps only the ``top`` entities by number of windows, ``labels``
    only entities with these labels; pairs shared by fewer than ``min_count`` windows are
    dropped.

    Returns ``source``, ``target`` (alphabetical order within a pair), ``count`` (shared
    windows, int64), ``pmi`` (float) and ``weight`` (= the chosen measure), sorted by weight.
    """
    if window not in ("sentence", "document"):
        raise ValueError("window must be 'sentence' or 'document'.")
    if measure not in ("count", "pmi"):
        raise ValueError("measure must be 'count' or 'pmi'.")
    from scipy import sparse

    m = mentions if labels is None else mentions[mentions["label"].isin(set(labels))]
    win_cols = ["doc_id", "sent_index"] if window == "sentence" else ["doc_id"]
    m = m.drop_duplicates(win_cols + ["entity"])
    cols = ["source", "target", "count", "pmi", "weight"]
    if m.empty:
        return pd.DataFrame(columns=cols)
    n_windows = m[win_cols].drop_duplicates().shape[0]
    if top is not None:
        keep = m.groupby("entity").size().sort_values(ascending=False).index[:top]
        m = m[m["entity"].isin(keep)]
    ents = pd.Index(sorted(m["entity"].unique()))
    win_id = m.groupby(win_cols, sort=False).ngroup().to_numpy()
    ent_id = ents.get_indexer(m["entity"])
    x = sparse.csr_matrix((np.ones(len(m)), (win_id, ent_id)), shape=(win_id.max() + 1, len(ents)))
    co = (x.T @ x).tocoo()
    df_e = np.asarray(x.sum(axis=0)).ravel()
    mask = (co.row < co.col) & (co.data >= min_count)
    a, b, c = co.row[mask], co.col[mask], co.data[mask]
    pmi = np.log2(c * n_windows / (df_e[a] * df_e[b]))
    out = pd.DataFrame({"source": ents[a], "target": ents[b], "count": c.astype("int64"), "pmi": pmi})
    out["weight"] = out[measure].astype(float)
    return out.sort_values(["weight", "count", "source", "target"], ascending=[False, False, True, True]).reset_index(drop=True)


def to_graph(edges: pd.DataFrame, mentions: pd.DataFrame | None = None):
    """A :class:`networkx.Graph` from a :func:`cooccurrence` edge table.

    Edge attributes ``weight``, ``count``, ``pmi``; with ``mentions``, node attributes
    ``label`` and ``documents`` (number of articles naming the entity).
    """
    import networkx as nx

    g = nx.Graph()
    for r in edges.itertuples(index=False):
        g.add_edge(r.source, r.target, weight=float(r.weight), count=int(r.count), pmi=float(r.pmi))
    if mentions is not None and len(g):
        sub = mentions[mentions["entity"].isin(list(g.nodes))]
        docs = sub.drop_duplicates(["doc_id", "entity"]).groupby("entity").size()
        labels = sub.drop_duplicates("entity").set_index("entity")["label"]
        for node in g.nodes:
            g.nodes[node]["label"] = str(labels.get(node, ""))
            g.nodes[node]["documents"] = int(docs.get(node, 0))
    return g


def write_gexf(graph, path: str | Path) -> Path:
    """Write ``graph`` as GEXF for Gephi (node attributes become Gephi columns)."""
    import networkx as nx

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    nx.write_gexf(graph, path)
    return path


def plot_network(graph, *, top: int = 30, seed: int = 42, title: str | None = None, ax=None):
    """A readable figure of the ``top`` best-connected entities (by weighted degree).

    Node size grows with ``documents`` (or weighted degree), colour shows the label, edge width
    the weight; the spring layout is seeded, so the figure is reproducible.  Returns the figure.
    """
    import matplotlib.pyplot as plt
    import networkx as nx

    from toolkit.plots import STYLE

    if len(graph) == 0:
        raise ValueError("empty graph: lower min_count or widen the window.")
    strength = dict(graph.degree(weight="weight"))
    nodes = sorted(strength, key=lambda n: (-strength[n], n))[:top]
    # nodes and edges in sorted order: the seeded layout then does not depend on insertion order
    h = nx.Graph()
    h.add_nodes_from(sorted((n, dict(graph.nodes[n])) for n in nodes))
    h.add_edges_from(sorted(((min(u, v), max(u, v), dict(d)) for u, v, d in graph.subgraph(nodes).edges(data=True)),
                            key=lambda e: (e[0], e[1])))
    if ax is None:
        fig, ax = plt.subplots(figsize=(9, 7))
    else:
        fig = ax.figure
    pos = nx.spring_layout(h, seed=seed, weight=None, k=2.5 / math.sqrt(max(len(h), 1)), iterations=200)
    palette = STYLE["axes.prop_cycle"].by_key()["color"]
    labels = sorted({h.nodes[n].get("label", "") for n in h})
    colour = {lab: palette[i % len(palette)] for i, lab in enumerate(labels)}
    size_src = {n: h.nodes[n].get("documents", strength[n]) for n in h}
    smax = max(size_src.values()) or 1
    weights = np.array([d["weight"] for _, _, d in h.edges(data=True)]) if h.number_of_edges() else np.array([1.0])
    wmax = weights.max() if weights.max() > 0 else 1.0
    nx.draw_networkx_edges(h, pos, ax=ax, width=[0.3 + 3.0 * max(d["weight"], 0) / wmax for _, _, d in h.edges(data=True)],
                           alpha=0.35, edge_color="#555555")
    nx.draw_networkx_nodes(h, pos, ax=ax, node_size=[60 + 900 * size_src[n] / smax for n in h],
                           node_color=[colour[h.nodes[n].get("label", "")] for n in h], alpha=0.85, linewidths=0)
    nx.draw_networkx_labels(h, pos, ax=ax, font_size=8)
    for lab in labels:
        ax.scatter([], [], color=colour[lab], label=lab or "?", s=40)
    ax.legend(loc="lower left", fontsize=8)
    ax.set_axis_off()
    if title:
        ax.set_title(title)
    return fig


# ---------------------------------------------------------------------------- KWIC


def kwic(
    parsed,
    query: str,
    *,
    window: int = 60,
    mentions: pd.DataFrame | None = None,
    regex: bool = False,
    ignore_case: bool = False,
    limit: int | None = None,
) -> pd.DataFrame:
    """Keyword-in-context concordance of an entity or a text pattern, for close reading.

    ``parsed`` is a :class:`toolkit.nlp.Parsed` or a corpus DataFrame.  With ``mentions``
    (a :func:`mentions` table) and a ``query`` equal to a canonical entity, every mention of
    that entity is shown, whatever its surface form ("ISIL", "Daesh", "the Islamic State").
    Otherwise ``query`` is searched in the cleaned text as a literal string (whole words) or,
    with ``regex=True``, as a regular expression.  ``window`` characters of context on each
    side are cut back to whole words; line breaks become spaces.

    Returns ``doc_id``, ``start_char``, ``end_char``, ``left``, ``match``, ``right`` in corpus
    and text order (at most ``limit`` rows).
    """
    corpus = parsed.corpus if hasattr(parsed, "corpus") else parsed
    texts = dict(zip(corpus["doc_id"], corpus["text"]))
    hits: list[tuple[str, int, int]] = []
    if mentions is not None and (mentions["entity"] == query).any():
        sub = mentions[mentions["entity"] == query]
        hits = list(zip(sub["doc_id"], sub["start_char"], sub["end_char"]))
    else:
        pat = re.compile(query if regex else r"(?<!\w)" + re.escape(query) + r"(?!\w)", re.IGNORECASE if ignore_case else 0)
        for doc_id, text in texts.items():
            for mt in pat.finditer(text):
                if mt.end() > mt.start():
                    hits.append((doc_id, mt.start(), mt.end()))
                    if limit is not None and len(hits) >= limit:
                        break
            if limit is not None and len(hits) >= limit:
                break
    rows = []
    for doc_id, s, e in hits[: limit if limit is not None else None]:
        text = texts[doc_id]
        left = text[max(0, s - window) : s]
        right = text[e : e + window]
        if s - window > 0 and " " in left:
            left = left[left.index(" ") + 1 :]
        if e + window < len(text) and " " in right:
            right = right[: right.rindex(" ")]
        rows.append({"doc_id": doc_id, "start_char": int(s), "end_char": int(e),
                     "left": re.sub(r"\s+", " ", left), "match": re.sub(r"\s+", " ", text[s:e]),
                     "right": re.sub(r"\s+", " ", right)})
    out = pd.DataFrame(rows, columns=["doc_id", "start_char", "end_char", "left", "match", "right"])
    return out.astype({"start_char": "int64", "end_char": "int64"})


# ---------------------------------------------------------------------------- analyze


def analyze_tables(parsed, tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Tables of one partition for ``toolkit analyze``: ``entities`` and ``salience``.

    They depend on each article alone (article-level canonicalisation and the alias tables,
    ``mentions(parsed, resolve_corpus=False)``), so any partitioning gives the same rows;
    :func:`summary_tables` then applies the corpus-level step to the whole table.
    """
    ments = mentions(parsed, resolve_corpus=False)
    return {"entities": ments, "salience": salience(ments, parsed.corpus)}


def summary_tables(tables: dict[str, pd.DataFrame], corpus: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """After all partitions: corpus-level canonicalisation of ``entities``, then ``salience``."""
    if "entities" not in tables:
        return {}
    ments = resolve_corpus(tables["entities"], corpus)
    return {"entities": ments, "salience": salience(ments, corpus)}
