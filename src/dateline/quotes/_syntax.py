"""Reading the dependency parse: which tokens are speech cues, what they report, who speaks.

All functions look only at a token's neighbourhood (children, head, subtree edges), so the
cost per cue is bounded and a whole article is scanned in linear time.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .._data import word_list, word_set
from ._lexicon import CueWord, cue_words, speech_nouns

__all__ = ["Cue", "find_cues", "noun_phrase"]

RELATIVE = set(word_set("quotes/relative_pronouns.txt"))
# verbs that report someone else's words: "RIA quoted a source as saying"
QUOTING = set(word_set("quotes/quoting_verbs.txt"))
# "went on to say", "declined to say": the subject of the governing verb speaks
CONTROL_DEPS = ("xcomp", "advcl", "conj", "pcomp")
PP_HEADS = set(word_set("quotes/pp_heads.txt"))


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
    if frame == "object_complement":
        called = _object_and_complement(tok, obj)
        if called is not None:
            return called, "object-complement"
    if comps:
        start, end = _edges(comps)
        if min(c.i for c in comps) > tok.i:
            start = max(start, tok.i + 1)  # "Asked about X, Christie said that ..."
        end = _before_next_speaker(tok, start, end)
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
    short = _short_answer(tok)
    if short is not None:
        return short, "answer"
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


# "75 percent said yes", "half said so", "Mook said as much", "others said the same thing"
ANSWERS = tuple(tuple(answer.split()) for answer in word_list("quotes/short_answers.txt"))


def _short_answer(tok: Token) -> tuple[int, int] | None:
    """A one- or few-word answer or pro-form right after a verb of saying, ending its clause."""
    if tok.lemma_.lower() not in ("say", "tell", "answer", "reply", "suggest", "indicate"):
        return None
    doc = tok.doc
    for words in ANSWERS:
        end = tok.i + 1 + len(words)
        if end > len(doc) or tuple(t.lower_ for t in doc[tok.i + 1 : end]) != words:
            continue
        nxt = doc[end] if end < len(doc) else None
        if (
            nxt is None
            or nxt.is_punct
            or nxt.is_space
            or nxt.pos_ in ("ADP", "ADV", "SCONJ", "CCONJ")
        ):
            return tok.i + 1, end
    return None


def _before_next_speaker(tok: Token, start: int, end: int) -> int:
    """ "She said A, and ... the mother replied, B": a clause's content stops before a
    conjoined speech verb with a subject of its own."""
    doc = tok.doc
    for k in range(max(start, tok.i + 1), end):
        t = doc[k]
        if t.dep_ != "conj" or _is_cue_verb(t) is None or _child(t, "nsubj") is None:
            continue
        if t.left_edge.lower_ in ("that", "whether", "if"):
            continue  # "said A and that B": both are what was said
        cut = t.left_edge.i
        while cut > start and (doc[cut - 1].dep_ == "cc" or doc[cut - 1].is_punct):
            cut -= 1
        if cut - start >= 3:
            return cut
    return end


def _object_and_complement(tok: Token, obj: Token | None) -> tuple[int, int] | None:
    """ "called the plan a disaster", "called Smith(xcomp) a liar(oprd)" and "called the
    charges unfounded(acl)": the object with what it is called."""
    if obj is None:  # the parser took the object for a complement of its own
        first = next((c for c in tok.rights if c.i == tok.i + 1), None)
        oprd = _child(tok, "oprd")
        if (
            first is not None
            and oprd is not None
            and first.dep_ in ("xcomp", "nmod", "npadvmod")
            and first.pos_ in ("PROPN", "NOUN", "PRON")
            and oprd.i > first.i
        ):
            return first.left_edge.i, oprd.right_edge.i + 1
        return None
    comp = _child(tok, "oprd", "xcomp", "ccomp", "attr")
    if comp is not None and comp.i > obj.i:
        return obj.left_edge.i, comp.right_edge.i + 1
    after = [c for c in obj.rights if c.i == obj.i + 1]
    if after and after[0].dep_ in ("acl", "amod") and after[0].tag_ in ("JJ", "VBN"):
        return obj.left_edge.i, obj.right_edge.i + 1  # "called the charges unfounded"
    return None


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


CONTENT_PREPS = set(word_set("quotes/content_prepositions.txt"))


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
    if (
        xcomp is not None
        and obj is None
        and "object" in word.also
        and xcomp.tag_ == "VBG"
        and xcomp.left_edge.i == tok.i + 1
    ):  # "proposed dropping the tax": a gerund object
        return (xcomp.left_edge.i, _trailing_adjuncts(tok, xcomp.right_edge.i + 1)), "gerund"
    for c in tok.rights:  # "called for talks", "warned against hackers"
        if c.dep_ in ("prep", "prt") and c.lower_ in word.preps:
            pobj = _child(c, "pobj", "pcomp")
            if pobj is not None:
                end = pobj.right_edge.i + 1
                if xcomp is not None and xcomp.i > pobj.i and xcomp.left_edge.i == end:
                    end = xcomp.right_edge.i + 1  # "called on X to stop": X and the infinitive
                end = _trailing_adjuncts(tok, end)
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


CLAUSE_VERBS = set(word_set("quotes/clause_verbs.txt"))
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
    if tok.dep_ == "pcomp" and head.lower_ == "by" and head.head.pos_ in ("VERB", "AUX"):
        found, how = _subject(head.head, depth + 1)  # "began by talking about ..."
        return found, how if how != "subject" else "shared-subject"
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
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in speech_nouns():
            noun_cue = _noun_cue(tok)
            if noun_cue is not None:
                out.append(noun_cue)
            continue
        word = _is_cue_verb(tok)
        if word is None or _so_called(tok) or _put_to_someone(tok) or _carries_on(tok):
            continue
        content, rule = _content(tok, word)
        asked = _asked_question(tok)
        if asked is not None:  # "When asked whether ...", "Asked by X to respond to ..."
            content, rule = asked
        if rule in ("object", "infinitive", "prepositional", "gerund") and any(
            c.lower_ == "to" for c in tok.children if c.dep_ == "aux"
        ):
            continue  # "met to discuss the demands": a purpose, not a report
        speaker, how = _subject(tok)
        if speaker is None and asked is None and _impersonal(tok):
            continue  # "it is worth noting that", "Now tell us ...": nobody is reported
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
        if how in ("passive", "agent") and (content is None or rule in PASSIVE_RULES):
            passive = _passive_clause(tok, word)
            if passive is not None:  # "He has been accused of lying (by X)"
                (content, skip), rule = passive, "passive"
        if speaker is None and rule in ("object", "infinitive", "prepositional", "gerund"):
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


def _noun_cue(tok: Token) -> Cue | None:
    """ "Trump's claim that ...", "warnings from his lawyer that ...": a speech noun with a
    "that" clause and a named holder (its possessive, or a from/by phrase)."""
    clause = next(
        (
            c
            for c in tok.rights
            if c.dep_ in ("acl", "ccomp")
            and c.left_edge.lower_ == "that"
            and c.left_edge.dep_ == "mark"
            and c.left_edge.i > tok.i
        ),
        None,
    )
    if clause is None:
        return None
    speaker = _child(tok, "poss")
    if speaker is None:
        for c in tok.children:
            if c.dep_ in ("prep", "agent") and c.lower_ in ("from", "by") and c.i < clause.i:
                speaker = _child(c, "pobj")
                break
    if speaker is None:
        return None
    content = (clause.left_edge.i, _trim_end(tok.doc, clause.left_edge.i, clause.right_edge.i + 1))
    return Cue(tok.i, (tok.idx, tok.idx + len(tok.text)), content, speaker.i, "noun/possessive")


PASSIVE_RULES = {"object", "infinitive", "prepositional", "gerund", "object-complement"}


# what a passive cue needs after it to report something: "accused of lying", "reported
# killed", "called a disaster", "expected to win"
PASSIVE_COMPLEMENTS = ("xcomp", "ccomp", "oprd", "acomp", "attr", "dobj")


def _passive_clause(
    tok: Token, word: CueWord
) -> tuple[tuple[int, int], tuple[int, int] | None] | None:
    """ "Smith was accused of lying", "the plan has been called a disaster by critics": in
    the passive, what is said is the subject and the complement, up to any agent (only for
    the verbs whose lexicon entry has the ``passive`` frame), without the verb group
    between them ("was accused"): the content range and the tokens to leave out of it.

    A passive with neither a complement nor an agent reports no one's words ("No injuries
    were reported", "he was criticized", "the deal was announced"): no content."""
    if "passive" not in word.also or _child(tok, "auxpass") is None:
        return None
    subj = _child(tok, "nsubjpass")
    if subj is None or subj.i > tok.i or subj.lower_ in ("it", "that", "which"):
        return None
    end = tok.right_edge.i + 1
    agent = _child(tok, "agent")
    if agent is not None and agent.i > tok.i:
        end = agent.i
    for c in tok.rights:  # stop before a following clause of its own
        if c.dep_ in ("conj", "cc") or (c.is_punct and c.text in ",;:—–"):
            end = min(end, c.left_edge.i)
            break
    complement = any(
        c.i < end
        and (
            c.dep_ in PASSIVE_COMPLEMENTS
            or (c.dep_ in ("prep", "advcl") and c.lower_ in CONTENT_PREPS | word.preps)
        )
        for c in tok.rights
    )
    if not complement and agent is None:
        return None
    start = subj.left_edge.i
    end = _trim_end(tok.doc, start, end)
    if end - start < 3:
        return None
    skip = (subj.right_edge.i + 1, tok.i + 1)  # the verb group: "was first reported"
    if skip[0] >= skip[1]:
        return (start, end), None
    if skip[1] >= end:  # nothing said after the verb: the subject is the content
        return (start, skip[0]), None
    return (start, end), skip


def _impersonal(tok: Token) -> bool:
    """A cue nobody speaks: an imperative addressed to the reader ("Say the deal fails",
    "Now tell us ..."), or an idiom ("it is worth noting", "it goes without saying", "too
    early to tell")."""
    head = tok.head
    if tok.dep_ in ("xcomp", "pcomp", "advcl", "acomp") and head.lower_ in ("worth", "without"):
        return True
    if tok.dep_ == "xcomp" and head.lower_ in ("early", "soon", "hard", "difficult"):
        return True
    if tok.tag_ == "VB" and _child(tok, "aux", "auxpass", "nsubj", "mark") is None:
        root = tok
        while root.dep_ == "conj" and root.head.i != root.i:
            root = root.head
        return root.dep_ == "ROOT" and root.tag_ == "VB"
    return False


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
        if c.dep_ == "prep" and c.lower_ == "about" and c.i == tok.i + 1:
            pobj = _child(c, "pobj", "pcomp")  # "Asked about the tapes, she said ..."
            if pobj is not None:
                return (pobj.left_edge.i, pobj.right_edge.i + 1), "question"
    return None


def _so_called(tok: Token) -> bool:
    """ "so-called" and "so called" introduce a label, not speech."""
    doc = tok.doc
    i = tok.i - 1
    if i >= 0 and doc[i].text in {"-", "‑"}:
        i -= 1
    return i >= 0 and doc[i].lower_ == "so" and tok.lower_ == "called"


PHRASE_LIMIT = 25  # tokens an "according to X" phrase may span up to its comma


def _according(tok: Token) -> Cue | None:
    """ "according to X, CLAUSE" and "CLAUSE, according to X".

    Where the phrase sits in its sentence decides the content, not where the parser
    attached it: opening the sentence, it reports the rest; closing it (after a comma), it
    reports everything before it; inside a clause, it reports that clause."""
    doc = tok.doc
    to = doc[tok.i + 1]
    source = _child(to, "pobj") or _child(tok, "pobj") or _last_noun(tok)
    span = (tok.idx, to.idx + len(to.text))
    if source is None:
        return None
    sent = tok.sent
    phrase_end = _phrase_end(tok, source)
    first = sent.start
    while first < tok.i and (doc[first].is_punct or doc[first].is_space):
        first += 1
    if first == tok.i:  # "According to X, CLAUSE."
        rest = phrase_end
        while rest < sent.end and (doc[rest].is_punct or doc[rest].is_space):
            rest += 1
        end = _trim_end(doc, rest, sent.end)
        opening = (rest, end) if end - rest >= 2 else None
        return Cue(tok.i, span, opening, source.i, "according-to")
    before = doc[tok.i - 1]
    after = phrase_end
    while after < sent.end and doc[after].is_space:
        after += 1
    if before.text == "," and (
        after >= sent.end or doc[after].text in SENTENCE_PUNCT or _verbless_tail(doc, after)
    ):
        end = _trim_end(doc, sent.start, tok.i)
        if end - sent.start >= 2:  # "CLAUSE, according to X."
            return Cue(tok.i, span, (sent.start, end), source.i, "according-to")
    head = tok.head
    while head.dep_ == "conj" and head.head.i != head.i:  # "A did this and B that, according"
        head = head.head
    content: tuple[int, int] | None = None
    skip: tuple[int, int] | None = None
    if head.i != tok.i:
        lo, hi = head.left_edge.i, head.right_edge.i + 1
        hi = _trim_end(doc, lo, hi)
        # the phrase as the parse has it, and at least up to its comma or its source's
        # noun phrase: the source is never part of what it reports
        a_lo, a_hi = min(tok.left_edge.i, tok.i), max(tok.right_edge.i + 1, phrase_end)
        while a_hi < hi and (doc[a_hi].is_punct or doc[a_hi].is_space):
            a_hi += 1
        if a_lo <= lo + 1:  # the phrase opens the clause
            content = (a_hi, hi) if hi > a_hi else None
        elif a_hi >= hi - 1:  # the phrase closes the clause
            content = (lo, a_lo)
        else:  # inside the clause: the clause around it
            content, skip = (lo, hi), (a_lo, a_hi)
    return Cue(tok.i, span, content, source.i, "according-to", skip)


SENTENCE_PUNCT = {".", "!", "?", ";", ":"}


def _trim_end(doc: Doc, lo: int, hi: int) -> int:
    while hi > lo + 1 and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
        hi -= 1
    return hi


def _verbless_tail(doc: Doc, k: int) -> bool:
    """ ", more than any other group.": a comma, then words without a verb to the end."""
    tail = doc[k : doc[k].sent.end]
    return doc[k].text == "," and not any(t.pos_ in ("VERB", "AUX") for t in tail)


def _last_noun(tok: Token) -> Token | None:
    """ "according to show insiders" misparsed as a verb: the phrase's last noun."""
    # walked back from the subtree's right edge, up to the first noun in the subtree (not
    # the whole subtree per call: a chain of "according to" cost its length squared)
    doc = tok.doc
    for k in range(tok.right_edge.i, tok.i + 1, -1):
        if doc[k].pos_ in ("NOUN", "PROPN") and tok.is_ancestor(doc[k]):
            return doc[k]
    return None


def _phrase_end(tok: Token, source: Token) -> int:
    """Token index just past "according to X": its comma when one follows shortly, else
    the end of the source's noun phrase."""
    doc = tok.doc
    stop = min(tok.sent.end, tok.i + PHRASE_LIMIT)
    for k in range(tok.i + 2, stop):
        if doc[k].text in (",", ";", ":", "—", "–") or doc[k].text in SENTENCE_PUNCT:
            return k
    return max(source.i + 1, noun_phrase(source)[1])
