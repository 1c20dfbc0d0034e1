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
    "FilterValueError",
    "MissingExtra",
    "TipcorpusError",
    "TipcorpusWarning",
    "UnknownAgency",
    "UnknownDocument",
    "UnknownMeasure",
    "UnknownName",
    "UnknownPillar",
    "UnknownUnit",
    "close_matches",
]


class TipcorpusError(Exception):
    """Root of every error raised by tipcorpus.

    >>> from tipcorpus import Corpus
    >>> try:
    ...     Corpus.default().pillar("protect")
    ... except TipcorpusError as e:
    ...     print(type(e).__name__)
    UnknownPillar
    """


class TipcorpusWarning(UserWarning):
    r"""Something was read in a way the user may not expect (a fallback encoding, an empty file).

    >>> import tempfile, warnings
    >>> from tipcorpus import Corpus
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     _ = Path(folder, "memo.txt").write_bytes(b"Caf\xe9 workers")
    ...     with warnings.catch_warnings(record=True) as caught:
    ...         warnings.simplefilter("always")
    ...         text = Corpus.from_path(folder)["memo"].text
    ...     print(str(caught[0].message).replace(folder, "<folder>"))
    <folder>/memo.txt: not valid UTF-8 from byte offset 3; decoded as cp1252
    >>> text, caught[0].category is TipcorpusWarning
    ('Café workers', True)
    """


def close_matches(word: str, choices: Sequence[str], n: int = 3, cutoff: float = 0.6) -> list[str]:
    """The choices closest to ``word``, best first, for an error's suggestions.

    >>> close_matches("protecton", ["prosecution", "protection", "prevention"])
    ['protection', 'prosecution', 'prevention']
    """
    import difflib  # noqa: PLC0415  (only an error needs it)

    return difflib.get_close_matches(word, choices, n=n, cutoff=cutoff)


def _did_you_mean(candidates: Sequence[str]) -> str:
    if not candidates:
        return ""
    quoted = ", ".join(repr(c) for c in candidates)
    return f" — did you mean {quoted}?"


class UnknownName(TipcorpusError, LookupError):
    """A name (agency, pillar, kind, document, filter) that tipcorpus does not know.

    It is also a :class:`LookupError`.

    >>> from tipcorpus import Corpus
    >>> try:
    ...     Corpus.default().statistics(pillar="protect")
    ... except LookupError as e:
    ...     print(e.name, e.candidates)
    protect ('protection', 'prosecution')

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
    """An agency id, name or alias that is not in the registry.

    >>> from tipcorpus import registry
    >>> try:
    ...     registry().lookup("Departmnt of Labor")
    ... except UnknownAgency as e:
    ...     print(e)  # doctest: +NORMALIZE_WHITESPACE
    ...     print(e.candidates)
    unknown agency 'Departmnt of Labor' — did you mean 'DOL' (Department of Labor),
    'DOS' (Department of State), 'DOC' (Department of Commerce)?
    ('DOL', 'DOS', 'DOC')
    """

    what = "agency"


class UnknownPillar(UnknownName):
    """A pillar name other than prosecution, protection, prevention, partnership.

    >>> from tipcorpus import Corpus
    >>> try:
    ...     Corpus.default().pillar("prosecutoin")
    ... except UnknownPillar as e:
    ...     print(e)
    unknown pillar 'prosecutoin' — did you mean 'prosecution', 'protection'?
    """

    what = "pillar"


class UnknownDocument(UnknownName):
    """A document id that is not in the corpus.

    >>> from tipcorpus import Corpus
    >>> corpus = Corpus.from_texts({"memo": "HHS certified 1,248 victims."})
    >>> try:
    ...     corpus["mem"]
    ... except UnknownDocument as e:
    ...     print(e)
    unknown document 'mem' — did you mean 'memo'?
    """

    what = "document"


class UnknownMeasure(UnknownName, ValueError):
    """A measure or concept that no figure of the corpus reports.

    >>> from tipcorpus import Corpus
    >>> try:
    ...     Corpus.default().series("t-vissas")
    ... except UnknownMeasure as e:
    ...     print(e.candidates[0])
    t-visas
    """

    what = "measure"


class UnknownUnit(UnknownName, ValueError):
    """A unit that no figure of the corpus counts.

    >>> from tipcorpus import Corpus
    >>> try:
    ...     Corpus.default().statistics(unit="zebras")
    ... except UnknownUnit as e:
    ...     print(e.name, e.candidates)
    zebras ()
    """

    what = "unit"


class FilterError(UnknownName, ValueError):
    """A query filter that does not exist, or a value it cannot take.

    It is also a :class:`ValueError`.

    >>> from tipcorpus import Corpus
    >>> corpus = Corpus.from_texts({"memo": "HHS certified 1,248 victims."})
    >>> try:
    ...     corpus.statistics(agnecy="HHS")
    ... except FilterError as e:
    ...     print(e)
    unknown filter 'agnecy' — did you mean 'agency'?
    >>> try:
    ...     corpus.statistics(kind="cash")
    ... except FilterError as e:
    ...     print(e)
    unknown kind 'cash'; valid choices: count, money, percent, multiplier
    >>> try:
    ...     corpus.statistics(min_value=float("nan"))
    ... except FilterError as e:
    ...     print(e)
    filter 'min_value' cannot be nan; give a finite number, e.g. 1000
    """

    what = "filter"

    @classmethod
    def bad_value(cls, name: str, value: object, expected: str) -> FilterError:
        """The error of a known filter given a value it cannot take."""
        error = cls(name, choices=(expected,))
        error.args = (f"filter {name!r} cannot be {value}; give {expected}",)
        return error


class DocumentNotFound(TipcorpusError, FileNotFoundError):
    """A path that does not exist or holds no readable documents.

    It is also a :class:`FileNotFoundError`.

    >>> from tipcorpus import Corpus
    >>> try:
    ...     Corpus.from_path("no/such/folder")
    ... except DocumentNotFound as e:
    ...     print(e)
    no/such/folder: no such file or directory

    Attributes:
        path: the path as given.

    """

    def __init__(self, path: str | Path, reason: str = "no such file or directory") -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


class UnreadableDocument(TipcorpusError, OSError):
    """A document file that exists but cannot be read (no permission, an I/O error).

    It is also an :class:`OSError`; ``Corpus.from_path(on_error="skip")`` leaves such
    a file out like any other bad file.

    Attributes:
        path: the file.
        reason: what went wrong.

    """

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


class DecodeError(TipcorpusError, ValueError):
    r"""A file whose bytes cannot be decoded as text.

    It is also a :class:`ValueError`.

    >>> import tempfile
    >>> from tipcorpus import Corpus
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     _ = Path(folder, "memo.txt").write_bytes(b"Caf\x81\x8d")
    ...     try:
    ...         Corpus.from_path(folder)["memo"].text
    ...     except DecodeError as e:
    ...         print(str(e).replace(folder, "<folder>"))  # doctest: +NORMALIZE_WHITESPACE
    ...         print(e.offset, e.encoding)
    <folder>/memo.txt: cannot decode as utf-8 or cp1252 at byte offset 3: not UTF-8 from
    byte 3, and byte 3 is undefined in cp1252; pass encoding= (e.g. 'cp1252') or
    errors='replace' to read it anyway
    3 utf-8 or cp1252

    Attributes:
        path: the file, or None for bytes given directly.
        offset: the byte offset of the first byte that could not be decoded (for a
            string given directly, ``encoding="str"``, the character offset).
        encoding: the encoding that was tried, or ``"str"`` for a string given directly.

    """

    def __init__(self, path: str | Path | None, offset: int, encoding: str, reason: str) -> None:
        self.path = Path(path) if path is not None else None
        self.offset = offset
        self.encoding = encoding
        self.reason = reason
        where = str(self.path) if self.path is not None else "<bytes>"
        if encoding == "str":
            # Text given as a string: nothing was decoded here, the string is refused.
            super().__init__(f"{reason}; decode its bytes with errors='replace' instead")
            return
        hint = (
            "check that the file is complete and opens in its own application"
            if encoding in ("pdf", "docx")
            else "pass encoding= (e.g. 'cp1252') or errors='replace' to read it anyway"
        )
        super().__init__(
            f"{where}: cannot decode as {encoding} at byte offset {offset}: {reason}; {hint}"
        )

    def __str__(self) -> str:
        return str(self.args[0])


class MissingExtra(TipcorpusError, ImportError):
    """An optional feature whose extra dependencies are not installed.

    It is also an :class:`ImportError`.

    >>> error = MissingExtra("to_pandas()", "pandas", "pandas")
    >>> print(error)
    to_pandas() needs the optional package 'pandas': pip install 'tipcorpus[pandas]'
    >>> error.extra
    'pandas'

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
    """An export that cannot be written (e.g. the file exists and overwrite=False).

    It is also an :class:`OSError`.

    >>> import tempfile
    >>> from tipcorpus import Corpus
    >>> statistics = Corpus.from_texts({"memo": "HHS certified 1,248 victims."}).statistics()
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     statistics.to_csv(Path(folder, "stats.csv"))
    ...     try:
    ...         statistics.to_csv(Path(folder, "stats.csv"))
    ...     except ExportError as e:
    ...         print(str(e).replace(folder, "<folder>"))
    <folder>/stats.csv exists; pass overwrite=True to replace it
    """


class FilterValueError(FilterError):
    """A known filter given a value it cannot take.

    >>> from tipcorpus import Corpus
    >>> try:
    ...     Corpus.default().statistics(year=[2007, 2008])
    ... except FilterValueError as e:
    ...     print(e)
    year=[2007, 2008] takes one year; for several, use years=[2007, 2008]

    Attributes:
        name: the filter.
        value: the value given.

    """

    def __init__(self, name: str, value: object, hint: str) -> None:
        self.value = value
        super().__init__(name)
        self.args = (f"{name}={value!r} {hint}",)


class SearchError(TipcorpusError, ValueError):
    """A search pattern that is not a valid regular expression, too costly, or too slow.

    It is also a :class:`ValueError`.

    >>> from tipcorpus import Corpus
    >>> corpus = Corpus.from_texts({"memo": "HHS certified 1,248 victims."})
    >>> try:
    ...     corpus.search("(", regex=True)
    ... except SearchError as e:
    ...     print(e)
    '(' is not a valid regular expression: missing ) at position 1

    Attributes:
        pattern: the pattern as given.

    """

    def __init__(self, pattern: str, reason: str) -> None:
        self.pattern = pattern
        self.reason = reason
        shown = pattern if len(pattern) <= 60 else pattern[:57] + "..."
        super().__init__(f"{shown!r} {reason}")

    def __str__(self) -> str:
        return str(self.args[0])
