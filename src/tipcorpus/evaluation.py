"""Scoring extracted statistics against hand-checked gold annotations.

The gold format is one JSON object a line, as in the package's ``data/gold_seeds.jsonl``
(the bundled reports' gold): ``doc`` (file name), ``surface``, ``occurrence``
(1 for the first time that exact string appears in the file), ``role``
(``statistic``, ``optional`` or ``other``), ``value``, ``value_high``, ``kind``,
``unit_head``, ``qualifier``, ``period`` (``{"start", "end", "fiscal"}`` or null),
``agencies`` (ids) and ``pillar``.

A gold statistic is *found* when a predicted span overlaps its surface; optional
mentions are neither credit nor blame; a record is right when value, kind,
period, agencies (an agency equal to, or an ancestor or descendant of, the gold
one) and pillar are all right.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path

from attrs import field, frozen

from tipcorpus.corpus import Corpus
from tipcorpus.model import Statistic

__all__ = [
    "GoldMention",
    "Judged",
    "Mismatch",
    "RuleReport",
    "RuleRow",
    "Scores",
    "evaluate",
    "load_gold",
    "rule_report",
]


@frozen
class GoldMention:
    """One hand-checked number mention."""

    doc: str
    surface: str
    occurrence: int
    role: str
    value: float | None
    value_high: float | None
    kind: str
    unit_head: str
    qualifier: str
    period: tuple[int | None, int, bool] | None
    agencies: tuple[str, ...]
    pillar: str | None


@frozen
class Mismatch:
    """A found gold statistic whose predicted fields differ."""

    gold: GoldMention
    statistic: Statistic
    fields: tuple[str, ...]

    def __str__(self) -> str:
        s = self.statistic
        return (
            f"{self.gold.doc} {self.gold.surface!r}: {', '.join(self.fields)}; got "
            f"value={s.value} unit={s.unit!r} period={s.period} "
            f"agencies={list(s.agency_ids)} pillar={s.pillar}"
        )


@frozen
class Judged:
    """One predicted statistic, the gold mention it matched (if any), and its fields' verdicts."""

    statistic: Statistic
    gold: GoldMention | None
    right: dict[str, bool]
    """Per field (``unit``, ``period``, ``agencies``, ``pillar`` ...), whether it agrees with
    the gold; empty unless the gold mention is a statistic."""


@frozen
class Scores:
    """Mention detection and field accuracies."""

    gold_statistics: int
    predicted: int
    found: int
    false_positives: int
    accuracy: dict[str, float]
    missed: tuple[GoldMention, ...] = field(repr=False)
    spurious: tuple[Statistic, ...] = field(repr=False)
    mismatches: tuple[Mismatch, ...] = field(repr=False)
    judged: tuple[Judged, ...] = field(default=(), repr=False)

    @property
    def precision(self) -> float:
        """Found over found plus false positives."""
        total = self.found + self.false_positives
        return self.found / total if total else 0.0

    @property
    def recall(self) -> float:
        """Found over gold statistics."""
        return self.found / self.gold_statistics if self.gold_statistics else 0.0

    @property
    def f1(self) -> float:
        """The harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        """The figures, rounded to three places."""
        out: dict[str, float | int] = {
            "gold_statistics": self.gold_statistics,
            "predicted": self.predicted,
            "found": self.found,
            "false_positives": self.false_positives,
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
        }
        out.update({f"{k}_accuracy": round(v, 3) for k, v in self.accuracy.items()})
        return out


def load_gold(path: str | Path) -> list[GoldMention]:
    r"""Read a gold file (JSON Lines), one :class:`GoldMention` a line.

    >>> import tempfile
    >>> line = (
    ...     '{"doc": "memo", "surface": "1,248", "role": "statistic", "value": 1248, '
    ...     '"kind": "count", "unit_head": "victims", "agencies": ["HHS"], '
    ...     '"period": {"start": 2007, "end": 2007, "fiscal": true}, "pillar": "protection"}'
    ... )
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     _ = Path(folder, "gold.jsonl").write_text(line + "\n")
    ...     gold = load_gold(Path(folder, "gold.jsonl"))
    >>> gold[0].surface, gold[0].value, gold[0].period, gold[0].agencies
    ('1,248', 1248, (2007, 2007, True), ('HHS',))
    """
    out = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        g = json.loads(line)
        p = g.get("period")
        out.append(
            GoldMention(
                doc=g["doc"],
                surface=g["surface"],
                occurrence=int(g.get("occurrence", 1)),
                role=g["role"],
                value=g.get("value"),
                value_high=g.get("value_high"),
                kind=g["kind"],
                unit_head=g.get("unit_head") or "",
                qualifier=g.get("qualifier") or "exact",
                period=None if p is None else (p.get("start"), p["end"], bool(p.get("fiscal"))),
                agencies=tuple(g.get("agencies") or ()),
                pillar=g.get("pillar"),
            )
        )
    return out


def _singular(word: str) -> str:
    w = word.lower().strip(".,;:()\"'")
    for suffix, repl in (("ies", "y"), ("ses", "s"), ("s", "")):
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            return w[: -len(suffix)] + repl
    return w


def _same(a: object, b: object) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(Decimal(str(a)) - Decimal(str(b))) <= Decimal("1e-9") * max(
        Decimal(1), abs(Decimal(str(b)))
    )


def _locate(text: str, surface: str, occurrence: int) -> tuple[int, int] | None:
    start = -1
    for _ in range(occurrence):
        start = text.find(surface, start + 1)
        if start < 0:
            return None
    return start, start + len(surface)


def _lineage_ids(agency_id: str, corpus: Corpus) -> list[str]:
    from tipcorpus.agencies import registry  # noqa: PLC0415
    from tipcorpus.errors import UnknownAgency  # noqa: PLC0415

    del corpus
    try:
        return [a.id.lower() for a in registry().get(agency_id).lineage]
    except UnknownAgency:
        return [agency_id.lower()]


def evaluate(gold: Sequence[GoldMention], corpus: Corpus) -> Scores:
    """Compare a corpus's statistics with gold mentions of its documents.

    Documents are matched by file name (``Document.path.name``) or id.

    >>> from tipcorpus import Corpus
    >>> corpus = Corpus.from_texts(
    ...     {"memo": "In FY 2007, HHS certified 1,248 victims. DOJ secured 103 convictions."}
    ... )
    >>> gold = [
    ...     GoldMention(
    ...         doc="memo", surface="1,248", occurrence=1, role="statistic", value=1248,
    ...         value_high=None, kind="count", unit_head="victims", qualifier="exact",
    ...         period=(2007, 2007, True), agencies=("HHS",), pillar="protection",
    ...     )
    ... ]
    >>> scores = evaluate(gold, corpus)
    >>> scores.found, scores.false_positives, scores.recall, round(scores.f1, 3)
    (1, 1, 1.0, 0.667)
    >>> scores.accuracy["period"], [s.surface for s in scores.spurious]
    (1.0, ['103'])
    """
    by_name = {}
    for doc in corpus.documents:
        by_name[doc.path.name if doc.path is not None else doc.id] = doc
        by_name.setdefault(doc.id, doc)
    docs = {g.doc for g in gold}
    preds: dict[str, list[Statistic]] = {name: list(by_name[name].statistics) for name in docs}
    used: set[int] = set()
    matched: dict[int, GoldMention] = {}
    found: list[tuple[GoldMention, Statistic]] = []
    missed: list[GoldMention] = []
    for g in gold:
        span = _locate(by_name[g.doc].text, g.surface, g.occurrence)
        if span is None:
            raise ValueError(f"gold surface not found: {g.doc} {g.surface!r} #{g.occurrence}")
        match = next(
            (
                s
                for s in preds[g.doc]
                if id(s) not in used and s.span[0] < span[1] and span[0] < s.span[1]
            ),
            None,
        )
        if match is None:
            if g.role == "statistic":
                missed.append(g)
            continue
        used.add(id(match))
        matched[id(match)] = g
        if g.role == "statistic":
            found.append((g, match))
    spurious = tuple(s for name in docs for s in preds[name] if id(s) not in used)
    checks = ("value", "kind", "unit", "qualifier", "period", "agencies", "pillar", "record")
    right = dict.fromkeys(checks, 0)
    counted = dict.fromkeys(checks, len(found))
    counted["unit"] = sum(1 for g, _ in found if g.kind == "count")
    mismatches: list[Mismatch] = []
    verdicts: dict[int, dict[str, bool]] = {}
    for g, s in found:
        ok = {
            "value": _same(g.value, s.value) and _same(g.value_high, s.value_high),
            "kind": g.kind == s.kind.value,
            "qualifier": g.qualifier == s.qualifier.value,
            "period": g.period
            == (None if s.period is None else (s.period.start, s.period.end, s.period.fiscal)),
            "pillar": g.pillar == (s.pillar.value if s.pillar is not None else None),
        }
        if g.kind == "count":
            ok["unit"] = _singular(g.unit_head) in {_singular(w) for w in s.unit.split()}
        gold_lines = [_lineage_ids(a, corpus) for a in g.agencies]
        pred_lines = [[x.id.lower() for x in a.lineage] for a in s.agencies]

        def related(pl: list[str], gl: list[str]) -> bool:
            return gl[0] in pl or pl[0] in gl

        ok["agencies"] = (not gold_lines and not pred_lines) or (
            bool(gold_lines)
            and bool(pred_lines)
            and all(any(related(pl, gl) for pl in pred_lines) for gl in gold_lines)
            and all(any(related(pl, gl) for gl in gold_lines) for pl in pred_lines)
        )
        ok["record"] = all(ok[k] for k in ("value", "kind", "period", "agencies", "pillar"))
        verdicts[id(s)] = ok
        for k, v in ok.items():
            right[k] += int(v)
        if not ok["record"]:
            mismatches.append(
                Mismatch(g, s, tuple(k for k, v in ok.items() if not v and k != "record"))
            )
    accuracy = {k: (right[k] / counted[k] if counted[k] else 0.0) for k in checks}
    n_gold = sum(1 for g in gold if g.role == "statistic")
    accuracy["record_recall"] = right["record"] / n_gold if n_gold else 0.0
    return Scores(
        gold_statistics=n_gold,
        predicted=sum(len(v) for v in preds.values()),
        found=len(found),
        false_positives=len(spurious),
        accuracy=accuracy,
        missed=tuple(missed),
        spurious=spurious,
        mismatches=tuple(mismatches),
        judged=tuple(
            Judged(s, matched.get(id(s)), verdicts.get(id(s), {}))
            for name in docs
            for s in preds[name]
        ),
    )


def evaluate_files(gold_path: str | Path, docs: str | Path | Iterable[str | Path]) -> Scores:
    """Score the documents at ``docs`` against the gold file at ``gold_path``."""
    return evaluate(load_gold(gold_path), Corpus.from_path(docs))


@frozen
class RuleRow:
    """How often one rule decided a field of a found gold statistic, and was right."""

    field: str
    rule: str
    decided: int
    right: int

    @property
    def share(self) -> float:
        """Right over decided."""
        return self.right / self.decided if self.decided else 0.0


@frozen
class RuleReport:
    """One row per rule and field: what each named rule decided on a gold set, and how well.

    ``role`` rows count every predicted statistic (right when the gold has a statistic or
    an optional mention there); the other fields count the found gold statistics.
    """

    rows: tuple[RuleRow, ...]

    def __iter__(self) -> Iterator[RuleRow]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def to_records(self) -> list[dict[str, object]]:
        """The rows as dicts: field, rule, decided, right, share (three places)."""
        return [
            {
                "field": r.field,
                "rule": r.rule,
                "decided": r.decided,
                "right": r.right,
                "share": round(r.share, 3),
            }
            for r in self.rows
        ]

    def table(self, fmt: str = "simple") -> str:
        """The rows as a text table (``tabulate``'s ``fmt``)."""
        from tabulate import tabulate  # noqa: PLC0415

        rows = [
            [r["field"], r["rule"], r["decided"], r["right"], f"{r['share']:.3f}"]
            for r in self.to_records()
        ]
        return str(
            tabulate(
                rows,
                headers=["field", "rule", "decided", "right", "share"],
                tablefmt=fmt,
                disable_numparse=True,
            )
        )

    def __str__(self) -> str:
        return self.table()


def rule_report(scores: Scores) -> RuleReport:
    """Per rule and field, how many figures the rule decided and how many agree with the gold.

    >>> from tipcorpus import Corpus
    >>> corpus = Corpus.from_texts({"memo": "In FY 2007, HHS certified 1,248 victims."})
    >>> gold = [
    ...     GoldMention(
    ...         doc="memo", surface="1,248", occurrence=1, role="statistic", value=1248,
    ...         value_high=None, kind="count", unit_head="victims", qualifier="exact",
    ...         period=(2006, 2007, True), agencies=("HHS",), pillar="protection",
    ...     )
    ... ]
    >>> [(r.field, r.rule, r.decided, r.right) for r in rule_report(evaluate(gold, corpus))]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('role', 'reported_figure', 1, 1), ('unit', 'noun_after_figure', 1, 1),
     ('period', 'before_figure', 1, 0), ('agencies', 'subject_before', 1, 1),
     ('pillar', 'victims_unit', 1, 1)]
    """
    from tipcorpus.model import FIELDS  # noqa: PLC0415

    decided: dict[tuple[str, str], list[int]] = {}
    for j in scores.judged:
        why = j.statistic.why
        if why is None:
            continue
        tally = decided.setdefault(("role", why.role.rule), [0, 0])
        tally[0] += 1
        tally[1] += int(j.gold is not None and j.gold.role in ("statistic", "optional"))
        if not j.right:
            continue
        for name in FIELDS[1:]:
            # A sum, a share or a multiplier has no counted noun: its unit is its kind.
            verdict = j.right.get(name, j.right["kind"])
            tally = decided.setdefault((name, why[name].rule), [0, 0])
            tally[0] += 1
            tally[1] += int(verdict)
    order = {f: i for i, f in enumerate(FIELDS)}
    rows = sorted(decided.items(), key=lambda kv: (order[kv[0][0]], -kv[1][0], kv[0][1]))
    return RuleReport(tuple(RuleRow(f, r, n, k) for (f, r), (n, k) in rows))
