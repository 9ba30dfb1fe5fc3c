"""Reading the dependency parse: which tokens are speech cues, what they report, who speaks.

All functions look only at a token's neighbourhood (children, head, subtree edges), so the
cost per cue is bounded and a whole article is scanned in linear time.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .lexicon import CueWord, cue_words

__all__ = ["Cue", "find_cues", "noun_phrase"]

RELATIVE = {"who", "that", "which", "whom"}
# verbs that report someone else's words: "RIA quoted a source as saying"
QUOTING = {"quote", "cite", "hear", "overhear"}
# "went on to say", "declined to say": the subject of the governing verb speaks
CONTROL_DEPS = ("xcomp", "advcl", "conj", "pcomp")
PP_HEADS = {"of", "in", "at", "for", "from", "with", "on", "to", "close", "familiar"}


@dataclass(frozen=True, slots=True)
class Cue:
    """A speech cue found in the parse, with what the parse says it reports."""

    token: int  # index of the cue token (the verb, or "according")
    cue_span: tuple[int, int]  # characters
    content: tuple[int, int] | None  # token range [start, end) of the reported content
    speaker: int | None  # token index of the speaker's head word
    rule: str
    skip: tuple[int, int] | None = None  # tokens inside ``content`` that are not content


def _is_cue_verb(tok: Token) -> CueWord | None:
    if tok.pos_ not in ("VERB", "AUX") and tok.tag_[:2] != "VB":
        return None
    return cue_words().get(tok.lemma_.lower()) or cue_words().get(tok.lower_)


def _child(tok: Token, *deps: str) -> Token | None:
    for c in tok.children:
        if c.dep_ in deps:
            return c
    return None


def _edges(toks: list[Token]) -> tuple[int, int]:
    return min(t.left_edge.i for t in toks), max(t.right_edge.i for t in toks) + 1


def _content(tok: Token, word: CueWord) -> tuple[tuple[int, int] | None, str]:
    """Token range of what the cue reports, and the pattern that found it."""
    frame = word.frame
    comps = [c for c in tok.children if c.dep_ == "ccomp"]
    if any(c.i > tok.i for c in comps):  # "In a statement released after X left, Y said Z"
        comps = [c for c in comps if c.i > tok.i]
    obj = _child(tok, "dobj")
    if obj is not None and obj.i < tok.i:
        obj = None  # "what he calls ...": the object is the relative word
    if frame == "object_as" and obj is not None:
        as_pp = [c for c in tok.children if c.dep_ in ("prep", "advcl") and c.lower_ == "as"]
        if not as_pp:
            as_pp = [c for c in obj.children if c.dep_ == "prep" and c.lower_ == "as"]
        if as_pp and as_pp[0].i > obj.i:
            return (obj.left_edge.i, as_pp[0].right_edge.i + 1), "object-as"
    if frame == "object_complement" and obj is not None:
        comp = _child(tok, "oprd", "xcomp", "ccomp", "attr")
        if comp is not None and comp.i > obj.i:
            return (obj.left_edge.i, comp.right_edge.i + 1), "object-complement"
    if comps:
        start, end = _edges(comps)
        if min(c.i for c in comps) > tok.i:
            start = max(start, tok.i + 1)  # "Asked about X, Christie said that ..."
        if start > tok.i:  # "said she asked for it because ...": the adjuncts after it too
            for c in tok.rights:
                if c.i < end or c.dep_ in ("cc", "punct"):
                    continue
                if _is_cue_verb(c):
                    break
                if c.dep_ in ("advcl", "prep", "npadvmod") or (
                    c.dep_ == "conj" and any(g.dep_ == "nsubj" for g in c.lefts)
                ):  # "... because ...", "..., but the candidate cut him off"
                    end = c.right_edge.i + 1
                else:
                    break
        return (start, end), "clause"
    if tok.lemma_.lower() == "say":
        for c in tok.rights:  # "75 percent said yes": a one-word answer
            if c.lower_ in ("yes", "no") and c.i == tok.i + 1:
                return (c.i, c.i + 1), "answer"
    if tok.lemma_.lower() in CLAUSE_VERBS:
        misparsed = _misparsed_clause(tok)
        if misparsed is not None:
            return misparsed, "clause-misparsed"
    if frame == "object_infinitive":
        xcomp = _child(tok, "xcomp")
        if xcomp is not None and obj is not None and obj.i < xcomp.i:
            return (obj.left_edge.i, xcomp.right_edge.i + 1), "object-infinitive"
    if frame != "object_infinitive" or obj is None:
        found = _object_content(tok, word, obj)
        if found is not None:
            return found
    if tok.dep_ == "parataxis" and tok.head.i != tok.i:
        head = tok.head
        # "Sales were great, he said, ...": the head clause around the cue (see find_cues)
        return (head.left_edge.i, head.right_edge.i + 1), "parenthetical"
    return None, "clause"


def _around(
    content: tuple[int, int], tok: Token
) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """A clause with the cue inside it: the clause, and the cue's words to leave out."""
    doc = tok.doc
    a, b = content
    skip0, skip1 = tok.left_edge.i, tok.right_edge.i + 1
    while b > skip1 and (doc[b - 1].is_punct or doc[b - 1].is_space):
        b -= 1
    rest = skip1
    while rest < b and (doc[rest].is_punct or doc[rest].is_space):
        rest += 1
    if rest >= b or doc[rest].dep_ == "cc":  # nothing after it, or "..., and ..."
        return ((a, skip0) if skip0 > a else None), None
    if skip0 <= a:
        return (rest, b), None
    return (a, b), (skip0, skip1)


CONTENT_PREPS = {"of", "for", "as", "about", "over", "against", "on", "to"}


def _object_content(
    tok: Token, word: CueWord, obj: Token | None
) -> tuple[tuple[int, int], str] | None:
    """Content that is an object, an infinitive or a prepositional object of the cue."""
    if obj is not None and "object" in word.also and obj.i > tok.i:
        end = _restrictive_end(obj)
        for c in tok.rights:  # "accused him of lying", "criticized them for waiting"
            if c.i == end and c.dep_ in ("prep", "advcl") and c.lower_ in CONTENT_PREPS:
                end = c.right_edge.i + 1
        return (obj.left_edge.i, _trailing_adjuncts(tok, end)), "object"
    xcomp = _child(tok, "xcomp")
    if xcomp is not None and obj is None and xcomp.i > tok.i and "infinitive" in word.also:
        return (xcomp.left_edge.i, xcomp.right_edge.i + 1), "infinitive"  # "pledged to act"
    for c in tok.rights:  # "called for talks", "warned against hackers"
        if c.dep_ in ("prep", "prt") and c.lower_ in word.preps:
            pobj = _child(c, "pobj", "pcomp")
            if pobj is not None:
                end = _trailing_adjuncts(tok, pobj.right_edge.i + 1)
                return (pobj.left_edge.i, end), "prepositional"
        if c.dep_ == "advcl" and c.left_edge.lower_ in word.preps and c.left_edge.i == tok.i + 1:
            return (c.left_edge.i + 1, c.right_edge.i + 1), "prepositional"  # "for X to be"
    return None


ADJUNCTS = ("prep", "advcl", "npadvmod", "advmod")


def _trailing_adjuncts(tok: Token, end: int) -> int:
    """Extend content ending at ``end`` over the cue's adjuncts that follow it directly
    ("did not mention his rivals by name", "called for X following news that ...")."""
    for c in tok.rights:
        if c.i < end:
            continue
        if c.left_edge.i != end or c.dep_ not in ADJUNCTS or _is_cue_verb(c):
            break
        end = c.right_edge.i + 1
    while end > tok.i + 1 and tok.doc[end - 1].is_punct:
        end -= 1
    return end


CLAUSE_VERBS = {"say", "claim", "insist", "argue", "add", "note", "state", "write", "warn"}
NOT_CONTENT = ("prep", "npadvmod", "advmod", "punct", "cc", "conj", "agent", "dative", "prt")


def _outside_cue(content: tuple[int, int], tok: Token, speaker: Token | None) -> tuple[int, int]:
    """Content on one side of the cue, without the cue and the speaker's phrase."""
    a, b = content
    if a > tok.i or b <= tok.i:
        lo = tok.i
        if speaker is not None and speaker.i < tok.i:
            lo = min(lo, speaker.left_edge.i)
        if a > tok.i:
            return a, b
        if speaker is not None and a <= speaker.i < b:  # "..., Clinton said"
            b = min(b, speaker.left_edge.i)
        return a, max(a, min(b, lo))
    return (tok.i + 1, b) if b - tok.i > tok.i - a else (a, tok.i)


def _misparsed_clause(tok: Token) -> tuple[int, int] | None:
    """ "said families of people killed by police file lawsuits" parsed without a clause:
    the words after the verb, from its first non-adjunct dependent to the end."""
    for c in tok.rights:
        if c.dep_ in NOT_CONTENT or c.is_punct:
            continue
        if c.left_edge.i <= tok.i or c.dep_ not in ("dobj", "dep", "nsubj", "attr", "xcomp"):
            return None
        finite = [
            t
            for t in tok.doc[c.left_edge.i : c.right_edge.i + 1]
            if t.tag_ in ("VBD", "VBZ", "VBP", "MD") and t.dep_ != "conj"
        ]
        if not finite:
            return None
        end = tok.right_edge.i + 1
        while end > c.left_edge.i and tok.doc[end - 1].is_punct:
            end -= 1
        if end - c.left_edge.i < 4:
            return None
        return c.left_edge.i, end
    return None


def _restrictive_end(obj: Token) -> int:
    """End of an object phrase without a trailing ", which ..." or ", who ..." clause."""
    end = obj.right_edge.i + 1
    for c in obj.rights:
        if c.dep_ in ("relcl", "acl", "appos") and c.left_edge.i > obj.i:
            before = obj.doc[c.left_edge.i - 1]
            if before.text in {",", "—", "–", "("}:
                return before.i
    return end


def _subject(tok: Token, depth: int = 0) -> tuple[Token | None, str]:
    """The head word of the cue's speaker, and how it was found."""
    if depth > 4:
        return None, "none"
    for c in tok.children:
        if c.dep_ == "nsubj" or c.dep_ == "csubj":
            if c.lower_ in RELATIVE and tok.dep_ == "relcl":
                return tok.head, "relative"
            return c, "subject"
    passive = _child(tok, "nsubjpass")
    if passive is not None:
        if tok.lemma_.lower() in QUOTING:
            return passive, "quoted-as-saying"
        agent = _child(tok, "agent")
        if agent is not None:
            pobj = _child(agent, "pobj")
            if pobj is not None:
                return pobj, "agent"
        return None, "passive"
    head = tok.head
    if head.i == tok.i:
        return None, "none"
    if tok.dep_ == "pcomp" and head.lower_ == "as" and head.head.i != head.i:
        gov = head.head  # "quoted a source as saying", "was quoted as saying"
        obj = _child(gov, "dobj")
        if obj is not None:
            return obj, "quoted-as-saying"
        return _subject(gov, depth + 1)
    if tok.dep_ == "relcl":
        return head, "relative"
    if tok.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN", "PRON"):
        return head, "participle"
    if tok.dep_ in CONTROL_DEPS and head.pos_ in ("VERB", "AUX"):
        found, how = _subject(head, depth + 1)
        return found, how if how != "subject" else "shared-subject"
    return None, "none"


def noun_phrase(tok: Token) -> tuple[int, int]:
    """Token range of the noun phrase headed by tok, without clauses and appositions."""
    if tok.pos_ == "PRON":
        return tok.i, tok.i + 1
    start = tok.left_edge.i
    # a left subtree may hold an opening quotation mark or a clause; keep the phrase proper
    for k in range(tok.i - 1, start - 1, -1):  # "important - Philip Bump": after the dash
        if (
            tok.doc[k].text in {"-", "—", "–", "―", "--", ":", ";", "(", ","}
            or "\n" in tok.doc[k].text
        ):
            start = k + 1
            break
    while start < tok.i and (tok.doc[start].is_punct or tok.doc[start].is_space):
        start += 1
    end = tok.i + 1
    for c in tok.rights:
        if c.dep_ in ("compound", "flat", "nummod", "case") or (
            c.dep_ == "prep" and c.lower_ in PP_HEADS
        ):
            if any(t.is_punct and t.text in ',;:()"' for t in tok.doc[end : c.i]):
                break
            end = max(end, c.right_edge.i + 1)
        elif c.dep_ in ("punct", "appos", "relcl", "acl", "cc", "conj", "advcl"):
            break
    while end > tok.i + 1 and tok.doc[end - 1].is_punct:
        end -= 1
    return start, end


def find_cues(doc: Doc, in_quote: list[int]) -> list[Cue]:
    """Every speech cue outside quotation marks, in text order."""
    out: list[Cue] = []
    for tok in doc:
        if in_quote[tok.i] >= 0:
            continue
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            cue = _according(tok)
            if cue is not None:
                out.append(cue)
            continue
        word = _is_cue_verb(tok)
        if word is None or _so_called(tok) or _put_to_someone(tok) or _carries_on(tok):
            continue
        content, rule = _content(tok, word)
        asked = _asked_question(tok)
        if asked is not None:  # "When asked whether ...", "Asked by X to respond to ..."
            content, rule = asked
        if rule in ("object", "infinitive", "prepositional") and any(
            c.lower_ == "to" for c in tok.children if c.dep_ == "aux"
        ):
            continue  # "met to discuss the demands": a purpose, not a report
        speaker, how = _subject(tok)
        if asked is not None:  # the one asking is the agent, or nobody named
            agent = _child(tok, "agent")
            speaker = _child(agent, "pobj") if agent is not None else None
            how = "agent" if speaker is not None else "asked"
        skip: tuple[int, int] | None = None
        if content is not None and rule == "parenthetical" and content[0] <= tok.i < content[1]:
            content, skip = _around(content, tok)
        elif content is not None:
            content = _outside_cue(content, tok, speaker)
        if content is not None and content[1] <= tok.i:
            after = _that_clause_after(tok)
            if after is not None:  # "Brown, in Ohio, said Tuesday that ...": a misparse
                content, rule = after, "that-after"
        if content is not None and content[0] > tok.i:
            content = _past_colon(doc, content)
        if speaker is None and content is not None and content[1] <= tok.i:
            inverted = _child(tok, "dobj", "attr", "nsubj")
            if inverted is not None and inverted.i > tok.i and inverted.pos_ in ("PROPN", "NOUN"):
                speaker, how = inverted, "inverted"  # "..., wrote the director"
        if speaker is None and content is not None and content[0] > tok.i:
            speaker = _line_subject(tok)  # "Brown, in Ohio, said" parsed into the line above
            how = "line-subject" if speaker is not None else how
        if speaker is None and rule in ("object", "infinitive", "prepositional"):
            continue  # "..., attacking his rivals" with nobody found: too unsure
        span = (tok.idx, tok.idx + len(tok.text))
        if how == "quoted-as-saying" and tok.dep_ == "pcomp":
            gov = tok.head.head
            span = (tok.head.idx, span[1])  # "as saying"
            if content is None:
                content, rule = _content(gov, CueWord("clause"))
        out.append(
            Cue(
                tok.i,
                span,
                content,
                speaker.i if speaker is not None else None,
                f"{rule}/{how}",
                skip,
            )
        )
    return out


def _that_clause_after(tok: Token) -> tuple[int, int] | None:
    """ "said (Tuesday) that ...": the clause from "that" to the sentence's end, when the
    cue is followed by "that" after at most a few adjunct words."""
    doc = tok.doc
    end = tok.sent.end
    for k in range(tok.i + 1, min(tok.i + 4, end)):
        t = doc[k]
        if t.lower_ == "that" and (
            t.dep_ in ("mark", "nsubj", "dep", "det") or t.tag_ in ("IN", "WDT")
        ):
            stop = end
            while stop > k + 1 and (doc[stop - 1].is_punct or doc[stop - 1].is_space):
                stop -= 1
            return (k, stop) if stop - k >= 3 else None
        if t.is_punct or t.dep_ not in ("npadvmod", "advmod", "dative", "prep", "pobj", "det"):
            return None
    return None


def _line_subject(tok: Token) -> Token | None:
    """A cue with no subject in the parse that opens its line with a short name phrase
    ("Brown, in Ohio, said ..."): the phrase's first name (its last word), else None."""
    doc = tok.doc
    start = tok.i
    while start > 0 and "\n" not in doc[start - 1].text and tok.i - start < 8:
        start -= 1
    if start == tok.i or (start > 0 and "\n" not in doc[start - 1].text):
        return None
    words = doc[start : tok.i]
    if any(t.pos_ in ("VERB", "AUX") for t in words):
        return None
    for k, t in enumerate(words):
        if t.pos_ == "PRON" and t.lower_ in ("he", "she", "they", "we", "i"):
            return t
        if t.pos_ == "PROPN":
            while k + 1 < len(words) and words[k + 1].pos_ == "PROPN":
                k += 1
            return words[k]
    return None


def _past_colon(doc: Doc, content: tuple[int, int]) -> tuple[int, int]:
    """ "criticized the night's big winner: Donald Trump": content that stops at a colon
    inside its line runs on to the end of the sentence after the colon."""
    a, b = content
    if b + 1 >= len(doc) or doc[b].text not in (":", ";"):
        return content
    nxt = doc[b + 1]
    if nxt.is_space or nxt.is_quote or "\n" in nxt.text or not nxt.is_alpha:
        return content
    end = nxt.sent.end
    for k in range(b + 1, end):
        if "\n" in doc[k].text or doc[k].is_quote:
            return content
    while end > b + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return a, end


def _carries_on(tok: Token) -> bool:
    """ "will continue to be", "went on fighting": going on with something, not speaking."""
    return tok.lemma_.lower() in ("continue", "go") and _child(tok, "xcomp") is not None


def _put_to_someone(tok: Token) -> bool:
    """ "Asked about X, she ...": a bare participle; she was asked, she is not speaking."""
    return (
        tok.tag_ == "VBN"
        and tok.dep_ in ("advcl", "acl")
        and _child(tok, "aux", "auxpass") is None
        and _asked_question(tok) is None
    )


def _asked_question(tok: Token) -> tuple[tuple[int, int], str] | None:
    """ "(When) asked whether X ...", "Asked by the host to respond to Y": a bare
    participle of "ask" still reports the question; its content is the clause asked."""
    if tok.lemma_.lower() != "ask" or tok.tag_ != "VBN" or _child(tok, "aux") is not None:
        return None
    if _child(tok, "nsubj", "nsubjpass", "dobj") is not None:
        return None
    for c in tok.rights:
        if c.dep_ == "ccomp" or (c.dep_ == "xcomp" and _child(tok, "agent") is not None):
            first = c.left_edge
            if c.dep_ == "ccomp" and first.lower_ not in ("whether", "if", "what", "why", "how"):
                continue
            start = first.i if c.dep_ == "ccomp" else c.left_edge.i
            return (start, c.right_edge.i + 1), "question"
    return None


def _so_called(tok: Token) -> bool:
    """ "so-called" and "so called" introduce a label, not speech."""
    doc = tok.doc
    i = tok.i - 1
    if i >= 0 and doc[i].text in {"-", "‑"}:
        i -= 1
    return i >= 0 and doc[i].lower_ == "so" and tok.lower_ == "called"


def _according(tok: Token) -> Cue | None:
    """ "according to X, CLAUSE" and "CLAUSE, according to X"."""
    to = tok.doc[tok.i + 1]
    source = _child(to, "pobj") or _child(tok, "pobj")
    head = tok.head
    while head.dep_ == "conj" and head.head.i != head.i:  # "A did this and B that, according"
        head = head.head
    span = (tok.idx, to.idx + len(to.text))
    if source is None:
        return None
    content: tuple[int, int] | None = None
    if head.i != tok.i:
        lo, hi = head.left_edge.i, head.right_edge.i + 1
        while hi > lo + 1 and (tok.doc[hi - 1].is_punct or tok.doc[hi - 1].is_space):
            hi -= 1
        a_lo, a_hi = tok.left_edge.i, tok.right_edge.i + 1
        if a_lo <= lo + 1:  # the phrase opens the clause
            content = (a_hi, hi)
        elif a_hi >= hi - 1:  # the phrase closes the clause
            content = (lo, a_lo)
        else:
            content = (lo, hi)
    return Cue(tok.i, span, content, source.i, "according-to")
