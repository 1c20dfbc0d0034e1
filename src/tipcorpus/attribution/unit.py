"""Unit: the counted noun phrase of a figure.

The counted noun phrase after the number (stopping at verbs, participles and time
words; reading past "U.S." and coordinated modifiers); a number with its unit left out
takes the unit of the count before it in the list or the paragraph, or one named before
it; a table cell takes its row's or column's label.

Internal: see :mod:`tipcorpus.attribution`.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Sequence
from importlib import resources

import regex
from attrs import evolve

from tipcorpus.attribution.cells import names_body
from tipcorpus.attribution.context import Context, Figure, Unit, alternation, unit_head, word_lists
from tipcorpus.model import Block, Decision, Kind, Quantity, Sentence, Span
from tipcorpus.rules import Evidence, decide, rule
from tipcorpus.tables import CellContext, Table, generic_label, names_count

_WORD = regex.compile(
    r"""(?:[A-Za-z]\.){2,}           # U.S., U.N.: one word with its dots
      | [A-Za-z0-9][\w&/'’\-]*      # a word, number or compound
      | [;:,.()\[\]!?\"“”]          # punctuation that ends a phrase""",
    regex.VERBOSE,
)


def _tokens(text: str, start: int, end: int, limit: int = 12) -> list[tuple[str, int, int]]:
    out: list[tuple[str, int, int]] = []
    for m in _WORD.finditer(text, start, end):
        out.append((m.group(), m.start(), m.end()))
        if len(out) >= limit:
            break
    return out


def read_unit(text: str, end: int, limit: int) -> tuple[str, Span | None]:
    """The counted noun phrase that starts right after offset ``end`` (up to ``limit``).

    Returns the phrase and its span, or ``("", None)`` when the unit is left out.

    >>> read_unit("HHS certified 1248 adult trafficking victims in 2007.", 18, 53)
    ('adult trafficking victims', (19, 44))
    >>> read_unit("127 started the certification process", 3, 38)
    ('', None)
    """
    words = word_lists()
    # A hyphenated compound ("one-day", "eight-member"): the word after the hyphen.
    pos = end
    if pos < limit and text[pos] in "-–":
        pos += 1
    toks = _tokens(text, pos, limit)
    phrase: list[tuple[str, int, int]] = []
    named = False  # the genre's name was read as a modifier
    i = 0
    while i < len(toks) and len(phrase) < 6:
        word = toks[i][0]
        low = word.lower().rstrip("'’")
        if not phrase and word in ('"', "“"):
            i += 1
            continue  # three "snapshots"
        if not phrase and low in _COMPARATIVES and i + 1 < len(toks):
            if toks[i + 1][0].lower() in ("than", "of"):
                break  # "1700 more than ...": no noun follows
            i += 1
            continue  # "1,700 more convictions": the comparative modifies the noun
        compound = _compound_at(text, toks[i][1])
        if compound is not None:
            named = True
            # "80 domestic anti-trafficking in persons projects": the genre's name, used as
            # a modifier, is read as one word, and the noun after it is counted.
            while i < len(toks) and toks[i][2] <= compound:
                i += 1
            continue
        if (
            word == "("
            and (phrase or named)
            and i + 2 < len(toks)
            and toks[i + 2][0] == ")"
            and toks[i + 1][0].isupper()
        ):
            i += 3
            continue  # "154 ... (TIP) projects": an acronym in parentheses is skipped
        if not word[0].isalpha():
            break  # punctuation, or another number ("eight grantees assisted 170 victims")
        if word.endswith(".") and len(word) > 2:
            # "U.S." modifies the noun after it; it is never the counted noun.
            if i + 1 < len(toks) and toks[i + 1][0][:1].isalpha():
                phrase.append(toks[i])
                i += 1
                continue
            break
        if low in words.stop_words:
            # "Letters of Eligibility": an "of" followed by a capitalised word stays.
            if (
                low == "of"
                and phrase
                and i + 1 < len(toks)
                and toks[i + 1][0][:1].isupper()
                and phrase[-1][0][:1].isupper()
            ):
                phrase.append(toks[i])
                i += 1
                continue
            break
        following = toks[i + 1][0] if i + 1 < len(toks) else ""
        # No word of the phrase comes next: punctuation, a number or a function word.
        phrase_ends = not following[:1].isalpha() or following.lower() in words.stop_words
        if low in words.participle_adjectives:
            if phrase_ends:
                break  # "308 convictions obtained in ..." / "23 received certification."
            if not phrase and low in words.verbs and following.lower() in words.verbs:
                break
        elif low in words.verbs:
            break
        elif (
            phrase
            and phrase_ends
            and not low.startswith("anti-")
            and ((low.endswith("ing") and len(low) > 5) or (low.endswith("ed") and len(low) > 4))
        ):
            # A participle after the noun ("156 cases securing 342 ...", "500 attendees
            # composed of ..."): the verb of the clause, not part of the unit.
            break
        phrase.append(toks[i])
        i += 1
    while phrase and phrase[-1][0].lower() in words.trailing_adverbs:
        phrase.pop()
    if not phrase:
        return "", None
    # "36,000 federal, state, and local officers": read on past coordinated modifiers.
    modifiers = all(t[0].lower() in words.coordinated_modifiers for t in phrase) or (
        # "60 private-sector and nongovernmental partners": a compound modifier alone
        len(phrase) == 1 and "-" in phrase[0][0] and i < len(toks) and toks[i][0] in ("and", "or")
    )
    # "90 bilateral, regional, and global projects": one lower-case word that is no plural,
    # then a comma, modifies the noun at the end of the coordination.
    series = (
        not modifiers
        and len(phrase) == 1
        and phrase[0][0].islower()
        and not phrase[0][0].endswith("s")
        and i < len(toks)
        and toks[i][0] == ","
    )
    if series:
        j = i
        while j < len(toks) and (toks[j][0] in (",", "and", "or") or toks[j][0].islower()):
            if toks[j][0] in ("and", "or"):
                break
            j += 1
        if j < len(toks) and toks[j][0] in ("and", "or") and j + 1 < len(toks):
            _, rest_span = read_unit(text, toks[j + 1][1], limit)
            if rest_span is not None and " " in text[rest_span[0] : rest_span[1]].strip():
                span = (phrase[0][1], rest_span[1])
                return text[span[0] : span[1]], span
    if modifiers:
        j = i
        while j < len(toks) and toks[j][0].lower() in {",", "and", "or", "and/or"}:
            j += 1
        if j > i and j < len(toks):
            _, rest_span = read_unit(text, toks[j][1], limit)
            if rest_span is not None:
                span = (phrase[0][1], rest_span[1])
                return text[span[0] : span[1]], span
        # "72 were female and 24 male": a modifier alone names no counted thing.
        return "", None
    span = (phrase[0][1], phrase[-1][2])
    return text[span[0] : span[1]], span


_COMPARATIVES = frozenset({"more", "fewer"})


@functools.cache
def _compounds() -> regex.Pattern[str]:
    raw = tomllib.loads(
        resources.files("tipcorpus").joinpath("data/units.toml").read_text(encoding="utf-8")
    )
    return alternation(raw["compound_modifiers"])


def _compound_at(text: str, start: int) -> int | None:
    """The end of the genre's multi-word name used as a modifier at ``start``, if one is."""
    m = _compounds().match(text, start)
    return m.end() if m is not None else None


_KEPT_HYPHEN = regex.compile(r"(?<=\w)- (?=\w)")


def unwrapped(reading: str, unit: Unit) -> str:
    r"""The unit as one line of the reading text.

    Words a wrap broke ("applica-\ntions") are whole there already (see
    :mod:`tipcorpus.normalise`); a hyphen left at a line end is a compound's
    ("anti-\ntrafficking" reads "anti-trafficking").
    """
    if unit.span is None:
        return unit.text
    text = reading[unit.span[0] : unit.span[1]]
    if "\n" not in text and "  " not in text and "- " not in text:
        return unit.text
    return _KEPT_HYPHEN.sub("-", " ".join(text.split()))


def _show_unit(u: Unit) -> str:
    return u.text or "(none)"


def decide_units(
    ctx: Context,
    sentence: Sentence,
    block: Block,
    qs: Sequence[Quantity],
    cells: Sequence[CellContext | None],
    *,
    last_unit: dict[int, str],
) -> tuple[list[Figure], list[Decision]]:
    """The unit of each figure of a sentence, with the figure as the later rules read it.

    A figure whose unit is left out inherits one (see the unit rules), so the units of a
    sentence are decided in order; ``last_unit`` keeps each paragraph's last count unit.
    """
    figures: list[Figure] = []
    decisions: list[Decision] = []
    prev_unit, prev_at, list_elided = "", -1, False
    for q, cell in zip(qs, cells, strict=True):
        read: tuple[str, Span | None] = ("", None)
        if (
            q.kind is Kind.COUNT
            and q.surface.lower() not in word_lists().occasion_words
            and (cell is None or not cell.unit_text)
        ):
            read = read_unit(ctx.text, q.span[1], sentence.span[1])
        f = Figure(
            ctx,
            q,
            sentence,
            block,
            cell,
            read=read,
            list_elided=list_elided,
            prev_unit=prev_unit,
            prev_at=prev_at,
            paragraph_unit=last_unit.get(block.index, ""),
        )
        found, decision = decide("unit", f, _show_unit, table=cell is not None)
        u: Unit = found.value if found is not None else Unit("", None)
        if decision.rule in _INHERITING or found is None:
            list_elided = True
            if u.text:
                prev_unit, prev_at = u.text, q.span[0]
        elif decision.rule in _READING:
            leading = u.text.split(maxsplit=1)[0].lower()
            idiom = q.surface.isalpha() and leading in word_lists().idiom_followers
            if unit_head(u.text) not in word_lists().time_units and not idiom:
                prev_unit, prev_at = u.text, q.span[0]  # not "by one estimate"
        figures.append(evolve(f, unit=u))
        decisions.append(decision)
    if prev_unit:
        last_unit[block.index] = prev_unit
    return figures, decisions


# ------------------------------------------------------------------------ unit rules


@rule("unit", "table_cell", "the table's row or column label", table=True)
def _unit_of_cell(f: Figure) -> Evidence[Unit] | None:
    """A table cell counts what its row or column label names.

    Guideline: "Tables: each cell with a figure is a statistic; its unit comes from its
    row or column label".
    """
    if f.cell is None or not f.cell.unit_text or f.q.kind is not Kind.COUNT:
        return None
    u = _cell_unit(f.ix, f.cell)
    return Evidence(u, u.span, u.text)


@rule("unit", "money", "a sum of money")
def _unit_money(f: Figure) -> Evidence[Unit] | None:
    """Money is counted in U.S. dollars. Guideline: "for money `usd`"."""
    return Evidence(Unit("USD", None)) if f.q.kind is Kind.MONEY else None


@rule("unit", "percent", "a percentage")
def _unit_percent(f: Figure) -> Evidence[Unit] | None:
    """A percentage's unit is percent. Guideline: "for percent `percent`"."""
    return Evidence(Unit("percent", None)) if f.q.kind is Kind.PERCENT else None


@rule("unit", "times", "a multiplier, or a count of occasions")
def _unit_times(f: Figure) -> Evidence[Unit] | None:
    """A multiplier ("seven-fold", "doubled") or occasions ("met twice") count times.

    Guideline: "for a multiplier `times`".
    """
    if f.q.kind is Kind.MULTIPLIER or f.q.surface.lower() in word_lists().occasion_words:
        return Evidence(Unit("times", None))
    return None


def _elided_verb(f: Figure) -> bool:
    """In a list whose unit was left out, a verb after the figure ends its noun phrase."""
    if not f.list_elided:
        return False
    ix, q = f.ix, f.q
    first = ix.text[q.span[1] : min(f.sentence.span[1], q.span[1] + 40)].split()[:1]
    return bool(first) and first[0].lower() in word_lists().verbs


@rule("unit", "noun_after_figure", "the noun phrase after the figure")
def _unit_after(f: Figure) -> Evidence[Unit] | None:
    """A count's unit is the counted noun phrase right after it.

    Guideline: "`unit_head` for a count, the one noun that is counted ... (`victims` in
    `1248 adult trafficking victims`)". Reading stops at verbs, participles and time
    words; "127 started the process" in a list whose unit was left out has none.
    """
    unit, span = f.read
    if not unit or _elided_verb(f):
        return None
    if "- " in unit:
        unit = _KEPT_HYPHEN.sub("-", unit)  # "anti-\ntrafficking" read as one word
    return Evidence(Unit(unit, span), span, unit)


@rule("unit", "partitive", "the whole a part is taken of")
def _unit_partitive(f: Figure) -> Evidence[Unit] | None:
    """A part of a whole counts the whole's noun: "32 of the 42 task forces"."""
    if f.q.kind is not Kind.COUNT or f.read[0] or _elided_verb(f):
        return None
    unit, span = _partitive_unit(f.ix, f.q, f.sentence)
    return Evidence(Unit(unit, span), span, unit) if unit else None


@rule("unit", "named_before", "the unit named before the figure")
def _unit_named_before(f: Figure) -> Evidence[Unit] | None:
    """A figure with no noun counts the noun named just before it.

    "the number of defendants convicted (118 vs. 59)", "Of those defendants, 32".
    """
    if f.q.kind is not Kind.COUNT:
        return None
    named, named_at = unit_before(f.ix.text, f.sentence.span[0], f.q.span[0])
    if named and named_at > f.prev_at:
        return Evidence(Unit(named, None), (named_at, named_at + len(named)), named)
    return None


@rule("unit", "previous_count", "the unit of the count before it")
def _unit_previous(f: Figure) -> Evidence[Unit] | None:
    """A figure in a list with its unit left out counts what the one before it counts.

    "approximately 1500 victims ...; 127 started the certification process".
    """
    if f.q.kind is not Kind.COUNT or not f.prev_unit:
        return None
    return Evidence(Unit(f.prev_unit, None), None, f.prev_unit)


@rule("unit", "paragraph_count", "the paragraph's last count")
def _unit_paragraph(f: Figure) -> Evidence[Unit] | None:
    """A figure with no noun, after others in its paragraph, counts what they counted.

    "... identified 96 victims. Of these, 72 were female."
    """
    if f.q.kind is not Kind.COUNT or not f.paragraph_unit:
        return None
    return Evidence(Unit(f.paragraph_unit, None), None, f.paragraph_unit)


_READING = frozenset({"noun_after_figure", "partitive"})
"""Unit rules that read the figure's own words: a later figure may inherit their unit."""
_INHERITING = frozenset({"named_before", "previous_count", "paragraph_count"})
"""Unit rules of a figure whose unit was left out: the figures after it go on inheriting."""


PARTITIVE = regex.compile(r"\s+of\s+(?:the|these|those|its|their|all|our)\s+", regex.IGNORECASE)


def _partitive_unit(ctx: Context, q: Quantity, sentence: Sentence) -> tuple[str, Span | None]:
    """The unit of "32 of the 42 task forces" or "two of the documents"."""
    m = PARTITIVE.match(ctx.text, q.span[1], min(sentence.span[1], q.span[1] + 40))
    if m is None:
        return "", None
    after = m.end()
    nxt = ctx.between(ctx.q_starts, after, after + 1)
    if nxt:
        after = ctx.quantities[nxt[0]].span[1]
    return read_unit(ctx.text, after, sentence.span[1])


_NUMBER_OF = regex.compile(
    r"""\bnumber\s+of\s+(?=[A-Za-z])                   # the number of funded task forces
      | ([A-Za-z][\w\-]*)\s*\(\s*$                     # defendants (32)
      | \G\s*of\s+(?:the|these|those|this)\s+(?=[A-Za-z])  # Of those defendants, 32""",
    regex.IGNORECASE | regex.VERBOSE,
)


_STATUS = regex.compile(r"[A-Za-z]+(?:ed|ing)|[A-Za-z]+\s+(?:pending|filed)", regex.IGNORECASE)
_TABLE_NUMBER = regex.compile(
    r"(?:Table|Exhibit|Figure|Chart)\s+[\dA-Z][\w.-]*[.:]?\s*", regex.IGNORECASE
)


def _cell_unit(ctx: Context, cell: CellContext) -> Unit:
    """A table cell's unit: its label, or the caption's noun with a status label.

    Under "Table 2. T-1 applications, FY 2009 to FY 2013" a column "Approved" counts
    "T-1 applications approved".
    """
    label = cell.unit_text or ""
    if cell.column and (names_body(ctx, cell) or label.strip().lower() in word_lists().total_rows):
        # "OVC | 38" under "Awards FY 2015": the row is who, the column what and when;
        # a "Total" row counts what its column does.
        counted = " ".join(_YEARS_IN_HEADER.sub(" ", cell.column).split())
        if counted and counted.lower() not in word_lists().total_rows:
            return Unit(counted, None)
    if label.strip().lower() in word_lists().total_rows and cell.column == label:
        # A "Total" column beside "Certification Letters (Adults)" and "Eligibility
        # Letters (Minors)" counts the noun the columns it sums share.
        shared = _shared_head(_other_columns(ctx, cell))
        if shared:
            return Unit(f"{shared} ({label.strip()})", cell.unit_span)
    generic = generic_label(cell.column or "")
    # Rows of places, categories or bodies under year columns ("Northeast | 40 | 52",
    # "Federal Bureau of Investigation | 682 | 704") count the caption's noun: the row
    # label names no counted thing.
    category = (
        cell.row_label is not None
        and label == cell.row_label
        and cell.column is not None
        and (cell.period_text == cell.column or cell.period_range is not None)
        and (not names_count(label) or names_body(ctx, cell) or bool(_REMAINDER.match(label)))
        and not _STATUS.fullmatch(label)
    )
    generic = generic or category
    if cell.caption_span is not None and (generic or _STATUS.fullmatch(label)):
        start = cell.caption_span[0]
        numbered = _TABLE_NUMBER.match(ctx.text, start, cell.caption_span[1])
        if numbered is not None:
            start = numbered.end()
        noun, span = read_unit(ctx.text, start - 1, cell.caption_span[1])
        if noun and span is not None:
            if generic:
                # "Type of trafficking | Number": the row is a category of the noun.
                return Unit(f"{noun} ({label})" if label else noun, cell.unit_span)
            return Unit(f"{noun} {label.lower()}", cell.unit_span)
    if label.strip().lower() in word_lists().total_rows:
        # "Total" under rows of "Certification Letters (Adults)", "Eligibility Letters
        # (Minors)": the total counts the noun its rows share.
        shared = _shared_head(rows_summed(ctx, cell))
        if shared:
            return Unit(f"{shared} ({label.strip()})", cell.unit_span)
    return Unit(label, cell.unit_span)


_IN_PARENTHESES = regex.compile(r"\([^()]*\)")


def _table_of(ctx: Context, cell: CellContext) -> Table | None:
    """The table a cell is in."""
    return next((t for t in ctx.tables if t.span == cell.table_span), None)


def rows_summed(ctx: Context, cell: CellContext) -> list[str]:
    """The labels of the rows above a total row: what the total sums."""
    table = _table_of(ctx, cell)
    if table is None or cell.cell_span is None:
        return []
    total_rows = word_lists().total_rows
    return [
        row.label
        for row in table.rows
        if row.span[1] <= cell.cell_span[0]
        and row.label
        and row.label.strip().lower() not in total_rows
    ]


def _other_columns(ctx: Context, cell: CellContext) -> list[str]:
    """The headers of a table's columns other than the cell's, naming no period."""
    table = _table_of(ctx, cell)
    if table is None:
        return []
    columns: list[str] = []
    for row in table.rows:
        for other in row.cells:
            header = other.column
            if header and header != cell.column and header not in columns:
                columns.append(header)
    return [c for c in columns if not _YEARS_IN_HEADER.search(c)]


def _shared_head(labels: list[str]) -> str:
    """The last noun two or more labels all end with, if they share one."""
    heads = {words[-1] for label in labels if (words := _IN_PARENTHESES.sub(" ", label).split())}
    return heads.pop() if len(heads) == 1 and len(labels) >= 2 else ""


#: A row of what the other rows leave: "All other agencies", "Other offenses".
_REMAINDER = regex.compile(r"\s*(?:all\s+)?other\b", regex.IGNORECASE)

_YEARS_IN_HEADER = regex.compile(
    r"\b(?:FY|CY|fiscal\s+years?|calendar\s+years?)?\s*(?:19|20)\d{2}(?:\s*[-–/]\s*\d{2,4})?\b",
    regex.IGNORECASE,
)


def unit_before(text: str, start: int, at: int) -> tuple[str, int]:
    """The unit named before a figure, and where: "the number of investigations (340 vs. 106)"."""
    found = list(_NUMBER_OF.finditer(text, max(start, at - 200), at))
    if not found:
        return "", -1
    words = word_lists()
    for m in reversed(found):
        word = m.group(1)
        if word is None:
            break
        low = word.lower()
        if not (low in words.verbs or low in words.participle_adjectives or low.endswith("ed")):
            return word, m.start()  # "defendants (32)"; not "defendants convicted (118"
    else:
        return "", -1
    unit, span = read_unit(text, m.end(), at)
    if span is not None:
        # "the number of defendants convicted (118 vs. 59)": a participle that closes the
        # phrase before the figures belongs to it.
        rest = text[span[1] : at].split("(", maxsplit=1)[0].split()
        if len(rest) == 1 and rest[0].lower().endswith("ed") and rest[0].isalpha():
            unit = f"{unit} {rest[0]}"
    return (unit, m.start()) if unit else ("", -1)
