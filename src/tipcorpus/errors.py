"""The exceptions tipcorpus raises.

Every error derives from :class:`TipcorpusError` and also from the built-in
exception that fits it, so that ``except LookupError`` keeps working for code
that does not know about tipcorpus.
Errors carry the data needed to act on them (``.name``, ``.candidates``,
``.path``, ``.offset``) and say what was tried.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

__all__ = [
    "DecodeError",
    "DocumentNotFound",
    "ExportError",
    "FilterError",
    "MissingExtra",
    "TipcorpusError",
    "TipcorpusWarning",
    "UnknownAgency",
    "UnknownDocument",
    "UnknownName",
    "UnknownPillar",
]


class TipcorpusError(Exception):
    """Root of every error raised by tipcorpus."""


class TipcorpusWarning(UserWarning):
    """Something was read in a way the user may not expect (a fallback encoding, an empty file)."""


def _did_you_mean(candidates: Sequence[str]) -> str:
    if not candidates:
        return ""
    quoted = ", ".join(repr(c) for c in candidates)
    return f" — did you mean {quoted}?"


class UnknownName(TipcorpusError, LookupError):
    """A name (agency, pillar, kind, document, filter) that tipcorpus does not know.

    Attributes:
        name: the name as given.
        candidates: the closest valid names, best first.
        what: what kind of name it was (``"agency"``, ``"pillar"`` ...).

    """

    what = "name"

    def __init__(
        self,
        name: str,
        candidates: Sequence[str] = (),
        *,
        choices: Sequence[str] = (),
        described: Sequence[str] | None = None,
    ) -> None:
        self.name = name
        self.candidates = tuple(candidates)
        self.choices = tuple(choices)
        hint = _did_you_mean(described if described is not None else self.candidates)
        if not hint and self.choices:
            hint = f"; valid choices: {', '.join(self.choices)}"
        super().__init__(f"unknown {self.what} {name!r}{hint}")

    def __str__(self) -> str:
        return str(self.args[0])


class UnknownAgency(UnknownName):
    """An agency id, name or alias that is not in the registry."""

    what = "agency"


class UnknownPillar(UnknownName):
    """A pillar name other than prosecution, protection, prevention, partnership."""

    what = "pillar"


class UnknownDocument(UnknownName):
    """A document id that is not in the corpus."""

    what = "document"


class FilterError(UnknownName, ValueError):
    """A query filter that does not exist, or a value it cannot take."""

    what = "filter"


class DocumentNotFound(TipcorpusError, FileNotFoundError):
    """A path that does not exist or holds no readable documents.

    Attributes:
        path: the path as given.

    """

    def __init__(self, path: str | Path, reason: str = "no such file or directory") -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


class DecodeError(TipcorpusError, ValueError):
    """A file whose bytes cannot be decoded as text.

    Attributes:
        path: the file, or None for bytes given directly.
        offset: the byte offset of the first byte that could not be decoded.
        encoding: the encoding that was tried.

    """

    def __init__(self, path: str | Path | None, offset: int, encoding: str, reason: str) -> None:
        self.path = Path(path) if path is not None else None
        self.offset = offset
        self.encoding = encoding
        self.reason = reason
        where = str(self.path) if self.path is not None else "<bytes>"
        super().__init__(
            f"{where}: cannot decode as {encoding} at byte offset {offset}: {reason}; "
            "pass encoding= (e.g. 'cp1252') or errors='replace' to read it anyway"
        )

    def __str__(self) -> str:
        return str(self.args[0])


class MissingExtra(TipcorpusError, ImportError):
    """An optional feature whose extra dependencies are not installed.

    Attributes:
        extra: the name of the extra to install (``pip install 'tipcorpus[extra]'``).

    """

    def __init__(self, feature: str, extra: str, module: str) -> None:
        self.feature = feature
        self.extra = extra
        self.module = module
        super().__init__(
            f"{feature} needs the optional package {module!r}: pip install 'tipcorpus[{extra}]'"
        )


class ExportError(TipcorpusError, OSError):
    """An export that cannot be written (e.g. the file exists and overwrite=False)."""
