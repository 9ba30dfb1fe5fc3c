"""Line rules of the structure stage: what a block of a news text is.

Each rule looks at one normalised block (straight quotes, plain spaces) and says whether it
is a byline, a photo caption or credit, a promo or cross-link line, or boilerplate
(copyright, a bare date line, contact details). The rules are deliberately narrow: a
paragraph that merely *mentions* a photo or starts with "Related" is body text; a caption
needs a credit, a promo needs a label such as "READ MORE:" or a whole-line heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .._data import word_list, word_set
from ..places import PlacePolicy, is_place
from ..types import DroppedKind
from ._dates import MONTH_RE

__all__ = [
    "DatelineMatch",
    "Verdict",
    "classify",
    "is_list_heading",
    "looks_like_headline",
    "looks_like_list_item",
    "match_dateline",
]


@dataclass(frozen=True, slots=True)
class Verdict:
    kind: DroppedKind  # byline | caption | credit | promo | boilerplate
    reason: str
    value: str | None = None  # the byline's name part, a date line's text, ...


@cache
def _word_list(name: str) -> frozenset[str]:
    return frozenset(word.casefold() for word in word_set(f"structure/{name}"))


def agencies() -> frozenset[str]:
    return _word_list("agencies.txt")


def _is_agency(text: str) -> bool:
    return text.strip(" .()[]").casefold() in agencies()


# ------------------------------------------------------------------ bylines

_NAME_WORD = r"(?:[A-Z][\w'.\-]*|(?:" + "|".join(word_list("structure/name_links.txt")) + "))"
_NAME = rf"[A-Z][\w'.\-]*(?:\s+{_NAME_WORD}){{0,5}}"
_BYLINE = re.compile(
    rf"^by:?\s+(?P<name>{_NAME})(?:\s*(?:,|\||-|–|—|/)\s*(?P<rest>\S.{{0,90}}))?$",
    re.IGNORECASE,
)
_NAME_LINKS = word_set("structure/name_links.txt")
_REST_WORDS = word_set("structure/byline_rest_words.txt")
_SIGNOFF = re.compile(rf"^(?:--|[-–—])\s*(?P<name>{_NAME})$")
_ROLE = r"(?:" + "|".join(word_list("structure/byline_roles.txt")) + ")s?"
_CO_AUTHORS = re.compile(rf"^(?:With|And)\s+{_NAME}(?:\s*,\s*{_NAME}){{0,4}}\.?$")
_CONTRIBUTED = re.compile("|".join(word_list("structure/contribution_notes.txt")), re.IGNORECASE)
# short lines only: "CanWest News Service; with files from Reuters"
_SERVICE = re.compile(
    r"^(?:[A-Z][\w'.\-]*\s+){0,4}(?:News|Wire|Press)\s+Service\b.{0,60}$|\bwith\s+files\s+from\b"
)
_NAME_AGENCY = re.compile(
    r"^[A-Z][\w'.\-]+(?:\s+[A-Z][\w'.\-]+){1,3}\s*(?:,|\s[-–—])\s*(?P<agency>[A-Z][\w .\-]{1,30})$"
)
_CREDIT_LABEL = re.compile(
    r"^(?P<label>" + "|".join(word_list("structure/credit_labels.txt")) + r")\s*:",
    re.IGNORECASE,
)
_CREDIT_LINE = re.compile(
    r"^\(?\s*(?:additional\s+)?(?:"
    + "|".join(word_list("structure/credit_line_words.txt"))
    + r")\s+by\b",
    re.IGNORECASE,
)


def _byline_rest(rest: str) -> bool:
    """What may follow a byline's name: an outlet, a role, a date ("Associated Press")."""
    if not (rest[0].isupper() or rest[0].isdigit()):
        return False
    lower = [w for w in re.findall(r"[^\W\d_]+", rest) if w.islower()]
    return sum(w not in _REST_WORDS for w in lower) <= 1


def _byline(text: str) -> Verdict | None:
    if len(text) > 140:
        return None
    if text.casefold() in {"by", "by:"}:
        return Verdict("byline", "empty byline")
    m = _BYLINE.match(text)
    if m:
        name_words = m["name"].split()
        # the name must be name-like even under IGNORECASE: capitalised words
        if not (name_words[0][0].isupper() and name_words[-1][0].isupper()):
            return None
        if not all(w[0].isupper() or w in _NAME_LINKS for w in name_words):
            return None
        rest = m["rest"]
        if rest and not _byline_rest(rest):
            return None
        return Verdict("byline", "by-line", text[text.find(m["name"]) :].strip())
    m = _SIGNOFF.match(text)
    if m and (2 <= len(m["name"].split()) <= 4 or _is_agency(m["name"])):
        return Verdict("byline", "sign-off", m["name"])
    m = _CO_AUTHORS.match(text)
    if m:
        return Verdict("byline", "co-authors")
    if (_CREDIT_LINE.match(text) or _CONTRIBUTED.search(text)) and len(text) < 300:
        return Verdict("credit", "reporting credit")
    if len(text) <= 100 and _SERVICE.search(text):
        return Verdict("credit", "news service credit")
    m = _CREDIT_LABEL.match(text)
    if m and len(text) < 200:
        value = text[m.end() :].strip()
        return Verdict("credit", "credit label", value if m["label"][0] in "aAwW" else None)
    if _agency_credit(text):
        return Verdict("credit", "agency credit")
    m = _NAME_AGENCY.match(text)
    if m and _is_agency(m["agency"]):
        return Verdict("byline", "name and agency", text)
    if re.match(r"^SOURCE\s+[A-Z]", text) and len(text) < 120:
        return Verdict("credit", "press-release source")
    return None


def _agency_credit(text: str) -> bool:
    """An agency's name with a writer's role or a date: "AP Golf Writer", "Reuters - Jan 8"."""
    if len(text) > 80:
        return False
    for name in sorted(agencies(), key=len, reverse=True):
        if text.casefold().startswith(name) and (
            len(text) == len(name) or not text[len(name)].isalnum()
        ):
            rest = text[len(name) :].strip(" -–—,|:")
            return (
                not rest
                or is_date_line(rest)
                or bool(re.fullmatch(r"(?:[A-Z][\w-]*\s+){0,3}" + _ROLE, rest))
            )
    return False


# ------------------------------------------------------------------ captions and credits

_PHOTO_WORDS = r"(?:" + "|".join(word_list("structure/photo_words.txt")) + ")"
_PAREN_END = re.compile(r"\(([^()]{2,90})\)\s*\.?$")
_CAPTION_PREFIX = re.compile(
    r"^(?:" + "|".join(word_list("structure/caption_prefixes.txt")) + r")", re.IGNORECASE
)
_CREDIT_NAME = r"[A-Z][\w'.\-]*(?:[ /&,]+(?:[A-Z][\w'.\-]*|/)){0,6}"
_CAPTION_SUFFIX = re.compile(
    rf"(?:\b(?i:{_PHOTO_WORDS})\s*(?i:by|:|courtesy\s+of)\s*{_CREDIT_NAME}|©\s*[^.]{{1,60}})\.?$"
)
_FILE_PHOTO = re.compile(r"\(\s*file\s+(?:photo|picture|image)\s*\)", re.IGNORECASE)


def _credit_inside(paren: str) -> bool:
    """Is the text of a final parenthesis a photo credit?"""
    inner = paren.strip()
    if re.match(rf"^{_PHOTO_WORDS}\b", inner, re.IGNORECASE) or re.match(
        r"^file\b", inner, re.IGNORECASE
    ):
        return True
    if "/" in inner:  # "ALEX BRANDON / AP", "AP Photo/Evan Vucci"
        parts = [p.strip() for p in inner.split("/")]
        return all(p and p[0].isupper() for p in parts) and len(parts) <= 3
    return _is_agency(inner)


def _caption(text: str) -> Verdict | None:
    if len(text) > 450:
        return None
    if _is_agency(text) or _is_agency(text.removeprefix("Brought to you by ")):
        return Verdict("credit", "agency name")
    m = _PAREN_END.search(text)
    if m and _credit_inside(m[1]):
        before = text[: m.start()].strip()
        if not before:
            return Verdict("credit", "photo credit")
        plain_agency = "/" not in m[1] and _is_agency(m[1])
        if not (plain_agency and len(before) >= 250) and not ('"' in before and len(before) > 200):
            return Verdict("caption", "ends with a photo credit")
    if _CAPTION_PREFIX.match(text) and len(text) < 320:
        return Verdict("caption" if len(text) > 60 else "credit", "photo label")
    if _CAPTION_SUFFIX.search(text) and len(text) < 320:
        return Verdict("caption", "ends with a photo credit")
    if _FILE_PHOTO.search(text) and len(text) < 250:
        return Verdict("caption", "file photo")
    return None


# ------------------------------------------------------------------ promo and cross-links

_PROMO_LABEL = re.compile(
    r"^(?:" + "|".join(word_list("structure/promo_labels.txt")) + r")\s*(?::|\||»|>>|--|\s[–—-]\s)",
    re.IGNORECASE,
)
_PROMO_START = re.compile(
    r"^(?:" + "|".join(word_list("structure/promo_calls.txt")) + r")\b", re.IGNORECASE
)
_CLICK = re.compile(r"\b(?:click|tap)\s+here\b", re.IGNORECASE)
_WORDS_ONLY_BOILER = re.compile(
    r"^(?:" + "|".join(word_list("structure/boilerplate_lines.txt")) + r")\s*$",
    re.IGNORECASE,
)


def _promo(text: str) -> Verdict | None:
    if _PROMO_LABEL.match(text) and len(text) < 300:
        return Verdict("promo", "cross-link label")
    if _PROMO_START.match(text) and len(text) < 250:
        return Verdict("promo", "call to action")
    if _CLICK.search(text) and len(text) < 300:
        return Verdict("promo", "click here")
    if len(text) < 100 and re.search(r"\bsubscribe\b", text, re.IGNORECASE):
        return Verdict("promo", "subscribe")
    if is_list_heading(text):
        return Verdict("promo", "related-links heading")
    if _TEASER.search(text) and len(text) < 160:
        return Verdict("promo", "truncated teaser")
    if _URL_ONLY.match(text):
        return Verdict("promo", "bare link")
    return None


_TEASER = re.compile(r"[^\W\d_](?:\.\.\.|…)$")
_URL_ONLY = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)


def is_list_heading(text: str) -> bool:
    """A whole-line heading of a list of related links ("Related stories", "More news")."""
    if len(text) > 60:
        return False
    key = text.strip().rstrip(":»> ").strip().casefold()
    if key in _word_list("promo_headings.txt"):
        return True
    return bool(
        re.fullmatch(r"related\b.{0,40}\b(?:content|stories|articles|news|links|coverage)", key)
        or re.fullmatch(r"more\s+[\w' ]{1,30}\s+(?:news|stories)(?:\s+from\s+[\w ]+)?", key)
        or re.fullmatch(r"more\s+from\s+[\w' ]{1,30}", key)
        or re.fullmatch(r"all\s+about\s+.{1,40}", key)
    )


def looks_like_list_item(text: str) -> bool:
    """A short link title or teaser, as listed under a related-links heading."""
    if len(text) > 160 or len(text.split()) < 2:
        return False
    return not text.endswith(".") or text.endswith(("...", "\u2026"))


# ------------------------------------------------------------------ boilerplate

_COPYRIGHT = re.compile(
    r"^\(?\s*(?:©|\([cC]\)\s*\d{4}|(?i:copyright)\s*(?:©|\([cC]\)|\d{4}|by\b|[A-Z]))|(?i:\ball\s+rights\s+reserved\b|may\s+not\s+be\s+published,"
    r"\s+broadcast,\s+rewritten|redistribution,\s+republication|without\s+the\s+prior\s+written"
    r"\s+(?:consent|permission))"
)
_DATE_PREFIX = re.compile(
    r"^(?P<label>(?:first\s+)?published|posted|(?:site\s+)?(?:last\s+)?(?:update[ds]?|modified|edited)"
    r"|created|date|released?|issued|filed|dated)(?:\s+(?:on|at))?\s*:?\s*",
    re.IGNORECASE,
)
_DATE_WORDS = word_set("structure/date_line_words.txt")
_CALENDAR = word_set("structure/calendar_abbreviations.txt")
_CLOCK_OR_YEAR = re.compile(
    r"\b\d{1,2}:\d\d\b|\b(?:19|20)\d\d\b|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b\d{1,2}/\d{1,2}\b"
)
_TRADEMARK = re.compile(
    r"\b(?:are|is)\s+(?:a\s+)?(?:registered\s+)?trademarks?\s+of\b|\btrademarks\s+of\s+their\s+"
    r"respective\s+(?:owners|holders)",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")
_CONTACT = re.compile(
    r"\b(?:" + "|".join(word_list("structure/contact_words.txt")) + r")\b", re.IGNORECASE
)


def is_date_line(text: str) -> bool:
    """A line that is only a date or time ("Published: Tuesday, January 08, 2008")."""
    if len(text) > 90:
        return False
    rest = _DATE_PREFIX.sub("", text, count=1)
    words = re.findall(r"[A-Za-z]+", rest)
    digits = re.findall(r"\d+", rest)
    if not digits:
        return False
    if not all(w.casefold() in _DATE_WORDS for w in words):
        return False
    calendar = any(w.casefold()[:3] in _CALENDAR for w in words)
    return calendar or bool(_CLOCK_OR_YEAR.search(rest))


def _boilerplate(text: str) -> Verdict | None:
    if _COPYRIGHT.search(text) and len(text) < 400:
        return Verdict("boilerplate", "copyright notice")
    if is_date_line(text):
        label = _DATE_PREFIX.match(text)
        return Verdict("boilerplate", "date line", label["label"].casefold() if label else None)
    if _EMAIL.fullmatch(text.strip(" .()<>")):
        return Verdict("boilerplate", "contact details")
    if _TRADEMARK.search(text) and len(text) < 300:
        return Verdict("boilerplate", "trademark notice")
    if _EMAIL.search(text) and len(text) < 250 and (_CONTACT.search(text) or text[0] in "-–—"):
        return Verdict("boilerplate", "contact details")
    if _WORDS_ONLY_BOILER.match(text):
        return Verdict("boilerplate", "page furniture")
    return None


_LONGEST = 450


def classify(text: str) -> Verdict | None:
    """The kind of a block that is not body text, or None for body text."""
    stripped = text.strip()
    if not stripped:
        return Verdict("boilerplate", "empty")
    if len(stripped) > _LONGEST:
        return None  # every rule is for short blocks: long ones are body text
    for rule in (_byline, _boilerplate, _caption, _promo):
        verdict = rule(stripped)
        if verdict is not None:
            return verdict
    return None


# ------------------------------------------------------------------ headline


def looks_like_headline(text: str) -> bool:
    """A first line that reads as a title: one short line, no final period."""
    words = text.split()
    return (
        0 < len(words) <= 25
        and len(text) <= 200
        and (text[0].isupper() or text[0].isdigit() or text[0] in "\"'")
        and not re.search(r"[.;,:][\"')\]]*$", text)
    )


# ------------------------------------------------------------------ dateline

_UP = "A-ZÀ-ÖØ-Þ"
_CAPS_WORD = rf"[{_UP}](?:[{_UP}'.\-]*[{_UP}.])?"
_CAPS_PLACE = rf"{_CAPS_WORD}(?:[ \-]{_CAPS_WORD}){{0,4}}"
_LOW = "a-zß-öø-ÿ"
# a capitalised word ("Abuja", "N'Djamena", "St."); up to four, with the small linking
# words of place names between them ("Rio de Janeiro", "Port-au-Prince", "Stoke-on-Trent")
_MIXED_WORD = (
    rf"(?:[{_UP}][{_LOW}]+(?:'[{_UP}]?[{_LOW}]+)?|[{_UP}]'[{_UP}][{_LOW}]+|(?:St|Ste|Mt|Ft)\.)"
)
_PLACE_LINK = r"(?:" + "|".join(word_list("structure/place_links.txt")) + ")"
_MIXED_PLACE = rf"{_MIXED_WORD}(?:(?:[ \-]{_PLACE_LINK})?[ \-]{_MIXED_WORD}){{0,3}}"
_REGION = rf"(?!{MONTH_RE}\s*\d)[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*){{0,2}}"
_DL_DATE = (
    rf"(?:{MONTH_RE}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}\s+{MONTH_RE}(?:,?\s+\d{{4}})?)"
)
_DATELINE_META = (
    rf"(?:\s*,\s*(?P<region>{_REGION}))?"
    rf"(?:\s*,\s*(?P<date>{_DL_DATE}))?"
    r"\s*(?:(?:--)?\s*\((?P<agency>[A-Za-z][^()]{0,38})\)"
    r"|/\s*(?P<wire>[A-Za-z][\w .\-]{1,30}?)\s*/)?"
)
_DATELINE_TAIL = _DATELINE_META + r"\s*(?P<sep>--|[–—]|\s-|:)\s*(?=[\w\"'(])"
_ALONE_TAIL = _DATELINE_META + r"\s*(?P<sep>--|[–—-]|:)\s*$"  # the dateline is the whole line
_DATELINE_CAPS = re.compile(rf"^(?P<place>{_CAPS_PLACE}){_DATELINE_TAIL}")
_DATELINE_MIXED = re.compile(rf"^(?P<place>{_MIXED_PLACE}){_DATELINE_TAIL}")
_ALONE_CAPS = re.compile(rf"^(?P<place>{_CAPS_PLACE}){_ALONE_TAIL}")
_ALONE_MIXED = re.compile(rf"^(?P<place>{_MIXED_PLACE}){_ALONE_TAIL}")
_AGENCY_ONLY = re.compile(r"^\((?P<agency>[A-Z][\w .\-]{1,30})\)\s*(?P<sep>--|[–—-])\s*(?=\w)")
_NOT_PLACES = word_set("structure/not_dateline_places.txt")


@dataclass(frozen=True, slots=True)
class DatelineMatch:
    end: int  # where the body text starts
    place: str | None
    region: str | None
    agency: str | None
    date: str | None  # the dateline's date as written
    prefix: str  # the dateline as written, separator included


def match_dateline(text: str, *, alone: bool = False) -> DatelineMatch | None:
    """The dateline at the start of a paragraph ("BERLIN –", "LONDON, Jan 5 (AP) —"), or
    with ``alone``, a line that is nothing but a dateline (the body starts on the next).

    A mixed-case place needs an agency or a date ("New Delhi, Jan 15 (ANI):"), or else
    must be a place the gazetteer knows, followed by a dash and a whole capitalised
    sentence ("Abuja -- The military ...", "Kabul, Afghanistan - Gunmen ...")."""
    m = _AGENCY_ONLY.match(text)
    if m and _is_agency(m["agency"]) and not alone:
        return DatelineMatch(m.end(), None, None, m["agency"], None, text[: m.end()].strip())
    patterns = ((_ALONE_CAPS, False), (_ALONE_MIXED, True)) if alone else None
    for pattern, mixed in patterns or ((_DATELINE_CAPS, False), (_DATELINE_MIXED, True)):
        m = pattern.match(text)
        if not m:
            continue
        place = m["place"]
        agency = m["agency"] or m["wire"]
        sep = m["sep"]
        if place.casefold() in _NOT_PLACES or len(place) > 40:
            continue
        if mixed and not (agency or m["date"]) and (alone or not _bare_place_dateline(text, m)):
            continue  # "Iran - which ...", "Mr Smith - who ...": sentence starts
        if sep == ":" and not agency:
            continue
        if len(text) - m.end() < 20 and not alone:
            continue
        if not mixed and len(place) <= 1:
            continue
        return DatelineMatch(
            m.end(), place.strip(), m["region"], agency, m["date"], text[: m.end()].strip()
        )
    return None


_SENTENCE_START = re.compile(rf"[\"'(]?[{_UP}0-9]")
_SENTENCE_END = re.compile(r"[.!?][\"')\]]*$")
_MIN_SENTENCE_WORDS = 5


def _bare_place_dateline(text: str, m: re.Match[str]) -> bool:
    """A mixed-case dateline with neither agency nor date ("Abuja --", "Kabul,
    Afghanistan -"): a gazetteer place, then a dash and a capitalised sentence that runs to
    the end of the paragraph with its closing stop."""
    if m["sep"] == ":":
        return False
    rest = text[m.end() :].rstrip()
    if not _SENTENCE_START.match(rest) or not _SENTENCE_END.search(rest):
        return False
    if len(rest.split()) < _MIN_SENTENCE_WORDS:
        return False
    return bool(is_place(m["place"], PlacePolicy.DATELINE, region=m["region"]))
