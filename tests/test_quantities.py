"""Tests for the quantity recogniser, :func:`tipcorpus.quantities.quantities`.

Where the cases come from:

* ``READ``: the number expressions that annotation-guideline.md lists ("A numeric
  mention", "Fields of a statistic", "Decisions"), the forms the recogniser's issue names,
  and sentences written in the genre's style (TIP Report narratives, fact sheets, annual
  reports to Congress, hard-wrapped PDF text) for forms the seeds do not show.
* ``REFUSED``: the guideline's ``other`` examples (years, dates, identifiers, telephone
  numbers, enumerators, ordinals), vague amounts, fractions and other currencies.
* ``YEAR_OR_COUNT``: four-digit numbers read both ways, decided by their context.
* ``GOLD``: every ``statistic`` of the package's data/gold_seeds.jsonl (the bundled reports' gold),
  located in its seed file.
* ``SEED_OTHERS``: ``other`` mentions found in the seed files, which must yield nothing.
* ``ADVERSARIAL``: inputs built to expose super-linear time.
"""

from __future__ import annotations

import itertools
import json
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from tipcorpus.model import Kind, Number, Qualifier, Quantity
from tipcorpus.quantities import quantities

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"

C, M, P, X = Kind.COUNT, Kind.MONEY, Kind.PERCENT, Kind.MULTIPLIER
E, A, MIN, MAX = Qualifier.EXACT, Qualifier.APPROX, Qualifier.MIN, Qualifier.MAX


def marked(text: str, found: list[Quantity]) -> str:
    """``text`` with every quantity's span wrapped in ``[[...]]``."""
    out = []
    last = 0
    for q in found:
        out.append(text[last : q.start])
        out.append(f"[[{text[q.start : q.end]}]]")
        last = q.end
    out.append(text[last:])
    return "".join(out)


# (text with the expected span marked, value, value_high, kind, qualifier)
Row = tuple[str, Number, Number | None, Kind, Qualifier]
READ: dict[str, Row] = {
    # digits
    "plain": ("certified [[1248]] adult victims", 1248, None, C, E),
    "thousands-separator": ("awarded [[1,974]] T visas", 1974, None, C, E),
    "decimal-scale": ("reaching [[1.26 billion]] people", 1260000000, None, C, E),
    "leading-dot": ("a rate of [[.08]] per case", Decimal("0.08"), None, C, E),
    "grouped-decimal-scale": ("some [[1,674.5 million]] people", 1674500000, None, C, A),
    "digits-hundred-and": ("[[3 hundred and 21]] cases", 321, None, C, E),
    # number words
    "word": ("awarded [[ten]] additional grants", 10, None, C, E),
    "word-compound": ("[[one hundred and sixty-one]] victims", 161, None, C, E),
    "word-trillion": ("[[twenty-one trillion and three hundred]]", 21000000000300, None, C, E),
    "a-million": ("reached [[a million]] children", 1000000, None, C, E),
    "a-hundred": ("about [[a hundred]] officers", 100, None, C, A),
    "hyphen-compound": ("a [[one]]-day training", 1, None, C, E),
    "eight-member": ("The [[eight]]-member delegation", 8, None, C, E),
    # money
    "dollar-sign": ("award of [[$7,674,614]] to communities", Decimal(7674614), None, M, E),
    "escaped-dollar": ("Of [[\\$480 million]] to fund", Decimal(480000000), None, M, E),
    "dollar-words": ("nearly [[two million dollars]] in FY 2008", Decimal(2000000), None, M, A),
    "us-dollar-spaced": ("a [[US $ 150 million]] loan", Decimal(150000000), None, M, E),
    "usd-code": ("[[USD 22.5 million]] in grants", Decimal(22500000), None, M, E),
    "usd-after-number": ("They paid [[75 USD million]].", Decimal(75000000), None, M, E),
    "money-decimal": ("costs [[$ 8.50]] each", Decimal("8.5"), None, M, E),
    "article-before-dollar": ("exceeds a [[$ 4 billion]] budget", Decimal(4000000000), None, M, E),
    "money-approx": ("approximately [[$3.37 million]] in grants", Decimal(3370000), None, M, A),
    # percentages
    "percent-word": ("more than [[47 percent]] of", 47, None, P, MIN),
    "percent-sign": ("rose [[58%]] in 2015", 58, None, P, E),
    "percent-words": ("[[twenty percent]] of cases", 20, None, P, E),
    "per-cent": ("[[12 per cent]] of victims", 12, None, P, E),
    # multipliers
    "fold-hyphen": ("a [[seven-fold]] increase", 7, None, X, E),
    "fold-joined": ("a [[sevenfold]] increase", 7, None, X, E),
    "times-the": ("more than [[three times]] the number", 3, None, X, MIN),
    "times-as": ("almost [[four times]] as many cases", 4, None, X, A),
    "doubled": ("and [[doubled]] the number of defendants", 2, None, X, E),
    "tripled": ("arrests [[tripled]] in 2006", 3, None, X, E),
    "twice": ("charged [[twice]] as many defendants", 2, None, X, E),
    "more-than-double": ("more than [[double]] the victims", 2, None, X, MIN),
    # ranges
    "range-to": ("Half of the [[20 million to 30 million]] victims", 20000000, 30000000, C, E),
    "range-between": ("between [[500 and 800]] workers", 500, 800, C, E),
    "range-money-distributed": (
        "grants of [[$5-10 million]]",
        Decimal(5000000),
        Decimal(10000000),
        M,
        E,
    ),
    "range-en-dash": ("[[2,000–3,000]] victims", 2000, 3000, C, E),
    "range-words": ("between [[five and ten]] cities", 5, 10, C, E),
    # qualifiers
    "approximately": ("approximately [[1500]] victims", 1500, None, C, A),
    "an-estimated": ("an estimated [[\\$10 million]] for", Decimal(10000000), None, M, A),
    "over": ("over [[300]] convictions", 300, None, C, MIN),
    "at-least": ("at least [[12]] grants", 12, None, C, MIN),
    "upwards-of": ("upwards of [[20]] men per night", 20, None, C, MIN),
    "in-excess-of": ("in excess of [[$2 million]]", Decimal(2000000), None, M, MIN),
    "up-to": ("up to [[5,000]] T visas", 5000, None, C, MAX),
    "fewer-than": ("fewer than [[10]] cases", 10, None, C, MAX),
    "as-many-as": ("as many as [[560 million]] households", 560000000, None, C, MAX),
    "close-to": ("close to [[900]] officers", 900, None, C, A),
    "some": ("some [[2,000]] people", 2000, None, C, A),
    # the genre
    "hard-wrapped": ("rescued more than [[one million]]\n  children", 1000000, None, C, MIN),
    "count-after-since-year": ("Since 2001, [[33]] states have adopted", 33, None, C, E),
    "count-in-parentheses": ("defendants ([[32]]) were charged", 32, None, C, E),
    "duration-is-a-count": ("sentenced to [[71]] months", 71, None, C, E),
    "number-in-bullet": ("  • Trained [[4,500]] officers", 4500, None, C, E),
    "zero": ("[[Zero]] is a small number.", 0, None, C, E),
}

MORE_THAN_SCOPE = "more than 47 percent, or \\$227 million, to combat TIP"


@pytest.mark.parametrize(
    ("marked_text", "value", "value_high", "kind", "qualifier"),
    list(READ.values()),
    ids=list(READ),
)
def test_reads(
    marked_text: str, value: Number, value_high: Number | None, kind: Kind, qualifier: Qualifier
) -> None:
    """Each expression is found at its span with its value, upper end, kind and qualifier."""
    text = marked_text.replace("[[", "").replace("]]", "")
    found = quantities(text)
    assert marked(text, found) == marked_text
    (q,) = found
    assert (q.value, q.value_high, q.kind, q.qualifier) == (value, value_high, kind, qualifier)
    assert type(q.value) is type(value)
    assert q.surface == text[q.start : q.end]


def test_more_than_qualifies_only_the_next_number() -> None:
    """``more than`` qualifies the percentage after it, not the dollar amount after that."""
    first, second = quantities(MORE_THAN_SCOPE)
    assert (first.surface, first.qualifier, first.qualifier_span) == ("47 percent", MIN, (0, 9))
    assert (second.surface, second.qualifier, second.qualifier_span) == (
        "\\$227 million",
        E,
        None,
    )


def test_money_value_is_always_decimal() -> None:
    """Whole dollar amounts are ``Decimal`` too, written without an exponent."""
    (q,) = quantities("\\$51 million")
    assert q.value == Decimal("51000000")
    assert isinstance(q.value, Decimal)
    assert str(q.value) == "51000000"


def _check_read(
    marked_text: str, value: Number, value_high: Number | None, kind: Kind, qualifier: Qualifier
) -> None:
    """Assert that ``marked_text`` yields exactly its marked expression, with these fields."""
    text = marked_text.replace("[[", "").replace("]]", "")
    found = quantities(text)
    assert marked(text, found) == marked_text
    (q,) = found
    assert (q.value, q.value_high, q.kind, q.qualifier) == (value, value_high, kind, qualifier)
    assert type(q.value) is type(value)


# Scale words after digits, whatever the digits: any count of hundreds, decimals,
# hyphens, abbreviations; "dozen" is a scale of twelve.
SCALES: dict[str, Row] = {
    "digits-hundred": ("a backlog of [[322 hundred]] files", 32200, None, C, E),
    "decimal-hundred": ("some [[2.12 hundred]] officers", 212, None, C, A),
    "grouped-hundred": ("[[1,500 hundred]] forms", 150000, None, C, E),
    "digits-thousand": ("[[4 thousand]] hotline calls", 4000, None, C, E),
    "decimal-billion": ("[[1.5 billion]] people", 1500000000, None, C, E),
    "hundred-then-and": ("[[322 hundred and 5]] files", 32205, None, C, E),
    "hyphen-million-money": ("a [[$5-million]] grant", Decimal(5000000), None, M, E),
    "hyphen-hundred-words": ("[[five-hundred]] volunteers", 500, None, C, E),
    "bn-glued": ("pledged [[$1.2bn]] to shelters", Decimal(1200000000), None, M, E),
    "bn-spaced": ("a fund of [[$3.4 bn]] in loans", Decimal(3400000000), None, M, E),
    "mln-count": ("[[5 mln]] workers", 5000000, None, C, E),
    "m-after-dollar": ("a [[$5m]] programme", Decimal(5000000), None, M, E),
    "k-after-dollar": ("raised [[$20K]] for the clinic", Decimal(20000), None, M, E),
    "k-before-code": ("paid [[20k USD]] in fees", Decimal(20000), None, M, E),
    "abbreviation-after-code": ("a [[US$3.5bn]] budget", Decimal(3500000000), None, M, E),
    "a-dozen": ("visited [[a dozen]] shelters", 12, None, C, E),
    "digits-dozen": ("[[4 dozen]] interviews", 48, None, C, E),
    "words-dozen": ("more than [[two dozen]] states", 24, None, C, MIN),
}


@pytest.mark.parametrize(
    ("marked_text", "value", "value_high", "kind", "qualifier"),
    list(SCALES.values()),
    ids=list(SCALES),
)
def test_scale_after_digits(
    marked_text: str, value: Number, value_high: Number | None, kind: Kind, qualifier: Qualifier
) -> None:
    """A scale word or abbreviation after digits multiplies them, whatever their size."""
    _check_read(marked_text, value, value_high, kind, qualifier)


# U.S. dollar codes and words before the digits, after them, or written against them.
CURRENCY_PLACEMENT: dict[str, Row] = {
    "code-before-lower": ("a fee of [[usd 20]] per visa", Decimal(20), None, M, E),
    "code-before-upper": ("a fee of [[USD 20]] per visa", Decimal(20), None, M, E),
    "code-after": ("a fee of [[20 usd]] per visa", Decimal(20), None, M, E),
    "code-glued-after": ("a fee of [[115USD]] per visa", Decimal(115), None, M, E),
    "code-glued-after-grouped": ("[[1,250USD]] each", Decimal(1250), None, M, E),
    "word-glued-after": ("only [[20dollars]] a week", Decimal(20), None, M, E),
    "pct-glued": ("a [[12pct]] rise", 12, None, P, E),
    "cents": ("wages of [[40 cents]] an hour", Decimal("0.4"), None, M, E),
    "dollars-and-cents": ("[[five dollars and twenty cents]] a day", Decimal("5.2"), None, M, E),
    "sign-and-cents": ("[[$3 and 50 cents]] a day", Decimal("3.5"), None, M, E),
    "bucks": ("[[300 bucks]] a month", Decimal(300), None, M, E),
}


@pytest.mark.parametrize(
    ("marked_text", "value", "value_high", "kind", "qualifier"),
    list(CURRENCY_PLACEMENT.values()),
    ids=list(CURRENCY_PLACEMENT),
)
def test_currency_placement(
    marked_text: str, value: Number, value_high: Number | None, kind: Kind, qualifier: Qualifier
) -> None:
    """A dollar code or word makes money wherever it stands against the number."""
    _check_read(marked_text, value, value_high, kind, qualifier)


# Numbers written out at length: a scale word with no number before it, commas and "&"
# inside one number.
SPELT_OUT: dict[str, Row] = {
    "bare-hundred-thousand-dollars": (
        "[[hundred thousand dollars]] in back wages",
        Decimal(100000),
        None,
        M,
        E,
    ),
    "bare-million-dollars": ("the [[million dollars]] seized", Decimal(1000000), None, M, E),
    "bare-hundred-and": ("[[hundred and five]] cases", 105, None, C, E),
    "bare-hundred-thousand": ("nearly [[hundred thousand]] migrants", 100000, None, C, A),
    "a-million": ("[[a million]] people", 1000000, None, C, E),
    "comma-and-ampersand": (
        "[[three million, two hundred & forty]] calls",
        3000240,
        None,
        C,
        E,
    ),
    "comma-after-thousand": ("[[one thousand, two hundred and five]] cases", 1205, None, C, E),
    "long-and-thousand": (
        "[[one hundred and twenty-five thousand]] visas",
        125000,
        None,
        C,
        E,
    ),
    "ampersand": ("[[two hundred & six]] victims", 206, None, C, E),
}


@pytest.mark.parametrize(
    ("marked_text", "value", "value_high", "kind", "qualifier"),
    list(SPELT_OUT.values()),
    ids=list(SPELT_OUT),
)
def test_spelt_out_numbers(
    marked_text: str, value: Number, value_high: Number | None, kind: Kind, qualifier: Qualifier
) -> None:
    """Long spelt-out numbers are read whole, across commas, "&" and leading scale words."""
    _check_read(marked_text, value, value_high, kind, qualifier)


# What the general forms above must not take in: (marked text) with every expected
# quantity marked, possibly none.
NOT_TAKEN_IN: dict[str, str] = {
    "vague-several-hundred-thousand": "several hundred thousand dollars",
    "vague-a-few-hundred": "a few hundred people",
    "vague-several-dozen": "several dozen shelters",
    "vague-dozens": "dozens of shelters",
    "scale-word-alone": "moved to Thousand Oaks",
    "scale-after-currency-word": "counted the dollars thousand of times",
    "list-of-words": "steps [[one]], [[two]], [[three]]",
    "comma-after-digits": "[[$3 million]], [[two hundred]] of them",
    "comma-after-year": "In 2005, [[two hundred]] victims",
    "metres": "a 5m wall",
    "race": "a 10k run",
    "state-abbreviation": "[[5]] MN",
    "foreign-code-glued": "a fee of 115EUR",
    "foreign-abbreviation": "€5m",
    "foreign-glued-dollar": "nzd$15m",
    "lower-case-code": "20try",
    "per-cent": "[[12 per cent]] of cases",
    "half-a-dozen": "half a dozen",
}


@pytest.mark.parametrize("marked_text", list(NOT_TAKEN_IN.values()), ids=list(NOT_TAKEN_IN))
def test_general_forms_do_not_take_in(marked_text: str) -> None:
    """Vague amounts, lists, units and other currencies stay out of the general forms."""
    text = marked_text.replace("[[", "").replace("]]", "")
    assert marked(text, quantities(text)) == marked_text


REFUSED: dict[str, str] = {
    # years and dates
    "year-alone": "2003",
    "date": "June 3, 2005",
    "date-range": "held July 14-16, 2004, in Tampa",
    "fiscal-year": "In FY 2007, HHS",
    "fiscal-years-range": "fiscal years 2001-2007",
    "year-range": "DECLARATION OF ACHIEVEMENTS 2001-2004",
    "in-year": "in 1998",
    "act-of-year": "the Reauthorization Act of 2005",
    "decade": "by the end of the 1960s",
    "year-possessive": "given the TVPRA 2008’s new crime",
    "mid-year": "in mid-1972",
    # telephone numbers
    "hotline": "a national hotline (1-888-3737-888) in 2003",
    "toll-free": "toll-free number (888-3737-888) to",
    "phone-parenthesised": "call (202) 555-0100 today",
    # identifiers
    "public-law": "(P.L. 106-386)",
    "pub-l-no": "Pub. L. No. 106-386",
    "public-law-words": "Public Law 108-193",
    "executive-order": "by Executive Order 13257",
    "section-paren": "Section 107(c)",
    "section-spaced": "under section 107 (b) (2) of",
    "cfr": "codified at 28 C.F.R. part 1100",
    "ilo-convention": "ILO Convention 182",
    "convention-hash": "Convention # 182",
    "article": "under Article 134 of",
    "form": "Form I-914",
    "form-number": "I-914",
    "visa-class": "on a T-2, T-3, or T-4 visa",
    "tvpra": "TVPRA 2008",
    "section-number": "under Section 7202 of",
    "usc": "18 U.S.C. 1589",
    # enumerators
    "numbered-line": "1. Overview of the Act",
    "bulleted-number": "- 1. Overview of the framework",
    "letter-item": "a. Federal prosecutors",
    "roman": "VII. United States Government Efforts",
    "paren-item": "4) Training programs",
    "bullet-paren-item": " - 1) Technical assistance",
    "inline-items": "the crimes of 1) human smuggling, 2) kidnapping",
    # ordinals
    "ordinal-words": "the first report, the third challenge",
    "ordinal-digits": "the 21st century",
    "ordinal-compound": "the twenty-first annual report",
    "ordinal-congress": "Second World Congress",
    # digits inside words, URLs, e-mail
    "digits-in-word": "the 3Ps and the G8",
    "file-name": "see i-914.htm for details",
    "url": "at http://www.state.gov/g/tip/rls/tiprpt/2008/105501.htm",
    "email": "write to tip2008@state.gov",
    # vague amounts and fractions
    "thousands": "tracks thousands of convictions",
    "tens-of-thousands": "trained tens of thousands of officers",
    "millions-of-dollars": "millions of dollars in restitution",
    "multi-million": "a multi-million dollar partnership",
    "half": "Half of them are children",
    "one-third": "one third of the victims",
    "two-thirds": "two-thirds of the cases",
    "half-a-million": "half a million people",
    # pronoun one
    "the-one": "The one you mentioned is invalid",
    "that-one": "That one is really good",
    "one-another": "help one another",
    # plain "a" and "an"
    "article-a": "a grant and an award",
    # other currencies
    "canadian": "the c $ 300 million charge",
    "hong-kong": "HK$ 10.05 billion",
    "australian": "aud$ 15",
    "mexican": "Mex$ 10 million",
    "euro-sign": "nor is 10 €",
    "euros": "5 million euros",
    "yuan": "100 chinese yuan",
    "pounds": "£ 20",
    "canadian-words": "20 Canadian dollars",
}


@pytest.mark.parametrize("text", list(REFUSED.values()), ids=list(REFUSED))
def test_refuses(text: str) -> None:
    """Years, identifiers, enumerators, ordinals, vague amounts, other currencies: nothing."""
    assert quantities(text) == []


# (marked text, kind) — a four-digit number decided by its context
YEAR_OR_COUNT: dict[str, tuple[str, Kind | None]] = {
    "comma-grouped-is-count": ("reached [[2,000]] victims in 2000", C),
    "in-year": ("reached victims in 2000", None),
    "counted-noun-follows": ("received [[2000]] calls", C),
    "counted-noun-after-acronym": ("initiated more than [[1200]] TIP cases", C),
    "cases": ("filed [[1998]] cases", C),
    "in-1998-cases": ("in 1998 cases rose", None),
    "nothing-counted": ("the 2008 TIP Report", None),
    "since": ("since 2003", None),
    "year-then-count": ("in 2003 to [[3,400]] in 2007", C),
    "month": ("in May 2003 the Secretary", None),
    "qualified-is-count": ("approximately [[1900]] people", C),
    "money-never-year": ("awarded [[$2000]]", M),
}


@pytest.mark.parametrize(
    ("marked_text", "kind"), list(YEAR_OR_COUNT.values()), ids=list(YEAR_OR_COUNT)
)
def test_year_or_count(marked_text: str, kind: Kind | None) -> None:
    """A four-digit number is a count or a year according to its context."""
    text = marked_text.replace("[[", "").replace("]]", "")
    found = quantities(text)
    assert marked(text, found) == marked_text
    assert [q.kind for q in found] == ([kind] if kind is not None else [])


def _gold() -> list[dict[str, object]]:
    rows = [
        json.loads(line)
        for line in (ROOT / "src" / "tipcorpus" / "data" / "gold_seeds.jsonl")
        .read_text(encoding="utf-8")
        .splitlines()
        if line.strip()
    ]
    return [r for r in rows if r["role"] == "statistic"]


def _locate(text: str, surface: str, occurrence: int) -> tuple[int, int]:
    at = -1
    for _ in range(occurrence):
        at = text.find(surface, at + 1)
        assert at != -1, f"{surface!r} occurs fewer than {occurrence} times"
    return at, at + len(surface)


GOLD = _gold()


@pytest.mark.parametrize(
    "row",
    GOLD,
    ids=[f"{r['doc']}:{r['surface']}#{r['occurrence']}" for r in GOLD],
)
def test_gold_statistics_are_found(row: dict[str, object]) -> None:
    """Every gold statistic is found where it is, with its value, upper end and kind."""
    text = (SEEDS / str(row["doc"])).read_text(encoding="utf-8")
    start, end = _locate(text, str(row["surface"]), int(str(row["occurrence"])))
    hits = [q for q in quantities(text) if q.start < end and start < q.end]
    assert len(hits) == 1
    (q,) = hits
    assert str(q.kind) == row["kind"]
    assert q.value == Decimal(str(row["value"]))
    high = row["value_high"]
    assert q.value_high == (Decimal(str(high)) if high is not None else None)
    assert str(q.qualifier) == row["qualifier"]


# (seed file, surface, occurrence): the guideline's ``other`` examples in the seeds
SEED_OTHERS: list[tuple[str, str, int]] = [
    ("000_ae504a734c292dc7.txt", "2001-2008", 1),
    ("000_ae504a734c292dc7.txt", "106-386", 1),
    ("000_ae504a734c292dc7.txt", "13257", 1),
    ("000_ae504a734c292dc7.txt", "Section 105", 1),
    ("000_ae504a734c292dc7.txt", "1-888-3737-888", 1),
    ("000_ae504a734c292dc7.txt", "FY 2007", 1),
    ("000_ae504a734c292dc7.txt", "2003", 1),
    ("000_ae504a734c292dc7.txt", "Article 134", 1),
    ("000_ae504a734c292dc7.txt", "February 2002", 1),
    ("001_fa007f40e48fb4bf.txt", "VII.", 1),
    ("001_fa007f40e48fb4bf.txt", "June 3, 2005", 1),
    ("001_fa007f40e48fb4bf.txt", "P.L. 108-193", 1),
    ("001_fa007f40e48fb4bf.txt", "T-2, T-3", 1),
    ("001_fa007f40e48fb4bf.txt", "888-3737-888", 1),
    ("001_fa007f40e48fb4bf.txt", "July 14-16, 2004", 1),
    ("001_fa007f40e48fb4bf.txt", "Section 7202", 1),
    ("001_fa007f40e48fb4bf.txt", "ILO Convention 182", 1),
    ("001_fa007f40e48fb4bf.txt", "fiscal year 2004", 1),
    ("002_c8aee27f490636fa.txt", "I-914", 1),
    ("002_c8aee27f490636fa.txt", "TVPRA 2008", 1),
    ("003_1219c051c1d06cd3.txt", "Pub. L. No. 106-386", 1),
    ("003_1219c051c1d06cd3.txt", "section 107(c)", 1),
    ("003_1219c051c1d06cd3.txt", "28 C.F.R. part 1100", 1),
    ("003_1219c051c1d06cd3.txt", "Convention # 182", 1),
    ("003_1219c051c1d06cd3.txt", "- 1.", 1),
    ("003_1219c051c1d06cd3.txt", "1) human", 1),
    ("003_1219c051c1d06cd3.txt", "4) Two", 1),
    ("003_1219c051c1d06cd3.txt", "August 23, 2001", 1),
    ("004_0326bd102a3e1058.txt", "3Ps", 1),
    ("004_0326bd102a3e1058.txt", "Executive Order 13627", 1),
    ("004_0326bd102a3e1058.txt", "since 2010", 1),
]


@pytest.mark.parametrize(
    ("doc", "surface", "occurrence"),
    SEED_OTHERS,
    ids=[f"{d}:{s}#{o}" for d, s, o in SEED_OTHERS],
)
def test_seed_others_yield_nothing(doc: str, surface: str, occurrence: int) -> None:
    """Years, identifiers, telephone numbers and enumerators in the seeds yield nothing."""
    text = (SEEDS / doc).read_text(encoding="utf-8")
    start, end = _locate(text, surface, occurrence)
    hits = [q for q in quantities(text) if q.start < end and start < q.end]
    # "4) Two programs": the enumerator is refused, the count word after it is not
    hits = [q for q in hits if not q.surface.isalpha() or q.surface not in surface.split()]
    assert hits == []


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name)
def test_seed_spans_slice_to_surface(path: Path) -> None:
    """Over every seed, spans slice to the surface, in order and without overlaps."""
    text = path.read_text(encoding="utf-8")
    found = quantities(text)
    assert found
    for q in found:
        assert text[q.start : q.end] == q.surface
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


@pytest.mark.parametrize(
    "text", ["", " ", "\n\n", "$", "%", "a", "one-", "-1", "1-", "\\$", "(1)"], ids=repr
)
def test_total_on_edge_inputs(text: str) -> None:
    """Edge inputs return a list and never raise."""
    assert isinstance(quantities(text), list)


ADVERSARIAL: dict[str, Callable[[int], str]] = {
    "digits": lambda n: "7" * n,
    "commas-and-spaces": lambda n: ", " * (n // 2),
    "no-newline": lambda n: "victims were assisted " * (n // 22),
    "numbers-in-a-row": lambda n: " ".join(["12"] * (n // 3)),
    "words-in-a-row": lambda n: " ".join(["one"] * (n // 4)),
    "comma-digit-runs": lambda n: "1," * (n // 2),
    "dollar-signs": lambda n: "$" * n,
    "hyphen-chains": lambda n: "-".join(["12"] * (n // 3)),
    "at-signs": lambda n: "a@" * (n // 2),
}


def _seconds(text: str) -> float:
    best = float("inf")
    for _ in range(2):
        started = time.perf_counter()
        quantities(text)
        best = min(best, time.perf_counter() - started)
    return best


@pytest.mark.parametrize("make", list(ADVERSARIAL.values()), ids=list(ADVERSARIAL))
def test_time_grows_linearly(make: Callable[[int], str]) -> None:
    """Four times the input takes well under twelve times as long (no backtracking blow-up)."""
    small, large = make(25_000), make(100_000)
    quantities("warm up")
    ratio = _seconds(large) / max(_seconds(small), 1e-4)
    assert ratio < 12
