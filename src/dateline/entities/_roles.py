"""Titles, country, sector and CAMEO-style code of each actor.

The text is read first:

* pre-modifiers: "German Finance Minister Olaf Scholz" -> title "Finance Minister",
  country DEU (from ``countries``), sector GOV (the Phoenix agents dictionary maps the
  title's words to an agent code);
* appositions on either side: "Scholz's deputy, Jörg Kukies" or "Jörg Kukies,
  Germany's deputy finance minister,";
* possessives: "Russia's RIA news agency" -> RUS; a relational title ("deputy", "aide",
  "spokesman", ...) of a person or organisation takes that actor's country and sector;
* an organisation's own words: "Russian Foreign Ministry" -> RUS GOV.

What the text leaves open is filled from the actor dictionaries (Phoenix, and the user's),
honouring their date limits against the article's date; ``code_from`` says which source
gave the code. A user dictionary wins over both, since a user adds one to correct them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from .. import places
from .._data import word_set
from ..types import CodeFrom
from ._cluster import Cluster, ClusterMap
from ._dictionaries import (
    SECTOR_CODES,
    ActorDictionary,
    ActorEntry,
    agent_dictionary,
    builtin_actors,
    normalize_code,
    split_code,
)
from ._mentions import is_title_word
from ._names import HONORIFICS, first_name_gender, fold, is_person_noun, noun_gender

__all__ = ["RELATIONAL", "Roles", "article_day", "assign_roles"]

#: Titles that say whose they are: the holder takes the possessor's country and sector.
RELATIONAL = word_set("entities/relational_titles.txt")
_FUNCTION = word_set("entities/title_function_words.txt")
_RANKS = word_set("entities/title_ranks.txt")
_SCAN_POS = frozenset({"PROPN", "NOUN", "ADJ"})
_MAX_SCAN = 8


@dataclass
class Roles:
    """What is known of one cluster's actor."""

    titles: list[str] = field(default_factory=list)
    countries: Counter[str] = field(default_factory=Counter)
    sectors: Counter[str] = field(default_factory=Counter)
    genders: Counter[str] = field(default_factory=Counter)
    bosses: list[tuple[Cluster, bool]] = field(default_factory=list)  # (boss, by possessive)
    fallback_sectors: Counter[str] = field(default_factory=Counter)  # the title's, under a boss
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    code_from: CodeFrom | None = None
    gender: str | None = None

    def add_title(self, title: str) -> None:
        if title and fold(title) not in {fold(t) for t in self.titles}:
            self.titles.append(title)


@dataclass
class _Phrase:
    titles: list[str] = field(default_factory=list)
    country: str | None = None
    sector: str | None = None
    possessor: Cluster | None = None
    org: Cluster | None = None  # an organisation named before the title: its employer
    relational: bool = False
    genders: list[str] = field(default_factory=list)


def article_day(published: str | None) -> int | None:
    """``"2022-01-21..."`` -> ``20220121``; None when absent or malformed."""
    if not published or len(published) < 10:
        return None
    digits = published[:10].replace("-", "")
    return int(digits) if digits.isdigit() and len(digits) == 8 else None


def _token_country(token: Token) -> str | None:
    text = token.text
    if not text[:1].isupper():
        return None
    demonym = places.demonym_country(text, regions=True)
    if demonym:
        return demonym
    return places.country_code(text) if text.isupper() else None


def _pair_demonym(first: Token, second: Token) -> str | None:
    """The country of a two-word demonym ("South African", "North Korean")."""
    if not (first.text[:1].isupper() and second.text[:1].isupper()):
        return None
    return places.demonym_country(f"{first.text} {second.text}", regions=True)


def _read_phrase(
    tokens: list[Token], owner: dict[int, Cluster], surnames: dict[str, Cluster] | None = None
) -> _Phrase:
    """Country, possessor and title in a run of tokens that describe an actor."""
    phrase = _Phrase()
    words: list[Token] = []
    runs: list[list[Token]] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        cluster = owner.get(tok.i)
        if cluster is not None:
            j = i
            while j + 1 < len(tokens) and owner.get(tokens[j + 1].i) is cluster:
                j += 1
            possessive = j + 1 < len(tokens) and tokens[j + 1].text in {"'s", "’s"}
            if cluster.iso3:
                phrase.country = cluster.iso3
            elif possessive:
                phrase.possessor = cluster
            elif cluster.kind != "PERSON":
                phrase.org = cluster
                named = [t.text for t in tokens[i : j + 1]]
                if _person_title(named):  # "the United Nations Emergency Relief Coordinator"
                    phrase.titles.append(" ".join(named))
            if words:
                runs.append(words)
            words = []
            i = j + 1
            continue
        if i + 1 < len(tokens) and tokens[i + 1].text in {"'s", "’s"}:
            known = (surnames or {}).get(fold(tok.text))
            country = _token_country(tok) or places.country_code(tok.text)
            if known is not None:
                phrase.possessor = known
            elif country:
                phrase.country = country
            if words:
                runs.append(words)
            words = []
            i += 2
            continue
        pair = _pair_demonym(tok, tokens[i + 1]) if i + 1 < len(tokens) else None
        if pair and owner.get(tokens[i + 1].i) is None:
            phrase.country = pair  # "South African leader", "Sri Lankan troops"
            if words:
                runs.append(words)
            words = []
            i += 2
            continue
        country = _token_country(tok)
        if country:
            phrase.country = country
            if words:
                runs.append(words)
            words = []
        elif fold(tok.text) in HONORIFICS:
            gender = HONORIFICS[fold(tok.text)]
            if gender:
                phrase.genders.append(gender)
        else:
            words.append(tok)
        i += 1
    if words:
        runs.append(words)
    agents = agent_dictionary()
    for run in runs:
        while run and run[0].lower_ in _FUNCTION:
            run = run[1:]
        while run and run[-1].lower_ in _FUNCTION:
            run = run[:-1]
        if not run:
            continue
        texts = [t.text for t in run]
        match = agents.find(texts)
        head = fold(texts[-1])
        relational = head in RELATIONAL
        if match is None and not relational and not _person_title(texts):
            continue
        if match is not None:
            # the title runs from the matched words, and the capitalised title words or
            # rank modifiers right before them ("Deputy Foreign Minister"), to the head
            start = match.start
            while start > 0 and (
                fold(texts[start - 1]) in _RANKS
                or (texts[start - 1][:1].isupper() and is_title_word(run[start - 1]))
            ):
                start -= 1
            texts = texts[start:]
        phrase.titles.append(" ".join(texts))
        phrase.relational = phrase.relational or relational
        if match is not None and match.code[:3] in SECTOR_CODES and not relational:
            phrase.sector = match.code[:3]
        elif match is None and _executive_general(texts):
            phrase.sector = "GOV"  # "Secretary-General", "Director General"
        for t in texts:
            gender = noun_gender(t)
            if gender:
                phrase.genders.append(gender)
    return phrase


def _person_title(texts: list[str]) -> bool:
    """A title of a person: its head is a person noun ("mediator"), or a person noun
    with "General" after it ("Secretary-General", "Attorney General")."""
    words = [w for t in texts for w in fold(t).split("-") if w]
    if not words:
        return False
    if is_person_noun(words[-1]):
        return True
    return len(words) >= 2 and words[-1] == "general" and is_person_noun(words[-2])


def _executive_general(texts: list[str]) -> bool:
    words = [w for t in texts for w in fold(t).split("-") if w]
    return len(words) >= 2 and words[-1] == "general" and words[-2] in ("secretary", "director")


def _left_scan(doc: Doc, start: int, owner: dict[int, Cluster]) -> list[Token]:
    """Pre-modifiers of the name that starts at token ``start``."""
    sent_start = doc[start].sent.start if start < len(doc) else 0
    out: list[Token] = []
    i = start - 1
    while i >= sent_start and len(out) < _MAX_SCAN:
        tok = doc[i]
        hyphen = tok.text in {"-", "‐"} and i > sent_start and doc[i - 1].text.isalpha()
        if (
            tok.text in {"'s", "’s"}
            or tok.lower_ in {"of", "for"}
            or (tok.pos_ in _SCAN_POS and tok.text.replace(".", "").isalpha())
            or i in owner
            or hyphen  # "Secretary-General"
        ):
            out.append(tok)
        else:
            break
        i -= 1
    out.reverse()
    while out and out[0].lower_ in {"of", "for", "'s", "’s"}:
        out = out[1:]
    return out


def _appositions(doc: Doc, tok_start: int, tok_end: int) -> list[list[Token]]:
    """Noun phrases in apposition to the name (spaCy's ``appos`` in either direction)."""
    span = doc[tok_start:tok_end]
    root = span.root
    out: list[list[Token]] = []
    if root.dep_ == "appos" and root.head.i < tok_start and root.head.pos_ in {"NOUN", "PROPN"}:
        head = root.head
        out.append(list(doc[head.left_edge.i : head.i + 1]))
    for child in root.children:
        if child.dep_ == "appos" and child.i >= tok_end and child.pos_ in {"NOUN", "PROPN"}:
            tokens = list(doc[child.left_edge.i : child.i + 1])
            for prep in child.children:
                if prep.dep_ == "prep" and prep.lower_ in {"of", "for", "to"}:
                    tokens.extend(doc[prep.i : prep.right_edge.i + 1])
            out.append(tokens[:12])
    # "Scholz's deputy, Jörg Kukies" when the parser missed the apposition
    if tok_start >= 3 and doc[tok_start - 1].text == "," and doc[tok_start - 2].pos_ == "NOUN":
        tokens = _left_scan_plain(doc, tok_start - 2)
        if any(t.text in {"'s", "’s"} for t in tokens):
            out.append(tokens)
    return out


def _left_scan_plain(doc: Doc, head: int) -> list[Token]:
    sent_start = doc[head].sent.start
    i = head
    while (
        i - 1 >= sent_start
        and head - i < _MAX_SCAN
        and (doc[i - 1].pos_ in _SCAN_POS or doc[i - 1].text in {"'s", "’s"})
    ):
        i -= 1
    return list(doc[i : head + 1])


def _right_nouns(doc: Doc, end: int) -> list[Token]:
    """Common nouns right after an organisation's name: "TASS news agency"."""
    out: list[Token] = []
    i = end
    while i < len(doc) and len(out) < 3 and doc[i].pos_ == "NOUN" and doc[i].is_lower:
        out.append(doc[i])
        i += 1
    if any(is_person_noun(t.lemma_) for t in out):
        return []  # "Dacia vice president ...": a title of someone else
    return out


def _mention_phrases(
    doc: Doc, cluster: Cluster, owner: dict[int, Cluster], surnames: dict[str, Cluster]
) -> list[_Phrase]:
    phrases: list[_Phrase] = []
    for m in cluster.names:
        scans = [_left_scan(doc, m.tok_start, owner)]
        if cluster.kind == "PERSON":
            scans.extend(_appositions(doc, m.tok_start, m.tok_end))
        for tokens in scans:
            if tokens:
                phrases.append(_read_phrase(tokens, owner, surnames))
        if cluster.kind != "PERSON" and not cluster.iso3:
            own_tokens = list(doc[m.tok_start : m.tok_end]) + _right_nouns(doc, m.tok_end)
            own = _read_phrase(own_tokens, {})
            phrases.append(
                _Phrase(
                    country=own.country or _org_named_country(cluster, m.text), sector=own.sector
                )
            )
    return phrases


def _org_named_country(cluster: Cluster, name: str) -> str | None:
    """Only an organisation is of the country its name holds: a place's name is no claim
    ("New Mexico", "Northern Ireland", "Easter Island"); the gazetteer places it."""
    return _named_country(name) if cluster.kind == "ORG" else None


def _named_country(name: str) -> str | None:
    """The country an organisation's own name holds ("Kenya Anti-Corruption Commission",
    "Montenegro Assembly"); names that are also words or US states ("Jordan", "Georgia")
    do not count."""
    for start, end, code in places.mentioned_countries(name, regions=True):
        if not places.is_ambiguous_country(name[start:end]):
            return code
    return None


#: compass words that make a region of a country's name ("South Lebanon", "northern Iraq")
_COMPASS = word_set("entities/compass_words.txt")

#: countries whose compass regions are continents or lie (partly) in another state
_OTHER_REGIONS = word_set("entities/compass_other_regions.txt")


def _compass_country(cluster: Cluster) -> str | None:
    """The country of a compass region named after it ("South Lebanon" is Lebanon, not a
    namesake town abroad); names that are countries of their own ("South Korea", "East
    Timor") or hold an ambiguous name ("South Georgia") are left to the gazetteer, as are
    regions that are not, or not wholly, of that country ("South America", "West Timor",
    "Northern Ireland", "Northern Cyprus")."""
    for m in cluster.names:
        words = m.text.split()
        if len(words) != 2 or words[0].lower() not in _COMPASS:
            continue
        if places.country_code(" ".join(words)):
            return None
        if places.is_ambiguous_country(words[1]) or fold(words[1]) in _OTHER_REGIONS:
            continue
        code = places.country_code(words[1])
        if code is not None:
            return code
    return None


def _apply_entry(roles: Roles, entry: ActorEntry, day: int | None, source: CodeFrom) -> bool:
    code = entry.code_on(day)
    if not code:
        # no role on that day ("Moody Awori" before he took office): still of his country
        home = entry.home()
        if home and not roles.country:
            roles.country = home  # the code is the text's (country and title's sector)
            _text_code(roles)
            return True
        return False
    country, sector = split_code(code)
    country = entry.country or country
    sector = entry.sector or sector
    if source == "user-dictionary":
        roles.country = country or roles.country
        roles.sector = sector or roles.sector
    else:
        roles.country = roles.country or country
        roles.sector = roles.sector or sector
    roles.code = normalize_code(code)
    roles.code_from = source
    return True


def _inherit(roles: Roles, everyone: ClusterMap[Roles]) -> None:
    """A deputy, aide or employee takes the boss's country and sector where unknown."""
    for boss, _ in roles.bosses:
        boss_roles = everyone[boss]
        roles.country = roles.country or boss_roles.country or boss.iso3
        roles.sector = roles.sector or boss_roles.sector
    if roles.sector is None and roles.fallback_sectors:
        roles.sector = roles.fallback_sectors.most_common(1)[0][0]


def _international_employer(roles: Roles, everyone: ClusterMap[Roles]) -> bool:
    """ "U.N. mediator Diego Cordovez", "Arab League Secretary-General": the text makes
    the person the organisation's man, whatever country the dictionaries give him."""
    for boss, _ in roles.bosses:
        code = everyone[boss].code
        if code and code[:3] in ("IGO", "NGO") and not everyone[boss].country:
            roles.country = None
            if roles.fallback_sectors:  # "Secretary-General": the post's sector (GOV)
                roles.sector = roles.fallback_sectors.most_common(1)[0][0]
            roles.code = code
            roles.code_from = "text"
            return True
    return False


def _text_code(roles: Roles) -> None:
    if roles.country:
        roles.code = roles.country + (roles.sector or "")
        roles.code_from = "text"


def _set_code(
    cluster: Cluster,
    roles: Roles,
    day: int | None,
    user: ActorDictionary | None,
    builtin: ActorDictionary | None,
) -> None:
    """The code: user dictionary, else the text when complete, else the dictionaries."""
    if cluster.iso3 or cluster.final_kind() not in {"PERSON", "ORG", "NORP"}:
        return
    names = _lookup_names(cluster)
    order: tuple[tuple[ActorDictionary | None, CodeFrom], ...] = (
        (user, "user-dictionary"),
        (builtin, "dictionary"),
    )
    for dictionary, source in order:
        if dictionary is None:
            continue
        if source == "dictionary" and roles.country and roles.sector:
            break
        entries = [e for e in (dictionary.get(n) for n in names) if e is not None]
        if any(_apply_entry(roles, e, day, source) for e in entries):
            return
    if (
        builtin is not None
        and cluster.kind == "PERSON"
        and not roles.country
        and _by_surname(cluster, roles, builtin)
    ):
        return
    if builtin is not None and cluster.kind == "ORG" and not roles.country and not roles.code:
        entry = _international_prefix(names, builtin)
        if entry is not None and _apply_entry(roles, entry, day, "dictionary"):
            return
    _text_code(roles)


def _international_prefix(names: list[str], builtin: ActorDictionary) -> ActorEntry | None:
    """The international organisation whose name starts a longer one ("United Nations
    Emergency Relief Coordinator", "UN refugee agency"): a body or office of it."""
    for name in names:
        words = name.split()
        for size in range(len(words) - 1, 0, -1):
            head = " ".join(words[:size])
            if size == 1 and not (head.isupper() and len(head) >= 2):
                continue
            entry = builtin.get(head)
            code = entry.code_on(None) if entry is not None else None
            if code and code[:3] in {"IGO", "NGO"}:
                return entry
    return None


def _by_surname(cluster: Cluster, roles: Roles, builtin: ActorDictionary) -> bool:
    """A person the dictionaries know under a fuller name: "President Mugabe" (a title
    and a surname known under one country), "Carlos Menem" (first and last words of
    "Carlos Saul Menem"). A lone surname needs a title, and one country must hold at
    least two thirds of the entries ("Bush": two American entries, one Caymanian)."""
    names = [" ".join(m.text.split()) for m in cluster.names]
    longest = max(names, key=lambda n: len(n.split()), default="")
    if not longest:
        return False
    titled = bool(roles.titles or roles.sector or any(m.inner_titles for m in cluster.names))
    if len(longest.split()) == 1 and not titled:
        return False
    entries = builtin.by_surname(longest) or builtin.by_spelling(longest)
    homes = Counter(h for h in (e.home() for e in entries) if h)
    if not homes:
        return False
    home, count = homes.most_common(1)[0]
    if count * 3 < sum(homes.values()) * 2:
        return False
    roles.country = home  # a guess from a fuller name: the code is left to the text
    _text_code(roles)
    return True


def _lookup_names(cluster: Cluster) -> list[str]:
    full = [" ".join(m.text.split()) for m in cluster.names if len(m.text.split()) > 1]
    if cluster.kind == "PERSON" and full:
        return list(dict.fromkeys(full))
    return list(dict.fromkeys(" ".join(m.text.split()) for m in cluster.names))


def assign_roles(
    doc: Doc,
    clusters: list[Cluster],
    *,
    published: str | None = None,
    user: ActorDictionary | None = None,
    use_builtin: bool = True,
) -> ClusterMap[Roles]:
    """Roles for every cluster."""
    owner: dict[int, Cluster] = {}
    for cluster in clusters:
        for m in cluster.names:
            for i in range(m.tok_start, m.tok_end):
                owner[i] = cluster
    surnames = {fold(c.surname): c for c in clusters if c.kind == "PERSON" and c.surname}
    out: ClusterMap[Roles] = ClusterMap()
    for cluster in clusters:
        roles = Roles()
        out[cluster] = roles
        if cluster.iso3:
            roles.country = cluster.iso3
            roles.code = cluster.iso3
            roles.code_from = "text"
            continue
        person = cluster.kind == "PERSON"
        for phrase in _mention_phrases(doc, cluster, owner, surnames):
            if person:
                for title in phrase.titles:
                    roles.add_title(title)
            if phrase.country:
                roles.countries[phrase.country] += 1
            employer = phrase.org if person and phrase.titles else None
            if employer is not None and employer is not cluster:
                # "Boeing president Scott Carson": Boeing's sector, not the word's
                roles.bosses.append((employer, False))
                if phrase.sector:
                    roles.fallback_sectors[phrase.sector] += 1
            elif phrase.sector:
                roles.sectors[phrase.sector] += 1
            if (
                phrase.relational
                and phrase.possessor is not None
                and phrase.possessor is not cluster
            ):
                roles.bosses.append((phrase.possessor, True))
            roles.genders.update(phrase.genders)
        lone = [] if cluster.given or not cluster.surname else [cluster.surname]
        for given in cluster.given or lone:  # "Melanie" alone is a given name too
            gender = first_name_gender(given)
            if gender:
                roles.genders[gender] += 1
        for m in cluster.names:
            for word in m.inner_titles:
                gender = noun_gender(word)
                if gender:
                    roles.genders[gender] += 1
        roles.country = roles.countries.most_common(1)[0][0] if roles.countries else None
        if roles.country is None and cluster.final_kind() in {"GPE", "LOC"}:
            roles.country = _compass_country(cluster)
        roles.sector = roles.sectors.most_common(1)[0][0] if roles.sectors else None
        if len(roles.genders) == 1:
            roles.gender = next(iter(roles.genders))
    day = article_day(published)
    builtin = builtin_actors() if use_builtin else None
    # organisations first: an employer lends its country and sector to its people
    for cluster in clusters:
        if cluster.kind != "PERSON":
            _set_code(cluster, out[cluster], day, user, builtin)
    for cluster in clusters:
        if cluster.kind == "PERSON":
            _inherit(out[cluster], out)
            if not _international_employer(out[cluster], out):
                _set_code(cluster, out[cluster], day, user, builtin)
    # a deputy of someone whose roles came from the dictionary: one more round
    for cluster in clusters:
        roles = out[cluster]
        if cluster.kind == "PERSON" and roles.bosses and roles.code_from in {None, "text"}:
            _inherit(roles, out)
            _text_code(roles)
    return out
