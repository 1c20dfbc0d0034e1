"""tipcorpus: structured, citable statistics from U.S. government reports on trafficking.

Everything public is re-exported here; see ``__all__``.
Names are loaded on first access (:pep:`562`), so ``import tipcorpus`` imports no parsing
code, compiles no pattern and reads no file; ``from tipcorpus import Corpus`` loads only
what a corpus needs.
"""

from __future__ import annotations

import importlib as _importlib
import sys as _sys
import types as _types

from tipcorpus._version import __version__

# ``typing.TYPE_CHECKING`` without importing ``typing``, which costs more than the rest of
# ``import tipcorpus``; type checkers read the name as true.
TYPE_CHECKING = False

if TYPE_CHECKING:
    from tipcorpus.agencies import RegistryError, find_agencies, load_registry, registry
    from tipcorpus.catalogue import CatalogueError, infer_metadata, load_catalogue
    from tipcorpus.corpus import Corpus, LoadError
    from tipcorpus.document import Document
    from tipcorpus.errors import (
        DecodeError,
        DocumentNotFound,
        ExportError,
        FilterError,
        MissingExtra,
        SearchError,
        TipcorpusError,
        TipcorpusWarning,
        UnknownAgency,
        UnknownDocument,
        UnknownMeasure,
        UnknownName,
        UnknownPillar,
        UnknownUnit,
        UnreadableDocument,
    )
    from tipcorpus.evaluation import evaluate, load_gold, rule_report
    from tipcorpus.model import (
        Agency,
        AgencyMention,
        Block,
        BlockKind,
        Decision,
        Kind,
        Period,
        PeriodMention,
        PeriodRole,
        Pillar,
        PillarCue,
        Qualifier,
        Quantity,
        Section,
        Sentence,
        Statistic,
        Why,
    )
    from tipcorpus.normalise import Shadow, normalise
    from tipcorpus.periods import find_periods
    from tipcorpus.pillars import find_pillar_cues
    from tipcorpus.quantities import quantities
    from tipcorpus.structure import Structure, parse_structure, split_sentences
    from tipcorpus.views import AgencyView, PillarView, SearchHit, StatisticSet

__all__ = [
    "Agency",
    "AgencyMention",
    "AgencyView",
    "Block",
    "BlockKind",
    "CatalogueError",
    "Corpus",
    "Decision",
    "DecodeError",
    "Document",
    "DocumentNotFound",
    "ExportError",
    "FilterError",
    "Kind",
    "LoadError",
    "MissingExtra",
    "Period",
    "PeriodMention",
    "PeriodRole",
    "Pillar",
    "PillarCue",
    "PillarView",
    "Qualifier",
    "Quantity",
    "RegistryError",
    "SearchError",
    "SearchHit",
    "Section",
    "Sentence",
    "Shadow",
    "Statistic",
    "StatisticSet",
    "Structure",
    "TipcorpusError",
    "TipcorpusWarning",
    "UnknownAgency",
    "UnknownDocument",
    "UnknownMeasure",
    "UnknownName",
    "UnknownPillar",
    "UnknownUnit",
    "UnreadableDocument",
    "Why",
    "__version__",
    "evaluate",
    "find_agencies",
    "find_periods",
    "find_pillar_cues",
    "infer_metadata",
    "load_catalogue",
    "load_gold",
    "load_registry",
    "normalise",
    "parse_structure",
    "quantities",
    "registry",
    "rule_report",
    "split_sentences",
]

# The submodule each public name is defined in, as the imports above say
# (the doctest of ``__getattr__`` checks that every name of ``__all__`` is here).
_SOURCES: dict[str, str] = {
    **dict.fromkeys(["RegistryError", "find_agencies", "load_registry", "registry"], "agencies"),
    **dict.fromkeys(["CatalogueError", "infer_metadata", "load_catalogue"], "catalogue"),
    **dict.fromkeys(["Corpus", "LoadError"], "corpus"),
    "Document": "document",
    **dict.fromkeys(
        [
            "DecodeError",
            "DocumentNotFound",
            "ExportError",
            "FilterError",
            "MissingExtra",
            "SearchError",
            "TipcorpusError",
            "TipcorpusWarning",
            "UnknownAgency",
            "UnknownDocument",
            "UnknownMeasure",
            "UnknownName",
            "UnknownPillar",
            "UnknownUnit",
            "UnreadableDocument",
        ],
        "errors",
    ),
    **dict.fromkeys(["evaluate", "load_gold", "rule_report"], "evaluation"),
    **dict.fromkeys(
        [
            "Agency",
            "AgencyMention",
            "Block",
            "BlockKind",
            "Decision",
            "Kind",
            "Period",
            "PeriodMention",
            "PeriodRole",
            "Pillar",
            "PillarCue",
            "Qualifier",
            "Quantity",
            "Section",
            "Sentence",
            "Statistic",
            "Why",
        ],
        "model",
    ),
    **dict.fromkeys(["Shadow", "normalise"], "normalise"),
    "find_periods": "periods",
    "find_pillar_cues": "pillars",
    "quantities": "quantities",
    **dict.fromkeys(["Structure", "parse_structure", "split_sentences"], "structure"),
    **dict.fromkeys(["AgencyView", "PillarView", "SearchHit", "StatisticSet"], "views"),
}


# Hidden from type checkers, which read the imports above and so still flag a name
# that does not exist.
if not TYPE_CHECKING:

    def __getattr__(name: str) -> object:
        """Load a public name from its submodule on first access (:pep:`562`).

        Every public name has a submodule, where the name is defined:

        >>> [name for name in __all__ if name != "__version__" and name not in _SOURCES]
        []
        >>> modules = {m: _importlib.import_module(f"tipcorpus.{m}") for m in _SOURCES.values()}
        >>> [name for name, m in _SOURCES.items() if name not in vars(modules[m])]
        []
        """
        source = _SOURCES.get(name)
        if source is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(_importlib.import_module(f"{__name__}.{source}"), name)
        globals()[name] = value  # later accesses are plain attribute reads
        return value


def __dir__() -> list[str]:
    """The module's attributes, public names included before they are loaded."""
    return sorted({*globals(), *__all__})


class _Package(_types.ModuleType):
    """The package's module type: keeps the functions that share a submodule's name.

    ``tipcorpus.quantities`` and ``tipcorpus.normalise`` are functions, re-exported from
    the submodules of the same names.
    When such a submodule is first imported, the import system binds the package's
    attribute to the submodule; with names loaded on first access that may happen after
    the function was bound, so the binding is refused and the function kept.
    """

    def __setattr__(self, name: str, value: object) -> None:
        if isinstance(value, _types.ModuleType) and _SOURCES.get(name) == name:
            return
        super().__setattr__(name, value)


_sys.modules[__name__].__class__ = _Package
