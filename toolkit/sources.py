"""Who gets to speak: direct, indirect and mixed attributions with resolved speakers.

An *attribution* links a **source** (the speaker), a **cue** (``said``, ``according to``, a
colon) and a **content** (the attributed words) — the triple of the PARC attribution corpus
(Pareti 2016, *PARC 3.0: A corpus of attribution relations*, LREC). The extractor combines

* a character-level quotation pass: marks are paired per paragraph (straight, curly and the
  cleaned ``"?``/``''`` damage of the NewsArticles data), multi-paragraph quotations are
  split at paragraph breaks, and what cannot be paired is reported by :func:`quotes`
  instead of aborting the document;
* frame rules around each quotation (cue before or after, split quotes, colon, and quotes
  with no cue that continue the previous speaker), in the tradition of the pattern-based
  quotation extractors of Pouliquen, Steinberger & Best (2007) and Krestel, Bergler &
  Witte (2008, *Minding the Source*);
* a dependency pass for reported speech: a lemma-based lexicon of reporting verbs with a
  clausal complement, ``according to X``, ``X told Y (that)``, ``X quoted Y as saying`` and
  post-posed cues (``…, the ministry said``), cf. the verb-cue analysis of Newell, Margolin &
  Ruths (2018, *An attribution relations corpus for political news*, LREC);
* speaker resolution in the spirit of the quote-attribution sieves of Muzny et al. (2017,
  EACL): names to the fullest form the article gives, titles and surnames (``Mr Ryan``) to
  full names, pronouns and role descriptions (``the spokesman``) to the right earlier
  speaker, statements and reports to their issuer, unnamed sources kept as described.
  Further sieves: ``he``/``she`` agree in gender with their antecedent as the article itself
  shows it (titles such as ``Ms``, ``spokeswoman``; pronouns of sentences about that person)
  and skip people named inside what an earlier source said; a description in the lead is
  linked to the person the body then introduces (``Iran's supreme leader said …`` →
  ``Ayatollah Ali Khamenei``), and ``the American leader`` to the titled person just named;
  ``these officials``/``the NGOs`` point back to the sources just quoted; acronyms take the
  name they are defined with (``High Negotiations Committee (HNC)``); a titled report
  (``World Happiness Report``) is its own source; an outlet given after its description
  (``news agency Tass``) is the speaker; a named person right before the cue wins over a
  subject the parser found further left.
  Description coreference: every named person is indexed with the words the article
  describes them by (a role phrase before the name, an apposition on either side, ranks in
  the name), and a definite description (``the general``, ``the deceased man's sister``,
  ``Russia's top diplomat``) goes to the person whose description holds its role noun (or a
  narrower one: a foreign minister is a diplomat) and all its distinctive words. NER slips
  are repaired first: an ORG span that starts with a common given name
  (``data/given_names.csv``) or follows a role noun is a person, and so is a surname the
  article names in full elsewhere; the same given names settle the gender of a person whose
  article shows none. A pronoun whose nearest preceding subject is a role description
  (``The prime minister defended … She said``) takes the person that description names --
  the subject of the previous utterance as preferred antecedent, as in centering theory
  (Grosz, Joshi & Weinstein 1995, *Computational Linguistics* 21(2)).
* layouts the scraper flattened: transcript turns (``DUFFY: …``), interviews printed as
  questions and answers whose question labels were lost (``DW: …? Martin Kobler: … …? …``:
  the guest's answers run between the questions), and embedded posts with or without their
  ``— Name (@handle) date`` credit line.

Wire credits (``With inputs from ANI``, ``(AFP, dpa)``) are media sourcing of the *article*
and are returned by :func:`wire_credits`, not as attributions. Accuracy against the
project's gold set is measured by :mod:`toolkit.evaluate`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
from spacy.tokens import Span

__all__ = [
    "ATTRIBUTION_COLUMNS",
    "CUE_LEMMAS",
    "analyze_tables",
    "attributions",
    "canonical_names",
    "doc_attributions",
    "plot_source_shares",
    "quotes",
    "render",
    "source_shares",
    "sources_per_outlet",
    "summary_tables",
    "top_speakers",
    "wire_credits",
]

ATTRIBUTION_COLUMNS = [
    "doc_id", "attribution_id", "kind", "speaker", "speaker_name", "speaker_type", "speaker_role",
    "cue", "content", "content_start", "content_end", "sent_index", "via",
]

# ------------------------------------------------------------------------ lexicons

#: Reporting verbs (lemmas) that introduce attributed content. Mental-state verbs (think,
#: believe, hope, expect, want, know) are deliberately absent: they report attitudes, not
#: communication (see the project's annotation guidelines, data/gold/sources/GUIDELINES.md).
CUE_LEMMAS = frozenset("""
say tell add announce state claim confirm deny warn insist argue explain note report write tweet post
accuse urge promise vow pledge threaten ask suggest stress emphasise emphasize reiterate acknowledge admit
allege predict declare question testify caution complain estimate forecast reveal maintain reply respond
recall concede contend assert observe disclose remark mention inform indicate comment continue rule
conclude rant joke quip shout scream read demand implore propose recommend assure caution repeat
retort proclaim boast concur affirm reaffirm underline underscore highlight point
plead appeal reassure clarify specify brief advise concur signal lament show find bemoan flag dispute yell
""".split())
#: cues accepted only when the content is a quotation (``"…," Rovera went on``)
QUOTE_ONLY_CUES = frozenset("continue go conclude rant joke quip shout scream yell read write".split())
#: verbs that characterise an object in the source's own quoted words (``described the ruling as
#: "unprecedented"``, ``called the policies "murderous"``): a mixed attribution when a quotation
#: is part of the verb phrase, nothing when there is no quotation (a noun object is not content)
CHARACTERISE_CUES = frozenset("""
describe call brand label term dub characterise characterize praise commend hail criticise criticize
condemn denounce slam blast decry cite
""".split())
#: verbs taking ``to``-infinitive content
TO_CUES = frozenset("urge promise vow pledge threaten implore demand plead appeal call".split())
#: subjects whose "show / find / reveal" is a report, not a perception
REPORT_NOUNS = frozenset("""
statement report bulletin communique communiqué release study survey poll assessment analysis
document memo letter filing affidavit ruling complaint lawsuit post tweet message footage video
figures data index paper article review transcript notice briefing resolution brief judgment verdict
declaration editorial commentary op-ed column datum figure result results remark remarks comment comments
statistic statistics poster leaflet flyer
""".split())
ONLY_REPORT_SUBJ = frozenset("show find reveal indicate suggest estimate forecast".split())
MEDIA_NOUNS = frozenset("""
agency media newspaper daily paper outlet channel broadcaster television tv radio website site
network magazine tabloid reporter reporters correspondent correspondents journalist journalists
""".split())
#: News organisations recognised by name (lower case); any name ending in TV/News/Times/Post
#: etc. is media too.
MEDIA_NAMES = frozenset("""
reuters ap afp ani dpa tass ria novosti ria-novosti interfax sputnik rt itar-tass xinhua anadolu sana
irna isna fars mehr tasnim bbc cnn abc nbc cbs fox msnbc npr pbs al jazeera aljazeera haaretz
kyodo yonhap efe ansa bloomberg people cosmopolitan.com tmz politico axios huffpost
""".split())
MEDIA_SUFFIXES = ("tv", "news", "times", "post", "journal", "herald", "gazette", "telegraph", "guardian",
                  "press", "tribune", "daily", "agency", "television", "radio", "sentinel", "spiegel",
                  "monitor", "observer", "independent", "mail", "show", "wire", "express", "today")
ANON_NOUNS = frozenset("""
official officials source sources resident residents witness witnesses analyst analysts diplomat diplomats
spokesman spokeswoman spokesperson spokespeople observer observers activist activists expert experts medic
medics doctor doctors lawyer lawyers critic critics detractor detractors challenger challengers general
generals commander commanders officer officers aide aides insider insiders person people man woman men
women someone anyone survivor survivors eyewitness eyewitnesses relative relatives member members
negotiator negotiators envoy envoys adviser advisers advisor advisors judge judges prosecutor prosecutors
investigator investigators worker workers volunteer volunteers protester protesters villager villagers
local locals fighter fighters soldier soldiers police policeman officer rescuer rescuers staff leader
leaders representative representatives minister ministers lawmaker lawmakers legislator legislators
parent parents family families mother father son daughter wife husband brother sister friend friends
neighbour neighbours neighbor neighbors colleague colleagues user users commenter commenters
researcher researchers author authors artist artists scientist scientists scholar scholars academic academics
economist economists historian historians student students teacher teachers farmer farmers victim victims
refugee refugees migrant migrants nurse nurses surgeon surgeons physician physicians cleric clerics priest
priests imam imams voter voters citizen citizens campaigner campaigners organiser organisers organizer
organizers owner owners driver drivers passenger passengers advocate advocates supporter supporters opponent
opponents proponent proponents demonstrator demonstrators mourner mourners sceptic sceptics skeptic skeptics
politician politicians businessman businessmen businesswoman businesswomen entrepreneur entrepreneurs
billionaire billionaires tycoon tycoons
""".split())
#: what a business story calls the company it is about ("the world's largest reinsurer said")
BUSINESS_NOUNS = frozenset("""
bank lender insurer reinsurer airline carrier club league watchdog giant carmaker automaker retailer
regulator manufacturer operator producer supplier developer publisher exchange startup conglomerate
""".split())
ORG_NOUNS = frozenset("""
ministry army government military command forces force police coastguard authorities authority committee
council office agency department administration coalition group organisation organization commission
parliament assembly court house senate congress cabinet kremlin pentagon navy airforce service services
center centre institute university company firm party movement observatory un nato eu union alliance
embassy mission regime opposition state country side bureau board unit delegation team monitor
campaign charity charities ngo ngos network federation association community
""".split()) | REPORT_NOUNS | BUSINESS_NOUNS
ROLE_NOUNS = frozenset("""
spokesman spokeswoman spokesperson minister president prime premier secretary ambassador envoy general
commander colonel captain major lieutenant admiral chief director head leader official officer professor
doctor analyst researcher expert lawyer attorney judge senator congressman congresswoman governor mayor
chairman chairwoman chair adviser advisor aide diplomat resident witness economist psychiatrist author
editor correspondent reporter founder ceo executive representative negotiator mediator deputy sheriff
king queen prince emir sheikh cleric imam bishop archbishop pope chancellor speaker member lawmaker coordinator
commissioner inspector superintendent taoiseach tanaiste tánaiste
""".split())
OFFICIAL_ROLES = frozenset("""
spokesman spokeswoman spokesperson minister president prime premier secretary ambassador envoy general
commander colonel captain major lieutenant admiral official officer senator congressman congresswoman
governor mayor chancellor king queen prince emir diplomat representative deputy sheriff lawmaker
chief head judge taoiseach tanaiste tánaiste
""".split())
TITLES = frozenset("""
mr mr. mrs mrs. ms ms. dr dr. prof prof. professor sir lord lady president gen gen. general col col. colonel
capt capt. captain lt lt. lieutenant maj maj. major sgt sgt. sergeant adm adm. admiral sen sen. senator rep rep.
gov gov. governor secretary minister ambassador ayatollah sheikh king queen prince pope rev rev. judge
justice chancellor premier taoiseach tanaiste tánaiste prime master chief mrde cpl cpl. corporal pte pte. pvt pvt. supt supt.
""".split())
_TITLE_SET = frozenset(t.rstrip(".") for t in TITLES)
PRONOUNS_PERSON = frozenset("he she him her i".split())
PRONOUNS_GROUP = frozenset("they we it".split())

_QUOTE_CHARS = '"\u201c\u201d\u201e\u00ab\u00bb'
_OPENERS = "\u201c\u201e\u00ab"
_CLOSERS = "\u201d\u00bb"


# ----------------------------------------------------------------------- quotations


@dataclass
class Quote:
    start: int  # index of the opening mark
    end: int  # index just after the closing mark (or paragraph end for an unclosed quote)
    closed: bool
    continued: bool = False  # a paragraph of a multi-paragraph quotation (no closing mark)
    merged: bool = False  # the same, where the scraper lost the paragraph break (no newline before the next mark)

    @property
    def content(self) -> tuple[int, int]:
        s = self.start + 1
        e = self.end - 1 if self.closed else self.end
        return s, e


def _mark_role(text: str, i: int) -> str:
    """'open', 'close', 'either' or 'none' for the quote-like character at i."""
    c = text[i]
    if c in _OPENERS:
        return "open"
    if c in _CLOSERS:
        return "close"
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if prev.isalpha() and nxt.isalpha():
        return "none"  # don"t: a damaged apostrophe
    left_open = prev.isspace() or prev in "([{-\u2014\u2013:/" or i == 0
    right_close = nxt.isspace() or nxt in ".,;:!?)]}-\u2014\u2013" or i + 1 == len(text)
    if left_open and not right_close:
        return "open"
    if right_close and not left_open:
        return "close"
    return "either"


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in re.finditer(r"\n\s*\n|\n", text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return [(a, b) for a, b in out if b > a]


_SENT_BREAK = re.compile(r"[.!?]\s+\Z")


def _lost_break(text: str, open_at: int, nxt: int) -> bool:
    """Is the unclosed quotation opened at ``open_at`` a paragraph of a multi-paragraph quotation
    whose break the scraper lost? It opens a sentence, its last sentence ends right before the
    next opening mark at ``nxt``, and that mark opens a capitalised sentence."""
    return bool(_SENT_BREAK.search(text, open_at, nxt) and text[nxt + 1: nxt + 2].isupper()
                and re.search(r"(?:\A|[.!?:,][\"\u201d]?[\s\-]*)\Z", text[max(0, open_at - 6): open_at]))


def find_quotes(text: str) -> tuple[list[Quote], list[int]]:
    """Pair quotation marks; return (quotes, offsets of unpaired marks).

    Pairing works per paragraph with a two-state machine. A mark that can only open while a
    quotation is open closes the pending one only if nothing else can (then the earlier mark
    is reported unpaired). A quotation still open at the end of a paragraph is a paragraph of
    a multi-paragraph quotation when the next paragraph starts with an opening mark, otherwise
    it is closed at the paragraph end and its mark reported as unpaired. An opener that starts a
    new sentence while a quotation is open marks it ``merged``: the scraper flattened the
    paragraphs of one quotation into a line.
    """
    quotes: list[Quote] = []
    unpaired: list[int] = []
    paras = _paragraphs(text)
    for k, (ps, pe) in enumerate(paras):
        open_at: int | None = None
        for m in re.finditer(f"[{_QUOTE_CHARS}]", text[ps:pe]):
            i = ps + m.start()
            role = _mark_role(text, i)
            if role == "none":
                continue
            if open_at is None:
                if role in ("open", "either"):
                    open_at = i
                else:
                    unpaired.append(i)
            else:
                if role in ("close", "either"):
                    quotes.append(Quote(open_at, i + 1, True))
                    open_at = None
                else:  # an opener while open: the earlier one was never closed
                    unpaired.append(open_at)
                    quotes.append(Quote(open_at, i, False, merged=_lost_break(text, open_at, i)))
                    open_at = i
        if open_at is not None:
            nxt = paras[k + 1] if k + 1 < len(paras) else None
            next_opens = nxt is not None and text[nxt[0]: nxt[0] + 1] in _QUOTE_CHARS
            quotes.append(Quote(open_at, pe, False, continued=next_opens))
            if not next_opens:
                unpaired.append(open_at)
    return quotes, unpaired


# ------------------------------------------------------------------------ sentences

_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Col|Capt|Lt|Maj|Sgt|Cpl|Pte|Pvt|Supt|Adm|Sen|Rep|Gov|Rev|St|Jr|Sr|Jan|Feb|Mar|Apr|Jun|"
    r"Jul|Aug|Sep|Sept|Oct|Nov|Dec|No|Vs|vs|etc|Inc|Corp|Ltd|Co|U\.S|U\.N|U\.K)|\b[A-Z])\.$"
)
_SENT_END = re.compile(r"[.!?]+[\"\u201d\u2019')\]]*-*(?=\s+|$)")
#: a post that quotes a person: "Name: 'words'" at its end
_POST_QUOTING = re.compile(r"([A-Z][\w.\-']*(?: [A-Z][\w.\-']*){0,3}):\s*['\u2018\"\u201c]([^'\u2019\"\u201d]{10,}?)['\u2019\"\u201d]\s*")
#: the credit line that closes an embedded post: "— Name (@handle) March 29, 2017"
_POST_CREDIT = re.compile(
    r"(?:\u2014|--|-)\s*([A-Z][^()\n]{1,80}?)\s*\(@(\w{1,30})\)\s*(?:on\s+)?[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4}"
    r"|A post shared by\s+([^()\n]{1,80}?)\s*\(@(\w{1,30})\)")


def _sentences(text: str, credits: list | None = None) -> list[tuple[int, int]]:
    """Sentence spans by punctuation, robust to the dataset's glued '.-' and quote marks.
    ``credits``: the matches of :data:`_POST_CREDIT` in ``text``, if the caller has them."""
    spans, start = [], 0
    for m in _SENT_END.finditer(text):
        end = m.end()
        before = text[max(0, m.start() - 6): m.start() + 1]
        if m.group().startswith(".") and _ABBREV.search(before):
            continue
        nxt = text[end:].lstrip()
        if nxt and not (nxt[0].isupper() or nxt[0].isdigit() or nxt[0] in _QUOTE_CHARS + "(['\u2018-\u2014#@"):
            continue
        spans.append((start, end))
        start = end
        while start < len(text) and text[start].isspace():
            start += 1
    if start < len(text):
        spans.append((start, len(text)))
    # a link to another story ("READ MORE: Army presses on, says minister") runs into the next
    # sentence when the scraper dropped its line break; it ends where a quotation opens
    cuts = [m.end() for m in _LINK_HEADLINE.finditer(text)]
    # so does an embedded post's credit line ("— RTÉ News (@rtenews) March 29, 2017 Mr Tusk made …")
    cuts += [m.end() for m in (_POST_CREDIT.finditer(text) if credits is None else credits) if m.group(1)]
    # and a post's bare link ("… found hanged at Piraeus https://t.co/… Amid the lags, …")
    cuts += [m.end() for m in _POST_LINK.finditer(text) if re.match(r"\s+[A-Z]", text[m.end():m.end() + 2])]
    cuts.sort()
    if cuts:
        split = []
        for a, b in spans:
            inner = [c for c in cuts if a < c < b]
            for c in inner:
                split.append((a, c))
                a = c
            split.append((a, b))
        spans = split
    # paragraph breaks always end a sentence
    out = []
    for a, b in spans:
        for pa, pb in _paragraphs(text[a:b]):
            out.append((a + pa, a + pb))
    return [(a + len(text[a:b]) - len(text[a:b].lstrip()), b) for a, b in out if text[a:b].strip()]


_LINK_LABEL = re.compile(r"(?:READ MORE|Read more|RELATED|Related|WATCH|Watch)\s*:\s*")
_LINK_HEADLINE = re.compile(r"\b" + _LINK_LABEL.pattern + r"[^\"\u201c\u201d\n.?!]{3,200}?(?=\s*[\"\u201c])")


# ------------------------------------------------------------------- speaker mentions


@dataclass
class Speaker:
    mention: str = ""
    name: str = ""
    type: str = "unknown"
    role: str = ""
    start: int = -1  # char offset of the mention

    def _replace_mention(self, mention: str, start: int) -> "Speaker":
        return Speaker(mention, self.name, self.type, self.role, start)


@dataclass
class _DocState:
    doc: object
    text: str
    persons: dict = field(default_factory=dict)  # last token (lower) -> fullest name
    roles: dict = field(default_factory=dict)  # role noun -> name
    history: list = field(default_factory=list)  # resolved Speakers in text order (with end offsets)
    quote_spans: list = field(default_factory=list)
    genders: dict = field(default_factory=dict)  # (name key, given name in a family) -> "m" | "f" | "" (cache of _gender)
    given_by_key: dict = field(default_factory=dict)  # name key -> {common given name: full name} (see _families)
    content_spans: list = field(default_factory=list)  # (start, end, Speaker) of the attributions resolved so far
    nationality_words: set = field(default_factory=set)  # lower-case GPE/NORP tokens of the article
    described: list = field(default_factory=list)  # (char offset, name, descriptor stems): see _descriptions
    person_ents: list = field(default_factory=list)  # PERSON entities, NER slips repaired: see _person_ents
    person_keys: list | None = None  # _name_key of each of person_ents (built by _gender on first use)
    ner_persons: list | None = None  # (start, end) token offsets of the NER's own PERSON entities
    acronyms: dict = field(default_factory=dict)  # acronym -> its expansion (cache of _expand_acronym)
    marked: dict = field(default_factory=dict)  # family name key -> given names told apart (cache of _singled_out)
    by_first: dict | None = None  # first word -> full names that start with it (cache of _names_starting)


def _clean_name(s: str) -> str:
    s = re.sub(r"[\u2019']s$", "", s.strip())
    s = re.sub(r"-(?:said|says|told|tells|added|adds|stated|noted|explained)$", "", s)  # glued cue: "Sarraj-said"
    s = re.sub(r"[,;]-\w+$", "", s)  # glued next word: "Haley,-the"
    s = re.sub(r"^[\W_]+|[\W_]+$", "", s)
    toks = s.split()
    # a role noun leaves a name ("Artist Manaf Halbouni"); a one-word given name may be such a
    # noun ("Son Heung-min"), so descriptive nouns go only before two more words
    while len(toks) > 1 and (_is_title(toks[0]) or toks[0].lower() in ROLE_NOUNS
                             or len(toks) > 2 and toks[0].lower() in ANON_NOUNS):
        toks = toks[1:]
    return " ".join(toks)


def _is_title(word: str) -> bool:
    """A title or rank, also hyphenated ("Major-General", "Lt-Gen")."""
    parts = word.lower().rstrip(".").split("-")
    return all(p.rstrip(".") in _TITLE_SET for p in parts if p)


_OFFICE_WORDS = frozenset("defense defence state foreign interior affairs justice homeland security health treasury staff "
                          "general of the".split())
#: capitalised words before a name that are not part of it ("Foreign Minister", "Defense")
_NOT_NAME_WORDS = TITLES | ROLE_NOUNS | _OFFICE_WORDS
_SUFFIXES = frozenset("jr jr. sr sr. ii iii iv".split())


def _name_key(name: str) -> str:
    toks = [t for t in name.split() if t.lower() not in _SUFFIXES]
    return (toks or name.split())[-1].lower()


def _whole_words(text: str, a: int, b: int) -> str:
    """text[a:b] extended to the end of its last word: an entity the tokenizer cut inside a
    damaged word ("de Mazi\ufffd\ufffdre" split at the replacement characters) keeps the whole word."""
    m = re.compile(r"(?:[\w\ufffd']|-(?=[A-Z]))*").match(text, b)  # not a glued "-told"
    return text[a: m.end()].rstrip("-'") if m else text[a:b]


def _ent_text(state: "_DocState", e) -> str:
    # the text of the state, not e.doc.text: spaCy joins every token on each Doc.text access
    a = e.start_char
    if e.start > 0 and e.label_ == "PERSON" and e.doc[e.start - 1].lower_.rstrip(".") in _TITLE_GENDER:
        a = e.doc[e.start - 1].idx  # "Mrs. Trump": the title tells relatives apart (see _relative)
    return _whole_words(state.text, a, e.end_char)


def _person_index(doc, text: str, person_ents: list, byline: set) -> tuple[dict, dict]:
    persons: dict[str, str] = {}
    roles: dict[str, str] = {}
    for ent in person_ents:
        i0 = ent.start
        # a name never grows back over the byline _past_byline cut from it
        while i0 - 1 >= 0 and i0 - 1 not in byline and doc[i0 - 1].pos_ == "PROPN" and re.fullmatch(r"[A-Z][a-z][\w'\-]*", doc[i0 - 1].text) and \
                doc[i0 - 1].lower_ not in _NOT_NAME_WORDS | _NOT_FIRST_NAMES and doc[i0 - 1].ent_type_ in ("", "PERSON"):  # not "Sunday"
            i0 -= 1
        name = _clean_name(_whole_words(text, doc[i0].idx, ent.end_char))
        if not name or not name[0].isupper():
            continue
        key = _name_key(name)
        if len(name.split()) > len(persons.get(key, "").split()):
            persons[key] = name
        # role nouns right before the name or in an apposition after it
        left = [t for t in doc[max(0, ent.start - 4): ent.start]]
        for k, t in enumerate(left):
            # "then Prime Minister X", "Vice President Y": not who "the prime minister"/"the president" is
            # and no verb between: "A senior official insisted that Walsh …" does not make Walsh "the official"
            if t.lower_ in ROLE_NOUNS and not any(_stem(x.lower_) in _OTHER_ROLE for x in left[:k]) and \
                    not any(x.pos_ in ("VERB", "AUX", "SCONJ", "PRON") or x.lower_ == "that" for x in left[k + 1:]):
                roles.setdefault(t.lower_, name)
        root = ent.root
        for ch in root.children:
            if ch.dep_ == "appos" and ch.lower_ in ROLE_NOUNS:
                roles.setdefault(ch.lower_, name)
    return persons, roles


def _stem(word: str) -> str:
    # five letters equate a nationality with its country ("Russian" ~ "Russia") and plurals
    return word.lower().strip(".'\u2019")[:5]


GIVEN_NAMES = Path(__file__).resolve().parents[1] / "data" / "given_names.csv"
_DESC_STOP = frozenset("the a an of to for in at on and by with from its his her their this that".split())


def _desc_words(toks) -> set:
    """Stems of the content words of a description; a participle counts as an adjective
    whatever tag it got ("the missing man's brother")."""
    return {_stem(p) for t in toks if not t.is_punct and t.lower_ not in _DESC_STOP
            and (t.pos_ in ("NOUN", "PROPN", "ADJ") or t.dep_ in ("amod", "compound") or _stem(t.lower_) in _OTHER_ROLE)
            for p in t.lower_.split("-") if p}  # role changers whatever their tag: "then Prime Minister X"


def _title_stems(toks) -> set:
    return {_stem(p) for t in toks if _is_title(t.text) for p in t.lower_.split("-") if p}


def _descriptions(state: "_DocState") -> list[tuple[int, str, frozenset]]:
    """Each named person with the words the article describes them by: a role phrase right
    before the name ("Russia's Deputy Permanent Representative to the UN Yevgeny Zagainov",
    "university student Nisma Mansoor") or an apposition on either side ("Adel Ahmed, the
    captain of the federal police"; "the deceased man's sister, Amal Hag Hamdo Anfalis").
    A definite description elsewhere ("the deceased man's sister said") is linked through these
    words -- the role-noun half of what coreference systems call bridging descriptions to names
    (Poesio & Vieira 1998; Haghighi & Klein 2009 use the same appositive and role-modifier cues)."""
    doc, out = state.doc, []

    def words(toks) -> set:
        return _desc_words(t for t in toks if t.ent_type_ != "PERSON")

    for ent in state.person_ents:
        if not _namelike(ent):
            continue
        name = _full_name(state, _ent_text(state, ent))
        if not name[:1].isupper():
            continue
        desc: set = set()
        # left: a role phrase ending in the name, with a role noun in it and no verb or comma
        left, k = [], ent.start - 1
        while k >= 0 and len(left) < 10 and doc[k].pos_ not in ("VERB", "AUX", "PRON", "SCONJ", "CCONJ") and \
                doc[k].lower_ not in ("who", "that") and (not doc[k].is_punct or doc[k].text == "-"):
            left.insert(0, doc[k])
            k -= 1
        if left and len(left) < 10 and any(t.lower_ in ROLE_NOUNS | ANON_NOUNS or _is_title(t.text) for t in left):
            desc |= words(left) | _title_stems(left)
        root = ent.root
        appositions = [ch for ch in root.children if ch.dep_ == "appos" and ch.i > root.i and ch.pos_ == "NOUN"]
        for ch in appositions:  # "Adel Ahmed, the captain of the federal police"
            desc |= words(ch.subtree)
        # "Vadim Vasilyev, a vice-president and the director general of Monaco FC": each role on
        # its own as well, so "vice" does not keep "the club's director general" from him
        roles = [c for ch in appositions for c in ch.subtree if c.pos_ == "NOUN" and (c == ch or c.dep_ == "conj")]
        roles += [ch for ch in root.children if ch.dep_ == "conj" and appositions and ch.i > appositions[0].i
                  and ch.pos_ == "NOUN"]
        # not the halves of a word the parse split at its hyphen ("vice - president")
        roles = [r for r in roles if not (r.i > 0 and doc[r.i - 1].text == "-" or r.i + 1 < len(doc) and doc[r.i + 1].text == "-")]
        for r in roles if len(roles) > 1 else ():
            nested = {x.i for c in r.children if c.dep_ in ("conj", "cc") for x in c.subtree}
            also = words(t for t in r.subtree if t.i not in nested)
            also |= {broader for broader, narrower in _BROADER_ROLES if any(w <= also for w in narrower)}
            if also:
                out.append((ent.start_char, name, frozenset(also)))
        if root.dep_ == "appos" and root.head.pos_ == "NOUN" and root.head.i < ent.start:
            # "the deceased man's sister, Amal Hag Hamdo Anfalis"
            desc |= words(t for t in root.head.subtree if t.i < ent.start)
        desc |= _title_stems(ent)  # "Major-General"
        desc |= {broader for broader, narrower in _BROADER_ROLES if any(w <= desc for w in narrower)}
        if desc:
            out.append((ent.start_char, name, frozenset(desc)))
    return out


@lru_cache(maxsize=1)
def _given_names() -> dict[str, str]:
    """Given name (lower case) -> "f" | "m", from ``data/given_names.csv``."""
    table = pd.read_csv(GIVEN_NAMES, dtype=str, keep_default_na=False)
    return dict(zip(table["name"], table["gender"]))


#: particles that never end a name ("Le Pen", "van Gaal", "bin Salman")
_NAME_PARTICLES = frozenset("le la de del della di da du van von der den al el bin ben ibn abu".split())


#: words the NER may run into a following name: dates (not "April", "May", "June", "August": given
#: names too) and the end of a photo credit ("Provided to China Daily Lu has kept …")
_NOT_FIRST_NAMES = frozenset("january february march july september october november december monday tuesday "
                             "wednesday thursday friday saturday sunday daily".split())


def _person_ents(doc, text: str, byline: set) -> list:
    """The Doc's PERSON entities without the bylines' tokens (see :func:`_bylines`), plus ORG spans
    that are people's names the small model mislabelled: two or more capitalised proper nouns with
    no organisation word, starting with a common given name ("Nikki Haley"), right after a role
    noun ("spokesman Major-General Igor Konashenkov") or with one in apposition ("Sunder Katwala,
    director of …")."""
    out = []
    for e in doc.ents:
        if e.label_ == "PERSON":
            e = _past_byline(e, byline)
            if e is not None and e[-1].lower_ in _NAME_PARTICLES and e.end < len(doc) and \
                    doc[e.end].pos_ == "PROPN" and doc[e.end].text[:1].isupper():
                e = Span(doc, e.start, e.end + 1, label="PERSON")  # the NER cut "Marine Le Pen" to "Marine Le"
            while e is not None and len(e) > 2 and (e[-1].lower_ in ROLE_NOUNS and e[-1].text.islower() or e[-1].is_punct):
                # "Rajiv Tuli - spokesman of …": the NER ran the name on into its role
                e = Span(doc, e.start, e.end - 1, label="PERSON")
            if e is not None and len(e) > 1 and e[0].lower_ in _NOT_FIRST_NAMES:
                e = Span(doc, e.start + 1, e.end, label="PERSON")  # "That September Karen …": a date before the name
            if e is not None:
                out.append(e)
        elif e.label_ == "ORG" and _misread_person(e):
            out.append(Span(doc, e.start, e.end, label="PERSON"))
        elif e.label_ == "ORG" and (of := next((t.i for t in e if t.lower_ == "of"), None)) and \
                of - e.start >= 2 and _misread_person(Span(doc, e.start, of)):
            out.append(Span(doc, e.start, of, label="PERSON"))  # "Dermot O'Leary of the NBRU": one ORG
    taken = {k for e in out for k in range(e.start, e.end)}
    out += [e for e in _aged_names(doc, text) if not taken & set(range(e.start, e.end))]
    return sorted(out, key=lambda e: e.start)


_AGE_APPOS = re.compile(r"(?=,\s*\d+\s*,)")


def _aged_names(doc, text: str) -> list:
    """People the NER missed or typed otherwise whom an age in apposition marks as people
    ("Grace, 16, has been bullied"): a run of capitalised proper nouns from a common given name,
    right before ", <age>,"."""
    out, names = [], _given_names()
    # the text finds the few ", 16," of an article; no walk over all its tokens
    for m in _AGE_APPOS.finditer(text):
        comma = doc.char_span(m.start(), m.start() + 1)
        k = comma.start - 1 if comma is not None else -1
        if not (0 <= k < len(doc) - 3 and doc[k + 2].text.isdigit() and 0 < int(doc[k + 2].text) < 110
                and doc[k + 3].text == "," and doc[k].pos_ == "PROPN" and doc[k].text[:1].isupper()):
            continue
        j = k
        while j > 0 and doc[j - 1].pos_ == "PROPN" and doc[j - 1].text[:1].isupper() and doc[j - 1].lower_ not in names:
            j -= 1
        if j > 0 and doc[j - 1].lower_ in names and doc[j - 1].text[:1].isupper():
            j -= 1
        if doc[j].lower_ in names and not any(t.lower_ in ORG_NOUNS for t in doc[j: k + 1]):
            out.append(Span(doc, j, k + 1, label="PERSON"))
    return out


def _people(doc, text: str) -> tuple[list, dict, dict]:
    """(PERSON entities with NER slips repaired, surname -> fullest name, role noun -> name).
    A second pass repairs one-word ORG spans that are a surname the article names in full
    elsewhere ("Nicholson" after "John Nicholson")."""
    byline = _bylines(doc, text)
    person_ents = _person_ents(doc, text, byline)
    persons, roles = _person_index(doc, text, person_ents, byline)
    slips = [Span(doc, e.start, e.end, label="PERSON") for e in doc.ents if e.label_ == "ORG" and len(e) == 1
             and e[0].pos_ == "PROPN" and not e.text.isupper() and e.text.lower() in persons
             and len(persons[e.text.lower()].split()) >= 2 and e[0].lower_ not in ORG_NOUNS]
    if slips:
        person_ents = sorted(person_ents + slips, key=lambda e: e.start)
    return person_ents, persons, roles


_BYLINE_LABEL = re.compile(r"\b(?:author|editor)\s*:", re.I)


def _bylines(doc, text: str) -> set:
    """Indices of the tokens of the names in bylines the scrape left mid-text ("… on the rise.
    Author: Rachel Stewart Points of clarification …"): two names after "Author:" / "Editor:",
    and a particle's ("von Wartenburg")."""
    if "Author:" not in text and "Editor:" not in text:
        return set()
    out = set()
    for m in _BYLINE_LABEL.finditer(text):  # the few labels of an article, not a walk over its tokens
        colon = doc.char_span(m.end() - 1, m.end())
        if colon is None or colon.start < 1 or colon.end >= len(doc) or doc[colon.start - 1].lower_ not in ("author", "editor"):
            continue
        i = k = colon.end
        k += 2
        while k + 1 < len(doc) and doc[k].is_lower and doc[k].pos_ != "VERB":
            k += 2
        out.update(range(i, k))
    return out


def _past_byline(ent, byline: set):
    """A PERSON entity without its byline tokens; None for a byline alone: the author is no one
    the story quotes. A name run into it ("Author: Cristina Burack Harper said") begins the next
    sentence."""
    k = ent.start
    while k < ent.end and k in byline:
        k += 1
    return ent if k == ent.start else Span(ent.doc, k, ent.end, label="PERSON") if k < ent.end else None


def _families(person_ents: list) -> dict:
    """Surname key -> {common given name: the full name as first written} for the names the article
    pairs with it; two or more make a family ("Sylvia Farelas", "Brandon Farelas"); not "Historian
    Ali" beside "Mubarak Ali"."""
    out: dict[str, dict] = {}
    for e in person_ents:
        words = (_clean_name(e.text) or e.text).split()
        if len(words) >= 2 and words[0].lower() in _given_names():
            out.setdefault(_name_key(" ".join(words)), {}).setdefault(words[0].lower(), " ".join(words))
    return out


#: titles that give a person's gender ("Mrs Blackman" is the wife)
_TITLE_GENDER = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "sir": "m", "lady": "f"}


def _singled_out(state: _DocState, key: str) -> set:
    """Given names of the relatives called `key` whom the article tells apart: by the given name
    alone ("Sgt Blackman's wife, Claire"), outside quotations, or by a gendered title only one of
    them fits ("Mrs Blackman")."""
    family = state.given_by_key[key]
    genders = _given_names()
    marked = set()
    doc = state.doc
    for t in doc:
        low = t.lower_
        if low in family and (t.i + 1 >= len(doc) or doc[t.i + 1].lower_ != key) and t.text[:1].isupper() \
                and not _in_quotes(state, t.idx):  # friends call him "Jared" in quotes
            marked.add(low)  # "Claire" alone
        elif low.rstrip(".") in _TITLE_GENDER and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == key:
            fits = [given for given in family if genders.get(given) == _TITLE_GENDER[low.rstrip(".")]]
            if len(fits) == 1:
                marked.add(fits[0])
    return marked


def _relative(state: _DocState, key: str, title: str) -> str:
    """Which of several relatives who share the surname `key` a surname alone means, `title` being
    the word written before it. A gendered title ("Mrs Blackman") is the one relative of that
    gender. A bare surname is, in news style, the story's main person, while relatives are told
    apart by title or given name ("Sgt Blackman's wife, Claire"): the one relative the article never
    singles out so; failing that, the one quoted last ("Pierce said" after "Richard Pierce told")."""
    family = state.given_by_key[key]
    genders = _given_names()
    g = _TITLE_GENDER.get(title.lower().rstrip("."))
    if g:
        fits = [full for given, full in family.items() if genders.get(given) == g]
        if len(fits) == 1:
            return fits[0]
        # "Mrs. Trump" whose given name the name list lacks: the one of that surname quoted last,
        # if not of the other gender
        return _quoted_last(state, key, g)
    if key not in state.marked:  # once per family, not once per mention
        state.marked[key] = _singled_out(state, key)
    marked = state.marked[key]
    rest = [full for given, full in family.items() if given not in marked]
    return rest[0] if len(rest) == 1 else _quoted_last(state, key)


def _quoted_last(state: _DocState, key: str, gender: str = "") -> str:
    """The full name with surname `key` quoted last (not of the other gender, if `gender`), or ""."""
    genders = _given_names()
    sp = next((sp for sp in reversed(state.history) if sp.type == "person" and len(sp.name.split()) >= 2
               and _name_key(sp.name) == key
               and (not gender or genders.get(sp.name.split()[0].lower(), gender) == gender)), None)
    return sp.name if sp is not None else ""


def _misread_person(ent) -> bool:
    names = [t for t in ent if not _is_title(t.text) and t.text != "-"]
    doc = ent.doc
    return len(names) >= 2 and all(t.pos_ == "PROPN" and t.text[:1].isupper() and t.lower_ not in ORG_NOUNS
                                   and t.lower_ not in MEDIA_NOUNS and not _is_media_name(t.text) for t in names) and \
        (names[0].lower_ in _given_names() or ent.start > 0 and doc[ent.start - 1].lower_ in ROLE_NOUNS
         or any(c.dep_ == "appos" and c.i >= ent.end and c.lower_ in ROLE_NOUNS for c in ent.root.children))


#: a description may use a broader role than the one the person was introduced with
#: ("Russia's top diplomat" for "Russian Foreign Minister Sergey Lavrov")
_BROADER_ROLES = tuple((_stem(broad), [frozenset(_stem(w) for w in n.split()) for n in narrow.split(",")]) for broad, narrow in (
    ("diplomat", "ambassador,envoy,foreign minister,foreign secretary,secretary of state"),
    ("leader", "president,prime minister,premier,chancellor,king,emir"),
    ("commander", "general,gen,colonel,col,admiral,brigadier"),
    ("head", "president,chairman,chairwoman,chair,director,chief,ceo"),
))  # not "official": "the official" mostly goes on with an unnamed official

#: words that make a role another one ("vice president", "deputy minister", "former president")
_OTHER_ROLE = frozenset(_stem(w) for w in "vice deputy assistant former ex acting then".split())

#: description words that do not tell people apart ("the former vice president": "vice" must fit)
_GENERIC_DESC = frozenset(_stem(w) for w in "former top senior new then late current longtime veteran outgoing "
                          "incoming acting".split())


def _described_person(state: "_DocState", toks, head) -> str:
    """The person the article describes with this description's role noun and all its other
    distinctive words, or "": a recent speaker so described first, else the nearest such person
    before it, else one named after it with the same two or more words (leads often describe
    first and name later: "the deceased man's sister" … "the deceased man's sister, Amal …")."""
    want = _desc_words(toks)
    h = _stem(head.lower_)
    # "the club's director general": the club is the one the description names, whatever its name
    owner = {_stem(t.lower_) for t in toks if t.dep_ == "poss" and t.head == head and t.lower_ in ORG_NOUNS}
    need = want - _GENERIC_DESC - {h} - owner
    start = toks[0].idx
    # and nothing that makes it another role: "the President" is not "Vice President Mike Pence"
    fits = [(pos, name, desc) for pos, name, desc in state.described
            if h in desc and need <= desc and not (desc & _OTHER_ROLE) - want and not _in_quotes(state, pos)]
    recent = [sp.name for sp in state.history[-3:] if sp.type == "person"]
    for name in reversed(recent):
        if any(same_name(name, n) for _, n, _ in fits):
            return name
    before = [n for pos, n, _ in fits if pos < start]
    if before:
        return before[-1]
    after = [n for pos, n, desc in fits if pos > start and len(want & desc) >= 2]
    return after[0] if after else ""


def _most_named(state: "_DocState") -> str:
    """The person the article names most often, by full name, if named at least three times and
    more often than anyone else; "" otherwise."""
    # by surname in the text: the small model often tags a famous surname as an organisation
    names = {_full_name(state, _ent_text(state, e)) for e in state.person_ents if _namelike(e)}
    counts = Counter({n: len(re.findall(r"\b" + re.escape(n.split()[-1]) + r"\b", state.text)) for n in names if n.split()})
    top = counts.most_common(2)
    if top and top[0][1] >= 3 and (len(top) == 1 or top[0][1] > top[1][1]) and top[0][0][:1].isupper():
        return top[0][0]
    return ""


def _own_reporter(state: "_DocState") -> str:
    """The one person the article credits to a news outlet by a possessive ("Al Jazeera's
    Stefanie Dekker"), or ""."""
    doc, names = state.doc, set()
    for e in state.person_ents:
        k = e.start
        if k >= 2 and doc[k - 1].lower_ in ("'s", "\u2019s") and any(
                _is_media_name(doc[j: k - 1].text) for j in range(max(0, k - 4), k - 1)):
            names.add(_full_name(state, _ent_text(state, e)))
    return names.pop() if len(names) == 1 else ""


def _named_next(state: "_DocState", toks, head) -> str:
    """The person a definite role description introduces in the next breath: the one person named
    for the first time as the subject of a reporting verb in the next sentence ("…, according to the
    chief executive of CMNL. In his opening statement, Frank Mulrennan said …"), unless the article
    describes that person otherwise; "" otherwise."""
    doc, start = state.doc, toks[0].idx
    sent = toks[0].sent
    nxt = doc[sent.end].sent if sent.end < len(doc) else None
    if nxt is not None and len(nxt) < 6 and nxt.end < len(doc):
        nxt = doc[nxt.end].sent  # a fragment split off by a damaged name ("Speaking to RT? News …")
    if _in_quotes(state, start):
        return ""
    # the parse may run two sentences into one ("… is very tight.- \"…,\" Martin Schaefer said")
    brk = _SENT_END.search(state.text, toks[-1].idx, sent.end_char - 1)
    rest = doc.char_span(brk.end(), sent.end_char, alignment_mode="expand") if brk else None
    lo = rest.start if rest is not None and len(rest) else sent.end
    hi = nxt.end if nxt is not None else sent.end
    if lo >= hi:
        return ""
    h = _stem(head.lower_)
    broader = [n for b, ns in _BROADER_ROLES if b == h for n in ns]
    seen = {_name_key(_full_name(state, _ent_text(state, e))) for e in state.person_ents if e.start_char < start}
    fits = set()
    for e in state.person_ents:
        if not (lo <= e.start and e.end <= hi) or not _namelike(e) or _in_quotes(state, e.start_char):
            continue
        r = e.root.head if e.root.dep_ in ("compound", "flat") else e.root
        name = _full_name(state, _ent_text(state, e))
        if r.dep_ != "nsubj" or r.head.lemma_.lower() not in CUE_LEMMAS or _name_key(name) in seen:
            continue  # the source it introduces speaks: "Frank Mulrennan said", not "as Trump arrived"
        descs = [d for pos, n, d in state.described if same_name(n, name) and d - _TITLE_GENDER.keys()]  # not "Mr Kenny"
        if descs and not any(h in d or any(n <= d for n in broader) for d in descs):
            continue  # "John Smith, a resident, said": described otherwise, another person
        fits.add(name)
    return fits.pop() if len(fits) == 1 else ""


def _introduced_after(state: "_DocState", start: int, role: str | set, *, window: int = 300) -> str:
    """The person named for the first time within ``window`` characters after ``start`` whose
    description holds ``role`` (stemmed; or every stem of a set), when exactly one fits; "" otherwise."""
    need = {role} if isinstance(role, str) else set(role)
    fits = {name for pos, name, desc in state.described if start < pos <= start + window and need <= desc}
    if len(fits) != 1:
        return ""
    name = fits.pop()
    seen = any(e.start_char < start and same_name(name, _full_name(state, _ent_text(state, e))) for e in state.person_ents)
    return "" if seen else name


def _full_name(state: _DocState, name: str) -> str:
    raw, name = name, _clean_name(name)
    if not name:
        return name
    parts = name.split(" and ")
    if len(parts) == 2 and all(_name_key(p) in state.persons for p in parts):
        # one entity for two people ("Nunes and Schiff"): each as the article names them in full
        return " and ".join(_full_name(state, p) for p in parts)
    toks = name.split()
    if len(toks) >= 2 and re.fullmatch(r"[A-Z]\.?", toks[-1]):
        # a surname cut to its initial ("Mike M", "John S."): the one full name that fits
        fits = {f for f in _names_starting(state, toks[0]) if len(_name_key(f)) > 2 and _name_key(f)[:1] == toks[-1][0].lower()}
        if len(fits) == 1:
            return fits.pop()
    key = _name_key(name)
    if len(toks) == 1 and len(state.given_by_key.get(key, ())) > 1:
        # a surname the article gives several people ("Richard Pierce", his wife "Stacey Pierce")
        full = _relative(state, key, raw.split()[0] if len(raw.split()) > 1 else "")
        if full:
            return full
    full = state.persons.get(key)
    # "Brenner" -> "Ingrid Brenner", never "Lukas Brenner" -> "Ingrid Brenner" (relatives share surnames)
    if full and len(full.split()) > 1 and len(full.split()) >= len(name.split()) and set(toks) <= set(full.split()):
        return full
    if len(toks) == 1 and name[:1].isupper():
        # a family name written first ("Wang Huimian" … "Wang says") or a given name alone: the
        # one full name that starts with it
        fits = _names_starting(state, name)
        if len(fits) == 1:
            return next(iter(fits))
    return name


def _names_starting(state: _DocState, word: str) -> set:
    """The full names (two words or more) of the article that start with ``word``."""
    if state.by_first is None:  # once per article, not once per name resolved
        state.by_first = {}
        # (relatives share a surname key in state.persons: "Karen Matthews" beside "Shannon Matthews")
        for f in {*state.persons.values(), *(f for fam in state.given_by_key.values() for f in fam.values())}:
            if len(f.split()) >= 2:
                state.by_first.setdefault(f.split()[0], set()).add(f)
    return state.by_first.get(word, set())


def _is_media_name(s: str) -> bool:
    low = s.lower().replace("'s", "").strip()
    words = re.findall(r"[\w.\-]+", low)
    if not words:
        return False
    if low in MEDIA_NAMES or " ".join(words) in {"al jazeera", "ria novosti", "press tv", "state tv", "state television",
                                                 "state media"}:
        return True
    if words[-1] in MEDIA_SUFFIXES:
        return True
    return any(w in MEDIA_NAMES for w in words) and len(words) <= 4 and not any(w in ORG_NOUNS - {"agency"} for w in words)


def _word_hyphen(t) -> bool:
    """A hyphen inside a role word ("attorney-general") or inside a person's name the NER found
    whole ("Osama al-Koshak"), not a dash between phrases or an organisation's hyphen
    ("Alliance-People Before Profit")."""
    doc = t.doc
    if t.text == "-" and t.ent_type_ == "PERSON" and t.ent_iob_ == "I" and 0 < t.i < len(doc) - 1 and \
            doc[t.i + 1].ent_iob_ == "I" and not doc[t.i - 1].whitespace_ and not t.whitespace_:
        # a particle ("al-Koshak") or a double-barrelled surname ("Angus Knowles-Cutler"); not the
        # scrape's hyphen for a space ("Sergey-Lavrov", "Tom Rice-for the Director …")
        before, after = doc[t.i - 1], doc[t.i + 1]
        return after.text[:1].isupper() and (before.lower_ in _NAME_PARTICLES or before.ent_iob_ == "I") and (
            before.i == 0 or bool(doc[before.i - 1].whitespace_))  # not "Al Jazeera's-Jamal-Elshayyal"
    # the scrape also turned spaces into hyphens ("fighters-and witnesses", "the-latest")
    return t.text == "-" and 0 < t.i < len(doc) - 1 and not doc[t.i - 1].whitespace_ and not t.whitespace_ and \
        doc[t.i - 1].pos_ != "PROPN" and not doc[t.i - 1].is_stop and not doc[t.i + 1].is_stop


def _mention_tokens(head, lo: int, hi: int) -> list:
    """Tokens of the noun phrase headed by `head`, limited to token range [lo, hi)."""
    keep = {head.i}
    stack = [head]
    while stack:
        t = stack.pop()
        for ch in t.children:
            if not (lo <= ch.i < hi):
                continue
            if ch.dep_ in ("relcl", "appos", "punct", "acl", "advmod", "cc", "conj") and t == head:
                if ch.dep_ == "conj" or ch.dep_ == "cc" or _word_hyphen(ch):  # "attorney-general"
                    keep.add(ch.i)
                    stack.append(ch)
                elif ch.dep_ == "acl" and ch.lemma_ in ("identify", "describe") and ch.i == head.i + 1:
                    # "a man identified as his father said": who he is, which the parse often
                    # splits off as a second subject of the verb
                    keep.update(x.i for x in ch.subtree if lo <= x.i < hi)
                    nxt = next((x for x in head.head.children if x.dep_ == "nsubj" and x.i > head.i
                                and x.left_edge.i == ch.right_edge.i + 1 and x.i < hi), None)
                    if nxt is not None:
                        keep.update(x.i for x in nxt.subtree)
                continue
            if ch.dep_ in ("relcl", "acl", "advcl"):
                continue
            keep.add(ch.i)
            stack.append(ch)
    # contiguous run around the head
    run = [head.i]
    i = head.i - 1
    while i in keep:
        run.insert(0, i)
        i -= 1
    i = head.i + 1
    while i in keep:
        run.append(i)
        i += 1
    doc = head.doc
    toks = [doc[i] for i in run]
    while toks and (toks[-1].is_punct or toks[-1].lower_ in ("'s", "\u2019s")):
        toks.pop()
    while toks and toks[0].is_punct:
        toks.pop(0)
    return toks or [head]


def _roles_of(toks, head) -> str:
    roles = [t.lower_ for t in toks if t.lower_ in ROLE_NOUNS and t.ent_type_ != "PERSON"]
    for ch in head.children:
        if ch.dep_ == "appos":
            roles += [t.lower_ for t in ch.subtree if t.lower_ in ROLE_NOUNS][:1]
    # "Foreign Ministry spokeswoman" -> spokeswoman ; "Deputy Foreign Minister" -> deputy minister
    seen = []
    for r in roles:
        if r not in seen:
            seen.append(r)
    if "deputy" in seen and len(seen) > 1:
        seen = ["deputy " + next(r for r in seen if r != "deputy")] + [r for r in seen if r != "deputy"][1:]
    return seen[0] if seen else ""


_ROLE_OR_ORG = ROLE_NOUNS | ORG_NOUNS


def _titled_tail(toks) -> list:
    """The capitalised words that end a mention right after a title ("… Lieutenant-General
    Sergey-Rudskoi"), or []."""
    tail = []
    for x in reversed(toks):
        if x.text == "-" and tail or x.pos_ == "PROPN" and x.text[:1].isupper() and not _is_title(x.text) \
                and x.lower_ not in _ROLE_OR_ORG:
            tail.insert(0, x)
            continue
        break
    while tail and tail[0].text == "-":
        tail.pop(0)
    k = tail[0].i - 1 if tail else -1
    return tail if k >= toks[0].i and _is_title(toks[0].doc[k].text) else []


def _given_name_tail(toks) -> list:
    """The words that end a mention from a known given name on ("… to the UN Nikki Haley"), or []."""
    names = _given_names()
    for k in range(len(toks) - 2, -1, -1):
        x = toks[k]
        if not (x.pos_ == "PROPN" and x.text[:1].isupper()):
            return []
        if x.lower_ in names:
            return toks[k:] if all(y.pos_ == "PROPN" and y.text[:1].isupper() for y in toks[k + 1:]) else []
    return []


def _under_prep(t, head) -> bool:
    """Whether ``t`` hangs from ``head`` through a preposition ("envoy to NATO"), not as part
    of a name after it ("spokesman John Kirby")."""
    path = [t, *t.ancestors]
    if head not in path:
        return False
    return any(x.dep_ == "prep" for x in path[:path.index(head)])


def _from_by(tok):
    """The objects of ``tok``'s "from" / "by" phrases ("figures from the Home Office"), also of
    its participle's ("court documents filed Thursday by the Department of Justice")."""
    preps = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("from", "by")]
    preps += [a for c in tok.children if c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in _PUBLISHING_VERBS
              for a in c.children if a.dep_ == "agent"]
    return (g for c in preps for g in c.children if g.dep_ == "pobj")


#: verbs of making a document public, whose agent is its issuer even past a modifier that names
#: another body ("court documents filed by the Justice Department", "a poster circulated by police")
_PUBLISHING_VERBS = frozenset("file issue release publish circulate produce prepare write compile submit sign send post "
                              "distribute".split())
#: verbs whose agent made the document ("a survey conducted by X"); not "seen by Reuters", "obtained
#: by CNN" (the outlet only saw it) or "backed by" (a supporter)
_ISSUING_VERBS = _PUBLISHING_VERBS | frozenset("""commission conduct carry author draft make do run sponsor fund present
publicise publicize unveil launch provide supply give collect gather""".split())


#: head nouns that name the same kind of body as words in its name ("the force" is Suffolk Police)
_SAME_BODY = {"force": {"police", "constabulary"}, "constabulary": {"police"}}


def _quoted_as(cue):
    """Whose words "X quoted Y as saying" gives: Y, the object (or the passive subject: "Y was
    quoted as saying") of "quote" / "cite"; None otherwise. ``cue`` is the verb, with "as saying"
    after it, or its "saying"."""
    if cue.lemma_ in ("quote", "cite"):
        if not any(c.lower_ == "as" and any(g.lemma_ in CUE_LEMMAS for g in c.children) for c in cue.children):
            return None
        verb = cue
    elif cue.head.lemma_ in ("quote", "cite") and cue.head != cue:
        verb = cue.head
    elif cue.head.dep_ == "prep" and cue.head.head.lemma_ in ("quote", "cite"):
        verb = cue.head.head
    else:
        return None
    return next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)


def _mostly_org(doc, name: str) -> bool:
    """Does the NER tag ``name`` a person at most once and an organisation three times or more in
    this Doc (counting "Yahoo's" in "Yahoo's security team")? The small model labels a brand both
    ways, and a politician's surname too ("Trump": five times ORG, twice PERSON in one article)."""
    labels = Counter(e.label_ for e in doc.ents if e.text in (name, name + "'s", name + "\u2019s"))
    return labels["PERSON"] <= 1 and labels["ORG"] >= 3


def _role_between(doc, head, ent) -> bool:
    """A common noun, and nothing but words, between an organisation and the name after it ("said
    ABC News senior meteorologist Max Golembo"): the name is the speaker, the organisation employs them."""
    between = doc[head.i + 1: ent.start]
    return len(between) > 0 and between[-1].pos_ == "NOUN" and all(t.pos_ in ("NOUN", "ADJ", "PROPN") for t in between)


def _named_appos(tok, labels: tuple):
    """A child of ``tok`` in apposition that is an entity of one of ``labels`` ("the trade body,
    the SMMT,"), or None."""
    return next((c for c in tok.children if c.dep_ == "appos" and c.ent_type_ in labels), None)


def _ent_around(doc, i: int):
    """The entity that holds token i, or None."""
    return next((e for e in doc.ents if e.start <= i < e.end), None) if doc[i].ent_iob_ in ("B", "I") else None


def _text(doc, toks) -> str:
    return doc[toks[0].i: toks[-1].i + 1].text if toks else ""


def _in_quotes(state: _DocState, pos: int) -> bool:
    return any(a <= pos < b for a, b in state.quote_spans)


_INDEFINITE = frozenset("someone somebody anyone anybody everyone everybody nobody".split())


SPECIFIC_ROLES = frozenset("spokesman spokeswoman spokesperson ambassador envoy mediator".split())

#: offices whose title belongs to their holder alone, unlike "leader" or "official"
_OFFICES = frozenset("president senator governor mayor premier chancellor".split())


#: entity types that name someone or something (not "first" exit polls, "2016" figures)
_NAMED_TYPES = frozenset("PERSON NORP FAC ORG GPE LOC PRODUCT EVENT WORK_OF_ART LAW LANGUAGE".split())


def _names_the_head(doc, head, e) -> bool:
    """Is PERSON e the name of the role noun `head` ("spokesman Ivo Petrov", "minister, Ann Lee,",
    "ambassador to the UN Ann Lee"), not someone in a phrase that describes it ("an official in
    an alliance backing President X")?"""
    if e.root.head.i == head.i:
        return True
    if e.end < len(doc) and doc[e.end].lower_ in ("'s", "\u2019s"):
        return False  # "a campaign leader for Mr Rutte's party": the owner of what it leads
    return all(t.pos_ in ("PROPN", "PUNCT", "DET", "ADP") for t in doc[head.i + 1: e.start])


_AGE_WORDS = frozenset("year years old month months".split())  # "6-year-old Ahmad": the parse may head on "year"


#: endings of nouns for people ("enthusiast", "campaigner", "historian", "participant")
_AGENT_SUFFIXES = ("ist", "iast", "er", "or", "ian", "ant", "ent")
_REFLEXIVES = frozenset("himself herself itself themselves".split())
#: a place line that opens an article: "Geneva, Switzerland - "
_DATELINE = re.compile(r"(?:(?<=\A)|(?<=\n))[A-Z][\w .'\-]{1,40}(?:,\s*[A-Z][\w .'\-]{1,40})?\s+[\-\u2013\u2014]+\s")
#: a wire's dateline with its credit: "TAIPEI, Taiwan, Feb. 7, 2017 /PRNewswire/"
_WIRE_DATELINE = re.compile(r"[A-Z][A-Z .'\-]{2,},[^\n/]{0,60}/\w+/")
_PARTY_WORDS = frozenset("republican democrat conservative liberal socialist".split())


def _subject_person_before(state: _DocState, start: int, *, window: int = 600) -> str:
    """The person last written about before ``start`` (within ``window`` characters): the later of
    the last person quoted and the last person named as a subject outside quotations and outside
    reported content ("… adding that Trump was wrong" does not make Trump the topic); "" if none."""
    named = None
    for e in reversed(state.person_ents):
        if e.end_char > start or not _namelike(e):
            continue
        if start - e.end_char > window:
            break
        if e.root.dep_ in ("nsubj", "nsubjpass") and not _in_quotes(state, e.start_char) and \
                not any(_is_cue(a, quote=False) for a in list(e.root.ancestors)[1:]):  # its own verb may be a cue
            named = e
            break
    quoted = next((sp for sp in reversed(state.history) if sp.type == "person" and sp.name[:1].isupper()
                   and 0 <= start - sp.start <= window), None)
    if quoted is not None and (named is None or quoted.start > named.start_char):
        return quoted.name
    return _full_name(state, _ent_text(state, named)) if named is not None else ""


def _unnamed_going_on(state: _DocState) -> Speaker | None:
    """The last named speaker of the three before, if the article did not name it but described
    it ("One vet wrote"): a later "Another tweeted" goes on with it."""
    last = next((sp for sp in reversed(state.history[-3:]) if sp.name), None)
    if last is not None and (last.type == "anonymous" or last.type == "unknown"
                             and not any(w[:1].isupper() for w in last.name.split()[1:])):
        return last
    return None


def _resolve(state: _DocState, toks: list, *, at: int) -> Speaker:
    """Resolve a subject / by-phrase / according-to mention to a speaker."""
    doc = state.doc
    if not toks:
        return Speaker()
    if len(toks) > 1 and toks[-1].lower_ in _REFLEXIVES:  # "Trump himself told …"
        toks = toks[:-1]
    if len(toks) > 2 and toks[0].lower_ == "both" and toks[1].pos_ == toks[-1].pos_ == "PROPN":  # "Both Nunes and Schiff agreed"
        toks = toks[1:]
    heads = [t for t in toks if t.head not in toks or t.head == t]
    head = heads[0] if heads else toks[-1]
    mention = _text(doc, toks)
    start = toks[0].idx
    low = head.lower_
    role = _roles_of(toks, head)

    if head.ent_type_ == "GPE" and _DATELINE.match(state.text, head.idx):
        # "Geneva, Switzerland - The Syrian delegation has accused …": the parse made the dateline
        # the subject and the real one its apposition
        appos = next((c for c in head.children if c.dep_ == "appos" and c.i > head.i and c.pos_ in ("NOUN", "PROPN")), None)
        if appos is not None:
            return _resolve(state, [x for x in appos.subtree if not x.is_punct], at=at)
    if toks[0].lower_ == "the" and toks[0].dep_ == "det" and low in _PARTY_WORDS and head.tag_ in ("NNP", "NN", "JJ"):
        # an epithet for someone just written about: "The Texas Republican said"
        name = _subject_person_before(state, start)
        if name:
            return Speaker(mention, name, "person", role, start)

    if toks[0].lower_ == "the" and low in ROLE_NOUNS and toks[0].i >= 2 and doc[toks[0].i - 1].text == ",":
        # "Paddy Connolly, the CEO of Inclusion Ireland said": the parse made the apposition the
        # subject; the name before it is the speaker, not another CEO of the story
        named = next((e for e in state.person_ents if e.end == toks[0].i - 1), None)
        if named is not None and named.root.head in (head, head.head):  # not "asked about … post Brexit, the Taoiseach said"
            return Speaker(mention, _full_name(state, named.text), "person", role, start)
    if low in ROLE_NOUNS and head.i >= 3 and doc[head.i - 1].text in ("-", "\u2013", "\u2014"):
        # "Rajiv Tuli - spokesman of the RSS - said": the name the dash sets the role off from
        k = head.i - 1
        while k > 0 and doc[k - 1].pos_ == "PROPN" and doc[k - 1].text[:1].isupper() and doc[k - 1].head == head:
            k -= 1
        named = next((e for e in state.person_ents if e.end == head.i - 1), None)
        if named is not None or head.i - 1 - k >= 2:
            name = named.text if named is not None else doc[k: head.i - 1].text
            return Speaker(mention, _full_name(state, name), "person", role, start)

    for acl in (c for c in head.children if c.dep_ == "acl" and c.lemma_ in ("name", "call", "identify") and c.i > head.i):
        # "a young woman named Cindy said", "a student named as Andreas": the name the description is given
        objs = [c for c in acl.children if c.dep_ in ("oprd", "dobj")] + \
            [g for c in acl.children if c.dep_ == "prep" and c.lower_ == "as" for g in c.children if g.dep_ == "pobj"]
        named = next((e for e in state.person_ents for c in objs if e.start <= c.i < e.end), None)
        if named is not None:
            return Speaker(mention, _full_name(state, named.text), "person", role, start)

    if head.tag_ == "NNS" and low in _PAIR_NOUNS and any(t.lower_ in ("two", "both") for t in toks):
        # "the two men say", "both leaders have said": the two the article just named together
        pair = _named_pair(state, head, _PAIR_NOUNS[low], toks[0].i, at)
        if pair is not None:
            return Speaker(mention, pair[0], pair[1], role, start)
    if head.tag_ == "NNS" and len(toks) == 2 and toks[0].lower_ == "the" and (
            head.lemma_.lower() in ROLE_NOUNS or head.lemma_.lower().endswith(_AGENT_SUFFIXES)):
        # "Paterno alerted Curley and Schultz … The administrators told Sandusky": the two people named
        # together just before, when the role has no modifier of its own
        pair = _named_pair(state, head, ("PERSON",), toks[0].i, at, quoted=False)
        if pair is not None:
            return Speaker(mention, pair[0], pair[1], role, start)

    if low in ("another", "others") and len(toks) == 1:
        # "One vet wrote: … Another tweeted:": one more of the unnamed sources just quoted
        last = _unnamed_going_on(state)
        if last is not None:
            return Speaker(mention, last.name, last.type, last.role or role, start)
    # indefinite pronouns ("someone has written", "one witness"): an unnamed source as described
    if low in _INDEFINITE and len(toks) <= 2:
        return Speaker(mention, low, "anonymous", role, start)
    # pronouns: the nearest earlier subject of the right kind, else the last compatible speaker
    if head.pos_ == "PRON" and len(toks) <= 2 or (low in PRONOUNS_PERSON | PRONOUNS_GROUP and len(toks) == 1):
        return _resolve_pronoun(state, head, mention, role, start, at)

    if len(toks) == 1 and head.text[:1].isupper() and not head.ent_type_ and head.pos_ in ("NOUN", "PROPN", "VERB"):
        # a surname the parse took for a common noun ("Sessions said"): the person named in full
        full = state.persons.get(_name_key(head.text))
        if full and full.split()[-1] == head.text:
            return Speaker(mention, full, "person", role, start)
    persons = [e for e in state.person_ents if toks[0].i <= e.start and e.end <= toks[-1].i + 1
               and (e.start <= head.i < e.end or (head.lower_ in ROLE_NOUNS or head.lower_ in _AGE_WORDS)
                    and head.i < e.start and _names_the_head(doc, head, e))]
    if not persons and toks[-1].i + 1 < len(doc) and len(toks) <= 3 and low in ROLE_NOUNS | ANON_NOUNS:
        # "university student Nisma Mansoor, 22, told": the parse cut the name off its role noun
        nxt = doc[toks[-1].i + 1]
        persons = [e for e in state.person_ents if e.start == nxt.i]
    if persons:
        name = _full_name(state, _ent_text(state, persons[-1]))
        expanded = _expand_acronym(state, name)
        if expanded != name:  # an acronym the NER took for a person: the organisation whose initials it is
            return Speaker(mention, expanded, "organization", role, start)
        if name and name[0].isupper():
            return Speaker(mention, name, "person", role, start)

    named_appos = [e for c in head.children if c.dep_ == "appos" for e in state.person_ents
                   if e.start <= c.i < e.end and _namelike(e)]
    employed = [e for e in state.person_ents if head.i < e.start and _role_between(doc, head, e)
                and (e.end <= toks[-1].i + 1 or e in named_appos)] if not persons and head.pos_ == "PROPN" else []
    if employed:  # "said ABC News senior meteorologist Dana Whitcombe", however the parse hangs the name
        return Speaker(mention, _full_name(state, _ent_text(state, employed[-1])), "person", role, start)
    if named_appos and (low in ROLE_NOUNS or head.pos_ == "PROPN" and any(t.lower_ in ROLE_NOUNS for t in toks)
                        or head.pos_ == "NOUN" and named_appos[0].start == head.i + 1
                        or head.pos_ == "NOUN" and low not in ORG_NOUNS | MEDIA_NOUNS | REPORT_NOUNS
                        and named_appos[0].start == head.i + 2 and doc[head.i + 1].text == ","):
        # "Russian Deputy Foreign Minister, Gennady Gatilov, told": the name in apposition; any
        # common noun right before a name is its description ("The novelist Stephen King"), or set
        # off by commas from it ("China's richest businessman, Wang Jianlin, chairman of …"), and
        # says what it names ("the activist group Syrian Observatory …", "the website Marine Insight")
        if low in MEDIA_NOUNS or head.lemma_ in MEDIA_NOUNS:
            return Speaker(mention, _clean_org(_ent_text(state, named_appos[0])), "media", role, start)
        if low in ORG_NOUNS or head.lemma_ in ORG_NOUNS:
            return Speaker(mention, _clean_org(_ent_text(state, named_appos[0])), "organization", role, start)
        return Speaker(mention, _full_name(state, _ent_text(state, named_appos[0])), "person", role, start)
    if head.pos_ == "NOUN" and (low in MEDIA_NOUNS or head.lemma_ in MEDIA_NOUNS) and head.i + 1 < len(doc) and \
            doc[head.i + 1].lower_ in MEDIA_NAMES and doc[head.i + 1].i > toks[-1].i:
        # "according to the German news agency dpa": the agency's name, however the parse took it
        return Speaker(mention, doc[head.i + 1].text, "media", role, start)
    if low == "agency" and head.pos_ == "NOUN" and any(t.lower_ == "news" for t in toks) and \
            (toks[0].lower_ == "the" or any(t.dep_ == "poss" for t in toks)) and not any(t.pos_ == "PROPN" for t in toks):
        # "the country's state news agency reported" … "quoted by News Agency of Nigeria": the one
        # news agency the article names
        names = {_clean_org(_ent_text(state, e)) for e in doc.ents if e.label_ == "ORG" and e[0].pos_ == "PROPN"
                 and re.search(r"\bagency\b", e.text, re.I)}
        if len(names) == 1:
            return Speaker(mention, names.pop(), "media", role, start)
    after = _ent_around(doc, head.i + 1) if head.pos_ == "NOUN" and head.i + 1 < len(doc) and head.i + 1 > toks[-1].i \
        and doc[head.i + 1].ent_iob_ == "B" and (low in MEDIA_NOUNS | ORG_NOUNS or head.lemma_ in MEDIA_NOUNS | ORG_NOUNS) else None
    if after is not None and after.label_ == "ORG" and after.root.head == head.head:
        # "News website Vox tweeted": the name the parse hung on the verb beside its description
        typ = "media" if low in MEDIA_NOUNS or head.lemma_ in MEDIA_NOUNS else "organization"
        return Speaker(mention, _clean_org(_ent_text(state, after)), typ, role, start)
    org_appos = _named_appos(head, ("ORG",)) if head.pos_ == "NOUN" and not named_appos else None
    if org_appos is not None and org_appos.i > head.i and doc[head.i + 1].text == ",":
        # "the car industry's trade body, the SMMT, indicated": the organisation it describes
        name = _clean_org(_ent_text(state, _ent_around(doc, org_appos.i) or doc[org_appos.i: org_appos.i + 1]))
        return Speaker(mention, _expand_acronym(state, name), "media" if _is_media_name(name) else "organization", role, start)
    if head.pos_ == "PROPN" and any(t.lower_ in ROLE_NOUNS for t in toks if t.i < head.i) and head.ent_type_ not in ("ORG",) \
            and not (low in ROLE_NOUNS or _is_title(head.text)):  # "the Prime Minister" is a description, not a name
        run = [head]
        i = head.i - 1
        # (not the object of the role's "of": "Minister of Defence Khwaja Asif")
        while i >= toks[0].i and doc[i].pos_ == "PROPN" and doc[i].lower_ not in ROLE_NOUNS and doc[i].lower_ not in TITLES \
                and doc[i].dep_ != "pobj":
            run.insert(0, doc[i])
            i -= 1
        return Speaker(mention, _full_name(state, _whole_words(state.text, run[0].idx, head.idx + len(head))), "person", role, start)

    det = [t for t in toks if t.dep_ == "det"]
    definite = (bool(det) and det[0].lower_ in ("the", "this", "that")) or any(t.dep_ == "poss" for t in toks) or \
        not det and head.tag_ in ("NN", "NNP") and low in ROLE_NOUNS and \
        not any(t.dep_ == "nummod" for t in toks)  # wire style: "Russian envoy said"; not "one senior official"
    words = [t for t in toks if t.dep_ != "det" and not t.is_punct]
    desc = _strip_poss_pron(_strip_det(mention))
    if desc and words and words[0].pos_ != "PROPN" and not words[0].ent_type_:
        desc = desc[0].lower() + desc[1:]
    has_prep = any(t.dep_ == "prep" and t.head == head for t in toks)
    proper_mod = any(t.pos_ == "PROPN" or t.ent_type_ in ("NORP", "GPE", "ORG") for t in words if t != head)

    titled = _report_title(toks + [c for c in head.children if c.dep_ == "appos" and c.i > toks[-1].i])
    if titled:  # "the latest World Happiness Report": the report under its own title
        return Speaker(mention, titled, "organization", role, start)
    # statements / reports: the issuer if the mention names one, else the last source
    if head.lemma_.lower() in REPORT_NOUNS or low in REPORT_NOUNS:
        issuer = [t for t in words if t.i < head.i and t.lemma_.lower() not in REPORT_NOUNS
                  and t.dep_ in ("compound", "amod", "poss", "nmod") and t.pos_ in ("PROPN", "NOUN", "ADJ")
                  and t.ent_type_ not in ("DATE", "TIME")  # not "Monday's filing"
                  and not (t.is_sent_start and not t.ent_type_ and t.lower_ in ORG_NOUNS)  # not "Court documents say"
                  and (t.pos_ == "PROPN" or t.ent_type_ in _NAMED_TYPES or t.lower_ in ORG_NOUNS or t.lower_ in MEDIA_NOUNS)]
        if issuer and all(t.ent_type_ in ("NORP", "GPE") and t.dep_ == "amod" for t in issuer):
            issuer = []  # "official Chinese statistics": a description, no issuer named
        from_by = [g for g in _from_by(head) if g.head.i <= toks[-1].i + 4]
        if issuer and all(t.pos_ != "PROPN" and not t.ent_type_ for t in issuer) and any(
                g.pos_ == "PROPN" or g.ent_type_ in ("ORG", "PERSON") for g in from_by):
            issuer = []  # "court documents filed by the Justice Department": the one named, not "court"
        if issuer:
            lo_i = min(t.i for t in issuer)
            hi_i = max(t.i for t in issuer)
            name = doc[lo_i: hi_i + 1].text
            name = re.sub(r"[\u2019']s$", "", name).strip()
            if any(t.ent_type_ == "PERSON" for t in issuer):
                return Speaker(mention, _full_name(state, name), "person", role, start)
            typ = "media" if _is_media_name(name) else "organization"
            return Speaker(mention, _expand_acronym(state, _clean_org(name)), typ, role, start)
        # (also "a missing person poster circulated by police", the parse cutting the mention short)
        def owner(g):  # the person whose office it is ("Sharif's office"), as the article names people
            return next((c for c in g.children if c.dep_ == "poss" and c.pos_ == "PROPN" and (
                c.ent_type_ == "PERSON" or _name_key(c.text) in state.persons)), None)

        by = next((g for g in from_by if (g.pos_ == "PROPN" or g.ent_type_ in ("ORG", "PERSON")
                        or g.lemma_.lower() in ORG_NOUNS - REPORT_NOUNS and (g.head.dep_ == "agent" or owner(g) is not None))), None)
        if by is not None and by.pos_ == "NOUN" and owner(by) is not None:
            # "a statement from Sharif's office": the office of the person the article names in full
            o = owner(by)
            first = min([o.i] + [c.i for c in o.children if c.dep_ in ("compound", "flat") and c.pos_ == "PROPN"])
            return Speaker(mention, f"{_full_name(state, doc[first: o.i + 1].text)}'s {by.lower_}", "organization", role, start)
        if by is not None:  # "figures from the Home Office show that …": the office issued them
            ent = _ent_around(doc, by.i)
            name = ent.text if ent is not None else _text(doc, [x for x in by.subtree if x.dep_ != "det"])
            also = [_ent_around(doc, c.i) for c in by.conjuncts if c.i > by.i]
            if ent is not None and also and all(a is not None and a.label_ == ent.label_ for a in also):
                # "the draft submitted by Russia and China": both
                name = " and ".join([ent.text] + [a.text for a in also])
            if by.ent_type_ == "PERSON":
                return Speaker(mention, _full_name(state, name), "person", role, start)
            return Speaker(mention, _expand_acronym(state, _clean_org(name)),
                           "media" if _is_media_name(name) else "organization", role, start)
        found = _issuer(state, head)
        if found is not None:
            return found._replace_mention(mention, start)
        if definite and not issuer:  # "the report" after "the … Happiness Report": its title
            titles = [m for m in re.finditer(r"\b" + re.escape(head.text[:1].upper() + head.lower_[1:]) + r"\b",
                                             state.text[:head.idx])]
            for m in reversed(titles):
                sp_ = doc.char_span(m.start(), m.end())
                titled = _report_title(list(sp_)) if sp_ is not None else ""
                if titled:
                    return Speaker(mention, titled, "organization", role, start)
        if det and det[0].lower_ in ("a", "an") or not det and head.tag_ in ("NNS",) or head.lemma_.lower() in _DATA_NOUNS:
            # "a report", "studies", "the latest official data": as described, not the source quoted last
            return Speaker(mention, desc, "organization", role, start)
        if det and det[0].lower_ == "the" and low in _STUDY_NOUNS:
            # "according to analysis from the Committee on Climate Change" … "The report says": the
            # issuer of the study the article last named, before whoever was quoted since
            for t in reversed(doc[: toks[0].i]):
                if t.lemma_.lower() in _STUDY_NOUNS:
                    by = next((g for g in _from_by(t) if g.ent_type_ == "ORG"), None)
                    ent = _ent_around(doc, by.i) if by is not None else None
                    if ent is not None:
                        return Speaker(mention, _expand_acronym(state, _clean_org(ent.text)), "organization", role, start)
        # "…, the report said": the organisation quoted last issued it, not a person it quotes
        for types in (("organization", "media"), ("person",)):
            for sp in reversed(state.history):
                if sp.type in types and sp.name:
                    return Speaker(mention, sp.name, sp.type, sp.role, start)
        return Speaker(mention, desc, "unknown", role, start)

    outlets = [t for t in toks if t.i < head.i and t.lower_ in ("'s", "\u2019s") and _is_media_name(_text(doc, toks[:toks.index(t)]))]
    if low in ("correspondent", "reporter") and (any(t.lower_ == "our" for t in toks) or outlets) or \
            outlets and head.pos_ == "PROPN" and not persons:
        # "our correspondent said", "Al Jazeera's correspondent said", "Al Jazeera's Mercer reported":
        # the outlet's own reporter ("Al Jazeera's Stefanie Dekker, reporting from …")
        name = _own_reporter(state)
        if name and (head.pos_ != "PROPN" or name.split()[-1] == head.text):
            return Speaker(mention, name, "person", low if low in ROLE_NOUNS else "", start)
    ent_types = {t.ent_type_ for t in toks}
    described_media = head.pos_ == "PROPN" and any(t.lower_ in MEDIA_NOUNS and t.i < head.i for t in toks)
    if _is_media_name(desc) or described_media or low in MEDIA_NOUNS or head.lemma_ in MEDIA_NOUNS or (
        low in ("reports", "report") and any(t.lower_ in ("media", "news") for t in toks)
    ):
        name = _media_name(toks) or _name_after(toks) or desc
        return Speaker(mention, _clean_org(name), "media", role, start)

    # role descriptions: "the spokesman", "the Russian diplomat", "the former vice president"
    if low in ANON_NOUNS or head.lemma_ in ANON_NOUNS or low in ROLE_NOUNS:
        plural = head.tag_ in ("NNS", "NNPS")
        if definite and not plural and det and det[0].lower_ == "the":
            # "A senior White House official said … The (White House) official said": the unnamed
            # source goes on, if one of the last three speakers is so described and no named
            # person spoke since (who may be "the analyst"), unless the words match it closely
            # ("a senior US official" … the President … "The US official"); two or more matching
            # words find it anywhere before ("The senior White House official")
            mods = {t.lower_ for t in words if t != head}
            for sp in reversed(state.history if len(mods) >= 2 else state.history[-3:]):
                if sp.type == "person" and not mods:
                    break
                if sp.type == "anonymous" and mods | {low} <= set(sp.name.lower().split()):
                    return Speaker(mention, sp.name, sp.type, sp.role or role, start)
        given = _given_name_tail(toks) if low in ROLE_NOUNS else []
        if given and given[0].i > head.i:
            # "US Ambassador to the UN Nikki Haley": a name closes the phrase even when the NER took
            # it into the organisation before it
            return Speaker(mention, _full_name(state, _text(doc, given)), "person", role or low, start)
        if definite and not plural and not any(t.pos_ == "PROPN" and t.i > head.i and not _under_prep(t, head) for t in toks):
            # "the deceased man's sister", "the general", "Russia's envoy to NATO": the person
            # the article describes so
            name = _described_person(state, toks, head)
            if name:
                return Speaker(mention, name, "person", role or low, start)
        if definite and not plural and has_prep and low in state.roles and det and det[0].lower_ == "the":
            # "the mayor of Northfield" … "Mayor Ellen Park"
            return Speaker(mention, state.roles[low], "person", role or low, start)
        if definite and not plural and not has_prep and not any(t.dep_ == "poss" for t in toks):
            if low in state.roles and (low in SPECIFIC_ROLES or proper_mod):
                return Speaker(mention, state.roles[low], "person", role or low, start)
            nat = _nationality(doc, toks)
            near = _titled_person_before(state, start, nationality=nat) if low in ROLE_NOUNS else None
            for sp in reversed(state.history[-3:]):
                if sp.type == "person" and sp.name and sp.name[:1].isupper():
                    sp_nat = {w.lower() for w in re.findall(r"\w+", sp.mention)} & state.nationality_words
                    if near is not None and nat and not _compatible(nat, sp_nat) and near.start_char > sp.start and \
                            _name_key(_ent_text(state, near)) != _name_key(sp.name):
                        # "the American leader" after "President Y" was named: Y, not the speaker before
                        return Speaker(mention, _full_name(state, _ent_text(state, near)), "person", role or low, start)
                    return Speaker(mention, sp.name, "person", sp.role or role or low, start)
            if low in state.roles:
                return Speaker(mention, state.roles[low], "person", role or low, start)
            if low in ROLE_NOUNS:  # "President Ana Ruiz said … after the Chilean leader accused …"
                e = _titled_person_before(state, start, nationality=_nationality(doc, toks))
                if e is not None and not (low in _OFFICES and not any(
                        pos == e.start_char and _stem(low) in desc for pos, _, desc in state.described)):
                    # an office names its holder only: "the President" is not "Sen. Rand Paul"
                    return Speaker(mention, _full_name(state, _ent_text(state, e)), "person", role or low, start)
        if plural and det and det[0].lower_ in ("the", "both") and head.lemma_.lower() in ROLE_NOUNS and state.history and \
                state.history[-1].type == "person" and " and " in state.history[-1].name:
            # "Burr and Warner say …. The committee leaders said": the pair that spoke last
            sp = state.history[-1]
            return Speaker(mention, sp.name, "person", sp.role or role, start)
        if plural and det and det[0].lower_ in ("these", "those") and not has_prep and \
                not any(c.dep_ in ("amod", "acl", "relcl") and c.i > head.i for c in head.children):  # "these officials": the ones just quoted
            for sp in reversed(state.history):
                if sp.type == "anonymous" and low in sp.name.lower().split():
                    return Speaker(mention, sp.name, sp.type, sp.role or role, start)
        own_name = any(t.pos_ == "PROPN" and t.i > head.i for t in toks)  # "ambassador to the UN Ann Lee"
        related = any(t.dep_ == "poss" for t in toks) or any(t.lower_ == "of" and t.head == head for t in toks)
        if not plural and low in ROLE_NOUNS and definite and not own_name or low in KIN_NOUNS and definite and related:
            # a lead that describes the source before naming it ("Iran's supreme leader said …";
            # the body: "Ayatollah Ali Khamenei, who …"; "The mother of X said …" / "Jane Doe …")
            e = _named_after_lead(state, start, titled=low not in KIN_NOUNS)
            if e is not None:
                return Speaker(mention, _full_name(state, _ent_text(state, e)), "person", role or low, start)
        if not plural and low in ROLE_NOUNS and definite and not any(
                t.pos_ == "PROPN" and t.i > head.i and t.ent_type_ not in ("ORG", "GPE", "NORP", "FAC", "LOC") for t in toks):
            named = _named_next(state, toks, head)  # "the chief executive officer of CMNL" … "Frank Mulrennan said"
            if named:
                return Speaker(mention, named, "person", role or low, start)
        appos = [c for c in head.children if c.dep_ == "appos" and (c.ent_type_ == "PERSON" or c.pos_ == "PROPN")]
        if appos:  # "the company spokesman, Ivo Petrov, said"
            a0 = appos[0]
            run = [x for x in a0.subtree if x.pos_ == "PROPN" and (x == a0 or x.dep_ in ("compound", "flat"))]
            if run:
                return Speaker(mention, _full_name(state, doc[run[0].i: run[-1].i + 1].text), "person", role or low, start)
        if not plural and det and det[0].lower_ in ("a", "an") and low in ROLE_NOUNS:
            # a lead that introduces the source by role and names it in the next breath: "…, a
            # federal judge has ruled. District Court Judge Derrick Watson said …"
            named = _introduced_after(state, start, _stem(head.lower_))
            org = [t for t in toks if t.pos_ == "PROPN" and t.ent_type_ not in ("GPE", "PERSON") and _under_prep(t, head)]
            if not named and org:
                # "…, a senior official with the Monaco FC told TASS. … Vadim Vasilyev, the director
                # general of Monaco FC, said": the person next described by that organisation
                named = _introduced_after(state, start, _desc_words(org), window=600)
            if not named and low in SPECIFIC_ROLES:
                # "a spokesman for the German Foreign Ministry said … . \"…,\" Martin Schaefer said":
                # one spokesman, named as he goes on
                named = _named_next(state, toks, head)
            if named:
                return Speaker(mention, named, "person", role or low, start)
        tail = _titled_tail(toks)
        k = tail[0].i - 1 if tail else 0
        while k > head.i and doc[k].lower_ in TITLES:
            k -= 1
        if tail and tail[0].i > head.i and doc[k].pos_ != "ADP":  # not "a friend of Sir Bruce"
            # "Chief of the … Department Lieutenant-General Sergey-Rudskoi said": a name after a
            # title ends the phrase even when the NER found no person in it
            return Speaker(mention, _full_name(state, _text(doc, tail)), "person", role or low, start)
        if low == "president" and definite and not plural and len(words) == 1:
            # "the President told the group" where the article only ever writes "Trump": the
            # person it names most, if clearly so
            top = _most_named(state)
            if top:
                return Speaker(mention, top, "person", role or low, start)
        return Speaker(mention, desc, "anonymous", role or (low if low in ROLE_NOUNS else ""), start)

    aged = definite and not persons and re.search(r"\b\d+\s*-?\s*years?\s*-?\s*old\b", mention, re.I) or \
        low == "old" and re.search(r"\b(?:the|this)\s+\d+\s*-\s*years?\s*-\s*$", state.text[max(0, head.idx - 30): head.idx], re.I)
    if aged:
        # "the 60-year-old former admiral added", "The 59-year-old added" (the parse kept only "old"):
        # an age given for someone already in the story
        for sp in reversed(state.history[-3:]):
            if sp.type == "person" and sp.name and sp.name[:1].isupper():
                return Speaker(mention, sp.name, "person", sp.role or role, start)

    poss = [t for t in toks if t.dep_ == "poss" and t.head == head and t.lower_ in ("his", "her")]
    if poss and len(words) == 2 and low in ("office", "administration", "government", "campaign", "team", "staff", "party"):
        # "His office said": the office of the person the pronoun refers to
        owner = _resolve_pronoun(state, poss[0], poss[0].text, "", start, at, low={"his": "he", "her": "she"}[poss[0].lower_])
        if owner.type == "person" and owner.name:
            return Speaker(mention, f"{owner.name}'s {low}", "organization", role, start)
    if ent_types & {"ORG", "GPE", "NORP", "FAC"} or low in ORG_NOUNS or head.lemma_ in ORG_NOUNS:
        # "the ministry", "its office", "the NGOs" point back; "the bloc's statistics office" names its own
        # "the world's largest reinsurer" describes, like "the reinsurer"
        anaphoric = definite and not any(t.dep_ == "poss" and t.pos_ != "PRON" and t.lower_ not in ("world", "country", "nation")
                                         for t in toks)
        # "the Sunnyvale, California, company": where a business sits does not name another one
        placed = (low in ("company", "firm") or head.lemma_ in BUSINESS_NOUNS) and all(
            t.ent_type_ == "GPE" for t in words if t != head and (t.pos_ == "PROPN" or t.ent_type_ in ("NORP", "GPE", "ORG")))
        if anaphoric and (low in ORG_NOUNS or head.lemma_ in ORG_NOUNS) and (not proper_mod or placed):
            recent = [sp for sp in state.history if sp.type == "organization" and sp.name]
            if recent and head.tag_ in ("NNS", "NNPS") and not has_prep and \
                    not any(c.dep_ in ("relcl", "acl") for c in head.children):
                # "the NGOs said": the organisations just quoted, if those were several
                sp = recent[-1]
                if (" and " in sp.name or sp.name.split()[-1].lower().endswith("s")) and not _names_a_report(sp.name):
                    # (bodies, not the reports quoted last: "toxicology reports indicate … The authorities say")
                    return Speaker(mention, sp.name, sp.type, sp.role, start)
            heads = {low, head.lemma_} | _SAME_BODY.get(low, set())
            # "Suffolk Police said" is typed like "police said", but it is named
            bodies = [sp for sp in state.history if sp.type == "organization" and sp.name
                      or sp.type == "anonymous" and sp.name[:1].isupper() and low in _SAME_BODY]
            same_head = [sp for sp in bodies if heads & set(sp.name.lower().split())]
            mods = {_stem(t.lower_) for t in words if t != head and t.pos_ in ("NOUN", "ADJ")}
            fits = [sp for sp in same_head if mods and mods <= {_stem(w) for w in sp.name.lower().split()}]
            if fits or same_head:  # "the climate committee": the Committee on Climate Change, not the committee quoted last
                sp = (fits or same_head)[-1]
                return Speaker(mention, sp.name, sp.type, sp.role, start)
            described = _described_org(state, head, toks[0].i)
            if described:  # "Noble Caledonia, the cruise company that operates the ship" … "The company said"
                return Speaker(mention, described, "organization", role, start)
            generic = low in ("military", "army", "ministry", "government", "command", "police", "agency", "charity",
                              "administration", "group", "organisation", "organization", "office", "center", "centre",
                              "company", "firm", "university")
            if recent and generic and recent[-1].name[:1].isupper() and not (
                    low in ("government", "administration") and _non_executive(recent[-1].name)):
                # the organisation quoted last, when it is named ("the ministry" after the Defence
                # Ministry), not a described one ("the government" after "opposition parties"), and
                # not another kind of body ("the government" after a parliament's committee)
                sp = recent[-1]
                return Speaker(mention, sp.name, sp.type, sp.role, start)
            business = head.lemma_.lower() in BUSINESS_NOUNS
            if business or generic and low in ("organisation", "organization", "agency", "charity", "group", "university"):
                # a lead that refers to the organisation of the headline before the body names it
                # ("…, the organization said in a new report"; later: "UNICEF says …"); for a business
                # noun ("the world's largest reinsurer said") only a lead, before any organisation
                before = [e for e in doc.ents if e.label_ == "ORG" and e.end <= toks[0].i]
                lead = business and not before
                # the small model often takes a company for a person: a "person" without a given name
                after = [e for e in doc.ents if (e.label_ == "ORG" or lead and e.label_ == "PERSON" and len(e) > 1
                                                 and e[0].lower_ not in _given_names())
                         and e.start > toks[-1].i and e.start_char - start < 1500]
                pick = before[-1] if before else (after[0] if after else None)
                if pick is not None and not (business and before):
                    return Speaker(mention, _expand_acronym(state, _clean_org(_ent_text(state, pick))), "organization", role, start)
            if low in ("company", "firm") or business:
                # the company the last sentence was about ("21st Century Fox is offering £11.7bn …
                # The company said"), else the one a business story names most often, when no other
                # comes close ("the company said" of Eurotunnel, named six times)
                main = _subject_org_before(state, toks[0]) or _most_named_org(state)
                if main:
                    return Speaker(mention, main, "organization", role, start)
        orgs = [e for e in doc.ents if e.label_ == "ORG" and toks[0].i <= e.start and e.end <= toks[-1].i + 1
                and (e.start <= head.i < e.end or (e.end <= head.i <= e.end + 4 and low in ("group", "organisation", "organization", "militia", "movement"))
                     or head.i < e.start <= head.i + 2 and low in ORG_NOUNS
                     and not (low in ("government", "administration") and doc[head.i + 1].lower_ == "of"))]
        # (the description stays "the government of DRC", as "the Nigerian government" does)
        name = orgs[0].text if orgs else desc
        if not orgs and definite and low in ORG_NOUNS:
            # "Yale University has announced … The US university said": the organisation the sentence
            # before was about, when its name holds the noun
            before = _subject_org_before(state, toks[0])
            if before and low in before.lower().split():
                return Speaker(mention, before, "organization", role, start)
        named = [c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN" and c.i == head.i + 1]
        if not orgs and named and low in ORG_NOUNS:  # "the British charity Save the Children": its name
            a0 = named[0]
            name = _whole_words(state.text, doc[a0.left_edge.i].idx, doc[a0.right_edge.i].idx + len(doc[a0.right_edge.i]))
        elif not orgs and low in ORG_NOUNS and head.i + 1 < len(doc) and doc[head.i + 1].lower_ == "the" and \
                doc[head.i + 1].ent_iob_ == "B" and doc[head.i + 1].ent_type_ == "ORG":
            # "refugee rights group the Hungarian Helsinki Committee", however the parse hangs the name
            name = _ent_around(doc, head.i + 1).text
        if head.pos_ == "PROPN" and _name_key(_clean_name(name)) in state.persons and len(words) <= 3 and \
                _expand_acronym(state, name) == name and not (
                len(words) == 1 and _mostly_org(doc, _clean_name(name)) and not _gender(state, _clean_name(name))):
            # an NER slip ("Trump" tagged ORG) when the article names that person elsewhere; not an
            # acronym the article spells out ("CNPC", tagged PERSON elsewhere), nor a brand tagged
            # a person once ("Yahoo's sale") and an organisation everywhere else, that no "he" or
            # "she" refers to
            return Speaker(mention, _full_name(state, name), "person", role, start)
        return Speaker(mention, _expand_acronym(state, _clean_org(name)), "organization", role, start)

    if head.pos_ == "PROPN":
        run = [head]
        i = head.i - 1
        while i >= toks[0].i and doc[i].pos_ == "PROPN":
            run.insert(0, doc[i])
            i -= 1
        name = _whole_words(state.text, run[0].idx, head.idx + len(head))
        typ = "person" if head.ent_type_ in ("", "PERSON") or _name_key(name) in state.persons else "organization"
        if len(run) == 1 and head.text.isupper() and len(head.text) > 1 and (
                _name_key(name) not in state.persons or _expand_acronym(state, name) != name):
            typ = "organization"  # an acronym (ISIL, HNC, IOM), also one the NER took for a person
        if typ == "person":
            names = [_full_name(state, name)] + _conjoined_people(state, head, toks)
            # "Alder and Brandt say": both of them, as the article names them in full
            return Speaker(mention, names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1],
                           typ, role, start)
        return Speaker(mention, _expand_acronym(state, _clean_org(name)), typ, role, start)
    return Speaker(mention, desc, "unknown", role, start)


#: plural nouns that, counted as two ("the two men", "both sides"), refer back to two people or
#: countries the article named together; "sides" may be either
_PAIR_NOUNS = {**dict.fromkeys("men women leaders presidents ministers brothers sisters politicians".split(), ("PERSON",)),
               **dict.fromkeys("countries states nations governments".split(), ("GPE",)),
               "sides": ("PERSON", "GPE")}


def _sents_back(tok, n: int = 1) -> int:
    """Index of the first token of the sentence ``n`` sentences before ``tok``'s (as far as the
    document goes back)."""
    lo = tok.sent.start
    for _ in range(n):
        if lo > 0:
            lo = tok.doc[lo - 1].sent.start
    return lo


def _named_pair(state: _DocState, head, labels: tuple, before: int, at: int, *,
                quoted: bool = True) -> tuple[str, str] | None:
    """The two people or countries a plural description counted as two refers to: the last
    coordination of two names of that kind in the three sentences before (``talks between
    ministers from Japan and Russia. The two sides said``; ``Trump says he and Putin have never
    met, but both leaders …``), else, for people, the last two people quoted, when both were
    quoted within the last 1,500 characters (``Bannon joined Priebus onstage … The two men``) if
    ``quoted``. Returns (names joined by "and", speaker type) or None."""
    doc = state.doc
    lo = _sents_back(doc[before], 3)

    def name_of(t) -> tuple[str, str]:
        if t.pos_ == "PRON" and "PERSON" in labels and t.lower_ in ("he", "she"):
            sp = _resolve_pronoun(state, t, t.text, "", t.idx, at)
            return (sp.name, "person") if sp.type == "person" else ("", "")
        e = _ent_around(doc, t.i)
        if e is None:
            return "", ""
        if e.label_ == "PERSON" or "PERSON" in labels and e.label_ == "ORG" and _name_key(e.text) in state.persons:
            # (a surname the NER took for an organisation here and a person elsewhere: "Curley")
            return _full_name(state, _ent_text(state, e)), "person"
        if e.label_ not in labels and not (e.label_ == "NORP" and "GPE" in labels):
            return "", ""
        return _clean_org(e.text), "organization"

    for t in reversed(doc[lo: before]):
        if t.dep_ != "conj" or t.head.i >= t.i or t.head.i < lo or _in_quotes(state, t.idx):
            continue
        if sum(c.dep_ == "conj" for c in t.head.children) != 1 or t.head.dep_ == "conj" or \
                any(c.dep_ == "conj" for c in t.children):
            continue  # "Britain, France and Germany": three, not two, however the parse chains them
        (a, ta), (b, tb) = name_of(t.head), name_of(t)
        if a and b and a != b and ta == tb:
            return f"{a} and {b}", ta
    if "PERSON" not in labels or "GPE" in labels or not quoted:
        return None
    last: list[str] = []
    for sp in reversed(state.history):
        if sp.type != "person" or not sp.name[:1].isupper() or head.idx - sp.start > 1500:
            break
        if sp.name not in last:
            last.append(sp.name)
        if len(last) == 2:
            return f"{last[1]} and {last[0]}", "person"
    return None


def _conjoined_people(state: _DocState, head, toks) -> list[str]:
    """Full names of the people conjoined to a person's name inside the mention ("Alder and
    Brandt"); [] if any conjunct is not a person the article names."""
    inside = {t.i for t in toks}
    out = []
    for c in head.conjuncts:
        if c.i <= head.i or c.i not in inside or c.pos_ != "PROPN":
            continue
        run = [x for x in c.subtree if x.i in inside and x.pos_ == "PROPN" and (x == c or x.dep_ in ("compound", "flat"))]
        name = _whole_words(state.text, run[0].idx, run[-1].idx + len(run[-1]))
        if c.ent_type_ not in ("", "PERSON") and _name_key(name) not in state.persons:
            return []
        out.append(_full_name(state, name))
    return out


def _subject_org_before(state: _DocState, tok) -> str:
    """The organisation that is a subject in the sentence before ``tok``'s (two, where the first is a
    piece the parse cut off: "?11.7bn for the 61% stake …") or earlier in its own; ""."""
    doc, lo = state.doc, _sents_back(tok)
    if lo > 0 and not doc[lo].text[:1].isupper():
        lo = doc[lo - 1].sent.start
    # (an outlet too: "The company" may be 21st Century Fox)
    subj = [e for e in state.doc.ents if e.label_ == "ORG" and lo <= e.start and e.end <= tok.i
            and e.root.dep_ in ("nsubj", "nsubjpass") and not _in_quotes(state, e.start_char)]
    if not subj:
        return ""
    e = subj[-1]
    k = e.start
    while k > lo and doc[k - 1].dep_ in ("compound", "nummod", "amod") and doc[k - 1].head.i in range(k, e.end) and (
            doc[k - 1].text[:1].isupper() or doc[k - 1].text[:1].isdigit()):
        k -= 1  # "21st Century" + "Fox": the NER took the first words for a date
    name, own = _clean_org(doc[k: e.end].text), _clean_org(e.text)
    # the NER may cut a name in two ("21st Century" + "Fox") where the article first gives it
    orgs = [o for o in doc.ents if o.label_ == "ORG"]
    fuller = [_clean_org(a.text + " " + b.text) for a, b in zip(orgs, orgs[1:]) if a.end == b.start and _clean_org(b.text) == own] + \
        [_clean_org(o.text) for o in orgs if _clean_org(o.text).endswith(" " + own)]
    return _expand_acronym(state, max([name, *fuller], key=len))


def _most_named_org(state: _DocState) -> str:
    """The organisation the article names most often, at least three times and twice as often as
    any other; "" if none stands out."""
    counts: dict[str, int] = {}
    alone = set()  # named at least once as a body of its own, not only as in "an Oxford comma"
    for e in state.doc.ents:
        name = _clean_org(e.text)
        if e.label_ == "ORG" and name and not _in_quotes(state, e.start_char) and not _is_media_name(name):
            counts[name] = counts.get(name, 0) + 1
            if e.root.dep_ != "compound":
                alone.add(name)
    ranked = sorted(((n, k) for n, k in counts.items() if n in alone), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < 3 or len(ranked) > 1 and 2 * ranked[1][1] > ranked[0][1]:
        return ""
    return _expand_acronym(state, ranked[0][0])


def _described_org(state: _DocState, head, before: int) -> str:
    """The organisation the article last described with this head noun, in apposition ("Noble
    Caledonia, the cruise company that …"; "the company, Noble Caledonia,") or right before its
    name ("the British charity Save the Children", for "the company" also "developer Energy
    Transfer Partners"); "" if none. Any proper name counts: the small
    model often takes a company for a place."""
    lem = head.lemma_.lower()
    # a developer, carmaker or lender is a company: "developer Energy Transfer Partners" … "The company"
    kinds = {lem} | (BUSINESS_NOUNS - {"club", "league", "watchdog", "regulator", "exchange"}
                     if lem in ("company", "firm") else set())
    doc = state.doc
    for t in reversed(doc[:before]):
        if t.pos_ != "PROPN" or _in_quotes(state, t.idx):
            continue
        described = any(c.dep_ == "appos" and c.lemma_.lower() == lem for c in t.children) or \
            t.dep_ == "appos" and t.head.lemma_.lower() == lem and t.head.i < t.i
        if not described and t.ent_type_ == "ORG" and t.ent_iob_ == "B" and t.i > 0 and doc[t.i - 1].lemma_.lower() in kinds:
            described = True
        if described:
            k = t.i
            while k > 0 and doc[k - 1].pos_ == "PROPN" and doc[k - 1].dep_ in ("compound", "flat"):
                k -= 1
            end = t.i + 1
            if t.ent_iob_ == "B":
                end = _ent_around(doc, t.i).end
            # "Russia's Federal Antimonopoly Service (FAS)": the bracketed acronym is the service
            return _expand_acronym(state, _clean_org(doc[k: end].text))
    return ""


_ACRONYM_GLUE = frozenset("of and for on the in de du des la al &".split())
#: capitalised words, possibly joined by the lower-case words of _ACRONYM_GLUE or "&"
_CAPITALISED_NAME = re.compile(r"\b[A-Z][\w\-']*(?:\s+(?:(?:" + "|".join(sorted(_ACRONYM_GLUE)) + r")\s+)*[A-Z][\w\-']*)+")


def _expand_acronym(state: _DocState, name: str) -> str:
    """An organisation named by its acronym ("the HNC claims") takes the full name the article
    defines it with ("High Negotiations Committee (HNC)": capitalised words whose initials give
    the acronym, followed by it in brackets); the acronym itself otherwise."""
    if not re.fullmatch(r"[A-Z]{2,6}", name):
        return name
    if name not in state.acronyms:  # once per article: the search scans the whole text
        state.acronyms[name] = _acronym_definition(state.text, name)
    return state.acronyms[name]


def _acronym_definition(text: str, name: str) -> str:
    for m in re.finditer(r"\(\s*" + name + r"\s*\)", text):
        words = list(re.finditer(r"[A-Za-z][\w\-']*", text[max(0, m.start() - 120): m.start()]))
        k, first = len(name), None
        for w in reversed(words):  # walk back over the words before the bracket
            if k == 0:
                break
            if w.group()[0] == name[k - 1]:
                k, first = k - 1, w
            elif first is None or w.group().lower() not in _ACRONYM_GLUE:
                break
        if k == 0 and first is not None:
            phrase = re.sub(r"[\u2019']s?$", "", text[max(0, m.start() - 120) + first.start(): m.start()].strip())
            if "(" not in phrase and ")" not in phrase:
                return phrase
    # not defined in brackets: a capitalised name elsewhere in the article whose initials spell it
    # ("the International Committee of the Red Cross" … "the ICRC said"), also after words that are
    # not part of it ("Britain's Air Accidents Investigation Branch" … "the AAIB said")
    for m in _CAPITALISED_NAME.finditer(text):
        if re.search(r"-[a-z]", m.group()):
            continue  # a word glued to the next ("Parliament-and"): the scrape, not a name
        words = [w for w in re.finditer(r"\S+", m.group()) if w.group().lower() not in _ACRONYM_GLUE]
        for k in range(len(words) - len(name) + 1):
            tail = words[k:]
            if "".join(w.group()[0] for w in tail) == name and not re.fullmatch(r"[A-Z]+", tail[0].group()):
                return _strip_det(m.group()[tail[0].start():])
    return name


def _namelike(e) -> bool:
    """A PERSON entity that looks like a name (no links, digits or hashtags: NER slips)."""
    return e.text[:1].isupper() and not re.search(r"[\d/@#]|pic\.|\.com", e.text) and len(e) <= 5


def _nationality(doc, toks) -> set:
    return {t.lower_ for t in toks if t.ent_type_ in ("GPE", "NORP")}


def _compatible(a: set, b: set) -> bool:
    """Nationality words agree ("Russian" ~ "Russia"), or one side has none."""
    return not a or not b or any(x[:4] == y[:4] for x in a for y in b)


def _titled(e) -> bool:
    """Is the PERSON entity introduced with a title or role ("President X", "Ayatollah X")?"""
    doc = e.doc
    before = [t.lower_.rstrip(".") for t in doc[max(0, e.start - 2): e.start + 1]]
    return any(w in _TITLE_SET or w in ROLE_NOUNS for w in before)


def _titled_person_before(state: _DocState, start: int, window: int = 400, nationality: set = frozenset()):
    """The nearest person named with a title shortly before ``start``, outside quotations,
    whose nationality as introduced ("Pakistan's Prime Minister X") fits the description's."""
    doc = state.doc
    cands = [e for e in state.person_ents if e.end_char <= start and start - e.end_char < window
             and not _in_quotes(state, e.start_char) and _namelike(e) and _titled(e)
             and _compatible(nationality, _nationality(doc, doc[max(0, e.start - 4): e.end]))]
    return cands[-1] if cands else None


#: relatives described by whom they are related to ("the mother of X"): X is not the speaker
KIN_NOUNS = frozenset("mother father wife husband widow widower son daughter brother sister parents".split())


def _named_after_lead(state: _DocState, start: int, *, titled: bool = True):
    """For a description in the article's first sentence: the first person the body introduces
    (titled unless ``titled`` is False, outside quotations, not named in the first sentence),
    else None."""
    doc = state.doc
    first = next(iter(doc.sents), None)
    if first is None or start >= first.end_char:
        return None
    seen = {_name_key(_clean_name(e.text) or e.text) for e in state.person_ents if e.start_char < first.end_char}
    for e in state.person_ents:
        if e.start_char < first.end_char or _in_quotes(state, e.start_char):
            continue
        # relatives share a surname ("Lukas Brenner" … "Ingrid Brenner"): then the full name counts
        key = _name_key(_clean_name(e.text) or e.text) if titled else (_clean_name(e.text) or e.text).lower()
        if key in seen:
            continue
        seen.add(key)
        if titled:
            return e if _titled(e) and _namelike(e) else None
        # a relative: the first new person who does something ("Jane Doe said"), not the one
        # the description relates them to ("the slaying of John Doe")
        r = e.root.head if e.root.dep_ in ("appos", "compound") else e.root
        if r.dep_ in ("nsubj", "nsubjpass") and _namelike(e) and e.start_char - start < 800:
            return e
    return None


def _report_title(toks) -> str:
    """The title of a report, survey or index named as such ("World Happiness Report",
    "Global Peace Index"): a capitalised report noun that is not sentence-initial, with the
    noun modifiers right before it (at least one of them capitalised), else ""."""
    doc = toks[0].doc
    for h in toks:
        if not (h.text[:1].isupper() and (h.lemma_.lower() in REPORT_NOUNS or h.lower_ in ("report", "index", "survey"))):
            continue
        if h.i == h.sent.start or h.dep_ == "compound" and h.head.pos_ == "PROPN":
            continue  # not the "Statistics" of "the Central Statistics Office"
        run = [h]
        j = h.i - 1
        while j >= 0 and doc[j].pos_ in ("NOUN", "PROPN") and not doc[j].is_punct and doc[j].i >= h.sent.start:
            run.insert(0, doc[j])
            j -= 1
        if len(run) >= 2 and any(t.text[:1].isupper() for t in run[:-1]) and not any(t.ent_type_ == "PERSON" for t in run):
            return doc[run[0].i: h.i + 1].text
    return ""


def _name_after(toks) -> str:
    """A proper name in apposition right after a description the parser left out of the
    mention: "news agency Tass reported", "according to German news outlet, "Der Spiegel"" """
    doc = toks[-1].doc
    j, skipped = toks[-1].i + 1, 0
    while j < len(doc) and (doc[j].text in "," + _QUOTE_CHARS) and skipped < 2:
        j += 1
        skipped += 1
    run = []
    while j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper() and doc[j].lower_ not in ROLE_NOUNS:
        run.append(doc[j])
        j += 1
    if not run or len(run) > 4 or j < len(doc) and doc[j].pos_ in ("NOUN", "PROPN"):
        return ""
    return doc[run[0].i: run[-1].i + 1].text


_QUANTIFIERS = frozenset("other others some several many most few all both various".split())


def _media_name(toks) -> str:
    """The outlet's own name in a media mention: "Russian state-run news agency Tass" -> Tass,
    "Iran's Press TV" -> Press TV, "Reuters news agency" -> Reuters."""
    heads = [t for t in toks if t.head not in toks or t.head == t]
    last = heads[0].i if heads else toks[-1].i
    # the name is in the noun phrase itself, not in a modifier after its head
    # ("reporters in western Mosul's Jadideh neighbourhood" are reporters)
    words = [t for t in toks if t.dep_ != "det" and t.i <= last]
    # drop a possessive country and leading adjectives of nationality
    while words and (words[0].ent_type_ in ("GPE", "NORP") or words[0].lower_ in ("'s", "\u2019s")
                     or words[0].pos_ == "PART"):
        if len(words) > 1 and words[1].lower_ in ("'s", "\u2019s"):
            words = words[2:]
            continue
        words = words[1:]
    runs, cur = [], []
    for t in words:
        if (t.text[:1].isupper() or t.text.isupper()) and t.ent_type_ not in ("DATE", "TIME", "GPE", "NORP") \
                and t.pos_ not in ("ADJ", "DET") and t.lower_ not in _QUANTIFIERS:  # "Other Arab media outlets"
            cur.append(t)
        else:
            if cur:
                runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    if not runs:
        return ""
    run = runs[-1]
    return " ".join(t.text for t in run)


_NUMERIC_ENTS = frozenset("CARDINAL ORDINAL QUANTITY MONEY PERCENT DATE TIME".split())




def _issuer(state: _DocState, head) -> Speaker | None:
    """Who issued a statement/report: the subject of the verb it is the object of
    (``X authored an assessment``, ``X released a statement``), for this mention or the
    nearest earlier mention of the same document noun."""
    doc = state.doc
    lem = head.lemma_.lower()
    cands = [head] + [t for t in reversed(doc[max(0, head.i - 400): head.i]) if t.lemma_.lower() == lem]
    # "a poll published by the Civic Institute", not "reports backed by Sen. X": a backer issued nothing
    for acl in (c for c in head.children if c.dep_ == "acl" and c.lemma_.lower() in _ISSUING_VERBS):
        agent = next((c for c in acl.children if c.dep_ == "agent"), None)
        pobj = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
        if pobj is not None:
            sp = _resolve(state, _mention_tokens(pobj, pobj.left_edge.i, pobj.right_edge.i + 1), at=pobj.idx)
            if sp.name:
                return sp
    for t in cands[:4]:
        if t.dep_ in ("dobj", "nsubjpass") and t.head.pos_ == "VERB":
            v = t.head
            subj = next((c for c in v.children if c.dep_ == "nsubj"), None)
            if subj is None and t.dep_ == "nsubjpass":
                agent = next((c for c in v.children if c.dep_ == "agent"), None)
                subj = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
            if subj is not None and subj.lemma_.lower() not in REPORT_NOUNS and _animate(subj) and subj.pos_ != "PRON":
                sp = _resolve(state, _mention_tokens(subj, max(0, subj.i - 12), v.i), at=subj.idx)
                if sp.name:
                    return sp
        if t != head:
            titled = _report_title([t])
            if titled:  # "the report" after "the … Happiness Report"
                return Speaker(titled, titled, "organization", "", t.idx)
            mods = [c for c in t.children if c.dep_ in ("compound", "poss")
                    and (c.pos_ == "PROPN" or c.ent_type_) and c.ent_type_ not in _NUMERIC_ENTS]  # not "two dozen lawsuits"
            if mods:
                toks = sorted({x for c in mods for x in c.subtree}, key=lambda x: x.i)
                name = re.sub(r"[\u2019']s$", "", doc[toks[0].i: toks[-1].i + 1].text).strip()
                return Speaker(name, _clean_org(name), "media" if _is_media_name(name) else "organization", "", t.idx)
    return None


#: gendered titles and roles written right before a name (kinship words are left out: "the
#: mother of X", "X's wife" describe someone else)
_MALE_WORDS = frozenset("mr mr. sir lord king prince emir sheikh spokesman chairman congressman businessman "
                        "policeman pope imam".split())
_FEMALE_WORDS = frozenset("mrs mrs. ms ms. miss madam lady queen princess spokeswoman chairwoman congresswoman "
                          "businesswoman policewoman".split())
_PRON_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f",
                "herself": "f"}


def _gender(state: _DocState, name: str) -> str:
    """"m", "f" or "" for a person of the article, from the article itself: a gendered title or
    role right before a mention (``Mr``, ``Ms``, ``spokeswoman``), else the third-person
    pronouns of sentences in which that person is the only one named and is the subject.
    Members of a family the article names ("Sylvia Farelas", her son "Brandon Farelas") are told
    apart by their given names."""
    clean = _clean_name(name) if name else ""
    key = _name_key(clean) if name else ""
    if not key:
        return ""
    doc = state.doc
    if state.person_keys is None:  # once per article, not once per name asked about
        state.person_keys = [_name_key(_clean_name(e.text) or e.text) for e in state.person_ents]
        state.ner_persons = [(o.start, o.end) for o in doc.ents if o.label_ == "PERSON"]
    words = clean.split()
    given = words[0].lower() if len(words) >= 2 and len(state.given_by_key.get(key, ())) > 1 else ""
    if (key, given) in state.genders:
        return state.genders[key, given]
    votes = {"m": 0, "f": 0}
    for e, e_key in zip(state.person_ents, state.person_keys):
        if e_key != key or given and (_clean_name(e.text) or e.text).split()[0].lower() != given:
            continue
        for t in doc[max(0, e.start - 2): e.start + 1]:
            if t.lower_ in _MALE_WORDS:
                votes["m"] += 3
            elif t.lower_ in _FEMALE_WORDS:
                votes["f"] += 3
        sent = e.sent
        r = e.root
        if r.dep_ in ("appos", "compound") and r.head.dep_ in ("nsubj", "nsubjpass"):
            r = r.head  # "Another convert, Ana Ruiz, 34, says …"
        if r.dep_ not in ("nsubj", "nsubjpass") or any(
                sent.start <= o0 and o1 <= sent.end and o0 != e.start for o0, o1 in state.ner_persons):
            continue  # another person named in the sentence
        for t in doc[e.end: sent.end]:  # object "her" is left out: it is usually someone else
            g = _PRON_GENDER.get(t.lower_) if t.lower_ != "her" or t.dep_ == "poss" else None
            if g and t.pos_ in ("PRON", "DET") and not _in_quotes(state, t.idx) and _same_clause(t, r.head):
                # a subject pronoun, or "X and her family", counts double; another possessive may
                # be someone else's ("on Ali and his art")
                strong = t.dep_ in ("nsubj", "nsubjpass") or t.head.dep_ == "conj" and t.head.head.i in range(e.start, e.end)
                votes[g] += 2 if strong else 1
    # a title or a subject pronoun settles it; possessives need two mentions; a clear majority
    g = next((k for k, o in (("m", "f"), ("f", "m")) if votes[k] >= 2 and votes[k] >= 2 * votes[o] + 1), "")
    if not g:  # the article does not show it: a common given name does ("Nikki Haley")
        full = (clean if given else state.persons.get(key) or clean).split()
        # the first word that is a given name, past titles the name kept ("Rt Revd Jonathan Clark");
        # a lone given name the article never pairs with a surname ("Bryan and Deneta") is one too
        g = next((_given_names()[w.lower()] for w in full[:-1] if w.lower() in _given_names()), "") \
            if len(full) >= 2 else _given_names().get(full[0].lower(), "") if full else ""
    state.genders[key, given] = g
    return g


def _in_persons_content(state: _DocState, e, fits) -> bool:
    """Is PERSON entity e inside what an earlier *person* source (of the pronoun's gender) said,
    and not itself the subject of a reporting verb?"""
    if e.root.dep_ == "nsubj" and _is_cue(e.root.head, quote=True):
        return False
    return any(a <= e.start_char < b and sp is not None and sp.type == "person" and sp.name and fits(sp.name)
               and _name_key(sp.name) != _name_key(_clean_name(e.text) or e.text)
               for a, b, sp in state.content_spans)


def _same_clause(t, verb) -> bool:
    """Does pronoun t speak of the subject of verb? It must hang off that verb without crossing
    a relative, adverbial or reported clause — except as the subject of what the subject itself
    reports ("X says she …")."""
    pron = t
    while t != verb and t.head != t:
        if t.dep_ in ("relcl", "acl", "advcl", "parataxis"):
            return False
        if t.dep_ == "ccomp":
            if not (t.head == verb and pron.head == t and pron.dep_ in ("nsubj", "nsubjpass")
                    and _is_cue(verb, quote=True)):
                return False
        t = t.head
    return t == verb


def _resolve_pronoun(state: _DocState, head, mention: str, role: str, start: int, at: int,
                     low: str | None = None) -> Speaker:
    doc = state.doc
    low = low or head.lower_
    if low in ("he", "she", "him", "her", "i", "his"):
        # nearest earlier PERSON that is a subject (not inside a quotation), within ~3 sentences,
        # whose gender (as the article shows it) does not clash with the pronoun's
        want = _PRON_GENDER.get(low, "")

        def fits(name: str) -> bool:
            if not want:
                return True
            g = _gender(state, name)
            return not g or g == want

        # people named inside what an earlier source said ("Ahmed said Ali's unit …") are not
        # candidates: a following "he told" goes on with the source
        # nor is the object of the pronoun's own verb: "he blamed Robart" is not Robart (binding
        # principle B, Chomsky 1981)
        verb = head.head if head.dep_ in ("nsubj", "nsubjpass") else None
        bound = [] if verb is None else [e.text for e in state.person_ents
                                         if e.root.head == verb and e.root.dep_ in ("dobj", "dative")]
        # nor anyone named in the very words the pronoun's verb reports ("One of the women Mr Kim met
        # fell ill, he added")
        own = at if head.dep_ == "nsubj" else start  # (not "…, according to him": a phrase, not a verb's subject)
        cands = [e for e in state.person_ents if e.end_char <= start and start - e.end_char < 600
                 and not own <= e.start_char < start and not _in_quotes(state, e.start_char) and fits(e.text)
                 and not _in_persons_content(state, e, fits) and not any(same_name(e.text, b) for b in bound)
                 and not (len(e) == 1 and e.text.isupper() and _expand_acronym(state, e.text) != e.text)
                 and not (e.root.dep_ == "compound" and e.root.head.pos_ == "NOUN")]
        # (an acronym the NER took for a person, "CNPC pledged …", is the company it spells; a name
        # that only modifies a thing, "an Ed Sheeran song", is nobody in the story)
        # and the owner of a thing that is the subject ("Mr Wilders' lead vanished … He had
        # pledged"), not of a person ("Trump's spokesman said … He added")
        subj = [e for e in cands if e.root.dep_ in ("nsubj", "nsubjpass") or e.root.head.dep_ in ("nsubj",) and e.root.dep_ in ("compound", "appos")
                or e.root.dep_ == "poss" and e.root.head.dep_ == "nsubj" and e.root.head.pos_ == "NOUN"
                and e.root.head.lower_ not in ROLE_NOUNS | ANON_NOUNS | KIN_NOUNS
                and e.root.head.head.tag_ in ("VBD", "VBZ", "VBP")]  # not "to hold Assad's regime accountable"
        last_sp = next((sp for sp in reversed(state.history) if sp.type in ("person", "anonymous") and sp.name
                        and (sp.type != "person" or fits(sp.name)) and not _plural_description(sp)
                        and not any(same_name(sp.name, b) for b in bound)), None)
        if state.content_spans and want:
            a, b, sp = state.content_spans[-1]
            if sp is not None and sp.type == "person" and sp.name and 0 <= start - b < 40 and fits(sp.name) \
                    and not any(b <= e.start_char < start for e in state.person_ents):
                # '…," Mallory said.- "the resistance," she said earlier': the source just quoted goes on
                return Speaker(mention, _full_name(state, sp.name), "person", sp.role or role, start)
        if want == "f":
            # most people named in news are men: "she" goes to a woman the article shows as one
            # (a nearby subject, else the last such speaker) before a person of unknown gender
            known = [e for e in subj if _gender(state, e.text) == "f"]
            woman = next((sp for sp in reversed(state.history) if sp.type == "person" and sp.name
                          and start - sp.start < 1000 and _gender(state, sp.name) == "f"), None)
            if known:
                subj = known
            elif woman is not None:
                subj, last_sp = [], woman
        pick = None
        # a person the sentence before introduces with an apposition ("… earned by Heather Smith, a
        # 41-year-old in Annville, who works from home. \"…\" she said"): the new source, wherever the
        # parse hangs the name, when no other person is named after her
        lo = _sents_back(head)
        # (or as what the sentence says someone is: "One of them is Latvia's foreign minister Edgars Rinkevics.")
        introduced = [e for e in cands if e.start >= lo and (any(c.dep_ == "appos" for c in e.root.children) or
                                                              e.root.dep_ in ("attr", "appos") and e.root.sent.root.lemma_ == "be"
                                                              and (e.root.dep_ == "attr" or e.root.head.dep_ == "attr"))]
        if introduced and not any(e.start > introduced[-1].start for e in state.person_ents if e.end_char <= start) \
                and introduced[-1].root.dep_ not in ("nsubj", "nsubjpass"):
            e = introduced[-1]
            return Speaker(mention, _full_name(state, _ent_text(state, e)), "person", role, start)
        main = _main_subject_person(state, head, fits)
        if main is not None:  # "Nikki Haley reiterated this … when she said": the main clause's subject
            return Speaker(mention, _full_name(state, _ent_text(state, main)), "person", role, start)
        described = _described_subject(state, head, fits)
        if described is not None and not (subj and subj[-1].start_char > described.start):
            # "The prime minister defended the scheme. She said …": the subject described by role
            return Speaker(mention, described.name, "person", described.role or role, start)
        if subj:
            e = subj[-1]
            pick = Speaker(mention, _full_name(state, _ent_text(state, e)), "person", role, start)
            if last_sp is not None and last_sp.start > e.end_char and (
                    last_sp.type == "anonymous" or last_sp.mention.split()[0].lower() in _NOT_NAMED
                    and not same_name(last_sp.name, pick.name)):
                # a source spoke since that the article described, unnamed or by pronoun ("an older
                # man named Albert said … He said … He also said")
                pick = None
        if pick is None and last_sp is not None:
            name = _full_name(state, last_sp.name) if last_sp.type == "person" else last_sp.name
            pick = Speaker(mention, name, last_sp.type, last_sp.role or role, start)
        if pick is None and cands:
            pick = Speaker(mention, _full_name(state, _ent_text(state, cands[-1])), "person", role, start)
        return pick or Speaker(mention, "", "unknown", role, start)
    if low in ("they", "we"):
        # the plural subject of the clause "they" hangs in ("Aviation enthusiasts posted pictures,
        # showing what they said was …"), then the nearest earlier plural subject noun (not a
        # pronoun), else the last group/organisation speaker
        plural = None
        a = head.head
        while a.head != a:
            a = a.head
            own = next((c for c in a.children if c.dep_ == "nsubj" and c.i < head.i and c.tag_ in ("NNS", "NNPS")
                        and not _in_quotes(state, c.idx)), None)
            if own is not None:
                # people, not things: "Shares fell after they reported …" is not the shares
                lem = own.lemma_.lower()
                if lem not in REPORT_NOUNS | _DATA_NOUNS and (_animate(own) or lem.endswith(_AGENT_SUFFIXES)):
                    plural = own
                break
        k = head.i - 1
        while plural is None and k >= 0 and start - doc[k].idx < 500:
            t = doc[k]
            if t.dep_ == "nsubj" and t.tag_ in ("NNS", "NNPS") and not _in_quotes(state, t.idx) and _animate(t) and not (
                    # what an earlier source said is not who goes on: "prosecutors contend that Trump's
                    # comments amounted to rhetoric. They argue …" are the prosecutors
                    any(a <= t.idx < b for a, b, _ in state.content_spans) and not _is_cue(t.head, quote=True)):
                plural = t
            k -= 1
        if plural is not None:
            return _resolve(state, _mention_tokens(plural, max(0, plural.i - 12), head.i), at=at)._replace_mention(mention, start)
        for sp in reversed(state.history):
            if sp.type in ("anonymous", "organization", "media") and sp.name:
                return Speaker(mention, sp.name, sp.type, sp.role, start)
        return Speaker(mention, "", "unknown", role, start)
    # it: in an aside, the named subject earlier in its own sentence ("Propastor posted a list
    # which, it claims, …"), then the organisation quoted last, then the last organisation or
    # country named
    cue = head.head
    aside = low == "it" and head.i > 0 and doc[head.i - 1].text == "," and cue.i + 1 < len(doc) and doc[cue.i + 1].text == ","
    own = [t for t in head.sent if t.i < head.i and t.dep_ == "nsubj" and t.pos_ == "PROPN"
           and t.ent_type_ not in ("GPE", "NORP", "LOC") and not _in_quotes(state, t.idx)] if aside else []
    if own:
        t = own[-1]
        ent = _ent_around(doc, t.i)
        name = _clean_org(ent.text if ent is not None else _text(doc, [x for x in t.subtree if x.dep_ in ("compound", "flat") or x == t]))
        return Speaker(mention, _expand_acronym(state, name), "media" if _is_media_name(name) else "organization", role, start)
    # a report is no "it" ("toxicology reports indicate …"), and a country or body that was the
    # subject of this sentence or the last since the last organisation spoke is nearer ("… North
    # Korea was responsible, which it denies. It has accused …")
    last = next((sp for sp in reversed(state.history) if sp.type in ("organization", "media") and sp.name
                 and not _names_a_report(sp.name)), None)
    near = [e for e in doc[_sents_back(head): head.i].ents if e.label_ in ("ORG", "GPE")
            and e.root.dep_ in ("nsubj", "nsubjpass") and not _in_quotes(state, e.start_char)
            and not _is_media_name(e.text) and (last is None or e.start_char > last.start)
            and not any(a <= e.start_char < b for a, b, _ in state.content_spans)] if low == "it" else []
    if near:  # (not in what a source said)
        return Speaker(mention, _expand_acronym(state, _clean_org(near[-1].text)), "organization", role, start)
    if last is not None:
        return Speaker(mention, last.name, last.type, last.role, start)
    # "Russian" in "Russian internet resources" names no one
    cands = [e for e in doc.ents if e.label_ in ("ORG", "GPE", "NORP") and e.end_char <= start and e.root.dep_ != "amod"]
    # an organisation before a place that is only where something happens ("eShopWorld's HQ … The
    # company was launched in Dublin … It says"): a place speaks only as its state, as a subject
    cands = [e for e in cands if e.label_ == "ORG" or e.root.dep_ in ("nsubj", "nsubjpass")] or cands
    if cands:
        e = cands[-1]
        typ = "media" if _is_media_name(e.text) else "organization"
        return Speaker(mention, _clean_org(e.text), typ, role, start)
    return Speaker(mention, "", "unknown", role, start)


def _names_a_report(name: str) -> bool:
    """A speaker named as a document ("Malaysian toxicology reports"), not a body that speaks."""
    return name.split()[-1].lower().rstrip("s") in REPORT_NOUNS | _DATA_NOUNS


#: first words of a speaker mention that is not a name
_NOT_NAMED = frozenset("a an the one he she his her".split())


def _described_subject(state: _DocState, pron, fits) -> Speaker | None:
    """The person a role description names when that description is the nearest subject before
    ``pron`` in its own or the previous sentence ("The National Front leader has adopted … But she
    …"): the subject of the previous utterance is the preferred antecedent of a pronoun (centering;
    Grosz, Joshi & Weinstein 1995), and news often refers to its sources by role."""
    doc, lo = pron.doc, _sents_back(pron)
    for k in range(pron.i - 1, lo - 1, -1):
        t = doc[k]
        if t.dep_ not in ("nsubj", "nsubjpass") or _in_quotes(state, t.idx):
            continue
        if t.pos_ in ("PRON", "PROPN") or t.ent_type_ == "PERSON":
            return None  # a nearer subject that is no description: the usual rules decide
        if t.tag_ != "NN" or t.lower_ not in ROLE_NOUNS or not any(
                c.dep_ == "poss" or c.dep_ == "det" and c.lower_ == "the" for c in t.children):
            return None
        sp = _resolve(state, _mention_tokens(t, max(lo, t.i - 8), t.i + 1), at=t.idx)
        return sp if sp.type == "person" and sp.name[:1].isupper() and fits(sp.name) else None
    return None


def _main_subject_person(state: _DocState, pron, fits):
    """The PERSON named in the subject of the main clause when ``pron`` is the subject of a
    clause subordinate to it ("X, the envoy, repeated the position when she said …")."""
    clause = pron.head
    if pron.dep_ != "nsubj" or clause.dep_ not in ("advcl", "ccomp", "conj", "relcl") or clause.head == clause:
        return None
    main = clause.head
    subj = next((c for c in main.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < pron.i), None)
    if subj is None or subj.pos_ == "PRON":
        return None
    span = range(subj.left_edge.i, subj.right_edge.i + 1)
    people = [e for e in state.person_ents if e.start in span and fits(e.text)
              and not _in_quotes(state, e.start_char)]
    return people[-1] if len(people) == 1 else None


def _plural_description(sp: Speaker) -> bool:
    """An unnamed group ("Turkish defence officials", "witnesses"): never the antecedent of he/she."""
    if sp.type == "person":
        return False
    # the head noun ends the name before its modifiers: "spokesman for holiday company Inghams"
    head = re.split(r"\s+(?:of|for|at|in|from|with|to|on)\s+", sp.name, maxsplit=1)[0].split()
    last = head[-1].lower() if head else ""
    return last.endswith("s") and not last.endswith(("ss", "us", "is")) or last in ("people", "police", "staff")


def _strip_poss_pron(s: str) -> str:
    return re.sub(r"^(?:his|her|its|their|our|my)\s+", "", s.strip(), flags=re.I)


def _has_proper(words) -> bool:
    return any(t.pos_ == "PROPN" for t in words)


def _strip_det(s: str) -> str:
    return re.sub(r"^(?:the|a|an|some|several|two|three|many|multiple|one(?!\s+of\b))\s+", "", s.strip(), flags=re.I)


def _clean_org(s: str) -> str:
    s = _strip_det(re.sub(r"\s+", " ", s)).strip(" ,.-")
    return re.sub(r"\A/\w+/[\s.\-]*", "", s)  # a wire's credit glued on: "/PRNewswire/.-Storwell"


# ----------------------------------------------------------------------- extraction


@dataclass
class _Att:
    kind: str
    start: int
    end: int
    speaker: Speaker | None
    cue: str
    cue_i: int = -1
    stoks: list = field(default_factory=list)
    pending: bool = False  # a quotation with no cue of its own: the previous speaker goes on
    pending_next: bool = False  # a paragraph of a multi-paragraph quotation: the cue comes later
    resolved: bool = False
    via: str = ""  # the outlet that relayed it ("cited by ANI", "according to Press TV")


def _span_tokens(doc, a: int, b: int):
    sp = doc.char_span(a, b, alignment_mode="expand")
    return list(sp) if sp is not None else []


def _cue_name(tok) -> str:
    lem = _lemma(tok)
    if lem == "go" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "on":
        return "go on"
    if lem == "point" and any(c.lower_ == "out" for c in tok.children):
        return "point out"
    if lem == "make" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "clear":
        return "make clear"
    if lem == "call" and _called_on(tok) is not None:
        return "call on"
    if lem == "call" and _called_for(tok) is not None:
        return "call for"
    return lem


_IRREGULAR = {"said": "say", "says": "say", "told": "tell", "wrote": "write", "written": "write", "went": "go",
              "read": "read", "reads": "read", "shown": "show", "found": "find", "spoke": "speak"}


_GLUED = re.compile(r"([a-z]+)[.,;:\-\u2014]+")


def _glued_lemma(tok) -> str:
    """Lemma of a cue glued to punctuation by the scraper (``added.-``, ``said,-``), else ""."""
    return _glued_word_lemma(tok.lower_)


@lru_cache(maxsize=1 << 14)  # asked for nearly every token; the vocabulary is small
def _glued_word_lemma(lower: str) -> str:
    m = _GLUED.fullmatch(lower)
    if not m:
        return ""
    w = m.group(1)
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    for suf, rep in (("ied", "y"), ("ed", ""), ("ed", "e"), ("d", ""), ("s", ""), ("es", "")):
        if w.endswith(suf) and w[: len(w) - len(suf)] + rep in CUE_LEMMAS:
            return w[: len(w) - len(suf)] + rep
    return ""


def _lemma(tok) -> str:
    return _glued_lemma(tok) or tok.lemma_.lower()


_CUE_WORDS = CUE_LEMMAS | {"go", "point", "make", "call", "blame", "hear", "accept", "agree"}
#: what "heard" evidence in court reporting ("The inquest heard that …")
_HEARINGS = frozenset("court trial inquest hearing tribunal jury".split())


def _cue_candidates(doc) -> list:
    """The tokens :func:`_is_cue` can accept (their lemma is a cue, or a cue glued to punctuation),
    found on the Doc's arrays: building a Python Token for every word costs more than the rules."""
    from spacy.attrs import LEMMA, LOWER

    if not len(doc):
        return []
    arr = doc.to_array([LEMMA, LOWER])
    strings = doc.vocab.strings
    lemmas = [h for h in np.unique(arr[:, 0]) if strings[int(h)].lower() in _CUE_WORDS]
    glued = [h for h in np.unique(arr[:, 1]) if _glued_word_lemma(strings[int(h)])]
    mask = np.isin(arr[:, 0], lemmas) | np.isin(arr[:, 1], glued)
    return [doc[int(i)] for i in np.flatnonzero(mask)]


def _tokens_with_lower(doc, word: str) -> list:
    from spacy.attrs import LOWER

    if not len(doc) or word not in doc.vocab.strings:
        return []
    return [doc[int(i)] for i in np.flatnonzero(doc.to_array(LOWER) == doc.vocab.strings[word])]


def _called_on(tok):
    """The "on" of "called on X to …", or None."""
    return next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "on"), None)


def _called_for(tok):
    """What "called for" governs: the object of "for", or a clause it marks ("called for the report
    to be revoked", which the parse reads as "for" + a passive clause)."""
    for c in tok.children:
        if c.i > tok.i and c.dep_ == "prep" and c.lower_ == "for":
            return next((g for g in c.children if g.dep_ == "pobj"), None)
        if c.i > tok.i and c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children):
            return c
    return None


def _is_cue(tok, *, quote: bool) -> bool:
    g = _glued_lemma(tok)
    if g:
        return g in CUE_LEMMAS and (quote or g not in QUOTE_ONLY_CUES)
    if tok.pos_ not in ("VERB", "AUX") and not (tok.pos_ in ("NOUN", "PROPN") and tok.lemma_.lower() in ("say", "tell")):
        if not (tok.tag_ in ("VBD", "VBZ", "VBP", "VBG", "VBN", "VB")):
            return False
    lem = tok.lemma_.lower()
    if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in ("refuse", "decline") and tok.i + 1 < len(tok.doc) and \
            tok.doc[tok.i + 1].lower_ in ("whether", "if", "why", "how", "what", "who", "when", "where", "which"):
        return False  # "officials refused to say whether …": nothing was said (not "refused to accept that …")
    if tok.tag_ == "VB" and any(c.lower_ == "please" and c.i < tok.i for c in tok.children):
        return False  # "Please #fortressEurope tell us again how …": a request, not a report
    if lem in ("go",):
        return quote and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "on"
    if lem == "point":
        return any(c.lower_ == "out" for c in tok.children)
    if lem == "make":
        return tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "clear"
    if lem in ("accept", "agree"):  # "accepted / agreed that …" concedes; "a condition Brussels accepted" takes
        # one, "agreed to keep talking" commits to act
        return tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "that"
    if lem in ("call", "hear") and quote:
        return False  # these govern their own content, never a quotation nearby
    if lem == "call":  # "called on X to …", "called for X to …"; "called it a hoax" is characterising
        return _called_on(tok) is not None or _called_for(tok) is not None
    if lem == "blame":
        return tok.pos_ == "VERB"
    if lem == "hear":  # "the court heard that …": what was said in court; "I heard that …" is hearsay
        return any(c.dep_ == "nsubj" and c.lemma_.lower() in _HEARINGS for c in tok.children)
    if lem not in CUE_LEMMAS:
        return False
    if lem in QUOTE_ONLY_CUES and not quote:
        return lem in ("write", "conclude")
    return True


#: cues of a closing "…, as X said." clause
_AS_CUES = frozenset("say note point write explain argue observe remark report state tell stress emphasise emphasize "
                     "add put".split())


#: cues whose object is the one addressed ("told reporters"), not what was said; a quotation's
#: frame may also be a question put to someone ('"…?" she asked him')
_ADDRESS_CUES = frozenset("tell inform brief assure".split())
_QUOTE_ADDRESS_CUES = _ADDRESS_CUES | {"ask"}


def _closing_cue(tok) -> bool:
    """A quotation-only cue that closes its sentence after the content ("…, he went on."; "…,
    she continued."): after a comma it can only report what came before."""
    if _glued_lemma(tok) or tok.lemma_.lower() not in ("go", "continue") or not _is_cue(tok, quote=True):
        return False
    k = tok.i + (2 if tok.lemma_.lower() == "go" else 1)
    return k < len(tok.doc) and tok.doc[k].text[-1:] in ".-!;" and any(
        x.text == "," for x in tok.doc[max(0, tok.i - 8): tok.i])


#: adjectives under which an infinitive cue is said ("was quick to point out"), unlike
#: "unable to say", "reluctant to confirm"
_EAGER = frozenset("quick keen careful eager happy pleased proud glad willing ready anxious swift".split())


#: talks with someone: "in an interview with TASS" names who listened, not who says the next thing
_CONVERSATIONS = frozenset("interview talk meeting conversation call discussion chat exchange session".split())


def _subject_of(tok, lo: int, hi: int):
    """nsubj of a cue, climbing through participles/conjuncts/xcomps (saying, adding, and told …).

    A relative pronoun subject (``the sheriff, who warned that …``) is replaced by its
    antecedent; the subject of an object-control infinitive (``forced the UN to warn``) is the
    object of the governing verb.
    """
    if tok.tag_ == "VBG" and tok.i > lo and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        # "with the Federation of Small Businesses saying it …": the noun after "with" says it
        x = tok.doc[tok.i - 1]
        for _ in range(4):
            if x.dep_ == "pobj" and x.head.lower_ == "with" and x.head.i >= lo and \
                    x.head.head.lemma_.lower() not in _CONVERSATIONS:  # not "said in an interview with TASS adding"
                return x
            if x.head == x or x.head.i >= tok.i:
                break
            x = x.head
    seen = 0
    t = tok
    while t is not None and seen < 5:
        # a named subject first, where the parse split "the consul … Ahmed Hassan told" in two, and
        # not one a comma cuts off from a second ("Sun Ruisheng / China Daily With 26 years'
        # experience, Wang says": a photo credit the parse took for a subject)
        subjects = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
        cut_off = {c.i for c in subjects for d in subjects
                   if c.i < d.i < t.i and any(x.text == "," for x in t.doc[c.i + 1: d.i])}
        # "Kim, who police said was killed …": with a second subject, the relative pronoun is the
        # reported clause's subject, not the speaker
        rel_last = len(subjects) > 1
        for ch in sorted(t.children, key=lambda c: (rel_last and c.lower_ in ("who", "that", "which"),
                                                     c.ent_type_ != "PERSON", c.i in cut_off)):
            if ch.dep_ in ("nsubj", "nsubjpass") and lo <= ch.i < hi:
                if ch.dep_ == "nsubjpass" and t.lemma_ not in ("quote", "cite") and not (
                        t != tok and any(a.dep_ == "auxpass" and a.text in ("'s", "\u2019s") for a in t.children)):
                    continue  # but "She's rejected …, saying": "'s" is "has" as often as "is"
                if ch.lower_ in ("who", "that", "which"):
                    r = t
                    while r.dep_ != "relcl" and r.head != r:
                        r = r.head
                    if r.dep_ != "relcl":
                        return None
                    return _person_antecedent(r.head) if ch.lower_ == "who" else r.head
                return ch
        for ch in t.children:  # passive with agent: "was told by X"
            if ch.dep_ == "agent":
                for g in ch.children:
                    if g.dep_ == "pobj" and lo <= g.i < hi:
                        return g
        if t.dep_ == "xcomp" and t.head != t:
            obj = next((c for c in t.head.children if c.dep_ == "dobj"), None)
            if obj is not None and t.head.lemma_ not in CUE_LEMMAS | {"go", "continue", "begin", "start"}:
                return obj
        if t.dep_ == "relcl" and t != tok:
            return t.head
        if t.dep_ == "xcomp" and t.head.dep_ == "acomp" and t.head.lemma_.lower() in _EAGER:
            t = t.head.head  # "She was quick to point out that …": the subject of "was"
            seen += 1
            continue
        if _finite_acl(t) and t.head.i >= lo:
            # "A lawmaker grilled the minister, saying …": the parse made the sentence a noun phrase
            return t.head
        if t.dep_ == "conj" and t.head.dep_ == "ccomp" and t.head.head.lemma_.lower() in CUE_LEMMAS and any(
                c.dep_ == "nsubj" and c.i > 0 and t.doc[c.i - 1].text in _QUOTE_CHARS for c in t.head.children):
            # 'Trump declared that "we're very angry" … and said …': the parse hung the second verb on
            # the quoted clause; it goes with the first
            t = t.head.head
            seen += 1
            continue
        if t.dep_ in ("advcl", "conj", "xcomp", "parataxis", "acl", "relcl") and t.head != t:
            if t.dep_ == "relcl":
                return None
            participle = t.tag_ == "VBG" and t.dep_ == "advcl"
            if t.dep_ == "conj" and t.head.lemma_ == "hear" and t.i > t.head.i:
                # "A court martial heard that Blackman used abusive language and said: …": a hearing
                # listens; the parse hangs the speaker's second verb on "heard"
                clause = next((c for c in t.head.children if c.dep_ == "ccomp" and c.i < t.i), None)
                subj = next((c for c in clause.children if c.dep_ == "nsubj" and lo <= c.i < hi), None) \
                    if clause is not None else None
                if subj is not None:
                    return subj
            t = t.head
            # "X claimed that P were doing Q, saying …": the parser hangs "saying" on the reported
            # clause; its subject is X, the subject of the cue that governs that clause
            if participle and t.dep_ == "ccomp" and t.head.lemma_.lower() in CUE_LEMMAS:
                t = t.head
            seen += 1
            continue
        break
    # "Connolly said that …" with the name parsed as a modifier of the verb: the name is its subject
    left = next((c for c in tok.children if c.i == tok.i - 1 and lo <= c.i and c.ent_type_ == "PERSON"
                 and c.dep_ in ("advmod", "npadvmod", "dep", "nmod")), None)
    return left


_PERSON_WORDS = ANON_NOUNS | ROLE_NOUNS | PRONOUNS_PERSON


def _person_antecedent(tok):
    """The antecedent of "who": the parse may hang the clause on the last noun of a prepositional
    phrase ("A source familiar with the workings of the White House who called …"); "who"
    means the person the phrase hangs from."""
    x = tok
    for _ in range(6):
        if x.ent_type_ in ("PERSON", "NORP") or x.lower_ in _PERSON_WORDS or x.lemma_.lower() in ANON_NOUNS:
            return x
        if x.dep_ not in ("pobj", "prep", "amod", "acl") or x.head == x:
            break
        x = x.head
    return tok


def _adjacent_person(cue, subj):
    """A named person right before the cue (``… NAME[, apposition,] confirmed that``) when the
    parse gave the cue a subject further left (a caption glued to the sentence, or the name
    read as a conjunct of an earlier noun); never a person inside a prepositional phrase of
    the subject (``a lawyer for NAME said``). Returns the person's head token or None."""
    doc = cue.doc
    if cue.tag_ == "VBG" or subj.pos_ == "PRON" or subj.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return None  # "…, saying": the subject of the main verb; a named subject is taken as parsed
    for e in doc.ents:
        if e.label_ != "PERSON" or e.end > cue.i or e.end < cue.i - 25 or len(e) < 2 or not _namelike(e):
            continue
        between = doc[e.end: cue.i]
        appos = {x.i for c in e.root.children if c.dep_ == "appos" for x in c.subtree}
        if not all(x.is_punct or x.i in appos or (x.pos_ == "AUX" and x.dep_ == "aux") for x in between):
            continue
        if subj.i >= e.start:
            return None
        for x in e:  # part of the subject's own phrase ("an official in an alliance backing X")
            t, path = x, []
            while t != t.head and t != subj:
                path.append(t.dep_)
                t = t.head
            if t == subj and any(d in ("prep", "pobj", "poss", "acl", "relcl", "dobj") for d in path):
                return None
        return e.root
    return None


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and (text[a].isspace() or text[a] in ",;:-\u2014\u2013"):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ",;:.-\u2014\u2013"):
        b -= 1
    return a, b


_CUT = re.compile(
    r",\s*(?:according to|adding|saying|stressing|noting|explaining|insisting|warning|arguing|claiming|"
    r"citing|while|but\s+added|and\s+added|he said|she said|they said|it said|the \w+ said)\b", re.I
)


def _cut_end(text: str, a: int, b: int) -> int:
    m = _CUT.search(text, a, b)
    b = m.start() if m else b
    # an embedded post's link ends the sentence the scrape glued it to ("… border with the UK
    # pic.twitter.com/… — RTÉ News (@rtenews) March 29, 2017 He highlighted that …")
    m = _POST_LINK.search(text, a, b)
    return m.start() if m else b


_INNER_CUE = re.compile(
    r",(?=\s+(?:he|she|they|it|we|(?:the\s+)?(?:[a-z]+\s+){0,2}[A-Z][\w.'\-]*(?:\s+[A-Z][\w.'\-?\ufffd]*){0,3}"
    # "…, his lawyer, Alexander Taylor-Camara, told the court": a role, then the name in apposition
    r"|(?:his|her|their|its|the)\s+(?:[a-z]+\s+){0,2}[a-z]+,\s+[A-Z][\w.'\-]*(?:\s+[A-Z][\w.'\-]*){0,3},)\s+"
    r"(?:said|says|added|told|explained|continued|noted|stressed|warned|insisted|wrote|argued)\b)"
)


def _animate(tok) -> bool:
    """Can this subject head be a source (person, group, organisation, document)?"""
    low, lem = tok.lower_, tok.lemma_.lower()
    if tok.pos_ == "PRON":
        return low in PRONOUNS_PERSON | PRONOUNS_GROUP | {"who", "that", "which", "we", "you"}
    if low in ("he", "she") and tok.text[:1].isupper() and tok.dep_ == "nsubj":
        return True  # "He-highlighted that …": the scrape's glued hyphen makes the tagger call "He" a noun
    if tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP", "FAC"):
        return True
    if low in ANON_NOUNS or lem in ANON_NOUNS or low in ORG_NOUNS or lem in ORG_NOUNS or lem in MEDIA_NOUNS or low in MEDIA_NOUNS or low in ROLE_NOUNS or lem in ROLE_NOUNS:
        return True  # "attorneys", "senators": roles in the plural
    if tok.pos_ == "NOUN" and tok.text[:1].isupper():  # "Sessions said": a surname the parse took for a noun
        return any(e.label_ == "PERSON" and len(e) >= 2 and e[-1].text == tok.text for e in tok.doc.ents)
    if _named_appos(tok, ("ORG", "PERSON")) is not None:
        return True  # "the car industry's trade body, the SMMT,": a description of a named source
    return tok.pos_ == "PROPN"


#: cues whose subject is a source whatever the noun ("the inspectors wrote that …", "the reinsurer
#: said …"): a noun list can never hold every agent noun, and these verbs report speech
_SPEECH_CUES = frozenset("say tell write add claim insist warn state".split())


def _can_speak(subj, cue) -> bool:
    """A source for this cue: an animate head, or any noun that is the cue's own subject (not one
    reached through a relative pronoun or a participle, where the antecedent may be wrong)."""
    if _animate(subj) or cue.lemma_.lower() == "hear":
        return True
    if not (subj.pos_ == "NOUN" and subj.head.i == cue.i and subj.dep_ == "nsubj" and cue.lemma_.lower() in _SPEECH_CUES):
        return False
    # "a proposal dismissed by Haley, US ambassador to the UN,-who said": a relative pronoun the
    # parse did not attach hides the real subject
    return not any(x.lower_ in ("who", "which") for x in subj.doc[subj.i + 1: cue.i])


_WH = frozenset("what which who whom whose how when where why whether if".split())
_FRAME_POS = frozenset("DET ADJ NOUN PROPN PRON NUM PUNCT CCONJ PART ADP SYM X".split())


def _frame_ok(frame_toks) -> bool:
    """A post-posed frame between the comma and the cue must be a bare subject NP."""
    if not frame_toks:
        return True
    if frame_toks[0].pos_ in ("ADP", "SCONJ", "CCONJ", "ADV", "AUX", "VERB", "PART"):
        return False
    if any(t.lower_ in _WH for t in frame_toks):
        return False
    if any(t.pos_ not in _FRAME_POS and not (t.pos_ in ("VERB", "AUX") and t.dep_ in ("amod", "compound", "aux")) for t in frame_toks):
        return False
    return any(t.pos_ in ("NOUN", "PROPN", "PRON") for t in frame_toks)


#: what "according to" can mean "in line with" rather than "as said by"
_NOT_SOURCES = frozenset("preference plan rule need tradition principle formula custom wish ability capacity".split())
_NOT_YET = frozenset("expect due set plan intend schedule prepare".split())
_CONNECTIVES = frozenset("ADV CCONJ INTJ PUNCT SCONJ".split())


def _parenthetical(t, lo: int, hi: int):
    """``(start, subject)`` of a cue set off by commas inside its clause: where its content starts
    ("The government, he said, faced …": the sentence start; "So, she stressed, it would …": after
    the cue's comma) and who speaks; None when the cue is not such an aside."""
    if t.dep_ != "parataxis" or t.head.i <= t.i:
        return None
    subj = next((c for c in t.children if c.dep_ == "nsubj" and c.i < t.i), None)
    if subj is None or subj.lower_ in ("i", "we") or t.lemma_ == "ask":
        return None  # the reporter's own aside ("Has he, I ask him, agreed …?") is no source
    sub = sorted(t.subtree, key=lambda x: x.i)
    first, last = sub[0], sub[-1]
    doc = t.doc
    if first.text != "," and first.i > lo and doc[first.i - 1].text == ",":
        first = doc[first.i - 1]
    if last.text != "," and last.i + 1 < hi and doc[last.i + 1].text == ",":
        last = doc[last.i + 1]
    if first.text != "," or last.text != "," or last.i + 1 >= hi or first.i <= lo:
        return None
    before = doc[lo: first.i]
    if all(x.pos_ in _CONNECTIVES for x in before):
        return doc[last.i + 1].idx, subj
    return before[0].idx, subj


def _inverted_subject(c, hi: int) -> bool:
    """"…, reported ABC News.": the parse reads the outlet after the cue as its object; a name
    that closes the sentence right after the cue is the inverted subject."""
    if c.dep_ != "dobj" or c.pos_ != "PROPN" or c.i != c.head.i + 1 + sum(1 for x in c.lefts):
        return False
    rest = [x for x in c.doc[max(x.i for x in c.subtree) + 1: hi] if not x.is_punct]
    return not rest


def _has_finite_verb(toks) -> bool:
    return any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in toks)


def doc_attributions(doc, *, min_quote_words: int = 4, continuation_chars: int = 600) -> list[dict]:
    """Attributions of one spaCy ``Doc`` as a list of dicts (see :func:`attributions`)."""
    text = doc.text
    person_ents, persons, roles = _people(doc, text)
    state = _DocState(doc, text, persons, roles, person_ents=person_ents, given_by_key=_families(person_ents))
    state.nationality_words = {t.lower_ for e in doc.ents if e.label_ in ("GPE", "NORP") for t in e}
    state.described = _descriptions(state)
    credits = list(_POST_CREDIT.finditer(text))  # embedded posts' credit lines
    sents = _sentences(text, credits)
    sent_starts = [s for s, _ in sents]
    quotes_, _ = find_quotes(text)
    for q in quotes_:
        if q.merged:  # it runs up to the next paragraph's mark
            q.end = q.start + len(text[q.start: q.end].rstrip())
            m = _INNER_CUE.search(text, q.start + 1, q.end)
            if m is not None and re.fullmatch(r"[^.!?\"\u201c\u201d]*[.!?]", text[m.end(): q.end].strip()):
                # "…affected by this, his lawyer, X, told the court. \"He will …": the reporting clause
                # that ends it shows where the scrape lost the closing mark
                q.end, q.closed, q.merged = m.start() + 2, True, False
        elif not q.closed and not q.continued:
            m = _INNER_CUE.search(text, q.start + 1, q.end)
            if m is not None:  # "We did all we could, the coach said.  -> pair up to the comma
                q.end, q.closed = m.start() + 2, True
            else:  # otherwise the quotation is taken to run to the end of its sentence
                m = re.search(r"[.!?](?=\s|$)", text[q.start + 1: q.end])
                if m is not None:
                    q.end = q.start + 1 + m.end()
    state.quote_spans = [(q.start, q.end) for q in quotes_]
    state.marked.clear()  # names resolved while the quotations were found were told apart without them

    def sent_of(pos: int) -> int:
        k = int(np.searchsorted(sent_starts, pos, side="right")) - 1
        return max(k, 0)

    def in_quote(pos: int) -> Quote | None:
        for q in quotes_:
            if q.start <= pos < q.end:
                return q
        return None

    def sent_tokens(k: int) -> tuple[int, int]:
        sp = doc.char_span(sents[k][0], sents[k][1], alignment_mode="expand")
        return (sp.start, sp.end) if sp is not None else (0, len(doc))

    atts: list[_Att] = []
    used_cues: set[int] = set()
    handled_quotes: set[int] = set()

    def post_span(end: int, *, tagged: bool = False) -> tuple[int, int]:
        """An embedded post ends at ``end``; it starts with its sentence or the sentences before it
        that fit in a post and are not the article's own reporting (with ``tagged``, only those
        with a hashtag or handle: without a credit line nothing else tells the post from the article)."""
        para_start = text.rfind("\n", 0, end) + 1
        # posts in a row, each followed by its link, share a sentence in the flattened text
        links = [x.end() for x in _POST_LINK.finditer(text, para_start, end)]
        para_start = max([para_start, *links])
        k = sent_of(max(end - 1, 0))
        start = max(sents[k][0], para_start)
        while k > 0 and end - sents[k - 1][0] <= 280 and sents[k - 1][0] >= para_start:
            prev = text[sents[k - 1][0]: sents[k - 1][1]]
            if any(c in prev for c in _QUOTE_CHARS) or re.search(r"\b(said|says|told|according)\b", prev):
                break
            if tagged and not re.search(r"[#@]\w", prev) and not all(w[:1] in "#@" for w in text[start:end].split()):
                break  # (a trailer of hashtags alone belongs to the sentence before it)
            k -= 1
            start = sents[k][0]
        return _trim(text, start, end)

    # ---------------------------------------------------------- social-media embeds
    for m in credits:
        author = (m.group(1) or m.group(3) or "").strip()
        a_start = m.start(1) if m.group(1) else m.start(3)
        end = m.start()
        link = re.search(r"\s*(?:pic\.twitter\.com/\S+|https?://t\.co/\S+)\s*$", text[:end])
        if link:
            end = link.start()
        s0, e0 = post_span(end)
        if e0 - s0 < 3:
            continue
        toks = _span_tokens(doc, a_start, a_start + len(author))
        persons_in = [e for e in state.person_ents if a_start <= e.start_char < a_start + len(author)]
        if persons_in:
            e = max(persons_in, key=len)
            i0 = e.start
            while i0 - 1 >= 0 and doc[i0 - 1].idx >= a_start and doc[i0 - 1].text[:1].isupper() and \
                    doc[i0 - 1].lower_ not in _NOT_NAME_WORDS:
                i0 -= 1
            name = _clean_name(doc[i0: e.end].text)
        else:
            name = _clean_name(author)
        name = _full_name(state, name)
        role = _roles_of(toks, toks[0]) if toks else ""
        typ = "media" if not persons_in and _is_media_name(name) else (
            "person" if persons_in or len(name.split()) >= 2 else "unknown")
        relayed = _POST_QUOTING.search(text, s0, e0)
        quoted = [e for e in state.person_ents if relayed is not None and relayed.start(1) <= e.start_char < relayed.end(1)]
        if quoted and relayed.end() >= e0 - 1:
            # an outlet's post that quotes someone ("Donald Tusk: 'There is no reason …'"): their words
            said = text[quoted[0].start_char: relayed.end(1)]
            sp = Speaker(said, _full_name(state, _clean_name(said)), "person", "", quoted[0].start_char)
            atts.append(_Att("direct", relayed.start(2), relayed.end(2), sp, ":", resolved=True))
            continue
        sp = Speaker(author, name, typ, role, a_start)
        atts.append(_Att("direct", s0, e0, sp, "post", resolved=True))

    def uncredited_posts(link: str) -> None:
        for m in re.finditer(link, text):
            if any(x.start <= m.start() <= x.end + 2 for x in atts) or in_quote(m.start()):
                continue
            s0, e0 = post_span(m.start(), tagged=True)
            if e0 - s0 >= 12 and not any(x.start < e0 and s0 < x.end for x in atts):
                atts.append(_Att("direct", s0, e0, Speaker(), "post", resolved=True))

    # an embedded post whose credit line the scraper dropped: its text, then only the picture link
    uncredited_posts(r"\s*\bpic\.twitter\.com/\w+")

    # ----------------------------------------------------------------- direct quotes
    ordered = sorted(quotes_, key=lambda q: q.start)
    for qi, q in enumerate(ordered):
        cs, ce = q.content
        inner = text[cs:ce]
        nwords = len(inner.split())
        if nwords == 0:
            continue
        if q.continued:
            a, b = _trim_quote(text, cs, ce)
            atts.append(_Att("direct", a, b, None, "", pending_next=True))
            handled_quotes.add(q.start)
            continue
        k = sent_of(q.start)
        ss, se = sents[k]
        prev_close = ordered[qi - 1].end if qi > 0 else 0
        next_open = ordered[qi + 1].start if qi + 1 < len(ordered) else len(text)
        b0 = max(ss, prev_close)
        before = text[b0: q.start]
        k2 = sent_of(max(q.end - 1, q.start))
        after_end = min(max(sents[k2][1], q.end), next_open)
        last_punct = inner.rstrip().rstrip("'\u2019\"").rstrip()[-1:]
        extended = after_end <= q.end + 1 and k2 + 1 < len(sents) and last_punct in ",?!"
        if extended:
            after_end = min(sents[k2 + 1][1], next_open)
        after = text[q.end: after_end]
        first_after = after.lstrip(" -")[:1]
        ends_unit = last_punct in ",?!" or after[:1] in ",?!" or first_after.islower() or first_after == ","
        starts_unit = before.rstrip().endswith((":", ",", ":-", ",-")) or before.strip(" -\u2014") == ""

        found = None
        participle = None
        # 1) cue after: `"…," X said` / `"…," said X` / `"…" the statement reads`
        if ends_unit and starts_unit:
            toks = [t for t in _span_tokens(doc, q.end, after_end) if t.idx >= q.end]
            for t in toks[:45]:
                if t.text in _QUOTE_CHARS:
                    break
                if t.is_punct and t.text in ".!?;" and t.idx > q.end + 1 and \
                        not (t.text == "." and _ABBREV.search(text[max(0, t.idx - 6): t.idx + 1])):  # "Col. John Thomas told"
                    break
                if not (_is_cue(t, quote=True) and t.i not in used_cues):
                    continue
                if extended and any(c.i > t.i and (c.dep_ in ("ccomp", "xcomp") or c.dep_ == "dobj" and _lemma(t) not in _QUOTE_ADDRESS_CUES)
                                    for c in t.children):
                    break  # '"…?" The council has promised a review': a sentence of its own, not the frame
                lead = [x for x in toks if x.i < t.i and not x.is_punct]
                if len(lead) > 6 and last_punct != ",":
                    break
                lo, hi = toks[0].i, toks[-1].i + 1
                subj = _subject_of(t, lo, hi)
                quoted_as = _quoted_as(t)
                if quoted_as is not None:  # '"…," the Times quoted a government source as saying'
                    subj = quoted_as
                if subj is None and lead:  # "…," 9-year-old Ahmad is quoted as saying: the subject, not "year"
                    subj = next((x for x in lead if x.dep_ in ("nsubj", "nsubjpass")), None)
                if subj is None and lead:
                    # the head of the phrase the parse hung elsewhere ("Vadim Vasilyev, a vice-president
                    # …, said", "the club's director general said"), not its first noun
                    nouns = [x for x in lead if x.pos_ in ("PROPN", "NOUN", "PRON")]
                    heads = [x for x in nouns if x.head not in lead]
                    subj = (heads or nouns)[0] if nouns else None
                if subj is None and t.tag_ == "VBG":  # '…," saying he would stay': no inversion; the speaker
                    participle = t                      # is the one introducing the quote, else the last one
                    break
                if subj is None:  # inversion: said X
                    stop = next((x.i for x in toks if x.i > t.i and ((x.is_punct and x.text not in "-'") or x.dep_ == "relcl"
                                 or x.lower_ in ("who", "which", "in", "on", "at", "during", "after", "before", "while", "to"))), hi)
                    np_toks = [x for x in toks if t.i < x.i < stop]
                    heads = [x for x in np_toks if x.head not in np_toks]
                    if heads:
                        found = (t, _mention_tokens(heads[0], t.i + 1, stop))
                        break
                if subj is not None and subj.lower_ == "it" and subj.dep_ == "nsubjpass" and \
                        before.rstrip().endswith((":", ":-")):
                    break  # 'He … said: "…", it was alleged': the colon's cue, hedged by the writer
                found = (t, _mention_tokens(subj, lo, hi) if subj is not None else [])
                break
        # 2) cue before: `X said: "…"` / `, he said, "…"` / `saying: "…"`
        if found is None and starts_unit and before.strip(" -\u2014"):
            toks = [t for t in _span_tokens(doc, b0, q.start) if t.idx + len(t) <= q.start]
            split = qi > 0 and b0 == prev_close and prev_close > ss  # "A," she said, "B."
            cues = [t for t in toks if _is_cue(t, quote=True) and (t.i not in used_cues or split) and not _negated(t)]
            if cues:
                t = cues[-1]
                hi = toks[-1].i + 1
                # not before a post's credit line, which ends a sentence the parse runs on
                credit = [m.end() for m in credits if m.group(1) and ss - 200 <= m.start() and m.end() <= t.idx]
                first = next((x.i for x in doc[max(0, t.i - 60): t.i] if x.idx >= credit[-1]), t.i) if credit else 0
                subj = _subject_of(t, max(0, t.i - 60, first), hi)
                if subj is None:  # the parse lost the subject ("Col. X, spokesman for Y, said:- \"…\""): the person named
                    named = [e for e in state.person_ents if b0 <= e.start_char and e.end <= t.i]
                    # not the one honoured or addressed ("X paid tribute to Mrs Haughey, saying:")
                    named = [e for e in named if not (e.root.dep_ in ("dobj", "dative") and e.root.head == t.head or e.root.dep_ == "pobj"
                                                      and e.root.head.head == t.head and t.head != t)] or named
                    subj = named[-1].root if named else None
                found = (t, _mention_tokens(subj, max(0, t.i - 60), hi) if subj is not None else [])
        if found is None and participle is not None:
            found = (participle, [])
        if found is not None:
            cue_tok, stoks = found
            used_cues.add(cue_tok.i)
            a, b = _trim_quote(text, cs, ce)
            atts.append(_Att("direct", a, b, None, _cue_name(cue_tok), cue_tok.i, stoks=stoks))
            handled_quotes.add(q.start)
            continue
        if q.merged and not before.rstrip().endswith((":", ":-")):
            # a paragraph of a quotation whose cue comes with a later paragraph
            a, b = _trim_quote(text, cs, ce)
            atts.append(_Att("direct", a, b, None, "", pending_next=True))
            handled_quotes.add(q.start)
            continue
        # 3) colon without a verb, or no cue at all: the previous speaker goes on
        sentence_initial = before.strip(" -\u2014") == "" or before.rstrip().endswith((":", ":-"))
        # a quotation closed by its own full stop, question or exclamation mark is a sentence of
        # its own, whatever follows ("… afraid?" Since the war began …, "… to forecast." a byline)
        whole = after.strip(" -.\u2014") == "" or last_punct in ".?!" and not first_after.islower()
        if sentence_initial and nwords >= min_quote_words and whole or (
            sentence_initial and before.rstrip().endswith((":", ":-"))
        ):
            colon = before.rstrip().endswith((":", ":-"))
            subj_toks, label = [], None
            if colon:
                toks = [t for t in _span_tokens(doc, b0, q.start) if t.idx + len(t) <= q.start]
                ends = [k for k, t in enumerate(toks[:-1]) if t.text in (".", "?", "!")]
                if ends:  # the sentence of the colon, not one before it ("… Ranieri said. Jason Bourne: …")
                    toks = toks[ends[-1] + 1:]
                subj = next((t for t in toks if t.dep_ == "nsubj"), None)
                acc = next((t for t in toks[:-1] if t.lower_ == "according" and doc[t.i + 1].lower_ == "to"), None)
                if subj is None and acc is not None:  # "According to a Centcom statement: \"…\""
                    subj = next((c for c in doc[acc.i + 1].children if c.dep_ == "pobj"), None)
                if subj is None and toks and not any(t.pos_ in ("VERB", "AUX") for t in toks):
                    # a label without a verb: "BBC Radio Leicester's Jason Bourne: \"…\"" is Bourne's,
                    # not a continuation of whoever spoke before
                    label = next((e for e in state.person_ents if e.end == toks[-1].i and toks[-1].text == ":"
                                  and e.start >= toks[0].i and _namelike(e)), None)
                    subj = label.root if label is not None else None
                if subj is not None:
                    subj_toks = _mention_tokens(subj, toks[0].i, toks[-1].i + 1)
            a, b = _trim_quote(text, cs, ce)
            cue = ("according to" if subj_toks and acc is not None and subj is not None and subj.head.i == acc.i + 1
                   else ":") if colon else ""
            atts.append(_Att("direct", a, b, None, cue, pending=not (colon and label is not None), stoks=subj_toks))
            handled_quotes.add(q.start)

    # an interview printed as Q&A ("DW: …? Martin Kobler: …  …? …"): found first, because its answers
    # (below) replace the interviewee's labelled turns, which would run across the unlabelled questions
    label, answers = _interview(text, sents)

    # ------------------------------------------- transcript turns: "DUFFY: Yes, he was."
    # not a name before a quotation in marks ('Weber: "We don't want …"', a caption the scraper
    # may print twice): the quotation is found with its colon below
    turns = [(m, name) for m in _TURN.finditer(text)
             if _turn_context(text, m.start(1)) and text[m.end(): m.end() + 2].lstrip()[:1] not in _QUOTE_CHARS
             and (name := _turn_speaker(state, m.group(1)))]
    if len(turns) >= 2:  # one "Name:" is a caption or a headline; a transcript has turns
        for i, (m, name) in enumerate(turns):
            if answers and m.group(1) == label:
                continue
            nxt = turns[i + 1][0].start(1) if i + 1 < len(turns) else len(text)
            # a turn ends at the next label or paragraph, also a paragraph break the scraper
            # flattened to "-" after the sentence ("You can.- Duffy claimed …")
            brk = re.compile(r"\n|(?<=[.?!\"\u201d])-(?=\s*[A-Z])").search(text, m.end(), nxt)
            a, b = m.end(), brk.start() if brk else nxt
            while b > a and text[b - 1] in " \t-\u2014\u2013":  # keep the turn's own final punctuation
                b -= 1
            if b - a < 2 or any(x.start <= a < x.end for x in atts):
                continue
            atts.append(_Att("direct", a, b, Speaker(m.group(1), name, "person", "", m.start(1)), ":", resolved=True))

    # ---------------------------------------------------------- the interview's answers
    if answers:
        name = _turn_speaker(state, label) or _clean_name(label)
        answers_ = [(a, b) for a, b in answers if not any(x.start <= a < x.end for x in atts)]
        atts = [x for x in atts if not any(a <= x.start < b for a, b in answers_)]
        for i, (a, b) in enumerate(answers_):
            atts.append(_Att("direct", a, b, Speaker(label, name, "person", "", a), ":" if i == 0 else "", resolved=True))
        handled_quotes.update(q.start for q in quotes_ if any(a <= q.start < b for a, b in answers_))

    # --------------------------------------------------------------- reported speech
    for t in _cue_candidates(doc):
        if t.i in used_cues or not (_is_cue(t, quote=False) or _closing_cue(t)) or in_quote(t.idx) or _negated(t):
            continue
        if t.dep_ in ("amod", "acl", "compound") and not _finite_acl(t) or any(c.dep_ == "auxpass" for c in t.children) and t.lemma_ not in ("quote",):
            continue
        if any(c.dep_ == "aux" and c.lower_ in ("could", "might", "may", "should", "would") for c in t.children):
            continue  # hypothetical: "could argue that"
        if t.dep_ == "xcomp" and t.head.lemma_.lower() in _NOT_YET:
            continue  # "Leaders are expected to declare that …": not said yet
        if _impersonal_infinitive(t):
            continue  # "it is fair to say that …", "too early to say whether …": nobody says it
        k = sent_of(t.idx)
        ss, se = sents[k]
        lo, hi = sent_tokens(k)
        lem = t.lemma_.lower()
        comp = _complement(t, se)
        subj = _subject_of(t, lo, hi)
        if subj is None and t.head.i < lo or subj is None and t.dep_ == "conj" and t.head.i < lo:
            pre = [x for x in doc[lo: t.i] if not (x.pos_ == "AUX" and x.dep_ == "aux")]
            if pre and _frame_ok(pre):
                nouns = [x for x in pre if x.pos_ in ("NOUN", "PROPN", "PRON")]
                subj = nouns[-1] if nouns else None
        if subj is None and t.tag_ in ("VBD", "VBZ", "VBP") and doc[t.i - 1].text == ",":
            # "Molly Cox, 32, Ferguson's sister, said": a name and its apposition, which the parse
            # tied to something earlier (a post glued on before it)
            e = next((e for e in state.person_ents if lo <= e.start and e.end < t.i - 1 and t.i - e.end <= 8
                      and doc[e.end].text == "," and _namelike(e)
                      and not any(x.pos_ in ("VERB", "AUX") for x in doc[e.end: t.i])), None)
            subj = e.root if e is not None else None
        if subj is None:
            subj = _subject_of(t, max(0, lo - 30), hi)
        if subj is None and t.tag_ in ("VBD", "VBZ", "VBP"):
            # the parse lost the subject of "Another prosecutor …, Harold Flores, told X that" or
            # "Following his talks with Lavrov, Tillerson told": the person named right before the verb
            e = next((e for e in state.person_ents if lo < e.start and _namelike(e) and (e.end == t.i or e.end + 1 == t.i
                      and doc[e.end].text == "," and doc[e.start - 1].text == ",")), None)
            subj = e.root if e is not None else None
        if subj is not None and subj.ent_type_ == "GPE" and _WIRE_DATELINE.match(text, subj.idx):
            # "TAIPEI, Taiwan, Feb. 7, 2017 /PRNewswire/ -Infortrend Technology, Inc. today announced":
            # the place of the dateline is no source; the parse hangs the company off it
            subj = next((c for c in subj.children if c.dep_ in ("appos", "conj") and c.ent_type_ in ("ORG", "PERSON")), None)
        if subj is not None:
            subj = _adjacent_person(t, subj) or subj
        if comp is not None:
            first = comp[0]
            a = first.idx
            if a <= t.idx or first.lower_ in _REFLEXIVES:
                continue  # "proclaimed himself leader of a caliphate": a title taken, not a statement
            b = _cut_end(text, a, se)
            b = _cut_nested(doc, text, a, b, t)
            quoted = next((q for q in quotes_ if q.closed and t.idx + len(t) <= q.start <= a and q.end < b
                           and not text[t.idx + len(t): q.start].strip()), None)
            if quoted is not None and text[quoted.content[0]: quoted.content[1]].rstrip().endswith(","):
                # 'claimed "dozens were killed," a number at odds with …': the quotation is the whole
                # complement; the comma inside its marks ends it
                a, b = _trim_quote(text, *quoted.content)
            else:
                quoted = None
                a, b = _trim(text, a, b)
            if b - a < 3:
                continue
            quoted_as = _quoted_as(t)  # X quoted Y as saying ...: the speaker is Y
            if quoted_as is not None:
                subj = quoted_as
            if subj is None:
                continue
            if not _can_speak(subj, t):
                continue
            if lem in ONLY_REPORT_SUBJ and not _reports(subj, lem):
                continue
            stoks = _mention_tokens(subj, min(lo, subj.i), hi)
            kind = "direct" if quoted is not None else _kind(text, a, b, quotes_)
            atts.append(_Att(kind, a, b, None, _cue_name(t), t.i, stoks=stoks))
            used_cues.add(t.i)
            continue
        # "As X noted, CONTENT." / "CONTENT, as X pointed out."
        as_ = next((c for c in t.children if c.lower_ == "as" and c.dep_ in ("mark", "advmod", "prep") and c.i < t.i), None)
        if as_ is not None and any(c.dep_ == "nsubj" for c in t.children):
            rest = text[t.idx: se]
            c = rest.find(",")
            comma = text.rfind(",", ss, as_.idx)
            if c < 0 and comma > ss and not text[comma + 1: as_.idx].strip() and \
                    re.fullmatch(r"[\s\w\-]*[.!?\"\u201d']*\s*", text[t.idx + len(t): se]):
                a, b = _trim(text, ss, comma)  # the cue closes the sentence: the content is before "as"
                # only plain speech verbs: "…, as Trump had promised" or "…, as economists predicted" tell
                # what came true or was expected, and a negated clause ("they never attacked anyone, as
                # she said") states the opposite of what the source said
                ctoks = _span_tokens(doc, a, b)
                if b - a > 10 and lem in _AS_CUES and doc[as_.i + 1].lower_ not in ("if", "though") and \
                        not any(x.dep_ == "neg" or x.lower_ in ("never", "nor") for x in ctoks) and \
                        not any(ch in text[a:b] for ch in _QUOTE_CHARS):
                    atts.append(_Att(_kind(text, a, b, quotes_), a, b, None, _cue_name(t), t.i,
                                     stoks=_mention_tokens(subj, lo, hi)))
                    used_cues.add(t.i)
                continue
            if c > 0:
                a, b = _trim(text, t.idx + c + 1, _cut_end(text, t.idx + c + 1, se))
                if b - a > 10:
                    atts.append(_Att(_kind(text, a, b, quotes_), a, b, None, _cue_name(t), t.i,
                                     stoks=_mention_tokens(subj, lo, hi)))
                    used_cues.add(t.i)
            continue
        # a parenthetical cue: "The exchange, she stressed, would be expedient." / "So, she stressed, …"
        par = _parenthetical(t, lo, hi)
        if par is not None:
            a, b = _trim(text, par[0], se)
            ctoks = _span_tokens(doc, a, b)
            subj = par[1]
            if b - a > 10 and _has_finite_verb(ctoks) and not any(ch in text[a:b] for ch in _QUOTE_CHARS) and _animate(subj):
                atts.append(_Att(_kind(text, a, b, quotes_), a, b, None, _cue_name(t), t.i, stoks=_mention_tokens(subj, lo, hi)))
                used_cues.add(t.i)
            continue
        # post-posed cue: "CONTENT, X said." / "CONTENT, said X." / "CONTENT, X told Y."
        if lem in ONLY_REPORT_SUBJ | TO_CUES - {"ask"} | {"make", "point"}:
            continue
        if any(c.dep_ in ("dobj", "xcomp", "ccomp") and not (lem in _ADDRESS_CUES and c.dep_ == "dobj")
               and not _inverted_subject(c, hi) for c in t.children if c.i > t.i):
            continue
        left = text[ss: t.idx]
        m = None
        commas = list(re.finditer(r"[,?!][\"\u201d]?[\s\-\u2014]*", left))
        m = commas[-1] if commas else None
        if m is None:
            continue
        named = []
        after = doc[t.i + 1] if t.i + 1 < len(doc) else None
        inverted = after is not None and (after.pos_ in ("PROPN", "NOUN", "DET", "ADJ") or after.ent_type_ == "PERSON")
        aux_only = all(x.dep_ in ("aux", "auxpass") for x in doc[max(0, t.i - 3): t.i] if x.idx >= ss + commas[-1].end())
        if len(commas) >= 3 and (commas[-1].end() == len(left) or aux_only) and (
                lem in _ADDRESS_CUES or not inverted):
            # "CONTENT, Nicholson, the top US commander, told Congress" / "CONTENT, Nasr al-Hariri,
            # the chief negotiator, said on Monday": the speaker is the one person named between
            # the commas before the cue (after "told" comes the addressee, not the speaker)
            lo_c = commas[-3].end() + ss
            named = [e for e in state.person_ents if lo_c <= e.start_char and e.end < t.i
                     and e.root.dep_ != "poss"]  # not the "Sylvia" of "Brandon Farelas, Sylvia's son,"
            if len(named) == 1:
                m = commas[-3]
        closing = m.group()[1:2] in ('"', "\u201d")
        frame_toks = [x for x in _span_tokens(doc, ss + m.end(), t.idx) if x.idx >= ss + m.end() and x.i < t.i]
        frame_toks = [x for x in frame_toks if not (x.pos_ in ("AUX",) and x.dep_ == "aux" or x.is_punct)]
        if len(frame_toks) > 14 or not _frame_ok(frame_toks):
            continue
        if any(c in text[ss + m.end(): t.idx] for c in _QUOTE_CHARS):
            continue
        if m is commas[-1] and frame_toks and any(x.lower_ in ROLE_NOUNS for x in frame_toks) and \
                not any(x.ent_type_ == "PERSON" for x in frame_toks):
            # "CONTENT, Sean Connolly, program leader of …, Queensland and the paper's co-author
            # told CNN": the role ends a description of the one person named after an earlier comma
            opener = [(c, e) for c in commas[:-1] for e in state.person_ents
                      if e.start_char == ss + c.end() and e.end < t.i and _namelike(e)
                      and text[e.end_char: e.end_char + 1] == ","]  # "NAME, description …", not "Besides, Jordan is …"
            if len(opener) == 1:
                m, named = opener[0][0], [opener[0][1]]
                closing = m.group()[1:2] in ('"', "\u201d")
        a, b = _trim(text, ss, ss + m.start() + (2 if closing else 0))
        qprev = [q for q in quotes_ if a - 1 <= q.start and q.end <= b + 2]
        if any(q.start in handled_quotes for q in qprev) and qprev and qprev[-1].end >= b - 1:
            continue
        ctoks = [x for x in _span_tokens(doc, a, b)]
        if b - a < 10 or len(text[a:b].split()) < 3 or not _has_finite_verb(ctoks):
            continue
        if m is not commas[-1]:
            subj = named[0].root  # the one person the apposition frame names
            stoks = list(doc[named[0].start: named[0].end])
        elif frame_toks:
            subjs = [x for x in frame_toks if x.dep_ in ("nsubj",) and x.head == t]
            # two subjects where the parse split "the General Consul … Ahmed Abdi Hassan told": the name
            subj = next((x for x in subjs if x.ent_type_ == "PERSON"), subjs[0] if subjs else None)
            if subj is None:
                nouns = [x for x in frame_toks if x.pos_ in ("NOUN", "PROPN", "PRON")]
                heads = [x for x in nouns if x.head not in frame_toks or x.head == x]
                subj = heads[0] if heads else nouns[-1]
            stoks = _mention_tokens(subj, frame_toks[0].i, t.i)
        else:  # inversion
            stop = next((x.i for x in doc[t.i + 1: hi] if (x.is_punct and x.text not in "-'") or x.dep_ in ("relcl",)
                         or x.lower_ in ("who", "on", "in", "at", "to", "during")), hi)
            np_toks = list(doc[t.i + 1: stop])
            if not np_toks:
                continue
            heads = [x for x in np_toks if x.head not in np_toks]
            stoks = _mention_tokens(heads[0], t.i + 1, stop) if heads else np_toks
        sh = [x for x in stoks if x.head not in stoks or x.head == x]
        if not stoks or not _can_speak(sh[0] if sh else stoks[-1], t):
            continue
        atts.append(_Att(_kind(text, a, b, quotes_), a, b, None, _cue_name(t), t.i, stoks=stoks))
        used_cues.add(t.i)

    # ------------------------------------------------------------------ according to
    for t in _tokens_with_lower(doc, "according"):
        if t.i + 1 >= len(doc) or doc[t.i + 1].lower_ != "to":
            continue
        if in_quote(t.idx):
            continue
        to = doc[t.i + 1]
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        k = sent_of(t.idx)
        ss, se = sents[k]
        if pobj is None:
            nxt = [x for x in doc[t.i + 2: t.i + 10] if x.pos_ in ("PROPN", "NOUN", "PRON")]
            if not nxt:
                continue
            # "according to credit ratings agency Fitch Ratings Inc.": the parse left the phrase
            # headless; the name in it, not its first noun, is the source
            names_in = [x for x in nxt if x.ent_type_ in ("ORG", "PERSON") and not any(p.is_punct for p in doc[t.i + 2: x.i])]
            pobj = names_in[0] if names_in else nxt[0]
        if pobj.lemma_.lower() in _NOT_SOURCES:
            continue  # "integrate according to the preferences of member states": in line with
        org_name = _ent_around(doc, pobj.i + 1) if pobj.pos_ == "NOUN" and pobj.lemma_.lower() in ORG_NOUNS and \
            pobj.i + 1 < len(doc) and doc[pobj.i + 1].ent_iob_ == "B" and doc[pobj.i + 1].ent_type_ == "ORG" else None
        # "according to the anti-settlement organization Peace Now": the name, however the parse hung it
        stoks = list(org_name) if org_name is not None else _mention_tokens(pobj, t.i + 2, len(doc))
        phrase_end = max(x.idx + len(x) for x in stoks)
        by = next((c for c in pobj.children if c.dep_ == "prep" and c.lower_ in ("by", "from", "of")), None)
        if by is not None and pobj.lemma_.lower() in REPORT_NOUNS:
            inner_obj = next((c for c in by.children if c.dep_ == "pobj"), None)
            if inner_obj is not None and by.lower_ == "of" and not (
                    inner_obj.ent_type_ in ("ORG", "PERSON", "GPE", "NORP") or inner_obj.lemma_.lower() in ORG_NOUNS):
                inner_obj = None  # "a staff analysis of Bradley's bill": what it is about, not who made it
            if inner_obj is not None:
                stoks = _mention_tokens(inner_obj, inner_obj.left_edge.i, len(doc))
                phrase_end = max(phrase_end, max(x.idx + len(x) for x in stoks))
        p0 = t.idx
        pre = text[ss:p0]
        if pre.strip(" ,-\u2014") == "":
            app = next((c for c in pobj.children if c.dep_ == "appos" and c.i > pobj.i and c.lower_ in ROLE_NOUNS | ANON_NOUNS
                        and c.right_edge.i + 1 < len(doc) and doc[c.right_edge.i + 1].text == ","), None)
            if app is not None:  # "According to Wang Lu, an analyst from X, imports …": the description is no content
                phrase_end = max(phrase_end, doc[app.right_edge.i].idx + len(doc[app.right_edge.i]))
            rest = text[phrase_end:se]
            c = rest.find(",")
            a, b = (phrase_end + c + 1, se) if c >= 0 else (phrase_end, se)
        else:
            a, b = ss, p0
            # "A, the army said, though B, according to X": X only vouches for B
            for mm in re.finditer(r",\s+(?:the\s+)?[\w\s'\-]{0,40}?\b(?:said|says|added|reported|told \w+)\b[^,]{0,30},\s*(?:though|but|while|and)?\s*", pre):
                a = ss + mm.end()
            tail = text[phrase_end:se].strip(" .,-\u2014\"")
            if tail and len(tail.split()) > 3 and not tail.lower().startswith(("and ", "which", "who")):
                b = se
        a, b = _trim(text, a, b)
        if b - a < 10:
            continue
        atts.append(_Att(_kind(text, a, b, quotes_), a, b, None, "according to", t.i, stoks=stoks))

    # ------------------------- quotations left over: a paraphrase whose parse went astray
    covered = [(x.start, x.end) for x in atts]
    for q in ordered:
        if q.start in handled_quotes or not q.closed:
            continue
        cs, ce = q.content
        if any(a - 1 <= cs and ce <= b + 1 for a, b in covered):
            continue
        words = text[cs:ce].split()
        if not words or (len(words) <= 3 and all(w[:1].isupper() for w in words)):
            continue  # a quoted name or title
        k = sent_of(q.start)
        ss, se = sents[k]
        lo, hi = sent_tokens(k)
        cues = [t for t in doc[lo:hi] if t.idx < q.start and t.i not in used_cues and not in_quote(t.idx)
                and (_is_cue(t, quote=False) or _characterises(t, q)) and not _negated(t)
                and t.dep_ not in ("amod", "acl", "compound") and not any(c.dep_ == "auxpass" for c in t.children)]
        if not cues:
            continue
        t = cues[-1]
        subj = _subject_of(t, lo, hi)
        if subj is None or not _can_speak(subj, t):
            continue
        if _characterises(t, q):
            # the span runs from the object (or the quotation) to the end of the quotation
            obj = next((c for c in t.children if c.dep_ == "dobj" and c.i > t.i), None)
            a = min(obj.left_edge.idx if obj is not None else q.start, q.start)
            a, b = _trim(text, a, q.end)
            atts.append(_Att("mixed", a, b, None, _cue_name(t), t.i, stoks=_mention_tokens(subj, min(lo, subj.i), hi)))
            used_cues.add(t.i)
            covered.append((a, b))
            continue
        obj = next((c for c in t.children if c.dep_ in ("dobj", "attr")), None)
        if obj is not None and obj.left_edge.idx <= q.start < obj.right_edge.idx + len(obj.right_edge):
            continue  # "promised a "phased-in" approach": a noun object, not reported content
        nxt = t.i + 1
        while nxt < hi and (doc[nxt].lower_ in ("that",) or doc[nxt].is_punct and doc[nxt].text not in _QUOTE_CHARS
                            or doc[nxt].dep_ in ("npadvmod", "advmod") or doc[nxt].ent_type_ in ("DATE", "TIME")
                            or doc[nxt].lower_ in ("on", "in", "a", "an", "the", "statement", "interview")
                            and doc[nxt].i < q.start):
            nxt += 1
        if nxt >= hi:
            continue
        a = doc[nxt].idx
        b = _cut_nested(doc, text, a, _cut_end(text, a, se), t)
        a, b = _trim(text, a, b)
        if not (a <= q.start and q.end <= b + 1) or b - a < 5:
            continue
        atts.append(_Att("mixed", a, b, None, _cue_name(t), t.i, stoks=_mention_tokens(subj, min(lo, subj.i), hi)))
        used_cues.add(t.i)
        covered.append((a, b))

    # the same with only the post's short link, which also ends posts the text quotes or credits
    # ("as reported here: https://t.co/…"): last, and only where nothing else was found
    uncredited_posts(r"\s*https?://t\.co/\w+")

    # ----------------------------------------- resolve speakers in text order, dedupe
    atts = _dedupe(atts, state)
    atts.sort(key=lambda x: (x.start, x.end))
    kept: list[_Att] = []
    for att in atts:
        if att.resolved:
            pass
        elif att.pending_next:
            att.speaker = Speaker()
            kept.append(att)
            continue
        elif att.pending:
            # the speaker before a multi-paragraph quotation whose earlier paragraphs wait for a cue
            chain = bool(kept) and kept[-1].pending_next
            prev = next((x for x in reversed(kept) if not x.pending_next), None)
            head = next((t for t in att.stoks if t.dep_ == "nsubj"), None) if att.cue == ":" else None
            if att.stoks and att.cue == "according to":  # "According to a Centcom statement: \"…\""
                att.speaker = _resolve(state, att.stoks, at=att.start)
            elif head is not None and head.pos_ != "PRON" and head.head.pos_ == "VERB" and _animate(head) and \
                    head.head.dep_ not in ("advcl", "relcl", "acl") and \
                    (sp := _resolve(state, att.stoks, at=att.start)).name and sp.type in ("person", "anonymous") and \
                    (prev is None or not same_name(sp.name, prev.speaker.name)):
                # "One Reddit user described the scene: \"…\"": the subject of the sentence the colon
                # ends introduces its own words, not the source quoted before
                att.speaker = sp
            elif prev is not None and (chain or att.start - prev.end <= continuation_chars) and \
                    (prev.speaker.name or prev.speaker.type != "unknown"):
                sp = prev.speaker
                topic = None if chain else _topic_person(state, prev.end, att.start)
                if topic is not None and not same_name(topic, sp.name):
                    # "Meikle believes there is a case for a ban. \"Quote …\"": the person just written about
                    att.speaker = Speaker(topic, topic, "person", "", att.start)
                else:
                    att.speaker = Speaker(sp.mention, sp.name, sp.type, sp.role, att.start)
            elif att.stoks:
                att.speaker = _resolve(state, att.stoks, at=att.start)
            else:
                continue
        else:
            att.speaker = _resolve(state, att.stoks, at=att.start) if att.stoks else _last_speaker(state, att.start)
            cited = _cited(doc, att.cue_i) if att.speaker.type == "media" else None
            if cited is not None:
                # "…, state news agency Bernama reported, citing the deputy prime minister X": X said it;
                # the agency relayed it
                sp = _resolve(state, _mention_tokens(cited, cited.left_edge.i, cited.right_edge.i + 1), at=att.start)
                if sp.name and sp.type != "media":
                    att.via, att.speaker = att.speaker.name, sp
            prev = next((x for x in reversed(kept) if not x.pending_next), None)
            if att.cue == "add" and prev is not None and att.start - prev.end <= continuation_chars and \
                    _describes(state, att.stoks, att.speaker, prev.speaker):
                # "…," the actress and former talk show host added: one adds to what one said
                sp = prev.speaker
                att.speaker = Speaker(att.speaker.mention, sp.name, sp.type, sp.role, att.start)
        state.history.append(_with_end(att.speaker, att.start))
        state.content_spans.append((att.start, att.end, att.speaker))
        kept.append(att)
    # a paragraph of a multi-paragraph quotation takes the speaker of the quotation's next part
    for i in range(len(kept) - 1, -1, -1):
        if kept[i].pending_next:
            nxt = next((x for x in kept[i + 1:] if x.kind == "direct"), None)
            if nxt is not None:
                kept[i].speaker = Speaker(nxt.speaker.mention, nxt.speaker.name, nxt.speaker.type, nxt.speaker.role, kept[i].start)
                kept[i].cue = nxt.cue
    kept = [a for a in kept if a.speaker is not None and (a.speaker.name or a.speaker.type != "unknown" or a.cue)]
    # a restatement nested in the same speaker's attribution ("…, something he said X did not want")
    nested = set()
    for i, a in enumerate(kept):
        for b in kept:
            if b is a or a.cue_i < 0 or not (b.start <= a.start and a.end <= b.end) or (b.end - b.start) <= (a.end - a.start):
                continue
            cue = doc[a.cue_i]
            in_relative = cue.dep_ in ("relcl", "acl") or cue.head.dep_ in ("relcl", "acl")
            if in_relative and b.start <= cue.idx < b.end and a.speaker.name and a.speaker.name == b.speaker.name:
                nested.add(i)
    kept = [a for i, a in enumerate(kept) if i not in nested]
    for att in kept:
        if att.via:
            continue
        k = sent_of(att.start)
        ss, se = sents[k]
        frame = text[ss:att.start] + " " + text[att.end:se]
        m = re.search(r"\b(?:cited|quoted|reported|carried)\s+by\s+((?:the\s+)?[A-Z][\w.'\-]*(?:\s+[A-Z][\w.'\-]*){0,3})", frame)
        if m is None:
            m = re.search(r"\b(?:told|according to)\s+((?:the\s+)?[A-Z][\w.'\-]*(?:\s+[A-Z][\w.'\-]*){0,3}(?:\s+news agency)?)", frame)
        if m is not None:
            outlet = _strip_det(m.group(1)).rstrip(".,;:'-")
            if _is_media_name(outlet) and not same_name(att.speaker.name, outlet):
                att.via = outlet
    rows = []
    for att in kept:
        label = _LINK_LABEL.match(text, att.start)
        if label and label.end() < att.end:  # the link label is not part of what was said
            att.start = label.end()
        sp = att.speaker
        rows.append({
            "kind": att.kind,
            "speaker": sp.mention,
            "speaker_name": sp.name,
            "speaker_type": sp.type,
            "speaker_role": sp.role,
            "cue": att.cue,
            "content": text[att.start: att.end],
            "content_start": att.start,
            "content_end": att.end,
            "sent_index": sent_of(att.start),
            "via": att.via,
        })
    return rows


#: the link an embedded post ends with: its picture or the post's own short link
_POST_LINK = re.compile(r"(?:\bpic\.twitter\.com|https?://t\.co)/\S+")
# An interview printed as questions and answers whose bold question labels the scraper dropped:
# "DW: <question>? Martin Kobler: <answer> <question>? <answer> …" (Deutsche Welle, Al Jazeera)
_INTERVIEWER = re.compile(r"(?:^|(?<=[.?!\"\u201d] ))(?:DW|Deutsche Welle|Al Jazeera|Q):\s+")
_ANSWER_LABEL = re.compile(r"(?<=[?.!\"\u201d])[ \-]{1,3}((?:(?:Dr|Prof|Mr|Mrs|Ms)\.?\s+)?[A-Z][^\s:?.!]{1,30}"
                           r"(?:[ \-][A-Z][^\s:?.!]{0,30}){0,3}):\s+(?=\S)")


def _interview(text: str, sents: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """The interviewee's label and the spans of their answers, or ``("", [])``. The first answer
    follows its label; later ones run between the questions (sentences that end in "?" or start
    with the interviewer's label). A sentence that names the interviewee in the third person (a
    caption, the closing biography) belongs to no answer."""
    m = _INTERVIEWER.search(text)
    if m is None:
        return "", []
    lab = next((x for x in _ANSWER_LABEL.finditer(text, m.end(), min(len(text), m.end() + 900))
                if "?" in text[m.end(): x.start()]), None)
    if lab is None:
        return "", []
    label = lab.group(1)
    names = {w for w in re.split(r"[ \-]", label) if len(w) > 2 and w.lower() not in TITLES}
    parts = []  # (start, end, "q" question | "t" third person | "a" answer)
    for a, b in sents:
        if b <= lab.end():
            continue
        a = max(a, lab.end())
        s = text[a:b].rstrip()
        relabelled = re.match(re.escape(label) + r":\s+", s)
        if relabelled:  # a later labelled answer: its words start after the label
            a, s = a + relabelled.end(), s[relabelled.end():]
        if re.search(r"\b(?:[Ii]nterview(?:ed)? by|interview was conducted)\b", s):
            break  # the credit line: nothing after it is the interview
        first = re.match(r"(?:Dr\.?\s+|Prof\.?\s+)?([A-Z][\w\ufffd'\-]*)", s)
        if s.endswith(("?", '?"', "?\u201d")) or _INTERVIEWER.match(s):
            kind = "q"
        elif first is not None and first.group(1) in names and not relabelled:
            kind = "t"
        else:
            kind = "a"
        parts.append((a, a + len(s), kind))
    last_q = max((k for k, p in enumerate(parts) if p[2] == "q"), default=-1)
    answers, cur = [], None
    for k, (a, b, kind) in enumerate(parts):
        if kind != "a":
            if cur:
                answers.append(cur)
            cur = None
            if kind == "t" and k > last_q:
                break  # the closing biography
            continue
        cur = (cur[0], b) if cur else (a, b)
    if cur:
        answers.append(cur)
    return label, answers


_TURN = re.compile(r"\b([A-Z][A-Za-z'\-]{2,}(?: [A-Z][A-Za-z'\-]{2,})?):[ \t]+(?=\S)")


def _turn_context(text: str, at: int) -> bool:
    """A speaker label of a transcript starts a turn: text start, a new line, or after the end
    of the previous turn (sentence punctuation, a dash, a colon)."""
    raw = text[max(0, at - 4): at].rstrip(" ")
    before = raw.rstrip("-\u2014\u2013 ")
    return at == 0 or not before or raw[-1] in "-\u2014\u2013\n" or before[-1] in '\n.?!:"\u201d])'


def _turn_speaker(state: _DocState, label: str) -> str:
    """The full name of a transcript label ("CAMEROTA", "Duffy") when the article names that
    person; "" otherwise (so "UPDATE:" or "Source:" are never turns)."""
    words = label.split()
    if any(w.lower() in TITLES or w.lower() in ROLE_NOUNS for w in words):
        return ""
    name = " ".join(w.capitalize() if w.isupper() else w for w in words)
    full = state.persons.get(_name_key(name), "")
    if full and same_name(full, name):
        return full
    # a name the NER missed or cut ("Alisyn" for "Alisyn Camerota"): the label written as a name
    # elsewhere in the article, with the capitalised words before it
    best = ""
    for m in re.finditer(r"((?:[A-Z][a-z][\w'\-]*\s){0,2})" + re.escape(name) + r"\b(?!:)", state.text):
        lead = [w for w in m.group(1).split() if w.lower() not in TITLES and w.lower() not in ROLE_NOUNS]
        cand = " ".join([*lead, name])
        if len(cand) > len(best):
            best = cand
    return best


def _characterises(t, q: Quote) -> bool:
    """``t`` is a characterising verb (:data:`CHARACTERISE_CUES`) whose phrase holds quotation ``q``:
    as its object, inside its ``as``-phrase, or as the complement of its object ("called it "…"")."""
    if t.pos_ != "VERB" or t.lemma_.lower() not in CHARACTERISE_CUES:
        return False
    if t.lemma_.lower() == "call" and _called_on(t) is not None:
        return False  # "called on X to …" is a to-cue
    doc = t.doc
    inside = [x for x in doc.char_span(q.start, q.end, alignment_mode="expand") or [] if not x.is_punct]
    if not inside:
        return False
    for x in inside:
        a = x
        for _ in range(8):
            if a.head == t:
                return a.dep_ in ("dobj", "prep", "oprd", "ccomp", "xcomp", "attr", "advcl", "npadvmod", "pobj")
            if a.head == a:
                break
            a = a.head
    return False


def _impersonal_infinitive(tok) -> bool:
    """An infinitive cue under an impersonal "it is ADJ to …" ("it was difficult to say how …",
    "It is too early to say whether …"), unlike a person's "she was quick to point out that …"."""
    if tok.dep_ != "xcomp" or tok.tag_ != "VB":
        return False
    head = tok.head.head if tok.head.pos_ == "ADJ" and tok.head.dep_ == "acomp" else tok.head
    return head.lemma_ == "be" and any(c.dep_ in ("nsubj", "expl") and c.lower_ in ("it", "this", "that")
                                       for c in head.children)


def _negated(tok) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


#: cues whose charge is "VERB someone PREP …"
_CHARGE_PREPS = {"accuse": "of", "blame": "for"}
_CONTENT_NOUNS = frozenset("contention stance position view belief claim assertion argument insistence warning "
                           "assessment conviction message point fact".split())


def _complement(t, se: int):
    """Tokens of the reported content governed by cue `t` (to its right), or None."""
    lem = t.lemma_.lower()
    doc = t.doc
    kids = [c for c in t.children if c.i > t.i and c.idx < se]
    comp = next((c for c in kids if c.dep_ == "ccomp"), None)
    if comp is None:  # "said in a statement that …": the clause hangs off the noun
        for p in (c for c in kids if c.dep_ == "prep"):
            for g in p.subtree:
                if g.dep_ in ("acl", "relcl", "ccomp") and any(m.lower_ == "that" and m.dep_ == "mark" for m in g.children):
                    comp = g
                    break
            if comp is not None:
                break
    if comp is None and lem in TO_CUES and not (lem == "call" and _called_for(t) is not None):
        comp = next((c for c in kids if c.dep_ == "xcomp" and any(g.lower_ == "to" for g in c.children)), None)
        if comp is None and lem == "call":
            on = _called_on(t)
            if on is not None:  # the infinitive hangs on "on"'s object or on "called" itself
                comp = next((g for g in (*on.subtree, *kids) if g.dep_ == "xcomp" and g.i > on.i), None)
    if comp is None and lem in _CHARGE_PREPS:
        # "accused Russia of meddling", "blamed rebels for the violence": the charge is the object
        # and its "of"/"for" phrase, which the parse hangs from either the verb or the object
        obj = next((c for c in kids if c.dep_ == "dobj"), None)
        if obj is not None and any(c.dep_ == "prep" and c.lower_ == _CHARGE_PREPS[lem]
                                   for c in (*kids, *obj.children)):
            toks = [x for x in doc[obj.left_edge.i: max(x.i for x in t.subtree) + 1] if x.idx < se]
            return toks or None
    if comp is None and lem == "call":
        # "called for the report to be revoked": what is called for, when it is a clause or a quotation
        obj = _called_for(t)
        if obj is not None:
            toks = [x for x in obj.subtree if x.idx < se and x.lower_ != "for"]
            inf = next((c for c in kids if c.dep_ == "xcomp" and c.i > obj.i), None)
            if inf is not None:  # "called for Pence to lead": the parse hangs "to lead" on "called"
                toks = [x for x in doc[toks[0].i: inf.right_edge.i + 1] if x.idx < se]
            # its own infinitive, not one deeper down ("for an improvement of capabilities, which
            # have been let to slide" is a noun object)
            if any(x.lower_ == "to" and x.dep_ == "aux" and (x.head in (obj, inf) or x.head.dep_ == "acl" and x.head.head == obj)
                   for x in toks) or any(x.text in _QUOTE_CHARS for x in toks):
                return toks
    if comp is None and lem in ("deny", "admit", "report", "recall", "acknowledge", "confirm"):
        # "denied knowing", "denied having discussed", "admitted to employing": a gerund clause
        comp = next((c for c in kids if c.dep_ in ("xcomp", "pcomp", "dobj") and _gerund(c)), None)
        to = next((c for c in kids if c.dep_ == "prep" and c.lower_ == "to" and c.i == t.i + 1), None)
        if comp is None and to is not None:
            comp = next((g for g in to.children if g.dep_ == "pcomp" and _gerund(g)), None)
        if comp is None:
            obj = next((c for c in kids if c.dep_ == "dobj" and c.lower_ in ("allegations", "reports", "claims", "accusations", "charges")), None)
            if obj is not None:
                that = next((x for x in obj.subtree if x.lower_ == "that"), None)
                if that is not None and that.i + 1 < len(doc):
                    return [x for x in doc[that.i + 1: max(x.i for x in obj.subtree) + 1]]
    if comp is None:  # "reiterated his contention that …": a content noun's that-clause
        obj = next((c for c in kids if c.dep_ == "dobj" and c.lemma_.lower() in _CONTENT_NOUNS), None)
        if obj is not None:
            comp = next((g for g in obj.children if g.dep_ in ("acl", "ccomp", "relcl", "appos")
                         and any(m.lower_ == "that" and m.dep_ == "mark" for m in g.children)), None)
    if comp is None and lem == "question":
        comp = next((c for c in kids if c.dep_ == "prep" and c.lower_ == "as"), None)
    if comp is None and lem == "describe":
        comp = next((c for c in kids if c.dep_ in ("ccomp", "advcl") and any(g.lower_ == "how" for g in c.subtree)), None)
    if comp is None:
        return None
    toks = sorted((x for x in comp.subtree if x.idx < se), key=lambda x: x.i)
    if not toks:
        return None
    # start right after a complementiser "that"; never before the cue
    toks = [x for x in toks if x.i > t.i]
    while toks and (toks[0].lower_ == "that" and toks[0].dep_ in ("mark", "nsubj", "dobj") or toks[0].is_punct and toks[0].text not in _QUOTE_CHARS):
        if toks[0].lower_ == "that" and toks[0].dep_ != "mark" and len(toks) > 1 and toks[1].pos_ in ("VERB", "AUX"):
            break
        toks = toks[1:]
    # "said Tuesday its profit dropped": the parse may hang the day on the reported verb
    if len(toks) > 1 and toks[0].dep_ == "npadvmod" and toks[0].ent_type_ in ("DATE", "TIME") and toks[0].i == t.i + 1:
        toks = toks[1:]
    return toks or None


_DATA_NOUNS = frozenset("data datum figure figures result results index".split())
#: bodies that are or speak for a government
_EXECUTIVE = frozenset("ministry government administration cabinet kremlin pentagon office department "
                       "embassy mission regime".split())


def _non_executive(name: str) -> bool:
    """A body named as something other than a government ("Committee on Climate Change")."""
    words = set(name.lower().split())
    return bool(words & (ORG_NOUNS - _EXECUTIVE)) and not words & _EXECUTIVE


#: report nouns for a piece of research, which an organisation issues ("analysis from X")
_STUDY_NOUNS = frozenset("report study analysis survey research review assessment paper".split())
#: cues a person can use as well as a report: "Paul has suggested that …", "members indicated they …"
_PERSON_REPORT_CUES = frozenset("suggest indicate".split())


def _reports(subj, lem: str) -> bool:
    """Is ``subj`` a source for a "show / find / suggest …" cue (:data:`ONLY_REPORT_SUBJ`)? A report,
    data or an organisation ("The data shows that …"); for "suggest" and "indicate" also a person
    ("Evidence suggests that …" is no one's words)."""
    words = {subj.lower_, subj.lemma_.lower()}
    if words & ORG_NOUNS or subj.ent_type_ == "ORG":  # ORG_NOUNS holds the report nouns
        return True
    if _named_appos(subj, ("ORG",)) is not None:
        return True  # "the car industry's trade body, the SMMT, indicated that …"
    return lem in _PERSON_REPORT_CUES and (subj.ent_type_ == "PERSON" or bool(words & _PERSON_WORDS))


def _finite_acl(tok) -> bool:
    """A finite verb the parse hung on the subject as a modifier, making the sentence a noun phrase
    ("The charity called on …" read as "the charity [that was] called on …")."""
    return tok.dep_ == "acl" and tok.tag_ == "VBD" and tok.head.dep_ == "ROOT" and tok.head.pos_ in ("NOUN", "PROPN")


def _gerund(tok) -> bool:
    """``tok`` heads a gerund clause: "knowing …", "having said …", "being involved …"."""
    first = tok.left_edge
    return tok.tag_ == "VBG" or first.tag_ == "VBG" and first.lower_ in ("having", "being") and first.head == tok


def _cut_nested(doc, text: str, a: int, b: int, cue) -> int:
    """End the content before a later, separate attribution (`…, after X accused Y of …`)."""
    for t in doc.char_span(a, b, alignment_mode="expand") or []:
        if t.i <= cue.i or t.idx < a or not _is_cue(t, quote=False) or t.dep_ in ("ccomp", "xcomp"):
            continue
        subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
        left = subj.left_edge.idx if subj is not None else t.idx
        comma = text.rfind(",", a, left)
        if comma > a + 10 and re.match(r",\s*(?:after|before|while|when|as|but|and|since|even as)\b", text[comma:left + 20], re.I):
            return comma
    return b


def same_name(a: str, b: str) -> bool:
    ta = set(re.findall(r"\w+", _strip_det(a).lower()))
    tb = set(re.findall(r"\w+", _strip_det(b).lower()))
    return bool(ta) and bool(tb) and (ta <= tb or tb <= ta)


def _with_end(sp: Speaker, end: int) -> Speaker:
    return Speaker(sp.mention, sp.name, sp.type, sp.role, end)


def _topic_person(state: _DocState, lo: int, at: int) -> str | None:
    """The person named as the subject of the sentence right before a quotation without a cue,
    when that sentence lies wholly between ``lo`` (the previous attribution's end) and ``at`` and
    is the narrator's, not a quotation: news introduces a quote with a sentence about its speaker."""
    doc = state.doc
    sp = doc.char_span(lo, at, alignment_mode="contract")
    if sp is None or not len(sp):
        return None
    sents = [s for s in sp.sents if s.start_char >= lo and s.text.strip() and not _in_quotes(state, s.start_char)]
    if not sents or sents[-1].end_char < at - 3 or any(c in sents[-1].text for c in _QUOTE_CHARS):
        return None
    last = sents[-1]
    subj = [e for e in state.person_ents if last.start <= e.start and e.end <= last.end and _namelike(e)
            and (e.root.dep_ in ("nsubj", "nsubjpass") and e.root.head == last.root
                 # a heading glued before "Mortimer was asked why …" misparses the subject; the
                 # one asked is who answers
                 or e.root.dep_ == "nsubjpass" and e.root.head.lemma_ == "ask"
                 or e.end < len(doc) and doc[e.end].dep_ == "auxpass" and doc[e.end].head.lemma_ == "ask")]
    return _full_name(state, _ent_text(state, subj[0])) if len(subj) == 1 else None


#: nouns that tell a person's sex, for a description that goes on with the last speaker
_SEXED_NOUNS = {**dict.fromkeys(_FEMALE_WORDS | set("actress woman mother wife daughter sister girl grandmother "
                                                   "widow".split()), "f"),
                **dict.fromkeys(_MALE_WORDS | set("actor man father husband son brother boy grandfather widower".split()), "m")}


def _describes(state: _DocState, stoks: list, sp: Speaker, prev: Speaker) -> bool:
    """Whether a definite description without a name ("the actress and former talk show host")
    may be the named person quoted just before: one singular person noun phrase whose nouns do
    not tell another sex than the article gives that person."""
    if sp.type not in ("anonymous", "unknown") or prev.type != "person" or not prev.name[:1].isupper() or not stoks:
        return False
    if stoks[0].lower_ != "the" or any(t.pos_ in ("PROPN", "PRON", "NUM") or t.ent_type_ or t.tag_ == "NNS" for t in stoks):
        return False
    if any(t.dep_ in ("poss", "prep") or t.lower_ in ("spokesman", "spokeswoman", "spokesperson", "source", "official") for t in stoks):
        return False  # "the ministry's spokesman added", "the head of the agency added": someone else
    sexes = {_SEXED_NOUNS[t.lower_] for t in stoks if t.lower_ in _SEXED_NOUNS}
    g = _gender(state, prev.name)
    return len(sexes) <= 1 and not (sexes and g and sexes != {g})


def _cited(doc, cue_i: int):
    """The object of the cue's "citing" ("Bernama reported, citing the deputy prime minister"), or None."""
    if cue_i < 0:
        return None
    citing = next((c for c in doc[cue_i].children if c.lower_ == "citing" and c.dep_ in ("advcl", "xcomp", "conj")), None)
    return next((c for c in citing.children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN")), None) \
        if citing is not None else None


def _last_speaker(state: _DocState, at: int) -> Speaker:
    for sp in reversed(state.history):
        if sp.start <= at:
            return Speaker(sp.mention, sp.name, sp.type, sp.role, at)
    return Speaker()


def _last_att(atts: list[_Att], at: int) -> _Att | None:
    prev = [a for a in atts if a.end <= at + 2 and (a.speaker.name or a.speaker.type != "unknown")]
    return max(prev, key=lambda a: a.end) if prev else None


def _trim_quote(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _kind(text: str, a: int, b: int, quotes_: list[Quote]) -> str:
    inside = [q for q in quotes_ if q.start >= a - 1 and q.end <= b + 1 and q.closed]
    for q in inside:
        cs, ce = q.content
        words = text[cs:ce].split()
        # a quoted name or title in capitals is not a fragment of the source's words
        if len(words) <= 3 and all(w[:1].isupper() for w in words) and len(words) > 0:
            continue
        return "mixed"
    return "indirect"


def _dedupe(atts: list[_Att], state: "_DocState | None" = None) -> list[_Att]:
    """Drop attributions whose content is (nearly) the same span as a better one.

    An ``according to <outlet>`` that covers the same content as a verb-based attribution
    (``X questioned …, according to Press TV``) is folded into it as its ``via`` channel.
    """
    rank = {"direct": 0, "mixed": 1, "indirect": 2}
    order = sorted(atts, key=lambda x: (x.cue == "according to", rank[x.kind], x.start))
    keep: list[_Att] = []
    for att in order:
        dup = False
        for k in keep:
            inter = min(att.end, k.end) - max(att.start, k.start)
            if inter <= 0:
                continue
            shorter = min(att.end - att.start, k.end - k.start)
            longer = max(att.end - att.start, k.end - k.start)
            inner_cue = att.cue == "according to" and att.start <= k.start and k.end <= att.end + 1 and \
                k.cue_i >= 0 and att.start <= (state.doc[k.cue_i].idx if state is not None else -1) < att.end
            if inner_cue and state is not None and att.stoks and _resolve(state, att.stoks, at=att.start).type != "media":
                inner_cue = False
            if inter >= 0.8 * longer or inner_cue or (inter >= 0.9 * shorter and (att.cue_i == k.cue_i or att.kind == "direct" or k.kind == "direct")):
                dup = True
                if att.cue == "according to" and state is not None and att.stoks:
                    sp = _resolve(state, att.stoks, at=att.start)
                    if sp.type == "media" and not k.via:
                        k.via = sp.name
                break
        if not dup:
            keep.append(att)
    return keep


# -------------------------------------------------------------------------- tables


def attributions(parsed, *, min_quote_words: int = 4, continuation_chars: int = 600) -> pd.DataFrame:
    """One row per attributed statement in a :class:`toolkit.nlp.Parsed` corpus.

    ============== ======= ==============================================================
    column         dtype   meaning
    ============== ======= ==============================================================
    doc_id         str     article
    attribution_id str     ``<doc_id>:<n>``, n counting attributions in text order
    kind           str     ``direct`` (quotation), ``indirect`` (paraphrase), ``mixed``
                           (paraphrase with a quoted fragment)
    speaker        str     the mention as written ("he", "Mr Trump", "the ministry")
    speaker_name   str     resolved: the fullest name the article gives, or the article's
                           description of an unnamed source ("unnamed US officials")
    speaker_type   str     ``person`` | ``organization`` | ``anonymous`` | ``media`` |
                           ``unknown``
    speaker_role   str     role noun when stated (spokesperson, minister, resident), else ""
    cue            str     reporting-verb lemma, ``according to``, ``post`` (social media),
                           ``:`` (colon) or "" (a quotation continuing the previous speaker)
    content        str     the attributed words (quotation marks excluded for direct)
    content_start  int64   character offset of the content in the cleaned text
    content_end    int64   end offset (exclusive)
    sent_index     int64   sentence number (punctuation-based segmentation of the text)
    via            str     the outlet that relayed the statement ("cited by ANI",
                           "according to Iran's Press TV", "told Reuters"), else ""
    ============== ======= ==============================================================

    ``min_quote_words``: shortest quotation (words) attributed to the previous speaker when it
    has no cue of its own; ``continuation_chars``: how far back that previous speaker may be.
    Unpaired quotation marks never abort a document; see :func:`quotes` for them.
    """
    import warnings

    rows = []
    for doc_id, doc in parsed:
        try:
            found = doc_attributions(doc, min_quote_words=min_quote_words, continuation_chars=continuation_chars)
        except Exception as e:  # one odd article must not abort a corpus run
            warnings.warn(f"{doc_id}: attribution extraction failed ({type(e).__name__}: {e}); article skipped",
                          RuntimeWarning, stacklevel=2)
            continue
        for n, r in enumerate(found):
            rows.append({"doc_id": doc_id, "attribution_id": f"{doc_id}:{n}", **r})
    df = pd.DataFrame(rows, columns=ATTRIBUTION_COLUMNS)
    for c in ("content_start", "content_end", "sent_index"):
        df[c] = df[c].astype("int64")
    for c in ATTRIBUTION_COLUMNS:
        if c not in ("content_start", "content_end", "sent_index"):
            df[c] = df[c].astype(str)
    return df


def quotes(parsed) -> pd.DataFrame:
    """Every quotation-mark span and unpaired mark, with whether an attribution covers it.

    Columns: ``doc_id``; ``start``/``end`` (offsets of the marks, ``end`` exclusive; for an
    unpaired mark ``end = start + 1``); ``status`` — ``paired``, ``unclosed`` (closed at the
    paragraph end), ``continued`` (a paragraph of a multi-paragraph quotation) or
    ``unpaired``; ``words`` (words inside); ``attributed`` (bool: inside some attribution's
    content, as computed by :func:`attributions`).
    """
    rows = []
    for doc_id, doc in parsed:
        text = doc.text
        qs, unpaired = find_quotes(text)
        atts = doc_attributions(doc)
        spans = [(a["content_start"], a["content_end"]) for a in atts]
        for q in qs:
            cs, ce = q.content
            status = "paired" if q.closed else ("continued" if q.continued else "unclosed")
            covered = any(s - 2 <= cs and ce <= e + 2 for s, e in spans)
            rows.append({"doc_id": doc_id, "start": q.start, "end": q.end, "status": status,
                         "words": len(text[cs:ce].split()), "attributed": covered})
        for i in unpaired:
            if any(q.start == i for q in qs):
                continue
            rows.append({"doc_id": doc_id, "start": i, "end": i + 1, "status": "unpaired", "words": 0,
                         "attributed": False})
    return pd.DataFrame(rows, columns=["doc_id", "start", "end", "status", "words", "attributed"])


_WIRE = [
    re.compile(r"\(\s*(?:with\s+)?inputs?\s+from\s+([^)]+?)\s*\)", re.I),
    re.compile(r"\bwith\s+inputs?\s+from\s+([A-Z][\w .,&/-]{1,80}?)(?=[.)\n]|$)", re.I),
    re.compile(r"\b[a-z]{1,4}(?:/[a-z]{1,4})+\s*\(([A-Za-z .,/&-]{2,60})\)"),  # dw.com: "mb/sms (AFP, AP, dpa)"
    re.compile(r"\bSource:\s*-?\s*([A-Z][\w ,&'-]{1,60}?)(?=$|\n|\s{2})"),
    re.compile(r"\(([A-Z][A-Za-z]+(?:\s*[,/]\s*[A-Za-z]+){0,4})\)\s*$"),
    re.compile(r"\b([A-Z][\w ]{1,40}?)\s+contributed\s+(?:to\s+)?this\s+report", re.I),
]


def wire_credits(parsed) -> pd.DataFrame:
    """Wire-agency and media credits of each article ("With inputs from ANI", "(AFP, dpa)").

    Columns: ``doc_id``; ``agency`` (one row per agency named in the credit); ``credit``
    (the credit as written, at most 100 characters); ``start``/``end`` (offsets of the
    credit); ``media`` (True if the agency is a news organisation by :func:`_is_media_name`,
    False for e.g. "Image: @DefenceHQ").
    """
    rows = []
    for doc_id, doc in parsed:
        text = doc.text if hasattr(doc, "text") else str(doc)
        seen = set()
        tail_from = max(0, len(text) - 400)
        for k, rx in enumerate(_WIRE):
            for m in rx.finditer(text, tail_from if k >= 2 else 0):
                body = re.split(r"\b(?:Image|Photo|Picture|Video)s?\s*:", m.group(1), flags=re.I)[0]
                for part in re.split(r"\s*(?:,|/|;|\band\b)\s*", body):
                    part = part.strip(" .-")
                    part = re.sub(r"^(?:Image|Photo|Picture)s?:.*$", "", part, flags=re.I).strip()
                    if not part or part.startswith("@") or len(part) > 40:
                        continue
                    key = part.lower()
                    if key in seen:
                        continue
                    seen.add(key)
                    rows.append({"doc_id": doc_id, "agency": part, "credit": m.group(0)[:100],
                                 "start": m.start(), "end": m.end(),
                                 "media": _is_media_name(part) or key in ("news agencies", "agencies", "wires")})
    return pd.DataFrame(rows, columns=["doc_id", "agency", "credit", "start", "end", "media"])


def _is_official(row) -> bool:
    if row["speaker_type"] == "organization":
        return True
    role = str(row.get("speaker_role", "")).split()
    return row["speaker_type"] in ("person", "anonymous") and bool(role) and role[-1] in OFFICIAL_ROLES


def sources_per_outlet(att: pd.DataFrame, corpus: pd.DataFrame) -> pd.DataFrame:
    """One row per outlet: how many sources articles give voice to.

    Columns: ``outlet``; ``articles`` (in the corpus); ``articles_with_sources``;
    ``attributions``; ``distinct_speakers_per_article`` (mean over all articles of the number
    of distinct ``speaker_name`` values); ``direct_share``, ``indirect_share``,
    ``mixed_share`` (shares of attributions by kind).
    """
    meta = corpus[["doc_id", "outlet"]]
    a = att.merge(meta, on="doc_id", how="inner")
    per_doc = a.groupby("doc_id")["speaker_name"].nunique()
    docs = meta.assign(n_speakers=meta["doc_id"].map(per_doc).fillna(0))
    out = docs.groupby("outlet").agg(articles=("doc_id", "size"),
                                     articles_with_sources=("n_speakers", lambda s: int((s > 0).sum())),
                                     distinct_speakers_per_article=("n_speakers", "mean"))
    out["attributions"] = a.groupby("outlet").size().reindex(out.index).fillna(0).astype(int)
    kinds = pd.crosstab(a["outlet"], a["kind"], normalize="index").reindex(out.index).fillna(0.0)
    for k in ("direct", "indirect", "mixed"):
        out[f"{k}_share"] = kinds[k] if k in kinds else 0.0
    return out.reset_index()[["outlet", "articles", "articles_with_sources", "attributions",
                              "distinct_speakers_per_article", "direct_share", "indirect_share", "mixed_share"]]


def source_shares(att: pd.DataFrame, corpus: pd.DataFrame, *, n_boot: int = 1000, seed: int = 42,
                  level: float = 0.95) -> pd.DataFrame:
    """Share of attributions per outlet from anonymous, official, media, person and organisation sources.

    Tidy: ``outlet``, ``measure`` (``anonymous`` | ``official`` | ``media`` | ``person`` |
    ``organization``), ``share`` (of the outlet's attributions), ``ci_low``/``ci_high`` (a
    percentile bootstrap interval resampling *articles*, since attributions in one article
    are not independent), ``attributions``, ``articles``. *Official* = an organisation, or a
    person/unnamed source whose role is an office (minister, spokesperson, general …).
    """
    a = att.merge(corpus[["doc_id", "outlet"]], on="doc_id", how="inner").copy()
    a["official"] = a.apply(_is_official, axis=1) if len(a) else pd.Series(dtype=bool)
    measures = {
        "anonymous": a["speaker_type"] == "anonymous",
        "official": a["official"].astype(bool),
        "media": a["speaker_type"] == "media",
        "person": a["speaker_type"] == "person",
        "organization": a["speaker_type"] == "organization",
    }
    for k, v in measures.items():
        a[f"m_{k}"] = v.astype(float)
    rng = np.random.default_rng(seed)
    rows = []
    for outlet, g in a.groupby("outlet"):
        per_doc = g.groupby("doc_id")[[f"m_{k}" for k in measures]].sum()
        n_doc = g.groupby("doc_id").size()
        ids = np.arange(len(per_doc))
        boots = rng.integers(0, len(ids), size=(n_boot, len(ids))) if len(ids) else np.zeros((0, 0), int)
        for k in measures:
            num = per_doc[f"m_{k}"].to_numpy()
            den = n_doc.to_numpy()
            share = num.sum() / den.sum() if den.sum() else np.nan
            if len(ids) > 1:
                bs = num[boots].sum(axis=1) / den[boots].sum(axis=1)
                lo, hi = np.quantile(bs, [(1 - level) / 2, 1 - (1 - level) / 2])
            else:
                lo = hi = np.nan
            rows.append({"outlet": outlet, "measure": k, "share": share, "ci_low": lo, "ci_high": hi,
                         "attributions": int(den.sum()), "articles": int(len(ids))})
    return pd.DataFrame(rows, columns=["outlet", "measure", "share", "ci_low", "ci_high", "attributions", "articles"])


def canonical_names(att: pd.DataFrame) -> pd.Series:
    """Corpus-level person names: a surname-only or variant form ("Trump", "Donald J. Trump")
    is mapped to the most frequent full name sharing its surname ("Donald Trump") when that
    name makes up at least 80% of the full-name attributions with this surname (so "Ivanka
    Trump" keeps her name). Returns a Series aligned with ``att``."""
    persons = att.loc[att["speaker_type"] == "person", "speaker_name"]
    keys = persons.map(lambda n: _name_key(n) if n else "")
    full = persons[persons.str.split().str.len() >= 2]
    by_key: dict[str, pd.Series] = {}
    for name, k in zip(full, keys[full.index]):
        by_key.setdefault(k, []).append(name)
    best = {}
    for k, names in by_key.items():
        counts = pd.Series(names).value_counts()
        if counts.iloc[0] >= 0.8 * counts.sum():  # one dominant full name for this surname
            best[k] = counts.index[0]
    out = att["speaker_name"].copy()
    m = att["speaker_type"] == "person"
    out[m] = [best.get(_name_key(n), n) if n else n for n in att.loc[m, "speaker_name"]]
    return out


def top_speakers(att: pd.DataFrame, corpus: pd.DataFrame, *, n: int = 5,
                 types: Iterable[str] = ("person",), canonical: bool = True) -> pd.DataFrame:
    """The most quoted speakers of each outlet (by number of articles, then attributions).

    Columns: ``outlet``, ``rank`` (1 = most quoted), ``speaker_name``, ``speaker_type``,
    ``articles`` (articles quoting them), ``attributions``. With ``canonical`` (default),
    person names are merged across articles by :func:`canonical_names`.
    """
    if canonical and len(att):
        att = att.assign(speaker_name=canonical_names(att))
    a = att.merge(corpus[["doc_id", "outlet"]], on="doc_id", how="inner")
    a = a[a["speaker_type"].isin(list(types)) & (a["speaker_name"] != "")]
    g = (a.groupby(["outlet", "speaker_name", "speaker_type"])
         .agg(articles=("doc_id", "nunique"), attributions=("doc_id", "size")).reset_index())
    g = g.sort_values(["outlet", "articles", "attributions", "speaker_name"], ascending=[True, False, False, True])
    g["rank"] = g.groupby("outlet").cumcount() + 1
    g = g[g["rank"] <= n]
    return g[["outlet", "rank", "speaker_name", "speaker_type", "articles", "attributions"]].reset_index(drop=True)


def analyze_tables(parsed, tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Per-document tables for ``toolkit analyze``: ``attributions`` and ``wire_credits``.

    Both depend on each document alone, so partitioned runs give identical files; the
    per-outlet summaries come from :func:`summary_tables` once the whole table is written.
    """
    return {"attributions": attributions(parsed), "wire_credits": wire_credits(parsed)}


def summary_tables(tables: dict[str, pd.DataFrame], corpus: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Corpus-level summaries for ``toolkit analyze``: ``sources_per_outlet``, ``source_shares``
    and ``top_speakers`` (see those functions), from the complete ``attributions`` table."""
    att = tables.get("attributions")
    if att is None:
        return {}
    return {
        "sources_per_outlet": sources_per_outlet(att, corpus),
        "source_shares": source_shares(att, corpus),
        "top_speakers": top_speakers(att, corpus),
    }


def render(doc, att: pd.DataFrame, *, jupyter: bool | None = None, max_chars: int | None = None):
    """Highlight attributions in ``doc`` with displaCy's span visualiser.

    ``att`` holds the rows of :func:`attributions` for this document. Each content span is
    labelled ``kind · speaker_name``. ``max_chars`` renders only the beginning of the
    document (whole sentences up to that length). Returns the HTML (or displays it in Jupyter).
    """
    from spacy import displacy
    from spacy.tokens import Span

    spans = []
    for r in att.itertuples():
        sp = doc.char_span(int(r.content_start), int(r.content_end), alignment_mode="expand")
        if sp is not None:
            spans.append(Span(doc, sp.start, sp.end, label=f"{r.kind} · {r.speaker_name or '?'}"))
    if max_chars is not None and len(doc.text) > max_chars:
        cut = max((s.end for s in doc.sents if s.end_char <= max_chars), default=len(doc))
        doc = doc[:cut].as_doc()
        spans = [Span(doc, s.start, s.end, label=s.label_) for s in spans if s.end <= cut]
    doc.spans["attributions"] = spans
    colors = {}
    palette = {"direct": "#fdb863", "indirect": "#b2abd2", "mixed": "#a6dba0"}
    for s in spans:
        colors[s.label_] = palette.get(s.label_.split(" ·")[0], "#dddddd")
    return displacy.render(doc, style="span", jupyter=jupyter,
                           options={"spans_key": "attributions", "colors": colors})


def plot_source_shares(shares: pd.DataFrame, *, measures=("official", "anonymous", "media")):
    """Dot-and-interval plot of :func:`source_shares`: one panel per measure, outlets on the y axis."""
    import matplotlib.pyplot as plt

    from toolkit.plots import outlet_colors

    measures = list(measures)
    fig, axes = plt.subplots(1, len(measures), figsize=(3.2 * len(measures) + 1.5, 4.2), sharey=True)
    axes = np.atleast_1d(axes)
    outlets = sorted(shares["outlet"].unique())
    colors = outlet_colors(outlets)
    for ax, m in zip(axes, measures):
        d = shares[shares["measure"] == m].set_index("outlet").reindex(outlets)
        y = np.arange(len(outlets))
        lo = (d["share"] - d["ci_low"]).clip(lower=0).fillna(0)
        hi = (d["ci_high"] - d["share"]).clip(lower=0).fillna(0)
        for i, o in enumerate(outlets):
            ax.errorbar(d["share"].iloc[i], y[i], xerr=[[lo.iloc[i]], [hi.iloc[i]]], fmt="o", color=colors[o], capsize=3)
        ax.set_title(m)
        ax.set_xlim(0, 1)
        ax.set_xlabel("share of attributions")
    axes[0].set_yticks(np.arange(len(outlets)))
    axes[0].set_yticklabels(outlets)
    fig.suptitle("Who is given voice: share of attributions by source type (95% bootstrap CI over articles)")
    fig.tight_layout()
    return fig
