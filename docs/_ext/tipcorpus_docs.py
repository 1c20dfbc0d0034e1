"""Write the documentation's generated fragments into ``docs/_generated/`` at build time.

Each fragment comes from the code or data it describes, so the pages cannot drift:

* ``cli-help.txt``: ``tipcorpus --help`` and each command's ``--help``, from
  :func:`tipcorpus.cli.build_parser`;
* ``agencies.md``: the agency registry, from ``src/tipcorpus/data/agencies.toml``
  as :func:`tipcorpus.registry` loads it;
* ``catalogue.md``: the bundled corpus, from ``seeds/catalogue.toml``;
* ``accuracy.md`` and ``accuracy-by-document.md``: the project's evaluator run on
  the hand-checked gold of the bundled reports;
* ``accuracy-genre.md`` and ``accuracy-second-set.md``, ``-third-set.md`` and
  ``-fourth-set.md``: the same evaluator, by document and overall, on the four sets of
  constructed documents of the genre under ``tests/data/`` (``genre/``, ``heldout/``,
  ``third/`` and ``fourth/``);
* ``record-fields.md`` and ``record-example.md``: the record schema, from
  :data:`tipcorpus.export.RECORD_FIELDS`, and one exported record of the bundled corpus.

A fragment is rewritten only when its content changes, so incremental builds stay
incremental.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from docutils.nodes import Element
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.ext.intersphinx import missing_reference as intersphinx_missing_reference
from sphinx.util import logging

import tipcorpus
from tipcorpus import Corpus, evaluate, load_catalogue, load_gold, registry
from tipcorpus.cli import build_parser
from tipcorpus.evaluation import Scores
from tipcorpus.export import RECORD_FIELDS, RECORD_SCHEMA_VERSION

LOG = logging.getLogger(__name__)

DOCS = Path(__file__).resolve().parents[1]
ROOT = DOCS.parent
OUT = DOCS / "_generated"
GOLD = ROOT / "src" / "tipcorpus" / "data" / "gold_seeds.jsonl"
SEEDS = ROOT / "seeds"
GENRE_GOLD = ROOT / "tests" / "data" / "genre_gold.jsonl"
GENRE = ROOT / "tests" / "data" / "genre"
SECOND_SET_GOLD = ROOT / "tests" / "data" / "heldout_gold.jsonl"
SECOND_SET = ROOT / "tests" / "data" / "heldout"
THIRD_SET_GOLD = ROOT / "tests" / "data" / "third_gold.jsonl"
THIRD_SET = ROOT / "tests" / "data" / "third"
FOURTH_SET_GOLD = ROOT / "tests" / "data" / "fourth_gold.jsonl"
FOURTH_SET = ROOT / "tests" / "data" / "fourth"
HELP_WIDTH = "88"


def _write(name: str, content: str) -> None:
    OUT.mkdir(exist_ok=True)
    target = OUT / name
    if target.exists() and target.read_text(encoding="utf-8") == content:
        return
    target.write_text(content, encoding="utf-8")
    LOG.info("tipcorpus_docs: wrote %s", target.relative_to(DOCS))


def _cell(value: object) -> str:
    """A value as the text of a Markdown table cell."""
    text = "" if value is None else str(value)
    return text.replace("|", "\\|").replace("\n", " ")


def _table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


@contextlib.contextmanager
def _columns(width: str) -> Iterator[None]:
    """Fix the width argparse wraps help to, whatever the terminal."""
    old = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = width
    try:
        yield
    finally:
        if old is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = old


def cli_help() -> str:
    """``tipcorpus --help`` followed by ``tipcorpus COMMAND --help`` for every command."""
    parser = build_parser()
    with _columns(HELP_WIDTH):
        parts = ["$ tipcorpus --help\n" + parser.format_help()]
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    parts.append(f"$ tipcorpus {name} --help\n" + sub.format_help())
    return "\n".join(parts)


def agencies() -> str:
    """The agency registry as a Markdown table, in registry order."""
    rows = [
        (
            f"`{a.id}`",
            a.name,
            f"`{a.parent_id}`" if a.parent_id else "",
            a.kind,
            ", ".join(alias for alias in a.aliases if alias != a.id),
        )
        for a in registry()
    ]
    intro = f"The registry lists {len(rows)} bodies.\n\n"
    return intro + _table(("id", "name", "part of", "kind", "aliases"), rows)


def catalogue() -> str:
    """The bundled catalogue as a Markdown table."""
    rows = [
        (
            f"`{e.id}`",
            f"`{e.file}`",
            e.title,
            e.issuer or "",
            e.published.isoformat() if e.published else "",
            e.year or "",
            e.kind,
        )
        for e in load_catalogue(SEEDS / "catalogue.toml")
    ]
    headers = ("id", "file", "title", "issuer", "published", "year", "kind")
    return _table(headers, rows)


_MEANING = {
    "gold_statistics": "hand-checked statistics in the gold file",
    "predicted": "statistics the library reported in those documents",
    "found": "gold statistics whose number a reported statistic overlaps",
    "false_positives": "reported statistics that match no gold statistic or optional mention",
    "precision": "found / (found + false positives)",
    "recall": "found / gold statistics",
    "f1": "harmonic mean of precision and recall",
    "value_accuracy": "found statistics whose value (and upper value) is right",
    "kind_accuracy": "... whose kind is right",
    "unit_accuracy": "found counts whose unit contains the gold counted noun",
    "qualifier_accuracy": "... whose qualifier is right",
    "period_accuracy": "... whose period (start, end, fiscal) is right",
    "agencies_accuracy": "... whose agencies are right (a parent or component counts)",
    "pillar_accuracy": "... whose pillar is right",
    "record_accuracy": "... with value, kind, period, agencies and pillar all right",
    "record_recall_accuracy": "gold statistics found with every field right",
}


def accuracy() -> tuple[str, str]:
    """The evaluator's scores on the bundled gold: overall, and by document."""
    gold = load_gold(GOLD)
    corpus = Corpus.from_path(SEEDS)
    scores = evaluate(gold, corpus)
    overall = _table(
        ("measure", "value", "meaning"),
        [(f"`{k}`", v, _MEANING.get(k, "")) for k, v in scores.as_dict().items()],
    )
    by_name = {d.path.name: d.id for d in corpus.documents if d.path is not None}
    rows = []
    for name in sorted({g.doc for g in gold}):
        s = evaluate([g for g in gold if g.doc == name], corpus)
        rows.append(
            (
                f"`{by_name.get(name, name)}`",
                s.gold_statistics,
                s.found,
                s.false_positives,
                f"{s.precision:.3f}",
                f"{s.recall:.3f}",
                f"{s.accuracy['record']:.3f}",
            )
        )
    headers = ("document", "gold", "found", "false pos.", "precision", "recall", "record acc.")
    return overall, _table(headers, rows)


def genre_accuracy(gold_path: Path = GENRE_GOLD, folder: Path = GENRE) -> str:
    """The evaluator's scores on a set of documents of the genre, by document and overall.

    Args:
        gold_path: The set's gold file.
        folder: The folder of the set's documents and its catalogue.

    Returns:
        A Markdown table: one row a document, then a row for the whole set.
    """
    gold = load_gold(gold_path)
    corpus = Corpus.from_path(folder)
    fields = ("value", "unit", "period", "agencies", "pillar", "record")

    def row(label: str, s: Scores) -> tuple[object, ...]:
        return (
            label,
            s.gold_statistics,
            s.found,
            s.false_positives,
            f"{s.f1:.3f}",
            *(f"{s.accuracy[f]:.3f}" for f in fields),
        )

    rows = [
        row(f"`{name}`", evaluate([g for g in gold if g.doc == name], corpus))
        for name in sorted({g.doc for g in gold})
    ]
    rows.append(row("**all**", evaluate(gold, corpus)))
    headers = ("document", "gold", "found", "false pos.", "F1", *fields)
    return _table(headers, rows)


def record_example() -> str:
    """One exported record of the bundled corpus, as JSON."""
    stats = Corpus.default().statistics(unit="T visa", year=2007)
    record = stats.to_records()[0]
    return "```json\n" + json.dumps(record, indent=2, ensure_ascii=False) + "\n```\n"


def record_fields() -> str:
    """The record schema: every field of an exported record, in order, with its meaning."""
    rows = [(f"`{name}`", meaning) for name, meaning in RECORD_FIELDS.items()]
    intro = f"Schema version {RECORD_SCHEMA_VERSION}.\n\n"
    return intro + _table(("field", "meaning"), rows)


def rules_page() -> str:
    """Every field's rules in the order they are tried, with the convention each implements."""
    import tipcorpus.statistics  # noqa: F401, PLC0415  (registers the rules)
    from tipcorpus import rules  # noqa: PLC0415

    out: list[str] = []
    for field, plan in rules.registered().items():
        out.append(f"## {field.capitalize()}\n")
        stages = [("", plan.order)]
        if plan.fallback:
            stages.append(("fallback", plan.fallback))
        n = 0
        for stage, members in stages:
            if stage:
                out.append(
                    "When none of those applies, or a veto rejected what one found, the "
                    "fallback rules are tried:\n"
                )
            for r in members:
                n += 1
                doc = " ".join(r.doc.split())
                out.append(f"{n}. **`{r.name}`** — {r.label}. {doc}\n")
        if plan.vetoes:
            out.append("Vetoes over what the rules above found:\n")
            for v in plan.vetoes:
                out.append(f"* **`{v.name}`** — {v.label}. {' '.join(v.doc.split())}\n")
        out.append("")
    whole = [
        v for v in rules.vetoes() if not any(v in p.vetoes for p in rules.registered().values())
    ]
    if whole:
        out.append("## Vetoes over a whole figure\n")
        for v in whole:
            fields = ", ".join(v.fields)
            out.append(f"* **`{v.name}`** ({fields}) — {v.label}. {' '.join(v.doc.split())}\n")
        out.append("")
    out.append("## Thresholds\n")
    rows = [(f"`{k}`", v) for k, v in rules._settings()["thresholds"].items()]
    out.append(_table(("threshold", "value"), rows))
    return "\n".join(out)


def generate(app: Sphinx) -> None:
    """Write every fragment."""
    del app
    _write("cli-help.txt", cli_help())
    _write("agencies.md", agencies())
    _write("catalogue.md", catalogue())
    overall, by_document = accuracy()
    _write("accuracy.md", overall)
    _write("accuracy-by-document.md", by_document)
    _write("accuracy-genre.md", genre_accuracy(GENRE_GOLD, GENRE))
    _write("accuracy-second-set.md", genre_accuracy(SECOND_SET_GOLD, SECOND_SET))
    _write("accuracy-third-set.md", genre_accuracy(THIRD_SET_GOLD, THIRD_SET))
    _write("accuracy-fourth-set.md", genre_accuracy(FOURTH_SET_GOLD, FOURTH_SET))
    _write("record-example.md", record_example())
    _write("record-fields.md", record_fields())
    _write("rules.md", rules_page())


_VALUE_OBJECTS = frozenset({"attribute", "data", "property"})


def _napoleon_for_callables_only(app: Sphinx) -> None:
    """Keep napoleon away from the docstrings of attributes, properties and data.

    Napoleon reads the first line of such a docstring as ``type: description``.
    tipcorpus takes types from annotations and writes value docstrings as noun
    phrases that often contain a colon ("A number of things: ``1,974 T visas``."),
    which napoleon would turn into a bogus type reference.
    Classes, functions and methods still go through napoleon.
    """
    app.setup_extension("sphinx.ext.napoleon")
    event = "autodoc-process-docstring"
    for listener in list(app.events.listeners.get(event, [])):
        handler = listener.handler
        if getattr(handler, "__module__", "") != "sphinx.ext.napoleon":
            continue
        app.disconnect(listener.id)

        def only_callables(  # noqa: PLR0917  (the signature Sphinx calls)
            app: Sphinx,
            what: str,
            name: str,
            obj: object,
            options: object,
            lines: list[str],
            napoleon: Callable[..., None] = handler,
        ) -> None:
            if what not in _VALUE_OBJECTS:
                napoleon(app, what, name, obj, options, lines)

        app.connect(event, only_callables, priority=listener.priority)


# Names that modules import for annotations only (under TYPE_CHECKING), so that autodoc
# sees them bare; they are the standard library's.
_STDLIB_BARE = {"Path": "pathlib.Path", "Decimal": "decimal.Decimal"}


def _resolve_as(
    app: Sphinx,
    env: BuildEnvironment,
    node: pending_xref,
    contnode: Element,
    target: str,
) -> Element | None:
    alias = node.deepcopy()
    alias["reftarget"] = target
    domain = env.get_domain("py")
    resolved: Element | None = domain.resolve_xref(
        env, node.get("refdoc", ""), app.builder, node["reftype"], target, alias, contnode
    )
    if resolved is None:
        resolved = intersphinx_missing_reference(app, env, alias, contnode)
    return resolved


def _tipcorpus_objects(env: BuildEnvironment) -> list[str]:
    """The full names of every documented tipcorpus object."""
    return [
        fullname
        for fullname, *_ in env.get_domain("py").get_objects()
        if fullname.startswith("tipcorpus.")
    ]


def _reexported(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: Element
) -> Element | None:
    """Resolve a tipcorpus name the way the module that wrote it sees it.

    The reference documents every name of ``tipcorpus.__all__`` under the package, where
    users import it from, while docstrings and annotations inside a module name it
    ``tipcorpus.module.Name`` or bare ``Name``.
    Such a reference resolves to the one documented tipcorpus object of that name; a bare
    standard-library name imported for annotations only resolves to the library's.
    """
    if node.get("refdomain") != "py":
        return None
    target = str(node.get("reftarget", ""))
    module = str(node.get("py:module") or "")
    if not (target.startswith("tipcorpus.") or module.startswith("tipcorpus")):
        return None
    if target in _STDLIB_BARE:
        return _resolve_as(app, env, node, contnode, _STDLIB_BARE[target])
    objects = _tipcorpus_objects(env)
    parts = target.split(".")
    # Try the longest tail first: "StatisticSet.pivot" before "pivot".
    for i in range(len(parts)):
        tail = ".".join(parts[i:])
        if tail == "tipcorpus":
            continue
        preferred = f"tipcorpus.{tail}"
        if preferred in objects and preferred != target:
            return _resolve_as(app, env, node, contnode, preferred)
        candidates = [o for o in objects if o.endswith(f".{tail}") and o != target]
        if len(candidates) == 1:
            return _resolve_as(app, env, node, contnode, candidates[0])
        if candidates:
            return None  # ambiguous: leave it to nitpicky mode to report
    return None


def _check_all_documented(app: Sphinx, env: BuildEnvironment) -> None:
    """Warn about any name of ``tipcorpus.__all__`` that the reference does not document."""
    del app
    documented = {fullname for fullname, *_ in env.get_domain("py").get_objects()}
    for name in tipcorpus.__all__:
        if f"tipcorpus.{name}" not in documented:
            LOG.warning("tipcorpus.%s is public but not documented in reference/api", name)


def setup(app: Sphinx) -> dict[str, object]:
    """Register the generator to run before Sphinx reads any page, and the resolvers."""
    _napoleon_for_callables_only(app)
    app.connect("builder-inited", generate)
    app.connect("missing-reference", _reexported)
    app.connect("env-check-consistency", _check_all_documented)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
