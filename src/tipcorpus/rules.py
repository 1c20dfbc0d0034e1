"""Named rules: each field of a statistic is decided by an ordered list of them.

A *rule* is a small function that reads one figure (with the read-only index of its
document) and gives :class:`Evidence` for one field, or nothing.
The rules of a field are tried in the order ``data/rules.toml`` gives; the first that
gives evidence decides, unless a *veto* rejects that evidence, in which case the field's
*fallback* rules (the defaults for a figure with no stated value) are tried instead.
Every decision is kept as a :class:`~tipcorpus.model.Decision` on the statistic
(:attr:`~tipcorpus.model.Statistic.why`), naming the rule, its evidence and the rules
tried before it, so a figure explains itself and each rule can be measured on gold
data (:func:`tipcorpus.evaluation.rule_report`).

The rules themselves live with the code that reads the text they need, one module
per field in ``tipcorpus.attribution`` (assembled by ``tipcorpus.statistics``);
this module holds the machinery, the registry and the order, so the explanation page
of the documentation is generated from it.

.. versionadded:: 0.12
"""

from __future__ import annotations

import functools
import inspect
import tomllib
from collections.abc import Callable, Iterator, Sequence
from importlib import resources
from typing import Any, Generic, TypeVar

from attrs import frozen

from tipcorpus.model import FIELDS, Decision, Span

__all__ = [
    "Evidence",
    "Plan",
    "Rule",
    "Veto",
    "bodies",
    "decide",
    "document_kinds",
    "plan",
    "registered",
    "rule",
    "threshold",
    "veto",
    "vetoed",
    "vetoes",
]

X = TypeVar("X")
"""What a rule reads: one figure, with the index of its document."""
T = TypeVar("T")
"""What a rule gives evidence for: a unit, a period, agencies, a pillar."""


@frozen
class Evidence(Generic[T]):
    """What a rule found: the value for its field, and the words that show it."""

    value: T
    span: Span | None = None
    text: str = ""


@frozen
class Rule(Generic[X, T]):
    """A named decision of one field, with the convention it implements as its docstring."""

    field: str
    name: str
    label: str
    func: Callable[[X], Evidence[T] | None]
    table: bool = False
    """Whether the rule reads table cells only (it is not tried for a figure of prose)."""

    @property
    def doc(self) -> str:
        """The convention the rule implements (its function's docstring)."""
        return inspect.cleandoc(self.func.__doc__ or "")

    def __call__(self, figure: X) -> Evidence[T] | None:
        """The rule's evidence for ``figure``, or None."""
        return self.func(figure)


@frozen
class Veto(Generic[X]):
    """A named reason to reject what a field's rules found (the size of a programme ...)."""

    name: str
    label: str
    fields: tuple[str, ...]
    func: Callable[[X, Evidence[Any] | None], bool]

    @property
    def doc(self) -> str:
        """The convention the veto implements (its function's docstring)."""
        return inspect.cleandoc(self.func.__doc__ or "")

    def __call__(self, figure: X, evidence: Evidence[Any] | None) -> bool:
        """Whether the veto rejects ``evidence`` for ``figure``."""
        return self.func(figure, evidence)


_RULES: dict[str, dict[str, Rule[Any, Any]]] = {f: {} for f in FIELDS}
_VETOES: dict[str, Veto[Any]] = {}


def rule(
    field: str, name: str, label: str, *, table: bool = False
) -> Callable[[Callable[[X], Evidence[T] | None]], Rule[X, T]]:
    """Register a function as the rule ``name`` of ``field``; ``label`` says what it does.

    ``table`` marks a rule that reads table cells only.
    """
    if field not in _RULES:
        raise ValueError(f"no field {field!r}; the fields are {', '.join(FIELDS)}")

    def register(func: Callable[[X], Evidence[T] | None]) -> Rule[X, T]:
        if name in _RULES[field]:
            raise ValueError(f"two {field} rules are named {name!r}")
        made: Rule[X, T] = Rule(field, name, label, func, table)
        _RULES[field][name] = made
        return made

    return register


def veto(
    name: str, label: str, fields: Sequence[str]
) -> Callable[[Callable[[X, Evidence[Any] | None], bool]], Veto[X]]:
    """Register a function as the veto ``name`` over ``fields``."""

    def register(func: Callable[[X, Evidence[Any] | None], bool]) -> Veto[X]:
        if name in _VETOES:
            raise ValueError(f"two vetoes are named {name!r}")
        made: Veto[X] = Veto(name, label, tuple(fields), func)
        _VETOES[name] = made
        return made

    return register


@functools.cache
def _settings() -> dict[str, Any]:
    text = resources.files("tipcorpus").joinpath("data/rules.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def threshold(name: str) -> int:
    """A threshold of the rules (``reach``, ``bound_gap`` ...), from ``data/rules.toml``."""
    value = _settings()["thresholds"][name]
    if not isinstance(value, int):
        raise TypeError(f"threshold {name!r} in data/rules.toml must be a whole number")
    return value


def document_kinds(group: str) -> frozenset[str]:
    """The document kinds of a group in ``data/rules.toml`` (``release``, ``annual`` ...)."""
    return frozenset(_settings()["document_kinds"][group])


def bodies(group: str) -> frozenset[str]:
    """The agency ids of a group in ``data/rules.toml`` (``prosecutors`` ...)."""
    return frozenset(_settings()["bodies"][group])


@frozen
class Plan:
    """The rules of one field in the order they are tried, its fallback rules and vetoes."""

    field: str
    order: tuple[Rule[Any, Any], ...]
    fallback: tuple[Rule[Any, Any], ...]
    vetoes: tuple[Veto[Any], ...]

    def __iter__(self) -> Iterator[Rule[Any, Any]]:
        return iter((*self.order, *self.fallback))


@functools.cache
def plan(field: str) -> Plan:
    """The plan of ``field`` as ``data/rules.toml`` orders it.

    Raises:
        ValueError: the file names a rule that does not exist, or leaves one out.

    """
    spec = _settings().get(field, {})
    known = _RULES[field]
    names = [*spec.get("order", []), *spec.get("fallback", [])]
    unknown = [n for n in names if n not in known]
    missing = [n for n in known if n not in names]
    if unknown or missing:
        raise ValueError(
            f"data/rules.toml [{field}] names unknown rules {unknown} and leaves out {missing}"
        )
    vetoes = spec.get("vetoes", [])
    bad = [v for v in vetoes if v not in _VETOES]
    if bad:
        raise ValueError(f"data/rules.toml [{field}] names unknown vetoes {bad}")
    return Plan(
        field,
        tuple(known[n] for n in spec.get("order", [])),
        tuple(known[n] for n in spec.get("fallback", [])),
        tuple(_VETOES[v] for v in vetoes),
    )


def registered() -> dict[str, Plan]:
    """Every field's plan, in the order the fields are decided."""
    return {f: plan(f) for f in FIELDS}


def vetoes() -> tuple[Veto[Any], ...]:
    """Every registered veto."""
    return tuple(_VETOES.values())


def _decision(
    field: str,
    show: Callable[[Any], str],
    found: Evidence[Any] | None,
    by: Rule[Any, Any] | None,
    tried: list[str],
) -> Decision:
    if found is None or by is None:
        return Decision(field, "none", "none", "no rule applied", tried=tuple(tried))
    return Decision(
        field, show(found.value), by.name, by.label, found.span, found.text, tuple(tried)
    )


def decide(
    field: str, figure: X, show: Callable[[Any], str], *, table: bool = False
) -> tuple[Evidence[Any] | None, Decision]:
    """The first evidence the rules of ``field`` give for ``figure``, and the decision.

    ``show`` writes the value as text for the decision; ``table`` says whether the figure
    is a table cell (rules for cells are neither tried nor listed for prose).
    """
    steps = plan(field)
    tried: list[str] = []
    for stage in (steps.order, steps.fallback):
        for r in stage:
            if r.table and not table:
                continue
            found = r.func(figure)
            if found is None:
                tried.append(r.name)
                continue
            rejected = next((v for v in steps.vetoes if v.func(figure, found)), None)
            if rejected is None:
                return found, _decision(field, show, found, r, tried)
            # A veto sends the field to its fallback rules (or, from those, to none).
            tried.append(f"{r.name} (vetoed: {rejected.name})")
            break
    return None, _decision(field, show, None, None, tried)


def vetoed(field: str, name: str, label: str) -> Decision:
    """The decision of a field that a veto over the whole figure left empty."""
    return Decision(field, "none", name, label)
