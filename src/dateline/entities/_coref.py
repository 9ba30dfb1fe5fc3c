"""Rule-based coreference: pronouns and definite role nouns resolved to clusters.

No neural model is available offline, so this is a small set of rules that prefer
precision: a pronoun or nominal that the rules cannot settle stays unresolved.

Pronouns ("he", "his", "she", "her", ...): the candidates are people mentioned before the
pronoun in the same sentence or in the previous ones (at most four sentences back and one
paragraph break, two for "..., he said" after a quote); a candidate must agree in gender
(given names, honorifics, gendered titles; unknown agrees with both) and must not sit inside
a quotation when the pronoun does not. Within a sentence the nearest subject wins, in an
earlier sentence its first subject; with no subject, only a sole candidate is taken. An
object pronoun never binds the subject of its own verb ("Macron met him").

"they"/"them"/"their" link to every person of a coordination ("Merkel and Macron") in the
same or the previous sentence, and to nothing else.

Nominals ("the Russian minister", "the top US diplomat", "the two diplomats"): a definite
noun phrase whose words are a role in the agents dictionary links to the one earlier person
whose title contains the head noun, or whose country and sector match the phrase; a plural
with a number links to exactly that many such people, or to none.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .. import places
from .._data import mapping, word_set
from .._spans import doc_text
from ..types import Article, Mention
from ._cluster import Cluster, ClusterMap
from ._dictionaries import agent_dictionary
from ._names import fold, is_person_noun
from ._roles import Roles

__all__ = ["quoted_regions", "resolve_references"]

_MALE = word_set("entities/pronouns_male.txt")
_FEMALE = word_set("entities/pronouns_female.txt")
_PLURAL = word_set("entities/pronouns_plural.txt")
_SUBJECT = frozenset({"nsubj", "nsubjpass"})
_OBJECT = frozenset({"dobj", "iobj", "dative", "pobj"})
_SPEECH = word_set("entities/speech_verbs_coref.txt")
_NUMBERS = {w: int(n) for w, n in mapping("entities/group_numbers.tsv", "word", "count").items()}
_WINDOW = 4
_OPEN = "“«"
_CLOSE = "”»"


def quoted_regions(text: str, breaks: list[int]) -> list[tuple[int, int]]:
    """Character spans inside quotation marks; an unclosed quote ends at its paragraph.

    Straight quotes toggle; curly ones open or close. ``breaks`` are paragraph starts.
    """
    regions: list[tuple[int, int]] = []
    start: int | None = None
    next_break = iter([*sorted(breaks[1:]), len(text) + 1])
    limit = next(next_break)
    for i, ch in enumerate(text):
        while i >= limit:
            if start is not None:
                regions.append((start, limit))
                start = None
            limit = next(next_break)
        if ch == '"':
            if start is None:
                start = i + 1
            else:
                regions.append((start, i))
                start = None
        elif ch in _OPEN:
            if start is None:
                start = i + 1
        elif ch in _CLOSE and start is not None:
            regions.append((start, i))
            start = None
    if start is not None:
        regions.append((start, len(text)))
    return regions


@dataclass(frozen=True)
class _Cand:
    tok: int
    cluster: Cluster | None  # None: a name the model missed, which blocks resolution
    subject: bool
    quote: int  # index of the quotation the mention is in, -1 outside quotes


class _People:
    """The PERSON clusters with a candidate mention: where each is mentioned, and indexes
    by title word and by sector, each list in order of the cluster's first mention."""

    def __init__(self, by_sent: dict[int, list[_Cand]], roles: ClusterMap[Roles]):
        self.toks: dict[int, list[int]] = {}
        clusters: dict[int, Cluster] = {}
        for cands in by_sent.values():
            for c in cands:
                if c.cluster is not None and c.cluster.kind == "PERSON":
                    self.toks.setdefault(id(c.cluster), []).append(c.tok)
                    clusters[id(c.cluster)] = c.cluster
        for toks in self.toks.values():
            toks.sort()
        order = sorted(clusters.values(), key=lambda c: self.toks[id(c)][0])
        self.by_title: dict[str, list[tuple[int, Cluster]]] = {}
        self.by_sector: dict[str, list[tuple[int, Cluster]]] = {}
        for cluster in order:
            first = self.toks[id(cluster)][0]
            role = roles[cluster]
            for word in {w for t in role.titles for w in fold(t).split()}:
                self.by_title.setdefault(word, []).append((first, cluster))
            if role.sector is not None:
                self.by_sector.setdefault(role.sector, []).append((first, cluster))

    def last_before(self, cluster: Cluster, tok: int) -> int:
        """The cluster's last candidate token before ``tok``."""
        toks = self.toks[id(cluster)]
        return toks[bisect_left(toks, tok) - 1]


class _Context:
    def __init__(
        self, article: Article, doc: Doc, clusters: list[Cluster], roles: ClusterMap[Roles]
    ):
        self.doc = doc
        self.roles = roles
        self.sents: list[Span] = list(doc.sents)
        self.sent_starts = [s.start for s in self.sents]
        self.par_starts = [p.start for p in article.paragraphs] or [0]
        self.text = doc_text(doc)  # Doc.text joins every token: build it once, not per pronoun
        regions = quoted_regions(self.text, self.par_starts)
        self.q_starts = [r[0] for r in regions]
        self.q_regions = regions
        self.by_sent: dict[int, list[_Cand]] = {}
        self.owner: dict[int, Cluster] = {}
        self._people: _People | None = None
        for cluster in clusters:
            for m in cluster.names:
                for i in range(m.tok_start, m.tok_end):
                    self.owner[i] = cluster
                root = doc[m.tok_start : m.tok_end].root
                self._add(_Cand(root.i, cluster, root.dep_ in _SUBJECT, self.quote_of(m.start)))
        surnames = {fold(c.surname): c for c in clusters if c.kind == "PERSON" and c.surname}
        for tok in doc:
            if tok.dep_ not in _SUBJECT or tok.i in self.owner:
                continue
            # a subject the model did not tag: a known surname ("Trump" tagged as a noun),
            # an unknown name, or a person noun ("the president"); the last two block
            known = surnames.get(fold(tok.text)) if tok.text[:1].isupper() else None
            if known is not None and tok.pos_ in {"PROPN", "NOUN"}:
                self._add(_Cand(tok.i, known, True, self.quote_of(tok.idx)))
            elif (
                tok.pos_ == "PROPN" and tok.text[:1].isupper() and not places.country_code(tok.text)
            ) or (tok.pos_ == "NOUN" and tok.tag_ == "NN" and is_person_noun(tok.lemma_)):
                self._add(_Cand(tok.i, None, True, self.quote_of(tok.idx)))
        for cands in self.by_sent.values():
            cands.sort(key=lambda c: c.tok)

    def people(self) -> _People:
        """The people (PERSON clusters) among the candidates, indexed; built once, after
        the pronouns are resolved."""
        if self._people is None:
            self._people = _People(self.by_sent, self.roles)
        return self._people

    def _add(self, cand: _Cand) -> None:
        self.by_sent.setdefault(self.sent_of(cand.tok), []).append(cand)

    def add_resolved(self, tok: Token, cluster: Cluster) -> None:
        cands = self.by_sent.setdefault(self.sent_of(tok.i), [])
        cands.append(_Cand(tok.i, cluster, tok.dep_ in _SUBJECT, self.quote_of(tok.idx)))
        cands.sort(key=lambda c: c.tok)

    def sent_of(self, tok: int) -> int:
        return bisect_right(self.sent_starts, tok) - 1

    def par_of(self, char: int) -> int:
        return bisect_right(self.par_starts, char) - 1

    def quote_of(self, char: int) -> int:
        k = bisect_right(self.q_starts, char) - 1
        return k if k >= 0 and self.q_regions[k][0] <= char < self.q_regions[k][1] else -1

    def quoted(self, char: int) -> bool:
        return self.quote_of(char) >= 0


def _gender_ok(roles: Roles, wanted: str) -> bool:
    return roles.gender is None or roles.gender == wanted


def _after_quote(doc: Doc, tok: Token, ctx: _Context) -> bool:
    """ "..., he said": the pronoun is the subject of a speech verb right after a quote."""
    if tok.dep_ not in _SUBJECT or tok.head.lemma_ not in _SPEECH:
        return False
    window = ctx.text[max(0, tok.idx - 4) : tok.idx]
    return bool(re.search(r"[\"”’']", window)) or ctx.quoted(max(0, tok.idx - 3))


def _resolve_singular(tok: Token, wanted: str, ctx: _Context) -> Cluster | None:
    doc = ctx.doc
    here = ctx.sent_of(tok.i)
    par = ctx.par_of(tok.idx)
    quote = ctx.quote_of(tok.idx)
    max_pars = 2 if _after_quote(doc, tok, ctx) else 1
    for s in range(here, max(-1, here - _WINDOW - 1), -1):
        sent = ctx.sents[s]
        if par - ctx.par_of(sent.start_char) > max_pars:
            break
        cands = [
            c
            for c in ctx.by_sent.get(s, ())
            if (s < here or c.tok < tok.i)
            and c.quote == quote  # inside a quotation, only names of the same quotation
            and (c.cluster is None or c.cluster.kind == "PERSON")
            and (c.cluster is None or _gender_ok(ctx.roles[c.cluster], wanted))
        ]
        if s == here and tok.dep_ in _OBJECT:
            verb = tok.head if tok.dep_ != "pobj" else tok.head.head
            cands = [c for c in cands if not (c.subject and doc[c.tok].head.i == verb.i)]
        if not cands:
            continue
        subjects = [c for c in cands if c.subject]
        if subjects:
            return subjects[-1].cluster if s == here else subjects[0].cluster
        if s == here and tok.dep_ in _SUBJECT and tok.head.dep_ == "ROOT":
            # "Campaigning against Romney, he ...": the main clause's subject pronoun does
            # not take an object of its own sentence; look further back
            continue
        distinct = {id(c.cluster): c.cluster for c in cands}
        if len(distinct) == 1:
            return next(iter(distinct.values()))
        return None
    return None


def _coordinated(cands: list[_Cand], doc: Doc) -> list[Cluster]:
    """People joined by "and" in one noun phrase: ["Merkel", "Macron"]."""
    people = [c for c in cands if c.cluster is not None and c.cluster.kind == "PERSON"]
    for a in people:
        assert a.cluster is not None
        group = [a.cluster]
        for b in people:
            joined = b.tok > a.tok and doc[b.tok].dep_ == "conj" and doc[b.tok].head.i == a.tok
            if joined and b.cluster is not None and all(b.cluster is not g for g in group):
                group.append(b.cluster)
        if len(group) >= 2:
            return group
    return []


def _resolve_plural(tok: Token, ctx: _Context) -> list[Cluster]:
    here = ctx.sent_of(tok.i)
    for s in (here, here - 1):
        if s < 0:
            break
        cands = [c for c in ctx.by_sent.get(s, ()) if s < here or c.tok < tok.i]
        group = _coordinated(cands, ctx.doc)
        if group:
            return group
    return []


def _nominal_candidates(chunk: Span, ctx: _Context) -> tuple[list[Cluster], int] | None:
    """People a definite role phrase can refer to, and how many it refers to."""
    words = [t for t in chunk if t.lower_ != "the"]
    head = chunk.root

    def person(i: int) -> bool:
        return i in ctx.owner and ctx.owner[i].kind == "PERSON"

    if not words or head.pos_ != "NOUN" or any(person(t.i) for t in chunk):
        return None
    if head.i + 1 < len(ctx.doc) and person(head.i + 1):
        return None  # a pre-modifier of a name ("the French minister Jean Dupont")
    match = agent_dictionary().find([t.text for t in words])
    if match is None or match.code[:3] not in {"GOV", "MIL", "LEG", "JUD", "COP", "ELI", "IGO"}:
        return None
    country = None
    count = 1
    for t in words:
        code = places.demonym_country(t.text, regions=True) or (
            places.country_code(t.text) if t.text.isupper() else None
        )
        country = country or code
        count = _NUMBERS.get(t.lower_, count)
    plural = head.tag_ in {"NNS", "NNPS"}
    if plural and count == 1:
        return None
    people = ctx.people()
    # the people mentioned before the chunk whose title holds the head noun, or (with a
    # country or a number) whose sector is the phrase's: looked up in indexes, not by
    # walking back over the article (a walk per chunk made long texts quadratic)
    lists = [people.by_title.get(fold(head.lemma_), [])]
    if country is not None or plural:
        lists.append(people.by_sector.get(match.code[:3], []))
    out: list[Cluster] = []
    for group in lists:
        for first, cluster in group:
            if first >= chunk.start:
                break
            if (country and ctx.roles[cluster].country != country) or any(
                cluster is c for c in out
            ):
                continue
            out.append(cluster)
            if len(out) > count:
                return out, count  # too many: no single reading
    # the most recently mentioned first
    out.sort(key=lambda c: -people.last_before(c, chunk.start))
    return out, count


def resolve_references(
    article: Article, doc: Doc, clusters: list[Cluster], roles: ClusterMap[Roles]
) -> ClusterMap[list[Mention]]:
    """Pronoun and nominal mentions to add to each cluster."""
    ctx = _Context(article, doc, clusters, roles)
    out: ClusterMap[list[Mention]] = ClusterMap()
    for tok in doc:
        lower = tok.lower_
        if tok.pos_ != "PRON" and tok.tag_ not in {"PRP", "PRP$"}:
            continue
        targets: list[Cluster] = []
        if lower in _MALE or lower in _FEMALE:
            found = _resolve_singular(tok, "M" if lower in _MALE else "F", ctx)
            if found is not None:
                targets = [found]
                ctx.add_resolved(tok, found)
        elif lower in _PLURAL:
            targets = _resolve_plural(tok, ctx)
        for cluster in targets:
            out.setdefault(cluster, []).append(
                Mention(tok.idx, tok.idx + len(tok.text), tok.text, "pronoun")
            )
    for chunk in doc.noun_chunks:
        if chunk[0].lower_ != "the":
            continue
        found_n = _nominal_candidates(chunk, ctx)
        if found_n is None:
            continue
        cands, count = found_n
        if len(cands) != count:
            continue
        for cluster in cands:
            out.setdefault(cluster, []).append(
                Mention(chunk.start_char, chunk.end_char, chunk.text, "nominal")
            )
    return out
