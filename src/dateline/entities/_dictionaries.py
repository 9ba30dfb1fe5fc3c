"""Actor and agent dictionaries in the PETRARCH/Phoenix format, parsed once and cached.

Actor files map names to CAMEO actor codes, optionally limited in time::

    JANE_DOE_               # a root name
    +DOE                    # a synonym
        [ABCGOV 19940922-20040712]
        [ABCGOV >20040309]

Agent files map role words to agent (sector) codes: ``DIPLOMAT [~GOV]``, with ``!MACRO!``
substitutions and ``{PLURAL}`` forms. Dates are ``YYYYMMDD`` or ``YYMMDD`` (years below 30
are 20xx). A user dictionary is a file in the actor format or a CSV with the columns
``name,code[,country,sector]``.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

from .. import places
from .._data import mapping, word_set
from ..errors import ConfigError

__all__ = [
    "SECTOR_CODES",
    "ActorDictionary",
    "ActorEntry",
    "AgentDictionary",
    "DatedCode",
    "agent_dictionary",
    "builtin_actors",
    "dict_key",
    "is_region_code",
    "load_actor_file",
    "load_user_dictionary",
    "normalize_code",
    "parse_date",
    "split_code",
]

ACTOR_FILES = (
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
    "dateline.supplement.actors.txt",  # short forms the Phoenix files lack ("OSCE")
)
AGENT_FILE = "Phoenix.agents.txt"

#: CAMEO agent (sector) codes a ``sector`` field may hold.
SECTOR_CODES = word_set("entities/sector_codes.txt")

_CODE = re.compile(r"\[([^\]]*)\]")
_PAREN = re.compile(r"\(([^)]*)\)")


@dataclass(frozen=True, slots=True)
class DatedCode:
    """A CAMEO code, valid from ``start`` to ``end`` (``YYYYMMDD`` ints, inclusive)."""

    code: str
    start: int | None = None
    end: int | None = None

    def valid_on(self, day: int) -> bool:
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None


@dataclass(frozen=True, slots=True)
class ActorEntry:
    name: str
    codes: tuple[DatedCode, ...]
    country: str | None = None
    sector: str | None = None

    def home(self) -> str | None:
        """The one country all the entry's codes name, whatever their dates, else None."""
        found = {self.country or split_code(c.code)[0] for c in self.codes}
        return found.pop() if len(found) == 1 else None

    def code_on(self, day: int | None) -> str | None:
        """The code valid on ``day``; the undated default otherwise; None if none fits."""
        dated = [c for c in self.codes if c.dated]
        plain = [c for c in self.codes if not c.dated]
        if day is not None:
            for c in dated:
                if c.valid_on(day):
                    return c.code
            return plain[0].code if plain else None
        if plain:
            return plain[0].code
        # no date known: the most recent period is the best guess for current news
        latest = max(dated, key=lambda c: (c.start or 0, c.end or 99999999), default=None)
        return latest.code if latest else None


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


@lru_cache(maxsize=65536)
def dict_key(name: str) -> str:
    """The lookup key of a name: upper case, no accents, periods, underscores or hyphens."""
    text = _fold(name).upper().replace("’", "'")
    text = text.replace(".", "")
    text = re.sub(r"[_\-\s]+", " ", text)
    return text.strip()


def parse_date(text: str) -> int | None:
    """``YYYYMMDD`` or ``YYMMDD`` to an int ``YYYYMMDD``; None when malformed."""
    digits = text.strip()
    if not digits.isdigit():
        return None
    if len(digits) == 8:
        return int(digits)
    if len(digits) == 6:
        year = int(digits[:2])
        return (2000 + year if year < 30 else 1900 + year) * 10000 + int(digits[2:])
    return None


def _parse_code(body: str) -> DatedCode | None:
    parts = body.split()
    if not parts:
        return None
    code = parts[0].lstrip("~").upper()
    if not re.fullmatch(r"[A-Z]{3,15}", code):
        return None
    if len(parts) == 1:
        return DatedCode(code)
    limit = parts[1]
    if limit.startswith(">"):
        start = parse_date(limit[1:])
        return DatedCode(code, start, None) if start else None
    if limit.startswith("<"):
        end = parse_date(limit[1:])
        return DatedCode(code, None, end) if end else None
    if "-" in limit:
        a, _, b = limit.partition("-")
        start, end = parse_date(a), parse_date(b)
        return DatedCode(code, start, end) if start and end else None
    return None


def _names_of(raw: str) -> list[str]:
    """The name(s) a dictionary phrase stands for: ``ADEN_ARMY_(AAA)_`` -> both forms."""
    out = []
    acronyms = [m.strip("_ ") for m in _PAREN.findall(raw)]
    base = _PAREN.sub(" ", raw)
    key = dict_key(base)
    if key:
        out.append(key)
    for acr in acronyms:
        if re.fullmatch(r"[A-Z]{3,}", acr):
            out.append(acr)
    return out


def split_code(code: str) -> tuple[str | None, str | None]:
    """A CAMEO actor code -> (country ISO3 or None, primary sector or None).

    ``RUSGOV`` -> (RUS, GOV); ``IGOWSTNAT`` -> (None, IGO); ``USA`` -> (USA, None);
    ``MNCUSA`` (a multinational company) -> (USA, BUS).
    """
    code = normalize_code(code)
    if code[:3] in {"MNC", "NGO"}:
        # a company or NGO based in a country: MNCUSA, NGOGBR...
        home = code[3:6] if len(code) >= 6 and places.country_name(code[3:6]) else None
        return home, "BUS" if code[:3] == "MNC" else "NGO"
    if code[:3] in SECTOR_CODES or code[:3] in {"IGO", "IMG", "ISM"}:
        return None, code[:3]
    country = code[:3] if len(code) >= 3 else None
    if country is not None and is_region_code(country):
        country = None  # "INTREB", "WAFREB": a region's or the world's, no one country
    sector = code[3:6] if len(code) >= 6 else None
    return country, sector


#: Country codes of the CAMEO dictionaries that ISO gives another code.
LEGACY_COUNTRIES = mapping("entities/legacy_countries.tsv", "cameo", "iso3")
#: States that no longer exist, kept under their ISO 3166-3 or CAMEO codes.
FORMER_STATES = word_set("entities/former_states.txt")


def normalize_code(code: str) -> str:
    """An actor code with a legacy country prefix made ISO ("ANGREB" -> "AGOREB")."""
    code = code.upper()
    return LEGACY_COUNTRIES[code[:3]] + code[3:] if code[:3] in LEGACY_COUNTRIES else code


@lru_cache(maxsize=1024)
def is_region_code(prefix: str) -> bool:
    """A CAMEO prefix naming a region, a people or "international" ("MEA", "WAF",
    "INT"), not a state nor an organisation type."""
    prefix = prefix.upper()
    if prefix in SECTOR_CODES or prefix in {"IGO", "IMG", "ISM", "MNC", "NGO"}:
        return False
    if prefix in FORMER_STATES or prefix in LEGACY_COUNTRIES:
        return False
    return places.country_name(prefix) is None


#: A full name is matched on its first and last words only when no more entries than
#: this bear its surname ("Carlos Menem", not "John Smith").
MAX_SURNAME_BEARERS = 8


def _undouble(word: str) -> str:
    """The word with each run of one letter cut to one: "MITTERRAND" -> "MITERAND"."""
    return re.sub(r"(.)\1+", r"\1", word)


class ActorDictionary:
    """Name key -> actor entry; later files do not override earlier ones."""

    def __init__(self, entries: Iterable[tuple[str, ActorEntry]] = ()):
        self._by_key: dict[str, ActorEntry] = {}
        self._surnames: dict[str, list[tuple[str, ActorEntry]]] | None = None
        self._undoubled: dict[str, list[str]] | None = None
        for key, entry in entries:
            self._by_key.setdefault(key, entry)

    def __len__(self) -> int:
        return len(self._by_key)

    def get(self, name: str) -> ActorEntry | None:
        return self._by_key.get(dict_key(name))

    def by_surname(self, name: str) -> list[ActorEntry]:
        """Entries of several-word names that end with the last word of ``name`` and, when
        ``name`` has more words, start with its first ("Carlos Menem" -> "Carlos Saul
        Menem"; "Mugabe" -> "Robert Mugabe"). Words of fewer than 4 letters match nothing
        ("Kim", "Lee" head too many names)."""
        words = dict_key(name).split()
        if not words or len(words[-1]) < 4:
            return []
        if self._surnames is None:
            index: dict[str, list[tuple[str, ActorEntry]]] = {}
            for key, entry in self._by_key.items():
                parts = key.split()
                if len(parts) >= 2:
                    index.setdefault(parts[-1], []).append((parts[0], entry))
            self._surnames = index
        bearers = self._surnames.get(words[-1], [])
        if len(words) > 1 and len({id(e) for _, e in bearers}) > MAX_SURNAME_BEARERS:
            return []  # "John Smith": too common a surname to guess who is meant
        found: list[ActorEntry] = []
        for first, entry in bearers:
            if (len(words) == 1 or first == words[0]) and entry not in found:
                found.append(entry)
        return found

    def by_spelling(self, name: str) -> list[ActorEntry]:
        """Entries whose first word is that of ``name`` and whose last word differs from
        its last word only in doubled letters, a common misspelling ("Francois Mitterand",
        "Muammar Gadafi"); names one other letter apart are other names ("Horton",
        "Norton"). Surnames of fewer than 5 letters match nothing."""
        words = dict_key(name).split()
        if len(words) < 2 or len(words[-1]) < 5 or self.by_surname(name):
            return []
        if self._undoubled is None:
            self.by_surname(words[-1])  # builds the surname index
            index: dict[str, list[str]] = {}
            for surname in self._surnames or {}:
                index.setdefault(_undouble(surname), []).append(surname)
            self._undoubled = index
        found: list[ActorEntry] = []
        for surname in self._undoubled.get(_undouble(words[-1]), []):
            if surname == words[-1]:
                continue
            bearers = (self._surnames or {}).get(surname, [])
            found += [e for first, e in bearers if first == words[0] and e not in found]
        return found

    def merged(self, other: ActorDictionary) -> ActorDictionary:
        out = ActorDictionary()
        out._by_key = {**other._by_key, **self._by_key}
        return out


def parse_actor_lines(lines: Iterable[str]) -> list[tuple[str, ActorEntry]]:
    """Parse actor-dictionary lines into (key, entry) pairs."""
    out: list[tuple[str, ActorEntry]] = []
    names: list[str] = []
    codes: list[DatedCode] = []
    root = ""

    def flush() -> None:
        nonlocal names, codes, root
        if names and codes:
            entry = ActorEntry(root, tuple(codes))
            out.extend((n, entry) for n in names)
        names, codes, root = [], [], ""

    for raw_line in lines:
        line = raw_line.split("#", 1)[0].rstrip()
        if not line.strip():
            if codes:
                flush()
            elif not raw_line.strip():
                names, root = [], ""
            continue
        stripped = line.strip()
        found = [c for c in (_parse_code(m) for m in _CODE.findall(stripped)) if c]
        text = _CODE.sub(" ", stripped).strip()
        if text.startswith("+"):
            names.extend(_names_of(text[1:]))
        elif text:
            if codes:
                flush()
            root = dict_key(_PAREN.sub(" ", text)).title()
            names.extend(_names_of(text))
        codes.extend(found)
    flush()
    return out


def load_actor_file(path: Path | str) -> ActorDictionary:
    """A user's actor dictionary: Phoenix format, or CSV ``name,code[,country,sector]``."""
    p = Path(path)
    try:
        text = p.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(
            f"cannot read actor dictionary {p}: {exc}",
            hint="give a UTF-8 Phoenix actor file or a CSV name,code[,country,sector]",
        ) from exc
    if p.suffix.lower() == ".csv":
        return _load_csv(text.splitlines(), p)
    return ActorDictionary(parse_actor_lines(text.splitlines()))


def _load_csv(lines: Sequence[str], path: Path) -> ActorDictionary:
    entries: list[tuple[str, ActorEntry]] = []
    for number, row in enumerate(csv.reader(lines), start=1):
        if not row or not row[0].strip() or row[0].startswith("#"):
            continue
        if number == 1 and row[0].strip().lower() == "name":
            continue
        if len(row) < 2 or not row[1].strip():
            raise ConfigError(
                f"{path}, line {number}: expected name,code[,country,sector]",
                hint="e.g. Acme Corp,USABUS,USA,BUS",
            )
        cells = [c.strip() for c in row] + ["", ""]
        code = cells[1].upper()
        country, sector = split_code(code)
        entry = ActorEntry(
            cells[0], (DatedCode(code),), cells[2].upper() or country, cells[3].upper() or sector
        )
        entries.append((dict_key(cells[0]), entry))
    return ActorDictionary(entries)


def load_user_dictionary(paths: Sequence[Path | str]) -> ActorDictionary | None:
    if not paths:
        return None
    merged = ActorDictionary()
    for path in paths:
        merged = merged.merged(load_actor_file(path))
    return merged


def _data_lines(name: str) -> list[str]:
    ref = resources.files("dateline").joinpath("data", "actors", name)
    return ref.read_bytes().decode("utf-8", errors="replace").splitlines()


@cache
def builtin_actors() -> ActorDictionary:
    """The shipped Phoenix actor dictionaries (parsed on first use, about 0.3 s)."""
    entries: list[tuple[str, ActorEntry]] = []
    for name in ACTOR_FILES:
        entries.extend(parse_actor_lines(_data_lines(name)))
    return ActorDictionary(entries)


# ---------------------------------------------------------------------------- agents


@dataclass(frozen=True, slots=True)
class AgentMatch:
    start: int
    end: int
    code: str


class AgentDictionary:
    """Role phrases (token tuples) -> agent code such as ``GOV`` or ``GOVMIL``."""

    def __init__(self, phrases: dict[tuple[str, ...], str]):
        self._by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for phrase, code in phrases.items():
            self._by_first.setdefault(phrase[0], []).append((phrase, code))
        for group in self._by_first.values():
            group.sort(key=lambda p: -len(p[0]))
        self.size = len(phrases)

    @staticmethod
    def _word_matches(pattern: str, word: str, last: bool) -> bool:
        if word == pattern:
            return True
        if last and word in (pattern + "S", pattern + "ES"):
            return True
        if pattern.endswith("Y") and last and word == pattern[:-1] + "IES":
            return True
        return (
            last
            and len(pattern) >= 5
            and word.startswith(pattern)
            and len(word) - len(pattern) <= 3
            and not word.endswith(("TOR", "ION", "ISM"))  # "MEDIATOR" is no "MEDIA"
        )

    def _candidates(self, word: str) -> list[tuple[tuple[str, ...], str]]:
        out = list(self._by_first.get(word, ()))
        for cut in (1, 2, 3):  # plural or stemmed first words ("MINISTERS", "POLICEMEN")
            if len(word) - cut >= 4:
                out.extend(p for p in self._by_first.get(word[:-cut], ()) if len(p[0]) == 1)
        return out

    def find(self, words: Sequence[str]) -> AgentMatch | None:
        """The longest agent phrase in ``words`` (upper case); rightmost on a tie."""
        best: AgentMatch | None = None
        upper = [dict_key(w) for w in words]
        for i, word in enumerate(upper):
            for phrase, code in self._candidates(word):
                n = len(phrase)
                if i + n > len(upper):
                    continue
                if all(self._word_matches(phrase[k], upper[i + k], k == n - 1) for k in range(n)):
                    if (
                        best is None
                        or n > best.end - best.start
                        or (n == best.end - best.start and i >= best.start)
                    ):
                        best = AgentMatch(i, i + n, code)
                    break
        return best

    def code_of(self, phrase: str) -> str | None:
        match = self.find(phrase.split())
        return match.code if match else None


def parse_agent_lines(lines: Iterable[str]) -> dict[tuple[str, ...], str]:
    macros: dict[str, list[str]] = {}
    phrases: dict[tuple[str, ...], str] = {}
    for raw_line in lines:
        line = raw_line.split("#", 1)[0].strip()
        if not line:
            continue
        macro = re.fullmatch(r"(![A-Z]+!)\s*=\s*(.+)", line)
        if macro:
            macros[macro.group(1)] = [w.strip() for w in macro.group(2).split(",") if w.strip()]
            continue
        codes = _CODE.findall(line)
        if not codes:
            continue
        code = codes[0].strip().lstrip("~").upper()
        if not re.fullmatch(r"[A-Z]{3,12}", code):
            continue
        head = _CODE.sub(" ", line)
        plurals = re.findall(r"\{([^}]*)\}", head)
        head = re.sub(r"\{[^}]*\}", " ", head).strip()
        forms = [head, *(p for p in plurals if p.strip())]
        for form in forms:
            for expanded in _expand_macros(form, macros):
                words = tuple(w for w in re.split(r"[_\s]+", dict_key(expanded)) if w)
                if words:
                    phrases.setdefault(words, code)
    return phrases


def _expand_macros(text: str, macros: dict[str, list[str]]) -> list[str]:
    match = re.search(r"![A-Z]+!", text)
    if not match or match.group(0) not in macros:
        return [text.replace("!", "")] if "!" in text else [text]
    out: list[str] = []
    for value in macros[match.group(0)]:
        out.extend(_expand_macros(text[: match.start()] + value + text[match.end() :], macros))
    return out


@cache
def agent_dictionary() -> AgentDictionary:
    """The shipped Phoenix agents dictionary (role words -> sector codes)."""
    return AgentDictionary(parse_agent_lines(_data_lines(AGENT_FILE)))
