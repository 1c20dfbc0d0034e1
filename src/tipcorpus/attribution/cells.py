"""Table cells: the figures a table holds, and what its labels and introduction say.

The assembler reads the figures of a sentence's table cells with these (one figure per
cell, a cell's figure as the table reads it, a cell no sentence holds as a sentence of
its own); the unit, agency and pillar rules share the lookups of a table's row labels and
its introduction.

Internal: see :mod:`tipcorpus.attribution`.
"""

from __future__ import annotations

import bisect
from decimal import Decimal

import regex
from attrs import evolve

from tipcorpus.attribution.context import Context, mentions_in, overlaps, word_lists
from tipcorpus.model import Block, BlockKind, Kind, Quantity, Sentence, Span
from tipcorpus.quantities import quantities
from tipcorpus.tables import CellContext, names_count, names_money, table_context

_MONEY_SCALE = regex.compile(
    r"\b(?:in\s+)?(?P<scale>thousands|millions|billions)\s+of\s+(?:U\.S\.\s+)?dollars\b"
    r"|\(\s*(?:US)?\$\s*(?:in\s+)?(?P<short>thousands?|millions?|billions?|K|M|B)\s*\)"
    r"|\b(?:dollars|USD)\s+in\s+(?P<after>thousands|millions|billions)\b",
    regex.IGNORECASE,
)
_SCALES = {
    "k": 10**3,
    "thousand": 10**3,
    "m": 10**6,
    "million": 10**6,
    "b": 10**9,
    "billion": 10**9,
}


def cell_quantity(q: Quantity, cell: CellContext) -> Quantity:
    """A bare number in a table cell, read with what the table says its cells are.

    In a "Percent" or "% Change" column it is a percentage. A scale ("in millions of
    dollars", "($ in thousands)") makes it a sum of money only in a money column: one
    whose header or row label names money ("Amount", "Funding"), or, when no label names
    money and none names something counted, any cell of a table the caption scales. A
    cell whose column or row names something counted ("Grants Awarded", "Victims Served",
    "Number of ...") is never scaled: it stays a count.
    """
    column = (cell.column or "").strip().lower()
    if column in word_lists().percent_columns or (
        cell.period_range is not None and ("%" in column or "percent" in column)
    ):
        return evolve(q, kind=Kind.PERCENT)
    if cell.sub_count:
        return q
    column_scale = _MONEY_SCALE.search(cell.column or "") or _BARE_SCALE.search(cell.column or "")
    found = column_scale or _MONEY_SCALE.search(cell.caption or "")
    if found is None:
        return q
    labels = [label for label in (cell.column, cell.row_label) if label]
    if any(names_money(label) for label in labels) or column_scale is not None:
        pass  # a money column: "Amount", "Funding ($ in thousands)"
    elif any(names_count(label) or "%" in label or "percent" in label.lower() for label in labels):
        return q  # "Grants Awarded", "Victims Served": a count, whatever the scale
    elif cell.money_columns:
        return q  # the table names its money columns, and this is none of them
    word = (
        (found.group("scale") or found.group("short") or found.group("after") or "")
        .lower()
        .rstrip("s")
    )
    if word not in _SCALES:
        return q
    scale = _SCALES[word]
    high = q.value_high
    return evolve(
        q,
        kind=Kind.MONEY,
        value=_scaled(q.value, scale),
        value_high=_scaled(high, scale) if high is not None else None,
    )


_BARE_SCALE = regex.compile(
    r"\(\s*(?:in\s+)?(?P<scale>thousands|millions|billions)\s*\)", regex.IGNORECASE
)


def cell_quantities(
    ctx: Context, sentence: Sentence, qs: list[Quantity], cells: list[CellContext | None]
) -> tuple[list[Quantity], list[CellContext | None]]:
    """A sentence's figures, one per table cell: the cell's figure as the table reads it.

    A footnote mark glued to a figure ("3,5122", the mark 2) splits it for the recogniser
    of prose; the table knows the figure's end, so the pieces become one figure. A cell
    the recogniser missed ("3,160" before its sub-count "(432)") is read from the cell.
    """
    if not ctx.tables:
        return qs, cells
    by_cell: dict[Span, list[int]] = {}
    for i, cell in enumerate(cells):
        if cell is not None and cell.cell_span is not None:
            by_cell.setdefault(cell.cell_span, []).append(i)
    replace: dict[int, Quantity] = {}
    drop: set[int] = set()
    for span, members in by_cell.items():
        if len(members) == 1 and qs[members[0]].span == span:
            continue
        read = _cell_reading(ctx, span)
        if read is None:
            continue
        replace[members[0]] = read
        drop.update(members[1:])
    # A figure in a caption or header that is no cell labels the table ("FISCAL YEARS
    # 2007-1115", "Two-Period Comparison"): no statistic.
    for i, (q, cell) in enumerate(zip(qs, cells, strict=True)):
        if cell is None and _in_header(ctx, q.span):
            drop.add(i)
    out_q = [replace.get(i, q) for i, q in enumerate(qs) if i not in drop]
    out_c = [c for i, c in enumerate(cells) if i not in drop]
    # Cells of the sentence's tables that no figure of the recogniser covers.
    lo, hi = sentence.span
    covered = [q.span for q in out_q]
    first = max(0, bisect.bisect_right(ctx.table_starts, lo) - 1)
    for table in ctx.tables[first : bisect.bisect_left(ctx.table_starts, hi)]:
        if table.span[1] <= lo:
            continue
        for row in table.rows:
            for c in row.cells:
                if not lo <= c.span[0] < hi or any(overlaps(c.span, s) for s in covered):
                    continue
                read = _cell_reading(ctx, c.span)
                context = table_context([table], c.span[0])
                if read is not None and context is not None:
                    out_q.append(read)
                    out_c.append(context)
    order = sorted(range(len(out_q)), key=lambda i: out_q[i].span)
    return [out_q[i] for i in order], [out_c[i] for i in order]


def table_sentences(ctx: Context) -> list[Sentence]:
    """The document's sentences, and a sentence of its own for each table cell none holds.

    A table flattened one cell per line puts its figures on lines of their own, which a
    reading of prose sets aside as page numbers; the table says they are cells. Each such
    cell is read as a sentence that belongs with the sentence before it (its block and
    its place in the paragraph), so that the text around the table is its context.
    """
    sentences = list(ctx.structure.sentences)
    if not ctx.tables or not sentences:
        return sentences
    starts = [s.span[0] for s in sentences]
    extra: list[Sentence] = []
    for table in ctx.tables:
        for row in table.rows:
            for cell in row.cells:
                at = bisect.bisect_right(starts, cell.span[0]) - 1
                if at >= 0 and sentences[at].span[1] > cell.span[0]:
                    continue  # a sentence holds the cell
                before = sentences[max(at, 0)]
                extra.append(Sentence(cell.span, cell.text, block=before.block, index=before.index))
    if not extra:
        return sentences
    return sorted([*sentences, *extra], key=lambda s: s.span)


def _in_header(ctx: Context, span: Span) -> bool:
    """Whether a figure is in the header line (or the caption on it) of a table."""
    at = bisect.bisect_right(ctx.table_starts, span[0])
    for table in ctx.tables[max(0, at - 2) : at + 1]:
        header = table.header_span
        if header is not None and header[0] <= span[0] and span[1] <= header[1]:
            return True
    return False


def _cell_reading(ctx: Context, span: Span) -> Quantity | None:
    """The one figure of a table cell's text, with spans into the document."""
    found = quantities(ctx.text[span[0] : span[1]])
    if len(found) != 1:
        return None
    q = found[0]
    shift = span[0]
    return evolve(
        q,
        span=(q.span[0] + shift, q.span[1] + shift),
        qualifier_span=(
            (q.qualifier_span[0] + shift, q.qualifier_span[1] + shift)
            if q.qualifier_span is not None
            else None
        ),
    )


def _scaled(value: int | Decimal, scale: int) -> Decimal:
    """``value`` times ``scale``, with no decimal places when it is a whole number."""
    out = Decimal(value) * scale
    return out.quantize(Decimal(1)) if out == out.to_integral_value() else out


def names_body(ctx: Context, cell: CellContext) -> bool:
    """Whether a cell's row label is the name of a body ("OVC", "Bureau of Justice Assistance")."""
    if cell.row_label_span is None:
        return False
    start, end = cell.row_label_span
    found = mentions_in(ctx, start, end)
    return bool(found) and found[0].span[0] <= start + 4 and found[-1].span[1] >= end - 1


def table_intro(ctx: Context, cell: CellContext) -> Block | None:
    """The paragraph just before a table (and its caption), which introduces it."""
    if cell.table_span is None:
        return None
    top = cell.caption_span[0] if cell.caption_span is not None else cell.table_span[0]
    block = ctx.structure.block_before(top)
    return block if block is not None and block.kind is BlockKind.PARAGRAPH else None
