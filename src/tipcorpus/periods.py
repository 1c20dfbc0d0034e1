"""Period expressions: the years that a figure refers to.

:func:`find_periods` finds time expressions in a text and resolves each one to a
:class:`~tipcorpus.model.Period`, following annotation-guideline.md ("Periods" and
its "Decisions" list).
The cue words (months, prepositions, launch verbs, number words, administrations)
live in ``data/periods.toml``; the patterns are built from them on first use.

What is found, and the role it gets:

* ``point``: ``In FY 2007``, ``in fiscal year 2004``, ``FY07``, ``FY 2007 alone``,
  ``in June 2015``, ``in early 2005``, ``On Jan. 5, 2021``.
  Months and days are dropped.
  A plain year counts only after a preposition (``in``, ``during``, ``for`` ...), with a
  month, a fiscal marker, ``calendar year``, or in a range:
  a bare year is usually part of a name or an edition (``TVPRA 2008``,
  ``Act of 2000``, ``the 2001 Country Reports``, ``2016 Findings ...``), and report
  editions are not periods because a report's data years differ from its title year.
  ``in 2003 and 2004`` (consecutive years under one preposition) is one ``range``;
  other lists, and lists followed by ``respectively``, give one point per year.
* ``range``: ``From FY 2001 to 2007``, ``between FY 2001 and FY 2007``, ``2001-2004``,
  ``(2001-2004)``, ``From April 2004 and March 2005``, ``From January through December 2004``.
* ``through`` (cumulative, start None): ``Through FY 2007``, ``through the end of fiscal
  year 2004``, ``as of FY 2007``, ``by the end of 2004``; ``to date`` ends at the reference year.
* ``since`` (start that year, end the reference year): ``Since 2003``, ``since April 2004``,
  ``since the inception of the program in January 2003``, ``since then``,
  ``during the Obama Administration`` (2009), and a launch date: ``Started in 2003``,
  ``created in 2004``, ``established an anti-trafficking unit in 2011`` (the surface is
  then ``in 2011``, so that it never covers the object's words).
  Whether a count follows, as the guideline asks, is for the statistics layer to decide.
  ``since then`` starts at the most recent period stated in the 300 characters before it,
  within the same paragraph or list item; with none it is dropped.
* ``current``: ``currently``, ``today``, ``this year``, ``now``: the reference year.
  A capitalised cue word inside a sentence (``... Children Today Act``) is part of a title.
* ``relative``: ``in the last two years``, ``over the past four fiscal years``: the window of
  N years back from an anchor, ``anchor - N`` to ``anchor``, which reads the guideline's
  example (``1.26 billion people in 2007, an increase of over 300 percent in the last two
  years`` is 2005-2007).
  The anchor is the latest point year stated earlier in the same sentence, else the
  reference year.
  An explicit range in parentheses wins: ``the past four fiscal years (2001-2004)`` is 2001-2004.
  ``last year`` without an article is the year before the reference year.
* ``compared``: ``the previous year``, ``the prior four year period``, ``over the previous
  seven years``: the N years just before the start of the period stated before it
  (within 300 characters, same paragraph or list item), else before the reference year.

Not periods: rates (``annually``, ``each year``, ``per year``), durations (``ten years``,
``71 months``), ``During the reporting period`` (no years are given), identifiers
(``Executive Order 13257``) and years inside names (``Act of 2000``).

When ``reference_year`` is None, an expression that needs it (since, current, to date,
relative to now, compared with nothing stated) takes the latest year stated explicitly
anywhere in the same text, and is dropped when the text states none.

Years are 1900-2099; a two-digit fiscal year is 19xx from 50 up and 20xx below
(``FY07`` is 2007).

The cost grows with the number of cues, not with the length of the text: the text is
searched for a few literal cues (years, ``FY``, ``since``, ``currently``, ``last`` ...), and
each pattern is tried only on the words just before a cue that can start its expressions,
which gives the matches that scanning the whole text would give (see ``_Trigger``).
"""

from __future__ import annotations

import bisect
import functools
import itertools
import math
import tomllib
from collections.abc import Iterable, Iterator, Sequence
from importlib import resources

import regex
from attrs import frozen

from tipcorpus._text import lower_in_pieces
from tipcorpus.model import Period, PeriodMention

__all__ = ["find_periods", "launch_verbs"]

_WINDOW = 300
"""How far back (characters) ``since then`` and ``the previous year`` look for their period
when it is not in their own sentence."""

_SENTENCE_WINDOW = 400
"""How far back a relative expression looks for the start of its sentence."""


@frozen
class _Administration:
    """A presidential term: its name and first and last full calendar years."""

    name: str
    start: int
    end: int


@frozen
class _Cues:
    """The cue word lists of ``data/periods.toml``."""

    months: tuple[str, ...]
    point_prepositions: tuple[str, ...]
    through_words: tuple[str, ...]
    since_events: tuple[str, ...]
    launch_verbs: tuple[str, ...]
    start_markers: tuple[str, ...]
    current: tuple[str, ...]
    to_date: tuple[str, ...]
    relative_last: tuple[str, ...]
    relative_prior: tuple[str, ...]
    numbers: dict[str, int]
    count_nouns: tuple[str, ...]
    administrations: dict[str, tuple[_Administration, ...]]


@functools.cache
def _cues() -> _Cues:
    """Read ``data/periods.toml`` once."""
    raw = tomllib.loads(
        resources.files("tipcorpus").joinpath("data/periods.toml").read_text(encoding="utf-8")
    )
    admins: dict[str, list[_Administration]] = {}
    for entry in raw["administrations"]:
        term = _Administration(str(entry["name"]), int(entry["start"]), int(entry["end"]))
        for alias in entry["aliases"]:
            admins.setdefault(_fold(str(alias)), []).append(term)
    return _Cues(
        months=tuple(raw["months"]),
        point_prepositions=tuple(raw["point_prepositions"]),
        through_words=tuple(raw["through_words"]),
        since_events=tuple(raw["since_events"]),
        launch_verbs=tuple(raw["launch_verbs"]),
        start_markers=tuple(raw["start_markers"]),
        current=tuple(raw["current"]),
        to_date=tuple(raw["to_date"]),
        relative_last=tuple(raw["relative_last"]),
        relative_prior=tuple(raw["relative_prior"]),
        numbers={str(k): int(v) for k, v in raw["numbers"].items()},
        count_nouns=tuple(raw["year_guard"]["count_nouns"]),
        administrations={k: tuple(sorted(v, key=lambda t: t.start)) for k, v in admins.items()},
    )


def _fold(phrase: str) -> str:
    """Fold a phrase into a lookup key: lower case, single spaces, plain hyphens."""
    return " ".join(phrase.replace("–", "-").lower().split())


def _alt(phrases: Sequence[str]) -> str:
    """Build a regex alternation of phrases, longest first; blanks and hyphens match loosely."""
    parts: list[str] = []
    for phrase in sorted(set(phrases), key=lambda p: (-len(p), p)):
        words = [regex.escape(w).replace(r"\-", "[-–]") for w in phrase.split()]
        parts.append(r"(?&s)".join(words))
    return "(?:" + "|".join(parts) + ")"


# The shared grammar: named fragments that the patterns call as ``(?&name)``.
# Placeholders in <<...>> are filled from data/periods.toml.
# The calls are spliced in as plain groups when a pattern is built (see _expand), not
# left as subroutine calls: the ``regex`` module saves and restores its group state at
# every call, which made each position tried cost some microseconds.
_GRAMMAR: dict[str, str] = {
    "s": r"""
        (?:[^\S\n]++\n?+|\n)[^\S\n]*+          # blanks, at least one, at most one line break
    """,
    "o": r"""
        [^\S\n]*+\n?+[^\S\n]*+                 # optional blanks, at most one line break
    """,
    "yy": r"""
        (?:19|20)\d\d                          # a year 1900-2099 ...
        (?![\d%]|[.,]\d)                       # ... not the head of a longer number
        (?!(?&o)(?:percent|per(?&s)cent|million|billion|thousand)\b)  # ... nor an amount
    """,
    "lead": r"""
        (?<![\w$#§.,/]|\d[-–])                 # not inside an identifier (P.L. 106-386) or amount
        (?<!\b(?:No|Nos|Number|Case|Docket|Order|Law|Resolution)\.?[^\S\n])  # nor after No.
    """,
    "guard": r"""
        (?!(?&s)(?:<<COUNTNOUNS>>)\b)          # "in 2000 cases" is a count
    """,
    "fy2": r"""
        \d\d(?![\d%])                          # a two-digit fiscal year: FY07
    """,
    "after": r"""
        (?<=[-–—][^\S\n]*)                     # the year after a dash:
        (?:(?&yy)(?&guard)|(?&fy2))            # -2004, -07
    """,
    "fiscal": r"""
          (?<!\w)(?:federal(?&s))?fiscal(?:(?&s)years?)?  # fiscal year, Fiscal Years, fiscal
          (?:(?&o)\((?&o)(?-i:F?FYs?)(?&o)\))?         # (FY)
          (?&s)(?&yy)                                  # 2004
        | (?<!\w)(?-i:F?FYs?|F\.Y\.)                   # FY, FYs, FFY, F.Y.
          (?:[^\S\n]?+|[-'’])                          # FY 2007, FY2007, FY-07, FY'07
          (?:(?&yy)|(?&fy2))(?!\w)                     # the year, four or two digits
    """,
    "month": r"""
        \b(?:<<MONTHS>>)\b\.?                  # a month name or abbreviation
    """,
    "date": r"""
        (?:\b\d{1,2}(?:st|nd|rd|th)?(?&s))?    # 5 January 2021
        (?&month)                              # June
        (?:(?&s)\d{1,2}(?:st|nd|rd|th)?        # June 3
           (?:(?&o)[-–](?&o)\d{1,2})?)?        # July 14-16
        ,?(?&s)(?&yy)                          # , 2005
    """,
    "qual": r"""
          \b(?:early|mid|late)(?:-|(?&s))              # early 2005, mid-2005
        | \bthe(?&s)(?:beginning|start|end|middle|close  # the end of
            |(?:first|second)(?&s)half                   # the first half of
            |(?:first|second|third|fourth|last)(?&s)quarter)(?&s)of(?&s)
        | \b(?:the(?&s))?(?:spring|summer|fall|autumn|winter)(?&s)(?:of(?&s))?  # summer of 2004
    """,
    "marked": r"""
          (?&qual)?                            # a time that needs no preposition:
          (?:(?&fiscal)|(?&date)               # FY 2007, June 3, 2005
            |(?:\bcalendar(?&s)year|(?<!\w)(?-i:CY))(?&o)(?&yy))  # calendar year 2007
        | (?&qual)(?&lead)(?&yy)               # early 2005
    """,
    "plain": r"""
        (?:\bthe(?&s)year(?&s))?(?&lead)(?&yy)(?&guard)  # 2007, after a preposition
    """,
    "time": r"""
        (?&marked)|(?&plain)                   # any time
    """,
}


def _expand(pattern: str, grammar: dict[str, str]) -> str:
    """Splice the grammar's fragments into a pattern in place of their ``(?&name)`` calls."""

    def splice(call: regex.Match[str]) -> str:
        # The line break ends a comment on the fragment's last line.
        return "(?:" + _expand(grammar[call.group(1)], grammar) + "\n)"

    return regex.sub(r"\(\?&(\w+)\)", splice, pattern)


@frozen
class _Patterns:
    """The compiled recognisers, one per family of expressions."""

    point: regex.Pattern[str]
    listed: regex.Pattern[str]
    range: regex.Pattern[str]
    through: regex.Pattern[str]
    since: regex.Pattern[str]
    launch: regex.Pattern[str]
    launch_before: regex.Pattern[str]
    current: regex.Pattern[str]
    to_date: regex.Pattern[str]
    relative: regex.Pattern[str]
    admin: regex.Pattern[str]
    number_word: regex.Pattern[str]
    year_in: regex.Pattern[str]
    fiscal: regex.Pattern[str]
    block_break: regex.Pattern[str]
    sentence_break: regex.Pattern[str]
    parens: regex.Pattern[str]
    triggers: tuple[_Trigger, ...]


@functools.cache
def _patterns() -> _Patterns:
    """Build the patterns from the cue lists, once, on first use."""
    cues = _cues()
    months = [m for m in cues.months if m != "May"]
    grammar = {
        name: fragment.replace("<<MONTHS>>", _alt(months)[3:-1] + "|(?-i:May|MAY)").replace(
            "<<COUNTNOUNS>>", _alt(cues.count_nouns)
        )
        for name, fragment in _GRAMMAR.items()
    }
    preps = _alt(cues.point_prepositions)
    numwords = _alt(list(cues.numbers))
    gap = r"(?:[^.;:!?\n]|\n(?![^\S\n]*\n)|(?<=\b[A-Z])\.)"

    def build(body: str) -> regex.Pattern[str]:
        # Every expression starts a word: testing that first skips most positions
        # before the grammar's subpatterns are tried.
        pattern = _expand(rf"(?<!\w)(?=\w)(?:{body})", grammar)
        return regex.compile(pattern, regex.VERBOSE | regex.IGNORECASE)

    point = build(
        rf"""
        (?:\b(?P<prep>{preps})(?&s)(?P<a>(?&time))   # in 2007, In FY 2007
          | (?P<a>(?&marked)))                        # FY 2007, June 3, 2005
        (?:(?&s)alone\b)?                             # In FY 2007 alone
        """
    )
    listed = build(
        rf"""
        (?:\b(?P<prep>{preps})(?&s)(?P<a>(?&time)) | (?P<a>(?&marked)))  # in FY 2003
        (?:(?&o),(?&o)                                 # , 2004
           (?P<y>(?:(?-i:F?FYs?)[^\S\n]?+)?(?&lead)(?&yy)(?!\w))){{0,8}}
        (?:(?&o),)?(?&s)(?:and|or)(?&s)                # (,) and
        (?P<y>(?:(?-i:F?FYs?)[^\S\n]?+)?(?&lead)(?&yy)(?!\w))  # 2005
        (?P<resp>(?&o),(?&o)respectively\b)?           # , respectively: separate years
        """
    )
    end = r"(?P<b>(?&time)|(?&after))"
    range_ = build(
        rf"""
          \b(?:from|between)(?&s)                      # From / between
          (?P<a>(?&time)|(?&qual)?(?&month))           # FY 2001, April 2004, January
          (?:(?&o),)?(?&s)                             # (, after a day)
          (?:to|through|thru|until|till|and|[-–—])(?&s)  # to, and, through
          (?P<b>(?&time))                              # 2007, March 2005, December 2004
        | (?:\b(?:{preps})(?&s))?(?P<a>(?&marked))     # (in) FY 2001, fiscal years 2001
          (?&o)(?:[-–—]|(?:to|through|thru)\b)(?&o){end}  # -2007, to FY 2007, -07
        | \b(?:{preps})(?&s)(?P<a>(?&plain))           # in 2001
          (?&o)(?:[-–—]|(?:to|through|thru)\b)(?&o){end}  # -2004, through 2004
        | (?P<a>(?&plain))(?&o)[-–—](?&o)              # 2001-
          (?P<b>(?&after))                             # 2004, 04
        """
    )
    through = build(
        rf"""
        \b(?:{_alt(cues.through_words)}               # through, as of
          |(?:by|at)(?=(?&s)the(?&s)end\b))           # by / at the end of
        (?&s)(?P<a>(?&time))                           # FY 2007
        (?:(?&s)alone\b)?
        """
    )
    since = build(
        rf"""
        \b(?:ever(?&s))?since(?&s)
        (?: (?P<a>(?&time))                            # since 2003, since late 2005
          | (?:(?:the|its|their|his|her|this|that|our)(?&s))?  # since the
            {_alt(cues.since_events)}\b                # inception / creation / launch
            {gap}{{0,100}}?                             # of the program
            (?&s)(?:in|during)(?&s)(?P<a>(?&time))     # in January 2003
          | (?P<then>then|that(?&s)(?:time|year|date))\b  # since then
        )
        """
    )
    launch = build(
        rf"""
        \b{_alt(cues.launch_verbs + cues.start_markers)}  # Started, created, beginning
        (?&s)(?:in|during)(?&s)(?P<a>(?&time))         # in 2003
        """
    )
    verbs = _alt(cues.launch_verbs).replace("(?&s)", r"\s+")
    launch_before = regex.compile(
        rf"""
        \b{verbs}\b                                     # established
        (?P<gap>[^.;:!?,\n]{{1,100}})                  # an anti-trafficking unit
        \Z                                              # ... up to the period
        """,
        regex.VERBOSE | regex.IGNORECASE,
    )
    current = build(rf"\b{_alt(cues.current)}\b")
    to_date = build(rf"(?<!\bup\s)(?<!\bup\s\s)\b{_alt(cues.to_date)}\b")
    relative = build(
        rf"""
          \b(?:(?:in|over|during|for|within|throughout|from)(?&s))?  # over
          (?P<the>the(?&s))?                           # the
          (?P<dir>{_alt(cues.relative_last + cues.relative_prior)})(?&s)  # last / previous
          (?:(?P<n>{numwords}|\d{{1,2}})\b(?:(?&s)|-))?  # two, 4
          (?P<fy>fiscal(?&s))?                         # fiscal
          (?P<unit>years?|months?|decades?)\b          # years
          (?:(?:(?&s)|-)period\b)?                     # (year) period
          (?:(?&o)\((?&o)(?P<pa>(?&time))              # (2001
             (?&o)(?:[-–—]|to\b|through\b)(?&o)        # -
             (?P<pb>(?&time)|(?&after))(?&o)\))?        # 2004)
        | \b(?:in|during|for)?(?&s)?                   # in
          (?P<yb>the(?&s)year(?&s)before|a(?&s)year(?&s)(?:earlier|before))\b  # a year earlier
        """
    )
    aliases = list(cues.administrations)
    admin = build(
        rf"""
        \b(?:during|under|throughout|over|across|in    # during
          |since(?&s)the(?&s)(?:start|beginning)(?&s)of)  # since the start of
        (?&s)the(?&s)(?P<name>{_alt(aliases)})        # the Obama
        (?&s)administration\b                          # Administration
        """
    )
    number_word = regex.compile(rf"\b(?:{'|'.join(cues.numbers)})\b", regex.IGNORECASE)
    # The words each family's expressions start with, as the patterns above read.
    marked = ["early", "mid", "late", "the", "spring", "summer", "fall", "autumn", "winter"]
    marked += ["federal", "fiscal", "calendar", *cues.months, "#day", "#fy"]
    timed = [*cues.point_prepositions, *marked]
    relative_words = [*cues.relative_last, *cues.relative_prior]
    triggers = (
        _trigger(
            [],
            {
                "point": (point, timed),
                "listed": (listed, timed),
                "range": (range_, [*timed, "from", "between", "#year"]),
                "through": (through, [*cues.through_words, "by", "at"]),
                "launch": (launch, [*cues.launch_verbs, *cues.start_markers]),
            },
            before=[
                _BEFORE_YEAR,
                *cues.months,
                *cues.point_prepositions,
                *cues.through_words,
                *cues.launch_verbs,
                *cues.start_markers,
            ],
            anchor=_ANCHOR,
            # A list goes on after its first year ("in 2003 and 2004", "FY 2003, 2004"),
            # a range too ("in 2001-2004", "FY 2001 to FY 2007"), unless it starts with
            # "from" or "between" ("From January through December 2004").
            gates={
                "listed": (r"\s*(?:,|(?:and|or)\b)", ()),
                "range": (r"\s*(?:[-–—]|(?:to|through|thru)\b)", ("from", "between")),
            },
        ),
        _trigger(["since"], {"since": (since, ["ever", "since"])}, before=["ever"]),
        _trigger(
            _last_words(cues.current), {"current": (current, cues.current)}, before=cues.current
        ),
        _trigger(
            _last_words(cues.to_date), {"to_date": (to_date, cues.to_date)}, before=cues.to_date
        ),
        _trigger(
            [*relative_words, "before", "earlier"],
            {"relative": (relative, [*_RELATIVE_LEAD.split(), *relative_words])},
            before=[_RELATIVE_LEAD, "year"],
        ),
        _trigger(
            ["administration"],
            {"admin": (admin, _ADMIN_LEAD.split())},
            before=[_ADMIN_LEAD, "the start beginning of", *cues.administrations],
        ),
    )
    return _Patterns(
        point=point,
        listed=listed,
        range=range_,
        through=through,
        since=since,
        launch=launch,
        launch_before=launch_before,
        current=current,
        to_date=to_date,
        relative=relative,
        admin=admin,
        number_word=number_word,
        year_in=regex.compile(
            r"""
            (?<![\d])(?P<y>(?:19|20)\d\d)(?!\d)     # a four-digit year
            | (?-i:F?FYs?)[^\S\n]?[-'’]?(?P<yy>\d\d)(?!\d)  # or a two-digit fiscal year
            """,
            regex.VERBOSE,
        ),
        fiscal=regex.compile(
            r"\bfiscal\b|(?-i:\bF?FYs?\b|F\.Y\.|\bF?FY(?=[-'’\d]))", regex.IGNORECASE
        ),
        block_break=regex.compile(r"\n[^\S\n]*(?:\n|[-•*▪●◦‣]\s|\d{1,2}[.)]\s)"),
        sentence_break=regex.compile(
            r"""
            (?<!\b[A-Z]|\b(?:vs|No|Nos|Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Amb|St))  # not U.S., vs., Dr.
            [.!?][\"'”’)\]]*\s+                          # a full stop, closing quotes, blanks
            (?=[\"“(]?[A-Z])                              # and a capital letter
            """,
            regex.VERBOSE,
        ),
        parens=regex.compile(r"\([^()]*\)"),
        triggers=triggers,
    )


@frozen
class _Candidate:
    """An expression before resolution.

    ``kind`` says how it resolves: ``explicit`` (years given), ``since`` (start given,
    end the reference year), ``then`` (since then), ``current``, ``to_date``, ``window``
    (the last N years), ``last_year``, ``prior`` (the N years before), ``admin``.
    """

    start: int
    end: int
    kind: str
    role: str = "point"
    first: int | None = None
    last: int | None = None
    fiscal: bool = False
    count: int = 1
    admin: str = ""
    prep: str = ""


def _year_of(part: str) -> int | None:
    """Return the (last) year written in a time expression, or None when it names none."""
    found: int | None = None
    for m in _patterns().year_in.finditer(part):
        if m.group("y"):
            found = int(m.group("y"))
        else:
            two = int(m.group("yy"))
            found = two + (1900 if two >= 50 else 2000)
    return found


def _second_year(part: str, first: int | None) -> int | None:
    """Return the year of a range's second part; ``-07`` takes the first year's century."""
    year = _year_of(part)
    if year is not None:
        return year
    digits = part.strip()
    if first is None or not digits.isdigit() or len(digits) != 2:
        return None
    year = first - first % 100 + int(digits)
    return year if year > first else None


def _is_fiscal(surface: str) -> bool:
    return _patterns().fiscal.search(surface) is not None


def _explicit(m: regex.Match[str], role: str) -> _Candidate | None:
    first = _year_of(m.group("a"))
    if first is None:
        return None
    fiscal = _is_fiscal(m.group())
    if role == "through":
        return _Candidate(m.start(), m.end(), "explicit", role, None, first, fiscal)
    return _Candidate(m.start(), m.end(), "explicit", role, first, first, fiscal, prep=_prep(m))


def _prep(m: regex.Match[str]) -> str:
    try:
        prep = m.group("prep")
    except IndexError:
        return ""
    return (prep or "").lower()


_BEFORE = 120
"""Characters an expression may run before its cue (``between the first quarter of Fiscal
Years (FY) 2001``)."""

_ANCHOR = r"(?<!\d)(?:19|20)\d\d(?!\d)|FY"
"""What every expression with explicit years contains: a year, or ``FY`` before two digits."""

_BEFORE_YEAR = """
    the year years of and to through thru until till between from by at in during
    early mid late beginning start end middle close first second third fourth last half
    quarter spring summer fall autumn winter federal fiscal calendar fy fys ffy f y cy
"""
"""The words of the grammar that can stand between the start of an expression and its
first year, besides the cue lists' prepositions, through words, launch verbs and months.
They are what is read before ``2001`` in ``between the first quarter of Fiscal Years (FY)
2001``, ``From January through December 2004`` or ``established in 2003``.
Keep them in step with ``_GRAMMAR`` and the patterns of :func:`_patterns`."""

_RELATIVE_LEAD = "in over during for within throughout from the a"
"""The words before ``last``, ``previous`` or ``year before`` in a relative expression."""

_ADMIN_LEAD = "during under throughout over across in since"
"""The words before ``the Obama Administration``."""

_MARKS = {
    "day": r"\d{1,2}(?!\d)",  # 5 January 2021, 3rd
    "year": r"(?:19|20)\d\d(?=\s*[-–—])",  # 2001-2004: a bare year starts only a range
    "fy": r"F?FY|F\.Y|CY",  # FY 2007, F.Y. 2007, CY 2007
}
"""What an expression can start with besides a word, under the starter keys ``#day``,
``#year`` and ``#fy``."""


@frozen
class _Trigger:
    """Where the matches of some families of expressions can start.

    Every match of the families holds a cue: one of ``words`` (lower case) or a match of
    ``anchor``.
    It starts at most ``back`` characters before the cue and, when ``before`` is not
    empty, no earlier than the run of those words (and of numbers of one or two digits)
    that ends at the cue.
    It starts on a word that ``starter`` finds: ``families`` maps that word (lower case,
    or a key of ``_MARKS``) to the families tried there.
    ``gates`` name, for some families, what must follow the first year after a start
    (``2003 and``), unless the start is one of the words given with it.

    Finding a few literal cues, then trying the patterns at a few positions, is what
    keeps :func:`find_periods` fast: the ``regex`` module tries an alternation, and still
    more a pattern, at every position of a text that it scans.
    """

    words: tuple[str, ...]
    anchor: regex.Pattern[str] | None
    back: int
    before: frozenset[str]
    starter: regex.Pattern[str]
    reach: int  # how far past a window's end a starter is read: its word, a year's dash
    families: dict[str, tuple[str, ...]]
    patterns: dict[str, regex.Pattern[str]]
    gates: dict[str, tuple[regex.Pattern[str], frozenset[str]]]


def _trigger(
    cues: Sequence[str],
    families: dict[str, tuple[regex.Pattern[str], Sequence[str]]],
    before: Iterable[str],
    anchor: str | None = None,
    gates: dict[str, tuple[str, Sequence[str]]] | None = None,
) -> _Trigger:
    """Build a trigger (see :class:`_Trigger`).

    Args:
        cues: literal cue words, matched without regard to case.
        families: each family's name, pattern and first words (of a phrase, its first
            word is taken; ``#day``, ``#year`` and ``#fy`` stand for ``_MARKS``).
        before: the phrases whose words may stand between a match's start and its cue.
        anchor: a regular expression for cues that are not words (years).
        gates: for a family, a regular expression that must match after the first year
            after a start, and the starter words exempt from it.

    """
    literal = {c.lower() for c in cues}
    literal = {c for c in literal if not any(o != c and o in c for o in literal)}
    starts: dict[str, list[str]] = {}
    for name, (_, phrases) in families.items():
        for word in dict.fromkeys(p.split()[0].lower() for p in phrases):
            starts.setdefault(word, []).append(name)
    words = sorted((w for w in starts if not w.startswith("#")), key=lambda w: (-len(w), w))
    marks = "".join(f"|(?P<{k}>{v})" for k, v in _MARKS.items() if f"#{k}" in starts)
    return _Trigger(
        words=tuple(sorted(literal)),
        anchor=None if anchor is None else regex.compile(anchor),
        back=_BEFORE,
        before=frozenset(w.lower() for p in before for w in regex.findall(r"[^\W\d_]+", p)),
        starter=regex.compile(
            rf"(?<!\w)(?:(?P<w>{'|'.join(regex.escape(w) for w in words)})\b{marks})",
            regex.IGNORECASE,
        ),
        reach=max(len(w) for w in starts) + 64,
        families={w: tuple(names) for w, names in starts.items()},
        patterns={name: pattern for name, (pattern, _) in families.items()},
        gates={
            name: (regex.compile(follow, regex.IGNORECASE), frozenset(exempt))
            for name, (follow, exempt) in (gates or {}).items()
        },
    )


def _last_words(phrases: Sequence[str]) -> list[str]:
    """Return the last word of each phrase: a cue near the end of the phrase."""
    return [p.split()[-1] for p in phrases]


def _lower(text: str) -> str:
    """Lower-case a text, keeping its offsets.

    ``İ`` is the one letter whose lower case is longer than itself.
    """
    return lower_in_pieces(text.replace("\u0130", "i"))


def _hits(trigger: _Trigger, text: str, lowered: str) -> list[int]:
    """Return where the cues of a trigger stand in a text, in text order."""
    hits: list[int] = []
    for word in trigger.words:
        at = lowered.find(word)
        while at >= 0:
            hits.append(at)
            at = lowered.find(word, at + 1)
    if trigger.anchor is not None:
        hits.extend(m.start() for m in trigger.anchor.finditer(text))
    hits.sort()
    return hits


def _run_start(trigger: _Trigger, lowered: str, hit: int) -> int:
    """Return where the run of words that may stand before a cue starts."""
    floor = max(0, hit - trigger.back)
    if not trigger.before:
        return floor
    word = _word_before()
    start = hit
    while (m := word.search(lowered, floor, start)) is not None:
        token = m.group()
        digits = token.rstrip("stndrh")  # 5th, 1st, 22nd, 3rd
        if token not in trigger.before and not (digits.isdigit() and len(digits) <= 2):
            break
        start = m.start()
    return start


@functools.cache
def _word_before() -> regex.Pattern[str]:
    """The last word before a position (a reverse search)."""
    return regex.compile(r"(?r)\w+")


def _starts(
    trigger: _Trigger, text: str, lowered: str, hits: list[int]
) -> Iterator[tuple[int, str]]:
    """Yield where a trigger's families may start, in text order, with the starter key there."""
    windows: list[tuple[int, int]] = []
    for hit in hits:
        lo = _run_start(trigger, lowered, hit)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hit)
        else:
            windows.append((lo, hit))
    for lo, hi in windows:
        for m in trigger.starter.finditer(text, lo, min(len(text), hi + trigger.reach)):
            if m.start() > hi:
                break
            key = m.lastgroup or ""
            yield m.start(), _lower(m.group()) if key == "w" else "#" + key


def _year_end(text: str, anchors: list[int], pos: int, memo: list[int]) -> int | None:
    """Return the end of the first year written at or after ``pos`` (``2004``, ``FY07``).

    ``memo`` (as long as ``anchors``, filled with ``-2`` for "not looked at") keeps, for
    every anchor already scanned, the answer from that anchor on (``-1`` for none), so a
    text of many anchors and no year (``"FY " * 10_000``) is scanned once, not once per
    anchor.
    """
    year = _year_token()
    first = bisect.bisect_left(anchors, pos)
    scanned: list[int] = []
    found = -1
    for i in range(first, len(anchors)):
        if memo[i] != -2:
            found = memo[i]
            break
        scanned.append(i)
        m = year.match(text, anchors[i])
        if m is not None:
            found = m.end()
            break
    for i in scanned:
        memo[i] = found
    return found if found >= 0 else None


@functools.cache
def _year_token() -> regex.Pattern[str]:
    """A year as the grammar writes it, at an anchor: ``2004``, ``FY 2004``, ``FY07``."""
    return regex.compile(r"(?:19|20)\d\d(?!\d)|FYs?(?:[^\S\n]?|[-'’])(?:\d\d){1,2}(?!\d)")


def _matches(text: str) -> dict[str, list[regex.Match[str]]]:
    """Return the matches of every family of patterns, each family's in text order.

    They are the matches ``finditer`` over the whole text gives: each pattern is tried only
    where its matches can start (see :class:`_Trigger`), in text order, and from the end of
    its last match on.
    """
    lowered = _lower(text)
    found: dict[str, list[regex.Match[str]]] = {}
    for trigger in _patterns().triggers:
        hits = _hits(trigger, text, lowered)
        starts: dict[str, list[int]] = {name: [] for name in trigger.patterns}
        year_ends = [-2] * len(hits)
        for pos, key in _starts(trigger, text, lowered, hits):
            for name in trigger.families.get(key, ()):
                gate = trigger.gates.get(name)
                if gate is not None and key not in gate[1]:
                    end = _year_end(text, hits, pos, year_ends)
                    if end is None or gate[0].match(text, end) is None:
                        continue
                starts[name].append(pos)
        for name, positions in starts.items():
            pattern = trigger.patterns[name]
            matches = found.setdefault(name, [])
            end = 0
            for pos in positions:
                if pos >= end and (m := pattern.match(text, pos)) is not None:
                    matches.append(m)
                    end = m.end()
    return found


def _candidates(text: str) -> Iterator[_Candidate]:
    """Every expression any pattern finds, overlapping, in no particular order."""
    found = _matches(text)
    for m in found["point"]:
        cand = _explicit(m, "point")
        if cand is not None:
            yield cand
    for m in found["listed"]:
        yield from _list_candidates(m)
    for m in found["range"]:
        b = _second_year(m.group("b"), _year_of(m.group("a")))
        a = _year_of(m.group("a"))
        if b is None:
            continue
        a = b if a is None else a  # "From January through December 2004"
        lo, hi = min(a, b), max(a, b)
        yield _Candidate(m.start(), m.end(), "explicit", "range", lo, hi, _is_fiscal(m.group()))
    for m in found["through"]:
        cand = _explicit(m, "through")
        if cand is not None:
            yield cand
    for m in found["since"]:
        if m.group("then"):
            yield _Candidate(m.start(), m.end(), "then", "since")
            continue
        year = _year_of(m.group("a"))
        if year is not None:
            yield _Candidate(
                m.start(), m.end(), "since", "since", year, None, _is_fiscal(m.group("a"))
            )
    for m in found["launch"]:
        year = _year_of(m.group("a"))
        if year is not None:
            yield _Candidate(
                m.start(), m.end(), "since", "since", year, None, _is_fiscal(m.group("a"))
            )
    for m in found["current"]:
        if _title_word(text, m.start(), m.end()):
            continue
        yield _Candidate(m.start(), m.end(), "current", "current", fiscal=_is_fiscal(m.group()))
    for m in found["to_date"]:
        yield _Candidate(m.start(), m.end(), "to_date", "through")
    for m in found["relative"]:
        cand = _relative(m)
        if cand is not None:
            yield cand
    for m in found["admin"]:
        yield _Candidate(m.start(), m.end(), "admin", "since", admin=_fold(m.group("name")))


def _list_candidates(m: regex.Match[str]) -> Iterator[_Candidate]:
    """``in 2003 and 2004``: one range when the years follow each other, else one point each."""
    first = _year_of(m.group("a"))
    if first is None:
        return
    years = [first] + [_year_of(y) or 0 for y in m.captures("y")]
    fiscal = _is_fiscal(m.group())
    consecutive = all(b == a + 1 for a, b in itertools.pairwise(years))
    if consecutive and not m.group("resp"):
        yield _Candidate(m.start(), m.end(), "explicit", "range", years[0], years[-1], fiscal)
        return
    end_a = m.end("a")
    yield _Candidate(m.start(), end_a, "explicit", "point", first, first, fiscal, prep=_prep(m))
    for (s, e), year in zip(m.spans("y"), years[1:], strict=True):
        yield _Candidate(s, e, "explicit", "point", year, year, fiscal)


def _relative(m: regex.Match[str]) -> _Candidate | None:
    """Classify a relative expression: ``the last two years``, ``the prior four year period``."""
    if m.group("yb"):
        return _Candidate(m.start(), m.end(), "prior", "compared", count=1)
    cues = _cues()
    unit = m.group("unit").lower()
    n_text = m.group("n")
    plural = unit.endswith("s")
    if n_text is None and plural:
        return None  # "in recent years", "previous years": no span of years given
    n = 1 if n_text is None else cues.numbers.get(n_text.lower()) or int(n_text)
    if n <= 0:
        return None
    if unit.startswith("month"):
        n = math.ceil(n / 12)
    elif unit.startswith("decade"):
        n *= 10
    fiscal = m.group("fy") is not None
    direction = m.group("dir").lower()
    if direction in cues.relative_prior:
        return _Candidate(m.start(), m.end(), "prior", "compared", fiscal=fiscal, count=n)
    if m.group("pa") is not None:
        a = _year_of(m.group("pa"))
        b = _second_year(m.group("pb"), a)
        if a is not None and b is not None:
            fiscal = fiscal or _is_fiscal(m.group())
            return _Candidate(
                m.start(), m.end(), "explicit", "relative", min(a, b), max(a, b), fiscal
            )
    if m.group("the") is None and n_text is None and unit == "year":
        return _Candidate(m.start(), m.end(), "last_year", "relative", fiscal=fiscal)
    return _Candidate(m.start(), m.end(), "window", "relative", fiscal=fiscal, count=n)


def _title_word(text: str, start: int, end: int) -> bool:
    """Whether a capitalised cue word stands inside a title (``... Children Today Act``)."""
    if not text[start].isupper():
        return False
    after = text[end : end + 3].lstrip(" \t")
    if after[:1].isupper():
        return True
    before = text[max(0, start - 3) : start].rstrip(" \t")
    return bool(before) and before[-1] not in ".!?:;\"“'‘(•*-–—\n"


def _select(cands: list[_Candidate]) -> list[_Candidate]:
    """Non-overlapping candidates in text order; of overlapping ones the longest wins."""
    cands.sort(key=lambda c: (c.start, -(c.end - c.start)))
    kept: list[_Candidate] = []
    for cand in cands:
        if kept and cand.start < kept[-1].end:
            if cand.end - cand.start > kept[-1].end - kept[-1].start:
                kept[-1] = cand
            continue
        kept.append(cand)
    return kept


def _with_parens(text: str, cand: _Candidate) -> _Candidate:
    """``(2001-2004)``: a bare explicit period in parentheses takes them into its span."""
    if (
        cand.kind == "explicit"
        and cand.start > 0
        and text[cand.start - 1] == "("
        and text[cand.end : cand.end + 1] == ")"
    ):
        return _Candidate(
            cand.start - 1,
            cand.end + 1,
            cand.kind,
            cand.role,
            cand.first,
            cand.last,
            cand.fiscal,
            cand.count,
            cand.admin,
            cand.prep,
        )
    return cand


def _launched_before(text: str, cand: _Candidate) -> bool:
    """Tell whether a launch verb stands earlier in the clause (``established a unit in 2011``)."""
    if cand.kind != "explicit" or cand.role != "point" or cand.prep not in {"in", "during"}:
        return False
    pats = _patterns()
    m = pats.launch_before.search(text, max(0, cand.start - 120), cand.start)
    if m is None:
        return False
    gap = pats.parens.sub("", m.group("gap"))  # a phone number in parentheses is no count
    return not any(ch.isdigit() for ch in gap) and pats.number_word.search(gap) is None


def _floor(pattern: regex.Pattern[str], text: str, pos: int, window: int) -> int:
    """Return the offset after the last match of ``pattern`` in the ``window`` before ``pos``."""
    floor = max(0, pos - window)
    for m in pattern.finditer(text, floor, pos):
        floor = m.end()
    return floor


def _admin_period(
    terms: tuple[_Administration, ...], anchor: int | None
) -> tuple[Period, str] | None:
    """Return the years of an administration as of the anchor year, and their role."""
    if not terms:
        return None
    term = terms[-1]
    if anchor is not None:
        started = [t for t in terms if t.start <= anchor]
        term = started[-1] if started else terms[0]
    if anchor is None or anchor > term.end or anchor < term.start:
        return Period(term.start, term.end), "range"
    return Period(term.start, anchor), "since"


def launch_verbs() -> tuple[str, ...]:
    """The verbs that make a date the start of a running count ("launched in 2004").

    >>> "launched" in launch_verbs()
    True
    """
    return _cues().launch_verbs


def find_periods(text: str, reference_year: int | None = None) -> list[PeriodMention]:
    """Find the time expressions of a text and resolve them to periods.

    Args:
        text: any text; offsets in the result index into it.
        reference_year: the document's reference year, which "since 2003",
            "currently", "to date" and "in the last two years" resolve against.
            When None, those take the latest year stated explicitly in the text,
            and are dropped when it states none.

    Returns:
        The period mentions in text order, non-overlapping (the longest expression
        wins), each with ``text[start:end] == surface``.

    >>> [str(p.period) for p in find_periods("Through FY 2007, HHS certified 1248 victims.")]
    ['through FY2007']
    >>> m = find_periods("Since 2003, ICE initiated 1200 cases.", reference_year=2008)[0]
    >>> (m.surface, str(m.period), str(m.role))
    ('Since 2003', '2003–2008', 'since')

    """
    kept = [_with_parens(text, c) for c in _select(list(_candidates(text)))]
    stated = [y for c in kept for y in (c.first, c.last) if c.kind == "explicit" and y is not None]
    stated += [c.first for c in kept if c.kind == "since" and c.first is not None]
    latest = max(stated, default=None)
    now = reference_year if reference_year is not None else latest
    cues = _cues()
    out: list[PeriodMention] = []

    def emit(cand: _Candidate, period: Period, role: str) -> None:
        out.append(PeriodMention(period, (cand.start, cand.end), text[cand.start : cand.end], role))

    for cand in kept:
        if cand.kind == "explicit":
            if _launched_before(text, cand) and cand.first is not None:
                end = max(cand.first, now) if now is not None else cand.first
                emit(cand, Period(cand.first, end, cand.fiscal), "since")
            elif cand.last is not None:
                emit(cand, Period(cand.first, cand.last, cand.fiscal), cand.role)
        elif cand.kind == "since" and cand.first is not None and now is not None:
            emit(cand, Period(cand.first, max(cand.first, now), cand.fiscal), "since")
        elif cand.kind == "then" and now is not None:
            ref = _referent(text, cand.start, out)
            if ref is not None:
                emit(cand, Period(ref.year, max(ref.year, now), ref.fiscal), "since")
        elif cand.kind == "current" and now is not None:
            emit(cand, Period(now, now, cand.fiscal), "current")
        elif cand.kind == "to_date" and now is not None:
            emit(cand, Period(None, now), "through")
        elif cand.kind == "last_year" and now is not None:
            emit(cand, Period(now - 1, now - 1, cand.fiscal), "relative")
        elif cand.kind == "window":
            anchor = _sentence_anchor(text, cand.start, out)
            if anchor is not None:
                fiscal = cand.fiscal or anchor.period.fiscal
                emit(
                    cand,
                    Period(anchor.period.end - cand.count, anchor.period.end, fiscal),
                    "relative",
                )
            elif now is not None:
                emit(cand, Period(now - cand.count, now, cand.fiscal), "relative")
        elif cand.kind == "prior":
            gov = _governing(text, cand.start, out)
            if gov is not None:
                base = gov.period.start if gov.period.start is not None else gov.period.end
                fiscal = cand.fiscal or gov.period.fiscal
            elif now is not None:
                base, fiscal = now, cand.fiscal
            else:
                continue
            emit(cand, Period(base - cand.count, base - 1, fiscal), "compared")
        elif cand.kind == "admin":
            found = _admin_period(cues.administrations.get(cand.admin, ()), now)
            if found is not None:
                emit(cand, *found)
    return out


@frozen
class _Referent:
    year: int
    fiscal: bool


def _previous(text: str, pos: int, out: list[PeriodMention]) -> Iterator[PeriodMention]:
    """Mentions already resolved before ``pos``, nearest first.

    They are those of the same sentence and, beyond it, of the ``_WINDOW`` characters
    before ``pos``, never crossing into another paragraph or list item.
    """
    pats = _patterns()
    sentence = _floor(pats.sentence_break, text, pos, 2 * _WINDOW)
    block = _floor(pats.block_break, text, pos, 2 * _WINDOW)
    floor = max(block, min(sentence, pos - _WINDOW))
    for mention in reversed(out):
        if mention.span[0] < floor:
            return
        yield mention


def _referent(text: str, pos: int, out: list[PeriodMention]) -> _Referent | None:
    """Return the year ``since then`` refers to: that of the period stated just before it."""
    for mention in _previous(text, pos, out):
        if mention.role in {"current", "compared"}:
            continue
        p = mention.period
        year = p.start if mention.role == "since" and p.start is not None else p.end
        return _Referent(year, p.fiscal)
    return None


def _governing(text: str, pos: int, out: list[PeriodMention]) -> PeriodMention | None:
    """Return the period ``the previous year`` is compared with: the one stated before it."""
    return next((m for m in _previous(text, pos, out) if m.role != "compared"), None)


def _sentence_anchor(text: str, pos: int, out: list[PeriodMention]) -> PeriodMention | None:
    """Return the nearest point year stated earlier in the same sentence, or None."""
    pats = _patterns()
    floor = max(
        _floor(pats.sentence_break, text, pos, _SENTENCE_WINDOW),
        _floor(pats.block_break, text, pos, _SENTENCE_WINDOW),
    )
    for mention in reversed(out):
        if mention.span[0] < floor:
            return None
        if mention.role == "point":
            return mention
    return None
