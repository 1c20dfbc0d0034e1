r"""Reading documents from disk: finding the files, and decoding their bytes to text.

The text that :func:`decode_bytes` returns is the text every span in tipcorpus indexes
into, so decoding never rewrites it: line ends stay exactly as they are in the file
(``\r\n`` stays ``\r\n``), and only a byte-order mark is removed.
"""

from __future__ import annotations

import codecs
import functools
import glob
import re
import warnings
from collections.abc import Iterable
from pathlib import Path

from tipcorpus.errors import DecodeError, DocumentNotFound, TipcorpusWarning, UnreadableDocument

__all__ = ["decode_bytes", "discover", "inside", "lone_surrogate", "read_bytes", "read_text"]

#: Byte-order marks and the codec that decodes (and strips) each one.
#: UTF-32 comes first: its little-endian mark begins with the UTF-16 little-endian one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

#: C0 control bytes that do not occur in text.
#: Tab, line feed, vertical tab, form feed (page breaks in PDF-to-text output) and
#: carriage return do occur, and so do not count.
_CONTROL_BYTES = frozenset([*range(0x09), *range(0x0E, 0x20), 0x7F])
_CONTROL_BYTE_STRINGS = tuple(bytes([b]) for b in sorted(_CONTROL_BYTES))

#: Share of control bytes above which data is taken to be binary rather than text.
_BINARY_SHARE = 0.05

#: The suffixes of the files that a directory's documents are, by default.
#: PDFs, Word documents and web pages are read by :func:`tipcorpus.ingest.read_document`.
DOCUMENT_SUFFIXES: tuple[str, ...] = (".txt", ".md", ".pdf", ".docx", ".html", ".htm")

#: The name of a corpus catalogue file, which :func:`discover` never returns as a document.
_CATALOGUE_NAME = "catalogue.toml"


def decode_bytes(
    data: bytes,
    *,
    path: Path | None = None,
    encoding: str | None = None,
    errors: str = "strict",
) -> tuple[str, str]:
    r"""Decode the bytes of a document to text.

    Without ``encoding``, a byte-order mark decides (UTF-8, UTF-16 or UTF-32; the mark
    is removed), else the data is read as UTF-8, else as cp1252 with a
    :class:`~tipcorpus.TipcorpusWarning` that names the first byte that is not UTF-8.
    Data that looks binary (NUL bytes without a UTF-16/32 byte-order mark, or many
    control characters) is refused.
    Line ends are kept exactly as they are.

    >>> decode_bytes("caf\u00e9\r\n".encode())
    ('café\r\n', 'utf-8')
    >>> decode_bytes(b"\xef\xbb\xbfTIP Report")
    ('TIP Report', 'utf-8-sig')

    Args:
        data: the bytes of the file.
        path: the file they were read from, named in warnings and errors.
        encoding: a Python codec name to decode with, instead of detecting one.
        errors: the codec error handler (``"strict"``, ``"replace"`` ...).
            With detection, it applies only when neither UTF-8 nor cp1252 fits.

    Returns:
        The text and the name of the encoding it was decoded with.

    Raises:
        DecodeError: the data is binary, or does not decode (``.offset`` is the
            offset of the first offending byte).

    """
    if not data:
        _warn(path, "empty file")
        return "", encoding or "utf-8"
    if encoding is not None:
        return _decode_as(data, encoding, errors, path), encoding
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decode_as(data, codec, errors, path), codec
    _refuse_binary(data, path)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        first_bad = utf8_error.start
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as cp1252_error:
        if errors == "strict":
            raise DecodeError(
                path,
                first_bad,
                "utf-8 or cp1252",
                f"not UTF-8 from byte {first_bad}, and byte {cp1252_error.start} "
                "is undefined in cp1252",
            ) from None
        text = _refuse_surrogates(data.decode("utf-8", errors), "utf-8", errors, path)
        _warn(path, f"not valid UTF-8 from byte offset {first_bad}; decoded with errors={errors!r}")
        return text, "utf-8"
    _warn(path, f"not valid UTF-8 from byte offset {first_bad}; decoded as cp1252")
    return text, "cp1252"


def read_text(
    path: str | Path, *, encoding: str | None = None, errors: str = "strict"
) -> tuple[str, str]:
    """Read a document file and decode it as :func:`decode_bytes` does.

    Args:
        path: the file to read.
        encoding: a Python codec name to decode with, instead of detecting one.
        errors: the codec error handler.

    Returns:
        The text and the name of the encoding it was decoded with.

    Raises:
        DocumentNotFound: the path does not exist or is a directory.
        DecodeError: the file is binary or does not decode.

    """
    path = Path(path)
    return decode_bytes(read_bytes(path), path=path, encoding=encoding, errors=errors)


def read_bytes(path: Path) -> bytes:
    """The bytes of a regular file; anything else is refused with a named error.

    Raises:
        DocumentNotFound: the path does not exist, or is a directory, a device, a
            FIFO or a socket (``/dev/zero`` would never end, a FIFO would wait).
        UnreadableDocument: the file exists but cannot be read (no permission).

    """
    if path.is_dir():
        raise DocumentNotFound(
            path, "is a directory; use discover() or Corpus.from_path() to read the documents in it"
        )
    if not path.exists():
        raise DocumentNotFound(path)
    if not path.is_file():
        raise DocumentNotFound(path, _NOT_REGULAR)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UnreadableDocument(path, f"cannot be read: {exc.strerror or exc}") from None


def discover(
    path: str | Path | Iterable[str | Path],
    suffixes: Iterable[str] = DOCUMENT_SUFFIXES,
    *,
    follow_symlinks: bool = False,
) -> list[Path]:
    """Find the document files that a path, a glob pattern or a list of them names.

    * A directory gives its files whose suffix is one of ``suffixes`` (by default
      :data:`DOCUMENT_SUFFIXES`: text, markdown, PDF, Word documents and web pages), sorted by name,
      not looking into subdirectories and leaving out hidden files and ``catalogue.toml``.
    * A file gives itself, whatever its suffix.
    * A string with ``*``, ``?`` or ``[`` that is not an existing path is a glob
      pattern (``"reports/*.txt"``); the files it matches are returned sorted, leaving
      out hidden files and ``catalogue.toml``.
    * An iterable gives the documents of each of its items, in order, each file once.

    A symbolic link in a directory (or matched by a pattern) whose target is outside
    that directory is left out with a :class:`~tipcorpus.TipcorpusWarning`, unless
    ``follow_symlinks`` is True; a link named directly is the user's choice and is read.
    Devices, FIFOs and sockets are never documents.

    Args:
        path: a directory, file, glob pattern, or an iterable of those.
        suffixes: the file suffixes that count as documents in a directory.
        follow_symlinks: read links in a directory that point outside it.

    Returns:
        The document files.

    Raises:
        DocumentNotFound: a path does not exist, a pattern matches no file, or a
            directory holds no documents.

    """
    wanted = tuple(s.lower() for s in suffixes)
    if isinstance(path, str | Path):
        return _discover_one(path, wanted, follow_symlinks)
    found: dict[Path, None] = {}
    for item in path:
        found.update(dict.fromkeys(_discover_one(item, wanted, follow_symlinks)))
    return list(found)


def _discover_one(path: str | Path, suffixes: tuple[str, ...], follow: bool) -> list[Path]:
    candidate = Path(path)
    if candidate.is_dir():
        documents = [
            child
            for child in sorted(candidate.iterdir(), key=lambda p: p.name)
            if child.is_file()
            and _is_document_name(child)
            and child.suffix.lower() in suffixes
            and (follow or _stays_inside(child))
        ]
        if not documents:
            listed = " or ".join(suffixes) if suffixes else "document"
            raise DocumentNotFound(candidate, f"no {listed} documents in this directory")
        return documents
    if candidate.exists():
        if not candidate.is_file():
            raise DocumentNotFound(candidate, _NOT_REGULAR)
        return [candidate]
    if isinstance(path, str) and glob.has_magic(path):
        matches = [
            Path(match)
            for match in sorted(glob.glob(path))
            if Path(match).is_file()
            and _is_document_name(Path(match))
            and (follow or _stays_inside(Path(match)))
        ]
        if not matches:
            raise DocumentNotFound(candidate, "no files match this pattern")
        return matches
    raise DocumentNotFound(candidate)


_NOT_REGULAR = "is not a regular file (a device, FIFO or socket); name a file or a folder"


def inside(path: Path, folder: Path) -> bool:
    """Whether ``path``, with every symbolic link resolved, is within ``folder`` (resolved)."""
    try:
        path.resolve(strict=False).relative_to(folder.resolve(strict=False))
    except (ValueError, OSError, RuntimeError):
        return False
    return True


def _stays_inside(child: Path) -> bool:
    """Whether a file listed in a folder is in it once links are resolved; warns if not."""
    if not child.is_symlink() and not child.parent.is_symlink():
        return True
    if inside(child, child.parent):
        return True
    _warn(
        child,
        f"a symbolic link to {child.resolve()}, outside its folder; left out "
        "(pass follow_symlinks=True to read it)",
    )
    return False


def _is_document_name(path: Path) -> bool:
    return not path.name.startswith(".") and path.name != _CATALOGUE_NAME


def _decode_as(data: bytes, encoding: str, errors: str, path: Path | None) -> str:
    try:
        return _refuse_surrogates(data.decode(encoding, errors), encoding, errors, path)
    except UnicodeDecodeError as error:
        raise DecodeError(path, error.start, encoding, error.reason) from None
    except LookupError:
        raise DecodeError(path, 0, encoding, "no such encoding") from None


def _refuse_binary(data: bytes, path: Path | None) -> None:
    nul = data.find(b"\x00")
    if nul >= 0:
        raise DecodeError(
            path,
            nul,
            "utf-8",
            "NUL byte: a binary file, or UTF-16/32 without a byte-order mark "
            "(pass encoding='utf-16-le' or similar)",
        )
    # Counted, not listed: memory stays that of the data, whatever its size.
    controls = sum(map(data.count, _CONTROL_BYTE_STRINGS))
    if controls >= 2 and controls > _BINARY_SHARE * len(data):
        first = _control_byte_re().search(data)
        raise DecodeError(
            path,
            first.start() if first is not None else 0,
            "utf-8",
            f"{controls} control bytes in {len(data)}: looks like a binary file",
        )


@functools.cache
def _control_byte_re() -> re.Pattern[bytes]:
    return re.compile(b"[" + b"".join(re.escape(b) for b in _CONTROL_BYTE_STRINGS) + b"]")


def _refuse_surrogates(text: str, encoding: str, errors: str, path: Path | None) -> str:
    """``text``, refused when an error handler left lone surrogates in it.

    ``errors="surrogateescape"`` (or ``"surrogatepass"``) keeps undecodable bytes as
    lone surrogates, which no UTF-8 file, JSON export or cache entry can hold; such
    text is refused here, where the file is named, rather than in every later export.
    """
    if errors in ("strict", "replace", "ignore", "backslashreplace"):
        return text
    found = _surrogate_re().search(text)
    if found is None:
        return text
    try:
        offset = len(text[: found.start()].encode(encoding, errors))
    except (UnicodeError, LookupError):
        offset = found.start()
    raise DecodeError(
        path,
        offset,
        encoding,
        f"errors={errors!r} left a lone surrogate (U+{ord(found.group()):04X}) in the text, "
        "which no export can write; pass errors='replace' instead",
    )


def lone_surrogate(text: str) -> int | None:
    r"""Where ``text`` holds a lone surrogate (which no UTF-8 file can hold), or None.

    >>> lone_surrogate("ok"), lone_surrogate("bad \udc81 byte")
    (None, 4)
    """
    found = _surrogate_re().search(text)
    return found.start() if found is not None else None


@functools.cache
def _surrogate_re() -> re.Pattern[str]:
    return re.compile("[\ud800-\udfff]")


def _warn(path: Path | None, message: str) -> None:
    where = str(path) if path is not None else "<bytes>"
    warnings.warn(f"{where}: {message}", TipcorpusWarning, stacklevel=3)
