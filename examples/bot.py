"""A small question-answering bot over the reports, using only the tipcorpus API.

It answers questions such as

    how many T visas through 2007?
    what did HHS report for 2007?
    how much did the Department of Labor spend in 2007?

with the figure and its citation, by rules: agency names (through the agency
recogniser), years (``2007``, ``FY 2007``), "through"/"since" for cumulative figures,
money and percent words for the kind, and the remaining words matched against the units.

Run: python examples/bot.py "how many T visas through 2007?"
     echo "what did HHS report for 2007?" | python examples/bot.py
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable

from attrs import frozen

from tipcorpus import Corpus, Kind, Statistic, find_agencies
from tipcorpus.display import format_value

STOPWORDS = frozenset([
    "a", "an", "and", "are", "as", "at", "be", "by", "did", "do", "does", "during", "for",
    "from", "has", "have", "how", "in", "is", "it", "many", "much", "number", "of", "on", "or",
    "report", "reported", "say", "said", "the", "their", "there", "through", "to", "total",
    "until", "up", "was", "were", "what", "when", "which", "who", "with", "year", "years",
    "fy", "fiscal", "since", "as", "of", "give", "me", "tell", "about", "spend", "spent",
    "get", "got",
])  # fmt: skip
CUMULATIVE = re.compile(r"\b(through|thru|by|as of|up to|until|to date|cumulative|since)\b", re.I)
MONEY = re.compile(
    r"\$|\b(how much|spen[dt]|fund(s|ed|ing)?|dollars?|money|grants?|budget)\b", re.I
)
PERCENT = re.compile(r"%|\bper ?cent(age)?\b", re.I)
YEAR = re.compile(r"\b(FY\s*)?((?:19|20)\d\d)\b", re.I)
WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


@frozen
class Question:
    """What the rules read from a question."""

    text: str
    agencies: tuple[str, ...]
    years: tuple[int, ...]
    cumulative: bool
    kind: Kind | None
    words: tuple[str, ...]
    listing: bool


def _stem(word: str) -> str:
    word = word.lower().strip("'-")
    for suffix in ("ies", "es", "s"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


def parse(text: str) -> Question:
    """Read agencies, years, period, kind and unit words from a question."""
    mentions = find_agencies(text)
    taken = [m.span for m in mentions]
    years = tuple(int(m.group(2)) for m in YEAR.finditer(text))
    taken += [m.span() for m in YEAR.finditer(text)]
    words = []
    for m in WORD.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        if m.group().lower() in STOPWORDS:
            continue
        words.append(_stem(m.group()))
    kind = Kind.MONEY if MONEY.search(text) else Kind.PERCENT if PERCENT.search(text) else None
    listing = not re.search(r"\bhow (many|much)\b", text, re.I)
    return Question(
        text=text,
        agencies=tuple(dict.fromkeys(m.agency.id for m in mentions)),
        years=years,
        cumulative=bool(CUMULATIVE.search(text)),
        kind=kind,
        words=tuple(w for w in words if w not in {"money", "dollar", "fund", "percent"}),
        listing=listing,
    )


def _score(q: Question, s: Statistic) -> float:
    unit = {_stem(w) for w in WORD.findall(s.unit)}
    sentence = {_stem(w) for w in WORD.findall(s.sentence)}
    score = 2.0 * sum(w in unit for w in q.words) + 0.5 * sum(w in sentence for w in q.words)
    if s.period is not None and s.period.cumulative == q.cumulative:
        score += 1.0
    if len(q.years) == 2 and s.period is not None and (s.period.start, s.period.end) == q.years:
        score += 2.0  # "from 2001 to 2007" asks for that range, not a figure for 2007
    return score


def _names_unit(q: Question, s: Statistic) -> bool:
    unit = {_stem(w) for w in WORD.findall(s.unit)}
    return any(w in unit for w in q.words)


def answer(corpus: Corpus, text: str) -> list[Statistic]:
    """The statistics that answer a question, best first (none when nothing fits)."""
    q = parse(text)
    stats = corpus.statistics()
    for agency in q.agencies:
        stats = stats.filter(agency=agency)
    if q.years:
        stats = stats.filter(years=q.years)
    if q.kind is not None:
        stats = stats.filter(kind=q.kind)
    scored = [(_score(q, s), i, s) for i, s in enumerate(stats)]
    if q.words and not q.listing:
        # A "how many X" question needs X among the unit words of the answer.
        scored = [t for t in scored if _names_unit(q, t[2])]
    if not scored:
        return []
    if q.listing:
        return [s for _, _, s in sorted(scored, key=lambda t: t[1])][:12]
    best = max(score for score, _, _ in scored)
    return [s for score, _, s in sorted(scored, key=lambda t: t[1]) if score == best][:3]


def render(corpus: Corpus, text: str) -> str:
    """The answer as text: each figure, its period and agencies, citation and quote."""
    found = answer(corpus, text)
    out = [f"Q: {text}"]
    if not found:
        out.append("A: I found no figure for that in the reports.")
        return "\n".join(out)
    for n, s in enumerate(found):
        period = f" {s.period}" if s.period is not None else ""
        who = f" ({', '.join(s.agency_ids)})" if s.agencies else ""
        out.append(f"{'A:' if n == 0 else '  '} {format_value(s)} {s.unit}{period}{who}")
        out.append(f"   source: {s.cite()}")
        out.append(f'   "{" ".join(s.quote(("«", "»")).split())}"')
    return "\n".join(out)


def _questions(args: argparse.Namespace) -> Iterable[str]:
    if args.question:
        yield from args.question
        return
    interactive = sys.stdin.isatty()
    while True:
        if interactive:
            print("question> ", end="", flush=True)
        line = sys.stdin.readline()
        if not line:
            return
        if line.strip():
            yield line.strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Answer questions about the reports' figures.")
    parser.add_argument("question", nargs="*", help="questions (default: read from stdin)")
    parser.add_argument("--docs", help="a folder of reports (default: the bundled corpus)")
    args = parser.parse_args(argv)
    corpus = Corpus.from_path(args.docs) if args.docs else Corpus.default()
    for question in _questions(args):
        print(render(corpus, question))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
