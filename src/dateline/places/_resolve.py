"""Places on the map: place names resolved to GeoNames entries using the article's context.

:func:`resolve_places` takes the place names of one article and what else the article says
(its dateline, the countries it mentions, its text) and scores every gazetteer reading
(:mod:`dateline.places`) of each name by adding up:

* **size and kind** (the prior) — log population (a division's is the sum of its
  towns'), plus a bonus for continents, countries, capitals and counties; alternate-name
  matches, and divisions that share their name with a town of their country ("Geneva"
  the canton, "Washington" the state), lose some;
* **a qualifier** written after the name — "Paris, Texas", "Paris, Tenn.", "Bern,
  Switzerland" — strongly favours readings inside that state or country;
* **coherence with the other names** — a reading gains from each other place name of
  the article that has a reading nearby (decaying with distance), that is its state
  ("Paris" and "Texas"), or, for a country, that lies in it ("Georgia" and "Tbilisi");
  the dateline counts double. Pass 1 lets every reading of the other names count; pass 2
  only the readings they got in pass 1, so "Walker County" and "Huntsville" settle on the
  same Texas rather than drifting to Alabama;
* **the article's focus** — in pass 2, the share of the other names read in the same
  country (towns and divisions only);
* **country mentions** ("the Russian minister", "U.S.") — for countries and divisions in
  proportion to their share; for towns only when one country dominates, because an
  international story that names the US often is not set in the US;
* **the paper's locale** — house style ("$5,000", "7:30 p.m.", "Sheriff's Office" are
  American; "£5,000", "7.30pm" British; "$" with "centre" or "MPP" Canadian) and the
  site's country-code domain ("lfpress.ca") favour towns and divisions of that country,
  less so the more the article names other countries, and doubly for a name used as a
  municipality the paper covers ("Athens City Council", "Paris police", "City of
  Oxford"), where a country name also yields to its namesake town ("Jordan Middle
  School").

A name alone, in no particular locale, goes to the place the world usually means
("Paris" -> France, "Washington" -> the capital); an unambiguous country name is the
country ("Russia" is never Russia, Ohio, unless a qualifier says so). The weights were
set on LGL (local US, British and Canadian news, see ``bench/geo.py``) with an eye on
international news (the seed article).

:func:`locate_entities` applies this to the GPE/LOC/FAC clusters of an article; the
entities stage calls it last.
"""

from __future__ import annotations

import dataclasses
import math
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate
from urllib.parse import urlsplit

from .._data import table, word_list, word_set
from ..types import Article, Entity, Geo
from ._countries import (
    country_code,
    demonym_country,
    iso2_to_iso3,
    mentioned_countries,
    normalize,
)
from ._gazetteer import Gazetteer, Place, gazetteer
from ._is_place import (
    AP_STATE_ABBREVIATIONS,
    PlacePolicy,
    is_abbreviation,
    is_place,
    is_state_code,
)

__all__ = [
    "PLACE_KINDS",
    "GeoContext",
    "PlaceQuery",
    "article_focus",
    "locate_entities",
    "resolve_places",
]

#: Entity kinds that are places.
PLACE_KINDS = frozenset({"GPE", "LOC", "FAC"})

_QUALIFIER = re.compile(r",\s*((?:[A-Z][\w'’.-]*\.?\s?){1,3})")
_POSSESSIVE = re.compile(r"['’]s?$")

# scoring weights (the module docstring says what each signal means)
_W_QUALIFIER = 6.0
_W_QUALIFIER_MISS = -3.0
_W_MENTIONED = 2.0  # times the share of the article's country mentions
_W_COHERENCE = 4.0  # times the support from the article's other place names
_W_FOCUS = 1.0  # times the share of the other names read in the same country
_W_STATE_FOCUS = 0.5  # times the share of the other names read in the same state
_W_DATELINE = 2.0  # the dateline counts as this many place names
_W_SITE = 1.0  # a town in the site's name ("columbuslocalnews.com") counts as this many
_W_LOCALE = 1.0  # times the strength of the article's house style (see _locale)
_W_LOCALE_CIVIC = 2.0  # more of it for a name used as the paper's own town (see _is_civic)
_W_ALTERNATE = -1.0
_W_NAMESAKE_DIVISION = -2.0
# towns read from LOC/FAC names, by (kind, whole name?): a facility named exactly like a
# town is rarely that town ("White House", Tennessee), unless the town is a city
_MIN_POPULATION_BY_KIND = {
    ("LOC", True): 10_000,
    ("LOC", False): 10_000,
    ("FAC", True): 100_000,
    ("FAC", False): 10_000,
}
_FEATURE_BONUS = {"PCLI": 1.0, "CONT": 2.0, "PPLC": 1.0, "ADM2": 0.5}
_LARGE_TOWN = 50_000  # a town big enough to have named parts ("south Fargo")
_ADM2_POPULATION = 50_000  # counties carry no population; treat them as a mid-sized town
# towns listed with no population (cities500 holds them as 500+ or seats): a small town
_UNKNOWN_POPULATION = {"ADM2": _ADM2_POPULATION, "PPL": 1_000}
_MENTION_DISCOUNT = 1.0  # n mentions of a country count n / (n + 1) of their share
_MENTION_TOWN_FLOOR = 0.5  # a town gains from mentions of its country only above this share
_FOCUS_SHARE = 0.5  # article_focus: the share of the votes the leading country must exceed
_NEAR_KM = 100.0  # support from a nearby place decays as exp(-km / _NEAR_KM)
_MAX_CANDIDATES = 40  # per name, the likeliest by size and kind
_EVIDENCE_CANDIDATES = 12  # readings of another name that may support a reading
_MAX_NEIGHBOURS = 30  # other names that inform one name (the nearest in the text)
_KM_PER_DEGREE = 111.195
_POINTS = frozenset({"PPL", "PPLC", "ADM2"})


@dataclass(frozen=True, slots=True)
class PlaceQuery:
    """One place to resolve: its name, kind, other names, and where it is in the text."""

    name: str
    kind: str = "GPE"
    aliases: tuple[str, ...] = ()
    spans: tuple[tuple[int, int], ...] = ()  # offsets into GeoContext.text


@dataclass(frozen=True, slots=True)
class GeoContext:
    """What the article says besides the names being resolved.

    ``countries`` are ISO3 codes with how often the article mentions them; ``places`` are
    other place names of the article that are not queries themselves; ``text`` lets the
    resolver read qualifiers next to a query's spans ("Paris, Texas").
    """

    text: str = ""
    dateline: str | None = None
    countries: tuple[tuple[str, int], ...] = ()
    places: tuple[str, ...] = ()
    url: str | None = None  # where the article was published: "lfpress.ca" is Canadian

    @classmethod
    def from_text(
        cls,
        text: str,
        *,
        dateline: str | None = None,
        places: Iterable[str] = (),
        url: str | None = None,
    ) -> GeoContext:
        """A context whose country counts come from the names and demonyms in ``text``."""
        counts: Counter[str] = Counter()
        for _start, _end, code in mentioned_countries(text or ""):
            counts[code] += 1
        return cls(
            text=text or "",
            dateline=dateline,
            countries=tuple(sorted(counts.items())),
            places=tuple(places),
            url=url if isinstance(url, str) else None,
        )


# ----------------------------------------------------------------------------- resolving


@dataclass(frozen=True, slots=True)
class _Candidate:
    place: Place
    alternate: bool  # matched an alternate name, not the main one
    demoted: bool = False  # a division that shares its name with a town (see below)


@dataclass(frozen=True, slots=True)
class _Qualifier:
    country: str | None
    admin1_code: str | None


def resolve_places(
    names: Sequence[PlaceQuery], context: GeoContext, *, min_population: int = 500
) -> list[Geo | None]:
    """The best gazetteer entry for each query, as a :class:`~dateline.types.Geo`, or None.

    Never raises on odd names: empty, garbage or unknown names give None.
    """
    if not names:
        return []
    gaz = gazetteer(min_population)
    quals = [_qualifier(q, context.text, gaz) for q in names]
    cands = [
        _candidates(q, gaz, qualified=qual is not None)
        for q, qual in zip(names, quals, strict=True)
    ]
    keys = [normalize(q.name) if isinstance(q.name, str) else "" for q in names]
    # evidence: every place name of the article with its likeliest readings, a weight, and
    # a position in the text (None: context places and the dateline, which always count)
    evidence: list[_Evidence] = [
        _Evidence(key, _likeliest(cs), 1.0, _position(q, i))
        for i, (key, cs, q) in enumerate(zip(keys, cands, names, strict=True))
    ]
    for name in context.places:
        found = _candidates(PlaceQuery(name=name), gaz)
        evidence.append(_Evidence(normalize(name), _likeliest(found), 1.0, None))
    if context.dateline:
        found = _candidates(PlaceQuery(name=context.dateline), gaz)
        evidence.append(_Evidence(normalize(context.dateline), found, _W_DATELINE, None))
    site = _site_places(context.url, gaz)
    for name in site:
        found = _candidates(PlaceQuery(name=name), gaz)
        evidence.append(_Evidence(normalize(name), _likeliest(found), _W_SITE, None))
    neighbours = [_neighbours(i, evidence) for i in range(len(evidence))]
    counts = Counter(dict(context.countries))
    own = _own_mentions(names, context.text)
    mentioned = [_mention_weights(counts - own.get(ev.key, Counter())) for ev in evidence]
    house = _locale(context.text, context.url)
    locale = _home_locale(house, counts)
    # the town a local paper is named after is at home whatever else the story names
    home_locale = {code: 1.0 for code in house}
    home = {normalize(name) for name in site}
    civic = [key in home or _is_civic(q, context.text) for key, q in zip(keys, names, strict=True)]
    # "Jordan Middle School", "Lebanon police": a country does not run schools and police
    # forces under its bare name; a town of that name does
    for i, is_civic in enumerate(civic):
        if is_civic and any(c.place.feature in ("PPL", "PPLC") for c in cands[i]):
            cands[i] = [
                dataclasses.replace(c, demoted=True) if c.place.feature == "PCLI" else c
                for c in cands[i]
            ]

    # "the English", "Roman law": a people's name read as a town needs a locative use
    # ("in Lombard"); otherwise its country is not demoted (see _lookup)
    for i, query in enumerate(names):
        if any(c.demoted and c.place.feature == "PCLI" for c in cands[i]) and not (
            civic[i] or _is_locative(query, context.text) or not _is_demonym(keys[i])
        ):
            cands[i] = [
                dataclasses.replace(c, demoted=False) if c.place.feature == "PCLI" else c
                for c in cands[i]
            ]

    # pass 1: each name against every likely reading of the others (the best one counts)
    first = [*cands, *(ev.cands for ev in evidence[len(cands) :])]
    first_quals = quals + [None] * (len(evidence) - len(quals))
    picks = [
        _pick(
            cs,
            qual,
            mentioned[i],
            [(evidence[j].cands, evidence[j].weight) for j in near],
            locale=_civic_locale(
                home_locale if i < len(keys) and keys[i] in home else locale,
                i < len(civic) and civic[i],
            ),
        )
        for i, (cs, qual, near) in enumerate(zip(first, first_quals, neighbours, strict=True))
    ]
    # pass 2: each name against the readings the others got in pass 1, and the article's
    # focus: the countries those readings (towns and divisions) lie in
    out: list[Geo | None] = []
    for i, (cs, qual) in enumerate(zip(cands, quals, strict=True)):
        settled = [(j, pick) for j in neighbours[i] if (pick := picks[j]) is not None]
        votes: dict[str, float] = {}
        states: dict[str, float] = {}
        for j, pick in settled:
            if pick.place.country and pick.place.feature not in ("PCLI", "CONT"):
                votes[pick.place.country] = votes.get(pick.place.country, 0.0) + evidence[j].weight
            if pick.place.admin1_code and pick.place.feature not in ("PCLI", "CONT"):
                code = pick.place.admin1_code
                states[code] = states.get(code, 0.0) + evidence[j].weight
        others = [([pick], evidence[j].weight) for j, pick in settled]
        best = _pick(
            cs,
            qual,
            mentioned[i],
            others,
            focus={**_shares(votes), **_shares(states)},  # "USA" and "US.TX"
            locale=_civic_locale(home_locale if keys[i] in home else locale, civic[i]),
        )
        out.append(_to_geo(best.place) if best else None)
    return out


@dataclass(frozen=True, slots=True)
class _Evidence:
    key: str
    cands: list[_Candidate]
    weight: float
    position: int | None


def _position(query: PlaceQuery, index: int) -> int:
    starts = [start for start, _ in query.spans if isinstance(start, int)]
    return min(starts) if starts else index


def _likeliest(cands: list[_Candidate]) -> list[_Candidate]:
    if len(cands) <= _EVIDENCE_CANDIDATES:
        return cands
    return sorted(cands, key=_prior, reverse=True)[:_EVIDENCE_CANDIDATES]


def _neighbours(i: int, evidence: list[_Evidence]) -> list[int]:
    """Indices of the names that inform name ``i``: all of them in a normal article; in a
    long list of places, the context places, the dateline and the names nearest in the text."""
    me = evidence[i]
    others = [j for j, ev in enumerate(evidence) if j != i and ev.key != me.key and ev.cands]
    if len(others) <= _MAX_NEIGHBOURS:
        return others
    fixed = [j for j in others if evidence[j].position is None]
    placed = [j for j in others if evidence[j].position is not None]
    here = me.position or 0
    placed.sort(key=lambda j: abs((evidence[j].position or 0) - here))
    return fixed + placed[: max(0, _MAX_NEIGHBOURS - len(fixed))]


def _own_mentions(names: Sequence[PlaceQuery], text: str) -> dict[str, Counter[str]]:
    """Country mentions inside each query's own spans: "Lebanon" must not vote for itself."""
    out: dict[str, Counter[str]] = {}
    if not text:
        return out
    found = mentioned_countries(text)
    for query in names:
        # a mention (a, b) is inside when a span starting before b ends after a: the spans
        # sorted by start with the running maximum of their ends answer that by bisection
        # (a scan of every span per mention is quadratic for a name said a thousand times)
        spans = sorted(query.spans)
        starts = [start for start, _ in spans]
        reach = list(accumulate((end for _, end in spans), max))
        inside = Counter(
            code for a, b, code in found if (k := bisect_left(starts, b)) and reach[k - 1] > a
        )
        if inside:
            out.setdefault(normalize(query.name), Counter()).update(inside)
    return out


def _pick(
    cands: list[_Candidate],
    qual: _Qualifier | None,
    mentioned: dict[str, float],
    others: list[tuple[list[_Candidate], float]],
    *,
    focus: dict[str, float] | None = None,
    locale: Mapping[str, float] | None = None,
) -> _Candidate | None:
    return max(
        cands,
        key=lambda c: _score(c, qual, mentioned, others, focus or {}, locale or {}),
        default=None,
    )


def _clean(name: str) -> str:
    name = " ".join(name.split()).strip(" \t\"'“”‘’.,;:()[]")
    if name.lower().startswith("the "):
        name = name[4:]
    return _POSSESSIVE.sub("", name).strip()


def _candidates(query: PlaceQuery, gaz: Gazetteer, *, qualified: bool = False) -> list[_Candidate]:
    names = [_query_name(raw) for raw in (query.name, *query.aliases) if isinstance(raw, str)]
    # the names themselves, then a place inside one ("North Texas", "Vancouver Airport")
    kind = query.kind.upper() if isinstance(query.kind, str) else "GPE"
    for whole in (True, False):
        least = _MIN_POPULATION_BY_KIND.get((kind, whole), 0)
        for name in names:
            head = name.split(",")[0].strip() if "," in name else name
            if not head or not any(ch.isalpha() for ch in head):
                continue
            qual = qualified or head != name
            if whole:
                found = _lookup(head, gaz, qualified=qual)
            else:
                found = _lookup_inside(head, gaz, qualified=qual, facility=kind == "FAC")
            if least:  # "Middle East" is not the hamlet in Maryland
                found = [
                    c
                    for c in found
                    if c.place.feature not in ("PPL", "PPLC") or c.place.population >= least
                ]
            if kind != "GPE":  # exonyms are for towns and countries: "White House" (FAC)
                found = [c for c in found if not c.alternate]  # is not Casablanca
            if found:
                return found
    return []


_COUNTY_ABBREVIATION = re.compile(r"\s+Co\.?$")


def _query_name(raw: str) -> str:
    state = AP_STATE_ABBREVIATIONS.get(" ".join(raw.split()))
    if state:
        return f"{state}."
    name = " ".join(raw.split())
    if _COUNTY_ABBREVIATION.search(name):  # "Loudon Co." is Loudon County
        return _clean(_COUNTY_ABBREVIATION.sub(" County", name))
    return _clean(raw)


_AREA_WORDS = word_set("places/area_words.txt")
_TOWNSHIP_WORDS = word_set("places/township_words.txt")
_STREET_WORDS = word_set("places/street_words.txt")


def _lookup_inside(
    name: str, gaz: Gazetteer, *, qualified: bool = False, facility: bool = False
) -> list[_Candidate]:
    """A place named inside a longer name: a part of a big place ("North Texas", "Metro
    Vancouver") or, for a facility, the town it is named after ("Vancouver International
    Airport", "Mount Pleasant Civic Center"), a township its namesake town ("Clinton
    Township"). A street ("Memphis Street") is not in the
    town it names, nor a natural feature ("Atlas Mountains") at the town of its name."""
    words = name.split()
    if len(words) < 2:
        return []
    if words[0].lower() in _AREA_WORDS:
        found = _lookup(" ".join(words[1:]), gaz, qualified=qualified)
        return [c for c in found if _is_large(c.place)]  # "West Side" is not Side, Turkey
    if words[-1].lower().rstrip(".") in _TOWNSHIP_WORDS and not facility:
        # "Readington Township": the civil township around (or beside) its namesake town
        found = _lookup(" ".join(words[:-1]), gaz, qualified=qualified)
        return [c for c in found if c.place.feature in ("PPL", "PPLC")]
    if not facility:
        return []
    for n in range(len(words) - 1, 0, -1):
        head, rest = words[:n], words[n:]
        if rest[0].lower().strip(".") in _STREET_WORDS or rest[0][:1].isdigit():
            return []  # "Florida Highway 7", "Memphis St.": a road, wherever it runs
        if all(w[:1].isupper() for w in head):
            found = _lookup(" ".join(head), gaz, qualified=qualified)
            if found:
                return found
    return []


def _is_large(place: Place) -> bool:
    return place.feature in ("ADM1", "PCLI", "CONT") or place.population >= _LARGE_TOWN


def _lookup(name: str, gaz: Gazetteer, *, qualified: bool = False) -> list[_Candidate]:
    policy = PlacePolicy.RESOLVE_QUALIFIED if qualified else PlacePolicy.RESOLVE
    found = [_Candidate(r.place, r.alternate) for r in is_place(name, policy, gaz=gaz)]
    if is_state_code(name, gaz):  # "Tenn.", "W.Va." (normalised to "TN.", "WV."), "D.C."
        return found
    people = None if country_code(name) else demonym_country(name)
    country = gaz.countries.get(people) if people else None
    if is_abbreviation(name):  # a country's initialism, or its people's
        return [_Candidate(country, False)] if country else found
    if country:
        # "Ohioans" are Ohio's, more precisely than the country's
        division = [c for c in _by_demonym(name, gaz) if c.place.country == country.country]
        if division:
            return division
        # a people's name used as a place: a town of that exact name ("in Lombard") beats
        # the country its people belong to, which stays a candidate
        towns = any(not c.alternate and c.place.feature in ("PPL", "PPLC") for c in found)
        found = [c for c in found if not c.alternate]
        found.append(_Candidate(country, False, demoted=towns))
    elif not found:
        found = _by_demonym(name, gaz)
    found = _demote_namesake_divisions(found)
    if len(found) > _MAX_CANDIDATES:
        found = sorted(found, key=_prior, reverse=True)[:_MAX_CANDIDATES]
    return found


_DEMONYM_ENDINGS = word_list("places/demonym_endings.txt")


def _by_demonym(name: str, gaz: Gazetteer) -> list[_Candidate]:
    """A state, province or continent named by its people: "Ohioans", "Minnesotans",
    "Ontarians", "European", "African" (country demonyms are :mod:`dateline.places`')."""
    if not (name[:1].isupper() and name.isalpha()):
        return []
    for ending in _DEMONYM_ENDINGS:
        stem = name[: -len(ending)]
        if not name.endswith(ending) or len(stem) < 4:
            continue
        for base in (stem, stem + "e", stem + "o", stem + "s", stem + "a"):
            found = [
                _Candidate(p, False) for p in gaz.by_name(base) if p.feature in ("ADM1", "CONT")
            ]
            if found:
                return found
    return []


def _demote_namesake_divisions(found: list[_Candidate]) -> list[_Candidate]:
    """A division named like a city of its country reads as the city ("Geneva", "Sao
    Paulo", "Kiev"); a US state named like the national capital reads as the capital
    ("Washington"). Other US states keep their name: "New York" is the state."""
    towns = {
        c.place.country: c.place.feature
        for c in sorted(found, key=lambda c: c.place.feature == "PPLC")
        if c.place.feature in ("PPL", "PPLC")
    }
    out = []
    for c in found:
        town = towns.get(c.place.country)
        if (
            c.place.feature == "ADM1"
            and town is not None
            and (c.place.country != "USA" or town == "PPLC")
        ):
            c = dataclasses.replace(c, demoted=True)
        out.append(c)
    return out


def _qualifier(query: PlaceQuery, text: str, gaz: Gazetteer) -> _Qualifier | None:
    """The state or country written right after the name: "Paris, Texas" -> US.TX."""
    tails: list[str] = []
    if "," in query.name:
        tails.append(query.name.split(",", 1)[1])
    for start, end in query.spans:
        if 0 <= start < end <= len(text):
            match = _QUALIFIER.match(text, end)
            if match:
                tails.append(match.group(1))
    for tail in tails:
        words = tail.split()
        for n in range(len(words), 0, -1):
            found = _qualifier_place(" ".join(words[:n]).strip(), gaz)
            if found:
                return found
    return None


def _qualifier_place(phrase: str, gaz: Gazetteer) -> _Qualifier | None:
    if not phrase:
        return None
    state = AP_STATE_ABBREVIATIONS.get(phrase) or AP_STATE_ABBREVIATIONS.get(phrase + ".")
    if state is None and len(phrase) == 2 and phrase.isupper() and f"US.{phrase}" in gaz.admin1:
        state = phrase
    if state:
        return _Qualifier("USA", f"US.{state}")
    phrase = phrase.rstrip(".")
    code = country_code(phrase)
    if code:
        return _Qualifier(code, None)
    for place in gaz.by_name(phrase):
        if place.feature == "ADM1":
            return _Qualifier(place.country, place.admin1_code)
    return None


# House style: conventions of a country's press that say where the paper is, and so where
# its unqualified local names are. Cues shared by the US and Canadian press count for both
# (Canada only when one of its own cues is there too); each cue counts once.
def _cues(*patterns: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in patterns)


def _locale_patterns(locale: str) -> tuple[str, ...]:
    rows = table("places/locale_cues.tsv")
    return tuple(row["pattern"] for row in rows if locale in row["locales"].split(","))


_NORTH_AMERICAN = _cues(*_locale_patterns("north-american"))
_COMMONWEALTH_SPELLING = next(
    row["pattern"] for row in table("places/locale_cues.tsv") if row["locales"] == "CAN,GBR"
)
_LOCALE_CUES: dict[str, tuple[re.Pattern[str], ...]] = {
    country: _cues(*_locale_patterns(country)) for country in ("USA", "CAN", "GBR")
}
_LOCALE_CERTAIN = 2


def _locale(text: str, url: str | None = None) -> dict[str, float]:
    """The country whose press conventions the article follows, with a strength (0..1):
    "$5,000", "7:30 p.m.", "Sheriff's Office" say the US; "£5,000", "7.30pm" say Britain.
    Local papers name their own towns unqualified ("Paris police", "Athens City Council"),
    so this decides between a famous city and a namesake town when nothing else does."""
    text = text if isinstance(text, str) else ""
    shared = sum(1 for cue in _NORTH_AMERICAN if cue.search(text))
    hits = {}
    for country, cues in _LOCALE_CUES.items():
        own = sum(1 for cue in cues if cue.search(text))
        hits[country] = own + (shared if country == "USA" or (country == "CAN" and own) else 0)
    site = _site_country(url)
    if site:
        hits[site] = hits.get(site, 0) + _LOCALE_CERTAIN
    if len(hits) < 2 or not any(hits.values()):
        return {}
    ranked = sorted(hits.items(), key=lambda kv: kv[1], reverse=True)
    (lead, n), (_, runner_up) = ranked[0], ranked[1]
    margin = n - runner_up
    return {lead: min(1.0, margin / _LOCALE_CERTAIN)} if margin > 0 else {}


# country-code domains that sites use for their look, not their country
_VANITY_DOMAINS = word_set("places/vanity_domains.txt")


def _site_country(url: str | None) -> str | None:
    """The country of a news site's country-code domain: "lfpress.ca" -> CAN,
    "thisisoxfordshire.co.uk" -> GBR; None for .com, .org and vanity domains (.tv, .io)."""
    if not isinstance(url, str) or not url.strip():
        return None
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    except ValueError:
        return None
    tld = host.rstrip(".").rsplit(".", 1)[-1].lower()
    if len(tld) != 2 or not tld.isalpha() or tld in _VANITY_DOMAINS:
        return None
    return "GBR" if tld == "uk" else iso2_to_iso3(tld)


# words of newspaper names: what is left of a site's name without them is its town
_MASTHEAD_WORDS = word_set("places/masthead_words.txt")
_MIN_SITE_PLACE = 4  # letters: shorter leftovers of a site name are initials ("ajc")


def _site_places(url: str | None, gaz: Gazetteer) -> tuple[str, ...]:
    """Places named in a news site's name: "columbuslocalnews.com" -> Columbus,
    "thelancasterandmorecambecitizen.co.uk" -> Lancaster, Morecambe. A local paper is
    named after the town it covers, and that town is the likeliest neighbour of the
    places it names. A site name that does not split into masthead words ("news",
    "herald") and gazetteer names yields nothing."""
    if not isinstance(url, str) or not url.strip():
        return ()
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    except ValueError:
        return ()
    labels = [part for part in host.lower().split(".") if part and part != "www"]
    while len(labels) > 1 and (len(labels[-1]) <= 3 or labels[-1] in ("info", "news")):
        labels.pop()  # .com, .co.uk, .com.lb
    if not labels:
        return ()
    out: list[str] = []
    country = _site_country(url)
    for part in labels[-1].split("-"):
        found = _split_site_name(part, gaz, {}, country)
        for name in found or ():
            if name not in out:
                out.append(name)
    return tuple(out)


def _split_site_name(
    s: str, gaz: Gazetteer, memo: dict[str, list[str] | None], country: str | None = None
) -> list[str] | None:
    """``s`` as masthead words and place names (the place names), or None if it is not.
    Of several readings, the one whose places spell the most letters wins ("kansascity"
    is Kansas City, not Kansas and "city")."""
    if not s or s in _MASTHEAD_WORDS:
        return []
    if s in memo:
        return memo[s]
    memo[s] = None  # no cycles: every branch below consumes letters
    place = _site_place_name(s, gaz, country)
    if place:
        memo[s] = [place]
        return memo[s]
    readings: list[list[str]] = []
    for word in _MASTHEAD_WORDS:
        if (
            s.startswith(word)
            and (rest := _split_site_name(s[len(word) :], gaz, memo, country)) is not None
        ):
            readings.append(rest)
        if (
            s.endswith(word)
            and (rest := _split_site_name(s[: -len(word)], gaz, memo, country)) is not None
        ):
            readings.append(rest)
    for i in range(_MIN_SITE_PLACE, len(s) - _MIN_SITE_PLACE - 2):  # "lancasterandmorecambe"
        if s.startswith("and", i):
            left = _site_place_name(s[:i], gaz, country)
            right = _split_site_name(s[i + 3 :], gaz, memo, country)
            if left and right:
                readings.append([left, *right])
    best = max(
        readings,
        key=lambda names: (sum(len(n) for n in names), -len(names), names),
        default=None,
    )
    memo[s] = best
    return best


def _site_place_name(s: str, gaz: Gazetteer, country: str | None = None) -> str | None:
    """The gazetteer name spelled by the letters ``s``, words run together ("kansascity"),
    of a place in ``country`` (the site's country-code domain) when there is one."""
    if len(s) < _MIN_SITE_PLACE or not s.isalpha():
        return None
    for i in range(0, len(s) - 2):
        name = f"{s[:i]} {s[i:]}" if i >= 2 else s
        if i == 1:
            continue
        found = [
            p
            for p in gaz.by_name(name)
            if p.feature in _SITE_FEATURES
            and (p.feature != "PPL" or p.population >= _SITE_TOWN)
            and (country is None or p.country == country)
        ]
        if found:
            return found[0].name if i else name.title()
    return None


_SITE_FEATURES = frozenset({"PPL", "PPLC", "ADM1", "ADM2", "PCLI"})
_SITE_TOWN = 5_000  # a town with a paper of its own


def _home_locale(locale: dict[str, float], mentions: Mapping[str, int]) -> dict[str, float]:
    """The locale, weakened by the share of the article's country mentions that name other
    countries: a US paper's story about Britain ("London Mayor ...") is not set at home."""
    total = sum(mentions.values())
    return {
        code: strength * (mentions.get(code, 0) + 1) / (total + 1)
        for code, strength in locale.items()
    }


_CIVIC_AFTER = re.compile(r"['’]?s?\s+(?:" + "|".join(word_list("places/civic_after.txt")) + r")")
_CIVIC_BEFORE = re.compile(r"(?:" + "|".join(word_list("places/civic_before.txt")) + r")\s+$")


def _is_civic(query: PlaceQuery, text: str) -> bool:
    """Is the name used as a municipality the paper covers: "Athens City Council", "Paris
    police", "City of Oxford", "Jessica Kay, 18, of Paris"?"""
    for start, end in query.spans:
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            continue
        if _CIVIC_AFTER.match(text, end) or _CIVIC_BEFORE.search(text, max(0, start - 20), start):
            return True
    return False


_LOCATIVE_BEFORE = re.compile(
    r"\b(?:" + "|".join(word_list("places/locative_prepositions.txt")) + r")\s+$"
)


def _is_locative(query: PlaceQuery, text: str) -> bool:
    """Is the name used after a preposition of place somewhere ("in Lombard")?"""
    return any(
        isinstance(start, int)
        and 0 < start <= len(text)
        and _LOCATIVE_BEFORE.search(text, max(0, start - 12), start) is not None
        for start, _end in query.spans
    )


def _is_demonym(key: str) -> bool:
    return bool(key) and country_code(key) is None and demonym_country(key) is not None


def _civic_locale(locale: dict[str, float], civic: bool) -> dict[str, float]:
    if not civic:
        return locale
    scale = (_W_LOCALE + _W_LOCALE_CIVIC) / _W_LOCALE if _W_LOCALE else 1.0
    return {k: v * scale for k, v in locale.items()}


def _shares(counts: Mapping[str, float]) -> dict[str, float]:
    total = sum(counts.values())
    return {k: v / total for k, v in counts.items()} if total else {}


def _mention_weights(counts: Counter[str]) -> dict[str, float]:
    """Each country's share of the mentions, discounted when it is named only once or
    twice: one "U.S." in a story datelined ROME does not move Rome to Georgia."""
    total = sum(counts.values())
    return {k: (n / total) * (n / (n + _MENTION_DISCOUNT)) for k, n in counts.items() if n > 0}


def _prior(cand: _Candidate) -> float:
    """What size and kind alone say: population (log), countries > capitals > states."""
    place = cand.place
    population = place.population or _UNKNOWN_POPULATION.get(place.feature, 0)
    score = math.log10(population + 1) / 2 + _FEATURE_BONUS.get(place.feature, 0.0)
    if cand.demoted:
        score += _W_NAMESAKE_DIVISION
    return score + (_W_ALTERNATE if cand.alternate else 0.0)


def _relation(a: Place, b: Place) -> float:
    """How much place ``b`` being mentioned supports reading a name as place ``a`` (0..1)."""
    if a.feature in _POINTS and b.feature in _POINTS:
        # equirectangular distance: exact enough at the scale where support matters
        dy = a.lat - b.lat
        dx = (a.lon - b.lon) * math.cos(math.radians((a.lat + b.lat) / 2))
        return math.exp(-_KM_PER_DEGREE * math.hypot(dx, dy) / _NEAR_KM)
    if b.feature == "ADM1":
        return 1.0 if a.feature != "ADM1" and a.admin1_code == b.admin1_code else 0.0
    if a.feature == "ADM1":
        return 0.5 if b.feature in _POINTS and b.admin1_code == a.admin1_code else 0.0
    if a.feature == "PCLI":  # a country is supported by its towns ("Georgia" by "Tbilisi")
        return 0.25 if b.country == a.country else 0.0
    return 0.0


def _coherence(cand: _Candidate, others: list[tuple[list[_Candidate], float]]) -> float:
    """Support from the other names: for each, its best-fitting reading, weighted."""
    total = weight_sum = 0.0
    for cands, weight in others:
        total += weight * max(_relation(cand.place, o.place) for o in cands)
        weight_sum += weight
    # many names must not drown the prior: support grows with the square root of their count
    return total / math.sqrt(weight_sum) if weight_sum > 1 else total


def _score(
    cand: _Candidate,
    qual: _Qualifier | None,
    mentioned: dict[str, float],
    others: list[tuple[list[_Candidate], float]],
    focus: dict[str, float],
    locale: Mapping[str, float],
) -> float:
    place = cand.place
    score = _prior(cand)
    if place.country and place.feature not in ("PCLI", "CONT"):
        score += _W_LOCALE * locale.get(place.country, 0.0)
    if place.country and place.feature != "PCLI":
        score += _W_FOCUS * focus.get(place.country, 0.0)
    if place.admin1_code and place.feature not in ("PCLI", "CONT"):
        score += _W_STATE_FOCUS * focus.get(place.admin1_code, 0.0)
    if qual is not None:
        inside = (qual.admin1_code is None or place.admin1_code == qual.admin1_code) and (
            qual.country is None or place.country == qual.country
        )
        score += _W_QUALIFIER if inside else _W_QUALIFIER_MISS
    if place.country:
        share = mentioned.get(place.country, 0.0)
        if place.feature in _POINTS:
            # a town gains only where one country dominates the article's mentions: an
            # international story that names the US often is not set in the US
            share = max(0.0, (share - _MENTION_TOWN_FLOOR) / (1 - _MENTION_TOWN_FLOOR))
        score += _W_MENTIONED * share
    return score + _W_COHERENCE * _coherence(cand, others)


def _to_geo(place: Place) -> Geo:
    return Geo(
        lat=round(place.lat, 5),
        lon=round(place.lon, 5),
        geonameid=place.geonameid,
        name=place.name,
        country=place.country,
        feature=place.feature,
        admin1=place.admin1,
    )


# ----------------------------------------------------------------------------- entities


def locate_entities(entities: Sequence[Entity], article: Article) -> tuple[Entity, ...]:
    """The entities, with ``geo`` (and ``country`` where it was None) set for places.

    Contract with the entities stage, which calls this last in ``find_entities``:

    * every entity of kind GPE, LOC or FAC is one query: its ``name`` first, then its
      ``aliases`` when the name is unknown to the gazetteer; the offsets of its ``name``
      mentions locate qualifiers in ``article.text`` ("Paris, Texas");
    * the context is the article's text (country names and demonyms are counted in it),
      its dateline place, and the other place entities;
    * entities are returned in the same order, rebuilt with ``dataclasses.replace``;
      other kinds come back unchanged; a ``country`` that is already set is never
      overwritten;
    * a GPE/LOC the gazetteer does not know gets no ``geo`` but, when the article's
      places and country mentions point to one country (:func:`article_focus`), that
      ``country``;
    * ``article.url`` (its country-code domain) counts towards the article's locale.
    """
    places = [e for e in entities if e.kind in PLACE_KINDS]
    if not places:
        return tuple(entities)
    queries = [
        PlaceQuery(
            name=e.name,
            kind=e.kind,
            aliases=tuple(e.aliases),
            spans=tuple((m.start, m.end) for m in e.mentions if m.kind == "name"),
        )
        for e in places
    ]
    dateline = article.dateline.place if article.dateline else None
    context = GeoContext.from_text(article.text, dateline=dateline, url=article.url)
    resolved = resolve_places(queries, context)
    focus = article_focus(resolved, mentions=context.countries, text=article.text, url=article.url)
    geos = dict(zip((e.id for e in places), resolved, strict=True))
    out = []
    for entity in entities:
        if entity.id not in geos:
            out.append(entity)
            continue
        geo = geos[entity.id]
        if geo is not None:
            entity = dataclasses.replace(entity, geo=geo, country=entity.country or geo.country)
        elif entity.country is None and focus and entity.kind in ("GPE", "LOC"):
            entity = dataclasses.replace(entity, country=focus)
        out.append(entity)
    return tuple(out)


def article_focus(
    geos: Sequence[Geo | None],
    *,
    share: float = _FOCUS_SHARE,
    mentions: Iterable[tuple[str, int]] = (),
    text: str = "",
    url: str | None = None,
) -> str | None:
    """The country most of the article's places lie in, when one holds over ``share`` of
    the votes.

    Each resolved place votes for its country (continents and unresolved names do not);
    so does each mention of a country in ``mentions`` (``GeoContext.countries``: "Sudan",
    "Sudanese"), and the house style of ``text`` (:func:`_locale`) adds up to one vote.
    :func:`locate_entities` gives this country to GPE/LOC entities the gazetteer does not
    know (a hamlet, a township, a region like "Darfur" in a story about Sudan) — a
    country without coordinates, never a guessed point.
    """
    votes: dict[str, float] = {}
    for geo in geos:
        if geo is not None and geo.country:
            votes[geo.country] = votes.get(geo.country, 0.0) + 1.0
    for code, count in mentions:
        votes[code] = votes.get(code, 0.0) + count
    for code, strength in _locale(text, url).items():
        votes[code] = votes.get(code, 0.0) + strength
    if not votes:
        return None
    leader, top = max(votes.items(), key=lambda kv: kv[1])
    return leader if top / sum(votes.values()) > share else None
