"""tipcorpus: structured, citable statistics from U.S. government reports on trafficking.

Everything public is re-exported here; see ``__all__``.
"""

from tipcorpus._version import __version__
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
    TipcorpusError,
    TipcorpusWarning,
    UnknownAgency,
    UnknownDocument,
    UnknownName,
    UnknownPillar,
)
from tipcorpus.evaluation import evaluate, load_gold
from tipcorpus.model import (
    Agency,
    AgencyMention,
    Block,
    BlockKind,
    Kind,
    Period,
    PeriodMention,
    Pillar,
    PillarCue,
    Qualifier,
    Quantity,
    Section,
    Sentence,
    Statistic,
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
    "Pillar",
    "PillarCue",
    "PillarView",
    "Qualifier",
    "Quantity",
    "RegistryError",
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
    "UnknownName",
    "UnknownPillar",
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
    "split_sentences",
]
