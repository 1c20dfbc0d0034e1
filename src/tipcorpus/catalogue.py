"""Document metadata: the catalogue file that describes a corpus, and inference from text.

A corpus directory may hold a ``catalogue.toml`` with one ``[[document]]`` table per file::

    [[document]]
    id = "tip-report-2005-usg"                 # required: the document's id in the corpus
    file = "001_fa007f40e48fb4bf.txt"          # required: the file, relative to the catalogue
    title = "Trafficking in Persons Report 2005, VII. United States Government Efforts"
    issuer = "U.S. Department of State"        # optional
    published = 2005-06-03                     # optional: a TOML date, "YYYY-MM-DD" or "YYYY-MM"
    year = 2005                                # optional: the reference year
    kind = "report section"                    # optional, default "report"
    source = "Trafficking in Persons Report, June 2005, section VII"   # optional

A ``published`` month without a day (``"2009-06"``) is read as the first of the month.
Documents that no catalogue describes get their metadata from :func:`infer_metadata`,
which reads the opening lines the way a person would: the title from the first heading,
the issuer from the letterhead, the date from a date line or "Released ..." phrase.
The issuer names, kind words and title boilerplate it looks for are in
``data/metadata.toml``.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from pathlib import Path, PurePosixPath, PureWindowsPath

import regex
from attrs import frozen

from tipcorpus.errors import DocumentNotFound, TipcorpusError
from tipcorpus.model import Span
from tipcorpus.reading import inside

__all__ = [
    "CatalogueEntry",
    "CatalogueError",
    "CatalogueProblem",
    "Metadata",
    "bundled_seeds_dir",
    "find_dateline",
    "infer_metadata",
    "load_catalogue",
]

#: The name of the catalogue file in a corpus directory.
CATALOGUE_NAME = "catalogue.toml"

#: How many lines from the top :func:`infer_metadata` reads for the issuer and the date.
_HEAD_LINES = 40

#: The longest line that can be a title or a letterhead line.
_SHORT_LINE = 160

#: The earliest year taken as a reference year: U.S. anti-trafficking reporting is later.
_FIRST_YEAR = 1990

#: How far around a year to look for the ends of its sentence.
_SENTENCE_WINDOW = 600


@frozen
class CatalogueEntry:
    """One ``[[document]]`` table of a catalogue.

    Attributes:
        id: the document's id in the corpus.
        file: the file name, relative to the catalogue's directory.
        title: the document's title.
        issuer: who issued it, or None.
        published: the date of publication (the 1st for a month-only date), or None.
        year: the reference year, or None when the catalogue does not give one.
        kind: ``report``, ``report section``, ``fact sheet`` ...
        source: where the document comes from, in a sentence, or None.

    """

    id: str
    file: str
    title: str
    issuer: str | None = None
    published: dt.date | None = None
    year: int | None = None
    kind: str = "report"
    source: str | None = None


@frozen
class Metadata:
    """What :func:`infer_metadata` could tell about a document from its text.

    Attributes:
        title: the title, or ``""`` when no line looks like one.
        issuer: who issued it, or None.
        published: the date of publication, or None.
        year: the reference year ("currently" and "since ..." resolve to it), or None.
        kind: ``report``, ``fact sheet``, ``press release``, ``assessment`` or
            ``country report``.

    """

    title: str
    issuer: str | None
    published: dt.date | None
    year: int | None
    kind: str


@frozen
class CatalogueProblem:
    """One thing wrong with a catalogue.

    Attributes:
        index: the 0-based position of the ``[[document]]`` table, or None for the file.
        key: the key concerned, or None.
        message: what is wrong.

    """

    index: int | None
    key: str | None
    message: str

    def __str__(self) -> str:
        """Say where the problem is and what it is."""
        where = "catalogue" if self.index is None else f"document[{self.index}]"
        if self.key is not None:
            where += f".{self.key}"
        return f"{where}: {self.message}"


class CatalogueError(TipcorpusError, ValueError):
    r"""A catalogue file that cannot be used, with every problem found in it.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder, "catalogue.toml")
    ...     _ = Path(folder, "memo.txt").write_text("HHS certified 1,248 victims.")
    ...     _ = path.write_text('[[document]]\nid = "memo"\nfile = "memo.txt"\nyear = "2008"\n')
    ...     try:
    ...         load_catalogue(path)
    ...     except CatalogueError as e:
    ...         print(str(e).replace(folder, "<folder>"))
    <folder>/catalogue.toml: 2 problems:
      document[0].title: missing required key
      document[0].year: must be an integer year, not '2008'

    Attributes:
        path: the catalogue file.
        problems: every problem found, in file order.

    """

    def __init__(self, path: str | Path, problems: tuple[CatalogueProblem, ...]) -> None:
        """Record the catalogue's path and problems, and list them in the message."""
        self.path = Path(path)
        self.problems = problems
        listed = "\n".join(f"  {problem}" for problem in problems)
        count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
        super().__init__(f"{self.path}: {count}:\n{listed}")

    def __str__(self) -> str:
        """List the problems, one a line."""
        return str(self.args[0])


_REQUIRED = ("id", "file", "title")
_OPTIONAL_STR = ("issuer", "kind", "source")
_KEYS = (*_REQUIRED, *_OPTIONAL_STR, "published", "year")


def load_catalogue(path: str | Path, *, follow_symlinks: bool = False) -> list[CatalogueEntry]:
    """Read and check a ``catalogue.toml``.

    Every problem in the file is collected before anything is raised, so that one run
    shows all that needs fixing: missing or unknown keys, values of the wrong type,
    dates that are not dates, duplicate ids or files, and files that do not exist
    next to the catalogue.

    >>> from tipcorpus import Corpus
    >>> seeds = Corpus.default()["achievements-2001-2008"].path.parent
    >>> entry = load_catalogue(seeds / "catalogue.toml")[0]
    >>> entry.id, entry.file, entry.year
    ('achievements-2001-2008', '000_ae504a734c292dc7.txt', 2008)

    A file is checked with its symbolic links resolved: one that leads outside the
    catalogue's folder is a problem unless ``follow_symlinks`` is True, and two entries
    naming one file (``doc.txt`` and ``./doc.txt``) are duplicates.

    Args:
        path: the catalogue file.
        follow_symlinks: accept files reached through links that leave the folder.

    Returns:
        The entries, in file order.

    Raises:
        DocumentNotFound: the file does not exist.
        CatalogueError: the file is not valid TOML or has problems (``.problems``
            lists them all).

    """
    import tomllib  # noqa: PLC0415  (read on use, never at import)

    path = Path(path)
    if not path.is_file():
        raise DocumentNotFound(path, "no such catalogue file")
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        problem = CatalogueProblem(None, None, f"not valid TOML: {error}")
        raise CatalogueError(path, (problem,)) from error
    except RecursionError:
        problem = CatalogueProblem(None, None, "not valid TOML: tables or arrays nested too deeply")
        raise CatalogueError(path, (problem,)) from None
    except OSError as error:
        problem = CatalogueProblem(None, None, f"cannot be read: {error.strerror or error}")
        raise CatalogueError(path, (problem,)) from None
    problems: list[CatalogueProblem] = [
        CatalogueProblem(None, key, "unknown top-level key; only [[document]] tables are allowed")
        for key in raw
        if key != "document"
    ]
    tables = raw.get("document", [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        problems.append(CatalogueProblem(None, "document", "must be [[document]] tables"))
        raise CatalogueError(path, tuple(problems))
    entries: list[CatalogueEntry] = []
    for index, table in enumerate(tables):
        entry = _entry(index, table, path.parent, problems, follow_symlinks)
        if entry is not None:
            entries.append(entry)
    for key in ("id", "file"):
        first: dict[str, int] = {}
        for index, table in enumerate(tables):
            value = table.get(key)
            if not isinstance(value, str):
                continue
            if key == "file":
                # One file however it is written: doc.txt, ./doc.txt, sub/../doc.txt.
                value = str((path.parent / value).resolve(strict=False))
            if value in first:
                problems.append(
                    CatalogueProblem(
                        index,
                        key,
                        f"duplicate {key} {table[key]!r} (also document[{first[value]}])",
                    )
                )
            else:
                first[value] = index
    if problems:
        problems.sort(key=lambda p: -1 if p.index is None else p.index)
        raise CatalogueError(path, tuple(problems))
    return entries


def _entry(
    index: int,
    table: Mapping[str, object],
    folder: Path,
    problems: list[CatalogueProblem],
    follow_symlinks: bool = False,
) -> CatalogueEntry | None:
    """One catalogue entry, or None after adding its problems to ``problems``."""
    found: list[CatalogueProblem] = []
    for key in table:
        if key not in _KEYS:
            found.append(
                CatalogueProblem(index, key, f"unknown key; valid keys: {', '.join(_KEYS)}")
            )
    for key in _REQUIRED:
        if key not in table:
            found.append(CatalogueProblem(index, key, "missing required key"))
    strings: dict[str, str | None] = {}
    for key in (*_REQUIRED, *_OPTIONAL_STR):
        value = table.get(key)
        if value is not None and (not isinstance(value, str) or not value.strip()):
            found.append(CatalogueProblem(index, key, f"must be a non-empty string, not {value!r}"))
        strings[key] = value if isinstance(value, str) and value.strip() else None
    file = strings["file"]
    if file is not None:
        if PurePosixPath(file).is_absolute() or PureWindowsPath(file).is_absolute():
            found.append(CatalogueProblem(index, "file", f"must be relative, not {file!r}"))
        elif ".." in PurePosixPath(file).parts:
            found.append(CatalogueProblem(index, "file", f"must not leave the folder: {file!r}"))
        elif not (folder / file).is_file():
            found.append(CatalogueProblem(index, "file", f"no file {file!r} in {folder}"))
        elif not follow_symlinks and not inside(folder / file, folder):
            found.append(
                CatalogueProblem(
                    index,
                    "file",
                    f"{file!r} is a symbolic link (or in a linked folder) that leads outside "
                    f"{folder}, to {(folder / file).resolve()}; pass follow_symlinks=True "
                    "to read it",
                )
            )
    published = _catalogue_date(table.get("published"))
    if isinstance(published, str):
        found.append(CatalogueProblem(index, "published", published))
        published = None
    year = table.get("year")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        found.append(CatalogueProblem(index, "year", f"must be an integer year, not {year!r}"))
        year = None
    elif isinstance(year, int) and not 1800 <= year <= 2200:
        found.append(CatalogueProblem(index, "year", f"{year} is not a plausible year"))
    problems.extend(found)
    if found:
        return None
    doc_id, title = strings["id"], strings["title"]
    if doc_id is None or file is None or title is None:  # reported above as missing
        return None
    return CatalogueEntry(
        id=doc_id,
        file=file,
        title=title,
        issuer=strings["issuer"],
        published=published,
        year=year if isinstance(year, int) else None,
        kind=strings["kind"] or "report",
        source=strings["source"],
    )


def _catalogue_date(value: object) -> dt.date | str | None:
    """Return the date a ``published`` value gives, or a message saying why it is not one."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        match = regex.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", value.strip())
        if match is not None:
            try:
                return dt.date(int(match[1]), int(match[2]), int(match[3] or 1))
            except ValueError as error:
                return f"{value!r} is not a date: {error}"
    return f"must be a date (2005-06-03, or a string 'YYYY-MM-DD' or 'YYYY-MM'), not {value!r}"


def bundled_seeds_dir() -> Path:
    """Return the folder of the bundled corpus: five reports and their ``catalogue.toml``.

    An installed package carries them as ``tipcorpus/seeds``; a source checkout has
    them in ``seeds/`` at the top of the repository.

    Returns:
        The folder.

    Raises:
        DocumentNotFound: neither place has them.

    """
    tried: list[str] = []
    # The package's own folder, as importlib.resources.files("tipcorpus") gives it for an
    # installed package, without importing importlib.resources (and tempfile, zipfile).
    packaged = Path(__file__).parent / "seeds"
    if (packaged / CATALOGUE_NAME).is_file():
        return packaged
    tried.append(str(packaged))
    checkout = Path(__file__).resolve().parents[2] / "seeds"
    if (checkout / CATALOGUE_NAME).is_file():
        return checkout
    tried.append(str(checkout))
    raise DocumentNotFound(
        tried[0], f"the bundled corpus is missing (looked in {' and '.join(tried)})"
    )


# --- Inference ------------------------------------------------------------------------


@frozen
class _Issuer:
    name: str
    parent: str | None
    pattern: regex.Pattern[str]
    short: tuple[str, ...] = ()

    @property
    def short_upper(self) -> frozenset[str]:
        """The acronyms, in capitals."""
        return frozenset(a.upper() for a in self.short)


@frozen
class _Kind:
    name: str
    pattern: regex.Pattern[str]
    self_pattern: regex.Pattern[str] | None


@frozen
class _Tables:
    issuers: tuple[_Issuer, ...]
    kinds: tuple[_Kind, ...]
    boilerplate: regex.Pattern[str]
    acronyms: Mapping[str, str]
    minor_words: frozenset[str]
    authors: regex.Pattern[str]


def _union(patterns: list[str]) -> regex.Pattern[str]:
    return regex.compile("|".join(f"(?:{p})" for p in patterns), regex.IGNORECASE)


@functools.cache
def _tables() -> _Tables:
    """Load and compile the reference data of ``data/metadata.toml``, once."""
    import tomllib  # noqa: PLC0415  (read on first use, never at import)
    from importlib import resources  # noqa: PLC0415

    text = resources.files("tipcorpus").joinpath("data/metadata.toml").read_text("utf-8")
    raw = tomllib.loads(text)
    issuers = tuple(
        _Issuer(
            item["name"],
            item.get("parent"),
            _union(item["patterns"]),
            tuple(item.get("short", ())),
        )
        for item in raw["issuer"]
    )
    kinds = tuple(
        _Kind(
            item["name"],
            _union(item["patterns"]),
            _union(item["self"]) if item.get("self") else None,
        )
        for item in raw["kind"]
    )
    title = raw["title"]
    return _Tables(
        issuers=issuers,
        kinds=kinds,
        boilerplate=_union(title["boilerplate"]),
        acronyms={a.upper(): a for a in title["acronyms"]},
        minor_words=frozenset(title["minor_words"]),
        authors=_author_pattern(issuers),
    )


def _author_pattern(issuers: tuple[_Issuer, ...]) -> regex.Pattern[str]:
    """Match a document naming its author by acronym: ``This report describes BJS's ...``.

    The sentence must be about the document itself ("this report", "this fact sheet")
    and say what it does (describes, presents, summarizes ...) with the author's work:
    ``BJS's activities``, ``the work of OVC``. Group ``short`` is the acronym.
    """
    names = sorted({a for issuer in issuers for a in issuer.short}, key=len, reverse=True)
    if not names:
        return regex.compile(r"(?!)")
    alternatives = "|".join(regex.escape(a) for a in names)
    return regex.compile(
        rf"""
        \b(?i:this|the\x20present)\s+
        (?i:report|fact\s*sheet|brief|bulletin|summary|publication|document|page)\s+
        (?i:describes|presents|summari[sz]es|highlights|details|documents|reviews
           |outlines|reports\s+on|provides\s+(?:an\s+)?(?:overview|information)\s+(?:of|on))\s+
        (?:(?i:the)\s+(?:\w+\s+){{0,3}}?(?i:of|by)\s+)?     # "the work of", "the efforts by"
        (?P<short>{alternatives})(?:['’]s)?\b                  # "BJS's", "OVC"
        """,
        regex.VERBOSE,
    )


_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip


@functools.cache
def _date_pattern() -> str:
    """Return a verbose regex for a calendar date as the genre writes it."""
    months = r"""(?:January|February|March|April|May|June|July|August|September|October
        |November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"""
    pattern = r"""
        (?<![\w/-])                                # not inside a word or number
        (?i:                                        # month names in any case: "JUNE 2009"
            (?P<month>{months})                     # a month, in full or abbreviated
            (?:\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?)?  # optional day: "June 3"
            ,?\s+
            (?P<year>(?:19|20)\d\d)                 # the year: "June 3, 2005", "JUNE 2009"
        |
            (?P<day2>\d{1,2})\s+                    # British order: "3 June 2005"
            (?P<month2>{months})
            \s+(?P<year2>(?:19|20)\d\d)
        |
            (?P<iso_y>(?:19|20)\d\d)-(?P<iso_m>\d\d)-(?P<iso_d>\d\d)   # ISO: 2005-06-03
        |
            (?P<us_m>\d{1,2})/(?P<us_d>\d{1,2})/(?P<us_y>(?:19|20)\d\d)  # U.S.: 6/3/2005
        )
        (?![\d/-])                                  # not the start of a longer number
    """
    return pattern.replace("{months}", months)


@functools.cache
def _publication_patterns() -> tuple[regex.Pattern[str], ...]:
    """Where a publication date stands.

    * alone on a line, maybe after a label, a place or a weekday: ``June 5, 2012``,
      ``Publication Date: May 5, 2010``, ``Posted on March 3, 2009``, ``Washington, DC,
      March 1, 2012``, ``Tuesday, June 5, 2012``, ``FOR IMMEDIATE RELEASE  June 5, 2012``;
    * after the verb of publication anywhere in a line: ``Released June 2009``,
      ``Updated August 1, 2001``, ``Posted by the Office of Public Affairs on June 3,
      2014``, and after a ``Date:`` label that opens a line (``Date: 05/05/2010
      Description: ...``), not ``Start Date:``;
    * in a news release's dateline: ``WASHINGTON, March 3, 2009 —``.
    """
    date = _date_pattern()
    flags = regex.VERBOSE | regex.IGNORECASE | regex.MULTILINE
    date_line = regex.compile(
        rf"""
        ^[\x20\t]*[#*_>]*[\x20\t]*                  # line start, markdown markup
        (?:(?:released|issued|dated|published|updated|last\x20updated|revised|posted(?:\x20on)?
           |(?:publication|release)\x20date|date|for\x20immediate\x20release)
           \s*:?\s*)?                                 # a label
        (?:[A-Z][\w.'-]*(?:\x20[A-Z][\w.'-]*)*,\x20*(?:[A-Z][\w.]*,\x20*)?)?  # "Vienna, "
        (?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?  # a weekday: "Tuesday, ..."
        (?P<date>{date})
        [*_\x20\t]*$                                # nothing else on the line
        """,
        flags,
    )
    labelled = regex.compile(
        rf"""
        (?:
            \b(?:released|issued|dated|published|updated|revised|posted)  # the verb
            (?:\x20by\x20[^\n]{{1,80}}?)?            # "Posted by the Office of ..."
            (?:\s+(?:on|in))?\s*:?\s*               # "released in", "dated:"
        |
            ^[\x20\t]*[#*_>]*[\x20\t]*               # a label that opens a line:
            (?:(?:publication|release)\s+)?date\s*:\s*   # "Date:", "Publication Date:"
        )
        (?P<date>{date})
        """,
        flags,
    )
    return (date_line, labelled, _dateline())


@functools.cache
def _dateline() -> regex.Pattern[str]:
    """Match the opening of a news story: ``WASHINGTON —``, ``HOUSTON, Texas (May 2, 2013) -``.

    The place is in capitals, or, as news services write it, capitalized ("Washington
    - The administration ..."), and then the line must go on as a sentence. A
    converter that lost the dash leaves a question mark: ``WASHINGTON, D.C. ? The``.
    """
    return regex.compile(
        rf"""
        ^[\x20\t]*[#*_>]*[\x20\t]*
        (?:
            [A-Z][A-Z.'\x20-]{{2,}}                # the place, in capitals: "WASHINGTON"
            (?:,\x20*[A-Z][A-Za-z.]+(?:\x20[A-Z][A-Za-z.]+)?)?  # a state: ", Va."
            (?:\x20*[,(]?\x20*(?P<date>{_date_pattern()})\x20*\)?)?  # a date, maybe in ()
            \x20*[—–?-]\x20                        # the dash that opens the story
        |
            [A-Z][a-z]+(?:\x20[A-Z][a-z]+)?        # a capitalized place: "Washington"
            (?:,\x20*[A-Z][A-Za-z.]+(?:\x20[A-Z][A-Za-z.]+)?)?  # a state
            \x20+(?:[—–-]|--)\x20+                   # the dash, spaced
            (?=[A-Z"“][^\n]{{60}})                   # and a sentence after it
        )
        """,
        regex.VERBOSE | regex.MULTILINE,
    )


def find_dateline(text: str) -> Span | None:
    r"""Where a news release's dateline is: ``WASHINGTON, June 27, 2017 —``, or None.

    Only the opening of the text (its first 60 lines) is looked at; the story starts
    where the span ends.

    >>> text = "HHS NEWS\n\nWASHINGTON -- HHS today announced 286 letters."
    >>> start, end = find_dateline(text)
    >>> text[start:end]
    'WASHINGTON -- '
    """
    cut = 0
    for _ in range(_DATELINE_LINES):
        cut = text.find("\n", cut + 1)
        if cut < 0:
            cut = len(text)
            break
    found = _dateline().search(text, 0, cut)
    return found.span() if found is not None else None


_DATELINE_LINES = 60


def _to_date(match: regex.Match[str]) -> dt.date | None:
    """Return the date a match of :func:`_date_pattern` denotes (the 1st when no day)."""
    groups = match.groupdict()
    try:
        if groups["iso_y"]:
            return dt.date(int(groups["iso_y"]), int(groups["iso_m"]), int(groups["iso_d"]))
        if groups["us_y"]:
            return dt.date(int(groups["us_y"]), int(groups["us_m"]), int(groups["us_d"]))
        month_name = groups["month"] or groups["month2"]
        year = groups["year"] or groups["year2"]
        day = groups["day"] or groups["day2"] or "1"
        month = _MONTHS[month_name[:3].lower()]
        return dt.date(int(year), month, int(day))
    except (KeyError, ValueError):
        return None


@functools.cache
def _year_patterns() -> tuple[regex.Pattern[str], regex.Pattern[str], regex.Pattern[str]]:
    """Year ranges, single years, and the words that put a year in the future."""
    year_range = regex.compile(
        r"""
        (?<![\d$])
        (?:FY\s*|fiscal\s+years?\s+)?               # "FY 2001-2007", "Fiscal Years 2001-2007"
        (?P<start>(?:19|20)\d\d)
        \s*(?:-|–|—|to|through)\s*                  # "2001-2008", "2001 to 2008"
        (?:FY\s*)?
        (?P<end>(?:19|20)\d\d|\d\d)                 # "2008", or "08" in "2001-08"
        (?![\d%])
        """,
        regex.VERBOSE | regex.IGNORECASE,
    )
    year = regex.compile(
        r"""
        (?<![\d$.,/-])                              # not inside a number, sum or identifier
        (?<!\bAct\s+of\s)                           # "Act of 2000" names a law, not a time
        (?P<year>(?:19|20)\d\d)
        (?![\d%]|,\d|\s*percent)                    # not "2000 percent", not "2,000"
        """,
        regex.VERBOSE | regex.IGNORECASE,
    )
    future = regex.compile(
        r"""
        \bwill\b | \bshall\b                        # "will launch in January"
        | \bplan(?:s|ning)?\s+to\b                  # "BJA plans to add"
        | \b(?:is|are)\s+planning\b                 # "the Government is planning"
        | \bintends?\s+to\b
        | \bexpect(?:s|ed)?\s+to\b
        | \banticipat\w*
        | \bscheduled\b | \bupcoming\b | \bforthcoming\b
        | \bbeginning\s+in\b                        # "eligible beginning in 2005"
        """,
        regex.VERBOSE | regex.IGNORECASE,
    )
    return year_range, year, future


def infer_metadata(text: str) -> Metadata:
    r"""Guess a document's title, issuer, date, reference year and kind from its text.

    * title: the first heading (a markdown ``#`` line, else the first short line) that
      is not boilerplate (``ENGLISH only``, ``FOR IMMEDIATE RELEASE``), the issuer's
      letterhead or a date; a line holding only years just below it (``2001-2008``,
      ``Fiscal Year 2012``) is added to it; markup and a trailing ``Released June 2009``
      are removed, and an all-capitals title is put in title case.
    * issuer: the first issuer named in the letterhead (the short lines before the
      first paragraph, including a line that is just an issuer's acronym, ``OJP``);
      a letterhead naming a department and then, on a line of its own, one of its
      components gives the component. Else the author a document names when it says
      what it is ("This report describes BJS's activities"), else the first issuer
      named in the first 40 lines. A TIP Report country narrative's tier heading
      (``PERU: Tier 2``) names the TIP Office.
    * published: within the first 40 lines, a date alone on a line (maybe after a
      label, ``Publication Date:``, ``Posted on``, ``FOR IMMEDIATE RELEASE``, a place or
      a weekday), a date set apart in a letterhead column, a date after
      "Released"/"Updated"/"Posted by ... on" or a ``Date:`` opening a line (up to the
      end of the first paragraph), or a press-release dateline; a month without a day
      gives the 1st of the month.
    * year: the year of publication (a document speaks from the day it was issued:
      "since 2001" and "currently" reach to it, whatever fiscal year its title reports
      on), else the year the title states (an edition's year, "2019 Report to the
      Nation"; the end of a range, "2001-2008"; the fiscal year an undated report on
      one year covers, "Fiscal Year 2012"), else the latest year from 1990 to next year
      that the text mentions, leaving out years in sentences about plans (``will``,
      ``plans to``), else None.
    * kind: from the title's words (``press release``, ``testimony``, ``statement``,
      ``fact sheet``, ``country report``, ``assessment``, ``report section`` for a title
      opening with a section numeral, ``report``), else from how the document names
      itself ("This fact sheet ..."), else from the letterhead, else ``press release``
      when a dateline opens the story, else ``report``.

    >>> m = infer_metadata("# Fact Sheet: Human Trafficking\n\nIn FY 2012, HHS certified 469.")
    >>> m.title, m.kind, m.year
    ('Fact Sheet: Human Trafficking', 'fact sheet', 2012)

    Args:
        text: the document's text.

    Returns:
        What could be inferred; fields that could not be are None (``""`` for the title,
        ``"report"`` for the kind).

    """
    tables = _tables()
    lines = _lines(text)
    head = lines[:_HEAD_LINES]
    letterhead = _letterhead(head)
    title, title_year = _title(head, letterhead, tables)
    opening = text[: head[-1][1] + len(head[-1][2])] if head else ""
    published = _published(opening, head)
    ceiling = dt.date.today().year + 1
    kind = _kind(title, opening, letterhead, tables)
    # A document speaks from the day it was issued: "currently" and "since 2001" reach
    # to its date, whatever fiscal year its title reports on. Only an undated report
    # on a fiscal year speaks from that year.
    candidates = (published.year if published is not None else None, title_year)
    year = next((y for y in candidates if y is not None and _FIRST_YEAR <= y <= ceiling), None)
    if year is None:
        year = _latest_year(text)
    return Metadata(
        title=title,
        issuer=_issuer(head, letterhead, opening, tables),
        published=published,
        year=year,
        kind=kind,
    )


def _lines(text: str) -> list[tuple[int, int, str]]:
    """Return the non-blank lines as (line number, start offset, text without line end)."""
    out: list[tuple[int, int, str]] = []
    offset = 0
    for number, line in enumerate(text.splitlines(keepends=True)):
        content = line.rstrip("\r\n")
        if content.strip():
            out.append((number, offset, content))
        offset += len(line)
    return out


def _is_paragraph(line: str) -> bool:
    """Tell whether a line is running text rather than a heading or letterhead line.

    A long line is; so is a line of a dozen words or more that ends like a sentence or
    is mostly in lower case, as a hard-wrapped line of a PDF's body text is.
    """
    stripped = line.strip()
    if len(stripped) > _SHORT_LINE:
        return True
    words = stripped.split()
    if len(words) < 12:
        return False
    if stripped[-1] in ".;:,":
        return True
    content = [w for w in words if len(w) >= 4 and w[0].isalpha()]
    return 2 * sum(w[0].islower() for w in content) > len(content)


def _letterhead(head: list[tuple[int, int, str]]) -> list[str]:
    """Return the short lines at the top, before the first paragraph, without markup."""
    out: list[str] = []
    for _, _, line in head:
        if _is_paragraph(line):
            break
        out.append(_strip_markup(line))
    return out


def _strip_markup(line: str) -> str:
    """Remove markdown heading marks, emphasis, bullets and extra spaces from a line."""
    text = regex.sub(r"^\s*(?:#{1,6}\s*|>\s*|[-*•]\s+)", "", line)
    text = regex.sub(r"(\*\*|__|\*|_)(.+?)\1", r"\2", text)
    text = regex.sub(r"\s+", " ", text).strip()
    return text.strip("*_ ").rstrip(":").strip()


@functools.cache
def _year_line() -> regex.Pattern[str]:
    """Match a line that holds only years: ``2001-2008``, ``Fiscal Year 2012``, ``FY 2016``."""
    return regex.compile(
        r"""
        (?:(?:FY|fiscal\s+years?|calendar\s+year)\s*)?   # "FY", "Fiscal Year"
        (?:19|20)\d\d                                    # the (first) year
        (?:
            \s*(?:-|–|—|to|through)\s*                   # a range ...
            (?:FY\s*)?(?:(?:19|20)\d\d|\d\d)             # ... to "2008", "FY 2008" or "08"
        )?
        """,
        regex.VERBOSE | regex.IGNORECASE,
    )


def _is_year_line(line: str) -> bool:
    """Tell whether a line holds only years."""
    return _year_line().fullmatch(line) is not None


def _is_date_line(line: str) -> bool:
    return _publication_patterns()[0].fullmatch(line) is not None


def _names_issuer_only(line: str, tables: _Tables) -> bool:
    """Whether a line is just an issuer's name or acronym (a letterhead line, not a title)."""
    bare = regex.sub(r"^the\s+", "", line, flags=regex.IGNORECASE)
    if any(bare.strip().upper() in issuer.short_upper for issuer in tables.issuers):
        return True
    for issuer in tables.issuers:
        match = issuer.pattern.search(bare)
        if match is None:
            continue
        rest = (bare[: match.start()] + bare[match.end() :]).strip(" ,.-–—()")
        # What is left may finish the name ("... to Combat Trafficking in Persons",
        # "U.S."), but not name a kind of document ("Annual Report"), and, as a name's
        # words are capitalized, not go on with a verb or a figure ("... awards nearly
        # $59 million", "(FBI) opened 412 cases").
        words = rest.split()
        if (
            len(words) <= 6
            and not any(k.pattern.search(rest) for k in tables.kinds)
            and not any(c.isdigit() for c in rest)
            and all(_in_a_name(word, tables) for word in words)
        ):
            return True
    return False


def _in_a_name(word: str, tables: _Tables) -> bool:
    """Tell whether a word can be part of a name: capitalized, a minor word, or a sign."""
    core = word.strip("()[]\"'“”‘’,.:;&-–—/")
    return not core or core[0].isupper() or core.lower() in tables.minor_words


def _title(
    head: list[tuple[int, int, str]], letterhead: list[str], tables: _Tables
) -> tuple[str, int | None]:
    """Return the title and the reference year it states, if any."""
    headings = [_strip_markup(line) for _, _, line in head if regex.match(r"\s*#", line)]
    fallback: str | None = None
    for candidates in (headings, letterhead):
        for line in candidates:
            if (
                not regex.search(r"\p{L}{3}", line)  # "# # #", the end of a release; "U.S."
                or tables.boilerplate.fullmatch(line)
                or _is_date_line(line)
                or _is_year_line(line)
            ):
                continue
            if _names_issuer_only(line, tables):
                # A letterhead line is the title only when nothing else can be.
                fallback = fallback or line
                continue
            return _finish_title(line, head, tables)
    if fallback is not None:
        return _finish_title(fallback, head, tables)
    return "", None


def _finish_title(
    line: str, head: list[tuple[int, int, str]], tables: _Tables
) -> tuple[str, int | None]:
    """Complete a title line with what the next line adds, and clean it up.

    A line holding only years (``2001-2008``, ``Fiscal Year 2012``) is added, and so is
    the next line after a title that ends with a colon, as a title wrapped onto a
    second line for a subtitle is. A title wrapped in the middle goes on with a line
    that opens with a lower-case word ("... Activities" / "to Combat Trafficking in
    Persons"), or, in capitals, with a minor word ("... ANNOUNCES GRANTS" / "TO ASSIST
    VICTIMS"), and does not end like a sentence; and a title
    set on two lines may end with a line naming the kind of report and its year
    ("Report to Congress, Fiscal Year 2010", "Annual Report, Fiscal Year 2011").
    """
    title = line
    current = line
    for _ in range(3):  # a title runs over at most four lines
        raw = next((c for _, _, c in head if _strip_markup(c) == current), current).rstrip()
        following = _next_line(current, head)
        if (
            following is None
            or _is_paragraph(following)
            or _is_date_line(following)
            or (tables.boilerplate.fullmatch(following) and not _is_year_line(following))
        ):
            break
        colon = raw.rstrip("*_ ").endswith(":")
        first = following.split(" ", 1)[0]
        if _is_year_line(following):
            separator = " "
        elif colon:
            separator = ": "
        elif (
            not raw.lstrip().startswith("#")  # a markdown heading is whole
            and not raw.rstrip("*_ ").endswith((".", "!", "?"))
            and not following.endswith((".", "!", "?"))
            and (
                first[:1].islower()
                or (
                    first.lower() in tables.minor_words
                    and current.isupper()
                    and following.isupper()
                )
            )
        ):
            separator = " "
        elif (
            len(following.split()) <= 8
            and _year_line().search(following) is not None
            and any(kind.pattern.search(following) for kind in tables.kinds)
        ):
            separator = ", "
        else:
            break
        title = f"{title}{separator}{following}"
        current = following
        if _is_year_line(following):
            break  # the years end a title
    title = _drop_release_date(title)
    return _title_case(title, tables), _title_year(title)


def _next_line(line: str, head: list[tuple[int, int, str]]) -> str | None:
    """Return the (markup-free) non-blank line after the first line equal to ``line``."""
    stripped = [_strip_markup(content) for _, _, content in head]
    for index, content in enumerate(stripped[:-1]):
        if content == line:
            return stripped[index + 1]
    return None


@functools.cache
def _trailing_date() -> regex.Pattern[str]:
    """Match a date at the end of a title: ``... RELEASED JUNE 2009``."""
    return regex.compile(
        rf"""
        [\s,:;–—-]*                                    # what separates it from the title
        (?:(?:released|issued|dated|published|updated)\s*:?\s*)?  # "Released"
        {_date_pattern()}
        \s*$
        """,
        regex.VERBOSE | regex.IGNORECASE,
    )


def _drop_release_date(title: str) -> str:
    """Remove a trailing "Released June 2009" or date from a title."""
    match = _trailing_date().search(title)
    if match is None or match.start() == 0:
        return title
    return title[: match.start()].strip()


def _title_case(title: str, tables: _Tables) -> str:
    """Put an all-capitals title in title case, keeping acronyms, numbers and numerals."""
    letters = [c for c in title if c.isalpha()]
    if not letters or any(c.islower() for c in letters):
        return title
    words = title.split(" ")
    out: list[str] = []
    for index, word in enumerate(words):
        core = word.strip("()[]\"'“”‘’,:;")
        if core.upper() in tables.acronyms:
            out.append(word.replace(core, tables.acronyms[core.upper()]))
        elif any(c.isdigit() for c in word) or "." in core or "/" in core:
            out.append(word)
        elif regex.fullmatch(r"[IVX]{1,5}", core):
            out.append(word)  # a section numeral: "VII"
        elif index > 0 and word.lower() in tables.minor_words:
            out.append(word.lower())
        else:
            out.append("-".join(part.capitalize() for part in word.split("-")))
    return " ".join(out)


def _title_year(title: str) -> int | None:
    """Return the reference year a title states.

    A plain year, neither in a range nor labelled as a fiscal year, names the edition
    ("2019 Report to the Nation, Fiscal Years 2017-2018", "Data Collection Activities,
    2022") and is the year the report speaks from; else the end of a range of years
    ("Achievements 2001-2008"); else the fiscal year a report on one year names
    ("Report to Congress, Fiscal Year 2010").
    """
    year_range, year, _ = _year_patterns()
    ranges = list(year_range.finditer(title))
    ends = [_range_end(m) for m in ranges]
    years = list(year.finditer(title))
    plain = [
        int(m["year"])
        for m in years
        if not any(r.start() <= m.start() < r.end() for r in ranges)
        and not regex.search(r"\b(?:FY|fiscal\s+years?)\s*$", title[: m.start()], regex.IGNORECASE)
    ]
    if plain:
        return max(plain)
    if ends:
        return max(ends)
    return max((int(m["year"]) for m in years), default=None)


def _range_end(match: regex.Match[str]) -> int:
    end = match["end"]
    if len(end) == 2:
        return int(match["start"][:2] + end)
    return int(end)


@functools.cache
def _column_date() -> regex.Pattern[str]:
    """Match a date set apart in a letterhead line: ``OVC FACT SHEET      September 2015``."""
    return regex.compile(
        rf"""
        (?:^|\x20{{2,}}|\t|\|)[\x20\t]*           # the line's start, or a column's
        (?P<date>{_date_pattern()})
        [\x20\t]*(?:$|,|\x20{{2,}}|\t|\|)          # its end, or an identifier after it
        """,
        regex.VERBOSE | regex.IGNORECASE,
    )


def _published(opening: str, head: list[tuple[int, int, str]]) -> dt.date | None:
    """Return the first publication date in the opening lines.

    Besides the shapes of :func:`_publication_patterns`, a date that stands apart in a
    letterhead line, as its own column (``Special Report      April 2011, NCJ 234127``),
    is the date of publication: a letterhead dates the document, not events. A date
    after a verb of publication counts only up to the end of the first paragraph.
    """
    found: list[tuple[int, dt.date]] = []
    for _, start, line in head:
        if _is_paragraph(line):
            break
        column = _column_date().search(line)
        date = _to_date(column) if column is not None else None
        if column is not None and date is not None:
            found.append((start + column.start("date"), date))
            break
    # A document states its own date above its first paragraph or in it; a later
    # "published in September 2009" tells of another document ("the first edition").
    first = next((start + len(line) for _, start, line in head if _is_paragraph(line)), None)
    date_line, labelled, dateline = _publication_patterns()
    for pattern in (date_line, labelled, dateline):
        end = first if pattern is labelled and first is not None else len(opening)
        for match in pattern.finditer(opening, 0, end):
            if match["date"] is None:
                continue
            date_match = regex.match(
                _date_pattern(), match["date"], regex.VERBOSE | regex.IGNORECASE
            )
            date = _to_date(date_match) if date_match is not None else None
            if date is not None:
                found.append((match.start("date"), date))
                break
    return min(found)[1] if found else None


def _latest_year(text: str) -> int | None:
    """Return the latest plausible year the text mentions outside sentences about plans."""
    _, year, future = _year_patterns()
    ceiling = dt.date.today().year + 1
    best: int | None = None
    for match in year.finditer(text):
        value = int(match["year"])
        if not _FIRST_YEAR <= value <= ceiling or (best is not None and value <= best):
            continue
        if future.search(_sentence_around(text, match.start(), match.end())):
            continue
        if regex.search(r"\bby\s+(?:the\s+end\s+of\s+)?(?:FY\s*)?$", text[: match.start()]):
            continue  # "by 2020": a target
        best = value
    return best


def _sentence_around(text: str, start: int, end: int) -> str:
    """Return the sentence (or line) that holds ``text[start:end]``.

    Only a window of text around the match is searched, so that the cost does not grow
    with the length of the document.
    """
    boundary = _sentence_boundary()
    window_start = max(0, start - _SENTENCE_WINDOW)
    before = window_start
    for match in boundary.finditer(text, window_start, start):
        before = match.end()
    after = boundary.search(text, end, min(len(text), end + _SENTENCE_WINDOW))
    return text[before : after.start() if after is not None else end + _SENTENCE_WINDOW]


@functools.cache
def _sentence_boundary() -> regex.Pattern[str]:
    """Match the end of a sentence or line, not the period of an initial such as ``U.S.``."""
    return regex.compile(
        r"""
        \n                                         # a line end
        | (?<!\b[A-Z])                              # not "U.S", "D.C"
          [.!?]\s+(?=[A-Z"“(])                      # end mark, space, capital
        """,
        regex.VERBOSE,
    )


def _issuer(
    head: list[tuple[int, int, str]], letterhead: list[str], opening: str, tables: _Tables
) -> str | None:
    """Return the issuer: from the letterhead, the author named, or the opening lines.

    The letterhead's issuer comes first. A letterhead goes from the department down
    to the office that writes, one name a line, so a later line that only names a
    part of the first issuer gives that part; a line holding just an issuer's own
    acronym ("OJP", "GAO") names it too. Else a document that says
    what it is about in terms of its author's work ("This report describes BJS's
    activities ...") names its author, even by acronym.
    """
    author = tables.authors.search(opening)
    for lines in (letterhead, [content for _, _, content in head]):
        if lines is not letterhead and author is not None:
            short = author["short"].upper()
            return next(i.name for i in tables.issuers if short in i.short_upper)
        found: list[tuple[int, int, _Issuer]] = []
        for number, line in enumerate(lines):
            for issuer in tables.issuers:
                match = issuer.pattern.search(line)
                if match is not None:
                    found.append((number, match.start(), issuer))
                elif lines is letterhead and line.strip().upper() in issuer.short_upper:
                    found.append((number, 0, issuer))
        if not found:
            continue
        found.sort(key=lambda item: (item[0], item[1]))
        chosen = found[0][2]
        if lines is letterhead:
            # A letterhead goes from the department down to the office that writes.
            for number, _, issuer in found[1:]:
                if issuer.parent == chosen.name and (
                    _names_issuer_only(lines[number], tables)
                    or lines[number].strip().upper() in issuer.short_upper
                ):
                    chosen = issuer
        return chosen.name
    return None


def _kind(title: str, opening: str, letterhead: list[str], tables: _Tables) -> str:
    """Return the kind of document, from its title, how it names itself, or its letterhead."""
    for kind in tables.kinds:
        if kind.pattern.search(title):
            return kind.name
    for kind in tables.kinds:
        if kind.self_pattern is not None and kind.self_pattern.search(opening):
            return kind.name
    joined = "\n".join(letterhead)
    for kind in tables.kinds:
        if kind.pattern.search(joined):
            return kind.name
    if _dateline().search(opening):
        return "press release"
    return "report"
