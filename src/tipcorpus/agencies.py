"""The agency registry, and finding where a text names an agency.

The registry is reference data: ``tipcorpus/data/agencies.toml`` lists every
U.S. Government body the genre credits with activity, with its canonical id,
full name, aliases, parent and kind (see the comment at the top of that file).
It is read on first use, never at import.

:func:`find_agencies` is a recogniser: a pure, total function from a text to the
agency mentions in it, in text order, without overlaps.
It finds

* full names and their variants (``U.S. Department of State``,
  ``Dept. of Homeland Security``, ``Health and Human Services' Office of Refugee
  Resettlement``), with flexible spacing, so hard-wrapped text still matches;
* abbreviations as whole, case-sensitive tokens (``DOL's``, ``DHS ICE``,
  ``DOS G/TIP``);
* abbreviations a text defines for a known agency (``Department of Education (ED)``,
  ``Office of Alien Smuggling Interdiction (ASI)``), from the definition onward;
* conjoined forms (``the Departments of State (DOS) and Justice (DOJ)``,
  ``the Civil Rights and Criminal Divisions``).

It does not resolve ``the Department`` or ``the Bureau``:
:func:`find_generic_references` reports those for the attribution step.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

import regex

from tipcorpus.errors import TipcorpusError, UnknownAgency
from tipcorpus.model import Agency, AgencyMention, Span

__all__ = [
    "KINDS",
    "AgencyRegistry",
    "RegistryError",
    "find_agencies",
    "find_generic_references",
    "load_registry",
    "registry",
]

KINDS = frozenset(
    {
        "whole",
        "council",
        "department",
        "agency",
        "bureau",
        "office",
        "division",
        "section",
        "program",
        "center",
        "corporation",
    }
)
"""The kinds of body an agency entry may be."""

_ENTRY_KEYS = frozenset({"id", "name", "kind", "parent", "aliases", "ambiguous"})


class RegistryError(TipcorpusError, ValueError):
    r"""An agency registry file that cannot be used, with every problem found in it.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder, "agencies.toml")
    ...     _ = path.write_text('[[agency]]\nid = "FBI"\nname = "FBI"\nparent = "DOJ"\n')
    ...     try:
    ...         load_registry(path)
    ...     except RegistryError as e:
    ...         print(str(e).replace(folder, "<folder>"))
    <folder>/agencies.toml: 1 problem in the agency registry:
      - entry 1 (id 'FBI'): unknown parent 'DOJ'

    Attributes:
        path: the file, or None for a registry given as data.
        problems: one line per problem, each naming the entry it is in.

    """

    def __init__(self, path: str | Path | None, problems: Sequence[str]) -> None:
        """Record the problems and build the message listing them."""
        self.path = Path(path) if path is not None else None
        self.problems = tuple(problems)
        where = str(self.path) if self.path is not None else "<agency registry>"
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = "".join(f"\n  - {p}" for p in self.problems)
        super().__init__(f"{where}: {count} {noun} in the agency registry:{lines}")

    def __str__(self) -> str:
        """Return the message."""
        return str(self.args[0])


# --------------------------------------------------------------------------- names as tokens

# How an alias and a text are cut into comparable tokens.
# "U.S.", "US" and "United States" are one token; "&" is "and"; "Dept." is
# "Department"; case and a final plural "s" do not count; possessive
# apostrophes sit between tokens.
_US_TOKEN = "@us"


@functools.cache
def _word_at() -> regex.Pattern[str]:
    """Return the pattern for one token of a name."""
    return regex.compile(
        r"""
        (?P<us>U\.\s?S\.?(?!\w)          # U.S. / U. S.
          | US(?!\w)                     # US
          | (?i:United\s+States)(?!\w)   # United States, UNITED STATES
        )
        | (?P<dept>(?i:dept)\.)           # Dept.
        | (?P<amp>&)                      # &, read as "and"
        | (?P<word>[^\W_]+)               # any other word
        """,
        regex.VERBOSE,
    )


@functools.cache
def _token_at() -> regex.Pattern[str]:
    """Return the pattern for a token of a name and what separates it from the next."""
    return regex.compile(
        r"""
        (?P<tok>
            (?P<us>U\.\s?S\.?(?!\w)        # U.S. / U. S.
              | US(?!\w)                   # US
              | (?i:United\s+States)(?!\w) # United States, UNITED STATES
            )
          | (?P<dept>(?i:dept)\.)          # Dept.
          | (?P<amp>&)                     # &, read as "and"
          | (?P<word>[^\W_]+)              # any other word
        )
        (?P<sep>
            (?:['’]s?)?                    # a possessive: President's, Attorneys'
            (?:\s*[,-]\s*|\s+)             # then spaces (line breaks too), a comma or a hyphen
        )?
        """,
        regex.VERBOSE,
    )


def _canonical(m: regex.Match[str]) -> str:
    """Return the comparable form of a token read by :func:`_word_at` or :func:`_token_at`."""
    if m.group("us") is not None:
        return _US_TOKEN
    if m.group("dept") is not None:
        return "department"
    if m.group("amp") is not None:
        return "and"
    w = m.group("word").lower()
    # A final plural "s" does not distinguish names
    # ("U.S. Attorney's Office" / "U.S. Attorneys' Offices").
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        w = w[:-1]
    return w


def _name_tokens(name: str) -> tuple[str, ...]:
    """Return the comparable tokens of a multi-word name."""
    bare = regex.sub(r"['’]s?(?!\w)", "", name)
    return tuple(_canonical(m) for m in _word_at().finditer(bare))


def _first_word(name: str) -> str:
    """Return the first token of a name as written, without a possessive ("President")."""
    return _nth_word(name, 0)


def _nth_word(name: str, n: int) -> str:
    """Return the ``n``-th token of a name as written, without a possessive, or ""."""
    for i, m in enumerate(_word_at().finditer(regex.sub(r"['’]s?(?!\w)", "", name))):
        if i == n:
            return m.group()
    return ""


def _is_abbreviation(alias: str) -> bool:
    """One token with two or more capitals or a slash: ``HHS``, ``DoD``, ``G/TIP``."""
    if any(c.isspace() for c in alias):
        return False
    return "/" in alias or sum(c.isupper() for c in alias) >= 2


def _is_text_name(alias: str) -> bool:
    """Tell whether an alias is a name of two or more words, matched in running text."""
    return len(alias.split()) >= 2


def _lookup_key(name: str) -> str:
    """Return the key lookup() compares: case, punctuation and spacing do not count."""
    s = name.casefold().replace("&", " and ")
    s = regex.sub(r"\s*/\s*|[.'’]", "", s)
    s = regex.sub(r"[^\w]+|_", " ", s).strip()
    return s.removeprefix("the ")


def _without_us(key: str) -> str | None:
    for prefix in ("us ", "united states "):
        if key.startswith(prefix):
            return key[len(prefix) :]
    return None


# --------------------------------------------------------------------------- the registry


class AgencyRegistry:
    """A set of agencies with their hierarchy, looked up by id, name or alias.

    Build one with :func:`load_registry` (a TOML file) or :meth:`from_mapping`;
    :func:`registry` returns the bundled one.
    Iterating yields the agencies in registry order.

    Args:
        agencies: the agencies, each after its parent or not; ids must be unique.
        ambiguous: aliases that are matched in running text only after the text
            defines them (``ED`` in ``Department of Education (ED)``).
        source: where the registry came from, for messages.

    Raises:
        RegistryError: when two agencies share an id, or a parent is not among them.

    """

    def __init__(
        self,
        agencies: Iterable[Agency],
        *,
        ambiguous: Iterable[str] = (),
        source: str = "<agency registry>",
    ) -> None:
        """Index the agencies; see the class docstring."""
        self._agencies: dict[str, Agency] = {}
        problems: list[str] = []
        for a in agencies:
            if a.id in self._agencies:
                problems.append(f"agency {a.id!r}: duplicate id")
            self._agencies[a.id] = a
        for a in self._agencies.values():
            if a.parent is not None and self._agencies.get(a.parent.id) is not a.parent:
                problems.append(f"agency {a.id!r}: parent {a.parent.id!r} is not in the registry")
        if problems:
            raise RegistryError(None, problems)
        self.source = source
        self._ambiguous = frozenset(ambiguous)
        self._children: dict[str, list[Agency]] = {i: [] for i in self._agencies}
        for a in self._agencies.values():
            if a.parent is not None:
                self._children[a.parent.id].append(a)
        self._index: dict[str, str] = {}
        secondary: dict[str, str] = {}
        for a in self._agencies.values():
            for n in (a.id, a.name, *a.aliases):
                key = _lookup_key(n)
                self._index.setdefault(key, a.id)
                bare = _without_us(key)
                if bare:
                    secondary.setdefault(bare, a.id)
        for key, aid in secondary.items():
            self._index.setdefault(key, aid)
        self._matcher: _Matcher | None = None
        self._lock = threading.Lock()

    @classmethod
    def from_mapping(
        cls, data: Mapping[str, object], source: str = "<agency registry>"
    ) -> AgencyRegistry:
        """Build a registry from parsed TOML data (``{"agency": [{...}, ...]}``).

        Raises:
            RegistryError: listing every problem found, each with its entry.

        """
        return _build(data, source, None)

    @property
    def ambiguous(self) -> frozenset[str]:
        """Aliases matched in running text only once the text defines them."""
        return self._ambiguous

    def get(self, id: str) -> Agency:
        """Return the agency with exactly this id.

        Raises:
            UnknownAgency: when no agency has it, with the closest ids as candidates.

        """
        try:
            return self._agencies[id]
        except KeyError:
            raise self._unknown(id) from None

    def lookup(self, name: str) -> Agency:
        """Return the agency an id, name or alias denotes, ignoring case, spacing and punctuation.

        ``"hhs"``, ``"Health and Human Services"``, ``"ice"``, ``"g/tip"`` and
        ``"TIP Office"`` all work; a leading ``the`` or ``U.S.`` is optional.

        Raises:
            UnknownAgency: when nothing matches, with the closest ids as ``candidates``.

        """
        if name in self._agencies:
            return self._agencies[name]
        key = _lookup_key(name)
        for k in (key, _without_us(key)):
            if k is not None and k in self._index:
                return self._agencies[self._index[k]]
        raise self._unknown(name)

    def children(self, id: str) -> tuple[Agency, ...]:
        """Return the agencies directly part of this one, in registry order.

        Raises:
            UnknownAgency: for an id not in the registry.

        """
        self.get(id)
        return tuple(self._children[id])

    def descendants(self, id: str) -> tuple[Agency, ...]:
        """Return all agencies part of this one, at any depth, parents before children.

        Raises:
            UnknownAgency: for an id not in the registry.

        """
        out: list[Agency] = []
        stack = list(reversed(self.children(id)))
        while stack:
            a = stack.pop()
            out.append(a)
            stack.extend(reversed(self._children[a.id]))
        return tuple(out)

    def ids(self) -> tuple[str, ...]:
        """Return every id, in registry order."""
        return tuple(self._agencies)

    def __iter__(self) -> Iterator[Agency]:
        """Iterate over the agencies in registry order."""
        return iter(self._agencies.values())

    def __len__(self) -> int:
        """Return the number of agencies."""
        return len(self._agencies)

    def __contains__(self, id: object) -> bool:
        """Tell whether ``id`` is the id of an agency (names and aliases do not count)."""
        return isinstance(id, str) and id in self._agencies

    def __repr__(self) -> str:
        """Show the size and source, without listing the agencies."""
        return f"<AgencyRegistry of {len(self)} agencies from {self.source}>"

    def _compiled(self) -> _Matcher:
        """Return the compiled patterns for this registry, built on first use (thread-safe)."""
        m = self._matcher
        if m is None:
            with self._lock:
                if self._matcher is None:
                    self._matcher = _Matcher(self)
                m = self._matcher
        return m

    def _unknown(self, name: str) -> UnknownAgency:
        ids = self._closest(name)
        described = [_Described(i, self._agencies[i].name) for i in ids]
        return UnknownAgency(name, ids, described=described)

    def _closest(self, name: str, n: int = 3) -> list[str]:
        """Return the ids whose id, name or alias is closest to ``name``, best first."""
        import difflib  # noqa: PLC0415  (only an unknown name needs it)

        key = _lookup_key(name)
        if not key:
            return []
        order = {aid: i for i, aid in enumerate(self._agencies)}
        id_keys = {_lookup_key(aid) for aid in self._agencies}
        near = difflib.get_close_matches(key, list(self._index), n=25, cutoff=0.6)
        # Fewest edits first; then an id before a name or alias (the ids are what
        # people type), the same letters (a doubled or dropped one: HSS for HHS),
        # the closer spelling, and the registry order.
        scored: dict[str, tuple[int, int, float, float, int]] = {}
        letters = set(key)
        for k in near:
            aid = self._index[k]
            score = (
                _edit_distance(key, k),
                0 if k in id_keys else 1,
                -len(letters & set(k)) / len(letters | set(k)),
                -difflib.SequenceMatcher(None, key, k).ratio(),
                order[aid],
            )
            if aid not in scored or score < scored[aid]:
                scored[aid] = score
        return sorted(scored, key=scored.__getitem__)[:n]


class _Described(str):
    """A candidate id whose repr, in a "did you mean" hint, carries the agency's name."""

    __slots__ = ("agency_name",)

    agency_name: str

    def __new__(cls, agency_id: str, agency_name: str) -> _Described:
        """Make the id string and keep the name beside it."""
        self = super().__new__(cls, agency_id)
        self.agency_name = agency_name
        return self

    def __repr__(self) -> str:
        """Show the id quoted, then the agency's name."""
        return f"{str(self)!r} ({self.agency_name})"


def _edit_distance(a: str, b: str) -> int:
    """Return the optimal string alignment distance (Levenshtein with transpositions)."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


# --------------------------------------------------------------------------- loading and validation


def _build(data: Mapping[str, object], source: str, path: Path | None) -> AgencyRegistry:
    problems: list[str] = []
    extra = sorted(set(data) - {"agency"})
    if extra:
        problems.append(f"unknown top-level keys {extra}; expected only [[agency]] tables")
    raw = data.get("agency", [])
    if not isinstance(raw, list) or not raw:
        problems.append("no [[agency]] entries")
        raise RegistryError(path, problems)

    entries: list[tuple[str, dict[str, object]]] = []  # (label, entry)
    first_at: dict[str, str] = {}
    for n, item in enumerate(raw, 1):
        if not isinstance(item, dict):
            problems.append(f"entry {n}: not a table")
            continue
        aid = item.get("id")
        label = f"entry {n} (id {aid!r})" if isinstance(aid, str) else f"entry {n}"
        problems.extend(_entry_problems(label, item))
        if not isinstance(aid, str) or not aid.strip():
            continue
        if aid in first_at:
            problems.append(f"{label}: duplicate id, already used by {first_at[aid]}")
            continue
        first_at[aid] = label
        entries.append((label, item))

    by_id = {str(e["id"]): (label, e) for label, e in entries}
    import difflib  # noqa: PLC0415  (only for the problems' suggestions)

    # Parents must exist and must not loop.
    for label, e in entries:
        parent = e.get("parent")
        if isinstance(parent, str) and parent not in by_id:
            close = difflib.get_close_matches(parent, list(by_id), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            problems.append(f"{label}: unknown parent {parent!r}{hint}")
    reported: set[frozenset[str]] = set()
    for _, e in entries:
        seen: list[str] = [str(e["id"])]
        node = e
        while isinstance(node.get("parent"), str) and node["parent"] in by_id:
            pid = str(node["parent"])
            if pid in seen:
                loop = seen[seen.index(pid) :]
                if frozenset(loop) not in reported:
                    reported.add(frozenset(loop))
                    chain = " -> ".join([*loop, pid])
                    problems.append(f"{by_id[pid][0]}: parent cycle {chain}")
                break
            seen.append(pid)
            node = by_id[pid][1]
    # An alias may denote one agency only, for lookup and for matching.
    owner: dict[str, tuple[str, str, str]] = {}  # key -> (id, alias, label)
    match_owner: dict[tuple[str, ...], tuple[str, str, str]] = {}
    for label, e in entries:
        aid = str(e["id"])
        names = [aid, e.get("name"), *_str_list(e.get("aliases"))]
        for alias in names:
            if not isinstance(alias, str):
                continue
            key = _lookup_key(alias)
            prior = owner.get(key)
            if prior is not None and prior[0] != aid:
                problems.append(
                    f"{label}: duplicate alias {alias!r}, already {prior[1]!r} of {prior[2]}"
                )
            else:
                owner.setdefault(key, (aid, alias, label))
            if alias is not aid and _is_text_name(alias):
                tokens = _name_tokens(alias)
                mprior = match_owner.get(tokens)
                if mprior is not None and mprior[0] != aid:
                    problems.append(
                        f"{label}: alias {alias!r} matches the same text as "
                        f"{mprior[1]!r} of {mprior[2]}"
                    )
                else:
                    match_owner.setdefault(tokens, (aid, alias, label))
    if problems:
        raise RegistryError(path, problems)

    built: dict[str, Agency] = {}

    def make(aid: str) -> Agency:
        if aid not in built:
            e = by_id[aid][1]
            parent = e.get("parent")
            built[aid] = Agency(
                id=aid,
                name=str(e["name"]),
                aliases=tuple(_str_list(e.get("aliases"))),
                parent=make(parent) if isinstance(parent, str) else None,
                kind=str(e.get("kind", "agency")),
            )
        return built[aid]

    ordered = [make(str(e["id"])) for _, e in entries]
    ambiguous = [a for _, e in entries for a in _str_list(e.get("ambiguous"))]
    return AgencyRegistry(ordered, ambiguous=ambiguous, source=source)


def _str_list(value: object) -> list[str]:
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def _entry_problems(label: str, e: Mapping[str, object]) -> list[str]:
    out: list[str] = []
    unknown = sorted(set(e) - _ENTRY_KEYS)
    if unknown:
        out.append(f"{label}: unknown keys {unknown}")
    aid = e.get("id")
    if not isinstance(aid, str) or not aid.strip():
        out.append(f"{label}: 'id' must be a non-empty string")
    name = e.get("name")
    if not isinstance(name, str) or not name.strip():
        out.append(f"{label}: 'name' must be a non-empty string")
    kind = e.get("kind", "agency")
    if kind not in KINDS:
        out.append(f"{label}: unknown kind {kind!r}; valid kinds: {', '.join(sorted(KINDS))}")
    parent = e.get("parent")
    if parent is not None and not isinstance(parent, str):
        out.append(f"{label}: 'parent' must be a string id")
    if isinstance(parent, str) and parent == aid:
        out.append(f"{label}: is its own parent")
    for field in ("aliases", "ambiguous"):
        value = e.get(field, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            out.append(f"{label}: {field!r} must be a list of non-empty strings")
    aliases = _str_list(e.get("aliases"))
    for amb in _str_list(e.get("ambiguous")):
        if amb not in aliases:
            out.append(f"{label}: ambiguous alias {amb!r} is not among its aliases")
        elif not _is_abbreviation(amb):
            out.append(f"{label}: ambiguous alias {amb!r} is not an abbreviation")
    return out


def load_registry(path: str | Path) -> AgencyRegistry:
    r"""Read an agency registry from a TOML file in the format of the bundled one.

    >>> import tempfile
    >>> toml = '''
    ... [[agency]]
    ... id = "DOJ"
    ... name = "Department of Justice"
    ... kind = "department"
    ... aliases = ["DOJ", "Justice Department"]
    ...
    ... [[agency]]
    ... id = "FBI"
    ... name = "Federal Bureau of Investigation"
    ... kind = "bureau"
    ... parent = "DOJ"
    ... aliases = ["FBI"]
    ... '''
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder, "agencies.toml")
    ...     _ = path.write_text(toml)
    ...     agencies = load_registry(path)
    >>> len(agencies), agencies.get("FBI").parent_id
    (2, 'DOJ')
    >>> text = "The Justice Department, the FBI and HHS."
    >>> [(m.agency.id, m.surface) for m in find_agencies(text, agencies)]
    [('DOJ', 'Justice Department'), ('FBI', 'FBI')]

    Args:
        path: the file.

    Returns:
        The registry, validated.

    Raises:
        RegistryError: when the file cannot be read or parsed, or lists every
            problem in it (unknown parent, duplicate id or alias, parent cycle,
            unknown kind or key), each with the entry it is in.

    """
    import tomllib  # noqa: PLC0415  (read on use, never at import)

    p = Path(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except OSError as e:
        raise RegistryError(p, [f"cannot read the file: {e.strerror or e}"]) from e
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise RegistryError(p, [f"not valid TOML: {e}"]) from e
    return _build(data, str(p), p)


@functools.cache
def registry() -> AgencyRegistry:
    """Return the bundled agency registry (read on first call, then cached).

    >>> registry().get("ORR").parent_id
    'ACF'
    """
    import tomllib  # noqa: PLC0415  (read on first use, never at import)
    from importlib import resources  # noqa: PLC0415

    resource = resources.files("tipcorpus") / "data" / "agencies.toml"
    data = tomllib.loads(resource.read_text(encoding="utf-8"))
    return _build(data, "tipcorpus/data/agencies.toml", None)


# --------------------------------------------------------------------------- the matcher

# Heads whose plural governs a list of agencies: "the Departments of State and
# Justice", "the Civil Rights and Criminal Divisions".
_PREFIX_HEADS = ("Department", "Bureau")
_SUFFIX_HEADS = ("Division", "Section")

_ABBR_DEFINITION = r"""
    (?:['’]s?)?                                  # a possessive: "Department of Labor's (DOL)"
    \s*\(\s*                                      # an opening parenthesis
    (?P<abbr>[A-Z][A-Za-z]*(?:[/&-][A-Za-z]+)*)  # the abbreviation
    \s*\)                                         # a closing parenthesis
"""

_END = ""  # the trie key under which a complete name keeps its agency

_Trie = dict[str, "_Trie | Agency"]


def _case_forms(words: Iterable[str]) -> set[str]:
    """Words capitalised, in capitals (headings are often all capitals), and as written.

    A name the registry writes in lower case ("federal agencies") is also matched so.
    """
    return {f for w in words if w for f in (w[0].upper() + w[1:], w.upper(), w)}


def _literal_trie(words: Iterable[str] | Mapping[str, str]) -> str:
    """Return a regex matching any of ``words``, factorised by prefixes so it scans fast.

    When ``words`` maps each word to a pattern, that pattern must follow the word.
    """
    suffix = dict(words) if isinstance(words, Mapping) else dict.fromkeys(words, "")
    trie: dict[str, dict[str, object]] = {}
    for w in suffix:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})  # type: ignore[assignment]
        node[_END] = {}

    def emit(node: dict[str, dict[str, object]], prefix: str) -> str:
        alts: list[str] = []
        for ch in sorted(k for k in node if k != _END):
            child = node[ch]
            word = prefix + ch
            inner = [k for k in child if k != _END]
            tail = emit(child, word) if inner else ""  # type: ignore[arg-type]
            if _END in child:
                end = suffix[word]
                tail = (f"(?:{tail}|{end})" if end else f"(?:{tail})?") if tail else end
            alts.append(regex.escape(ch) + tail)
        if not alts:
            return "(?!)"
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return emit(trie, "")


# A pattern of the ``regex`` module costs several times more per position scanned than
# the same pattern in the standard library's engine, but the two engines disagree on what
# ``\w`` is (``regex`` counts superscripts and combining marks as letters only in part).
# The scan for where names start therefore runs in ``re`` on a looser copy of the pattern,
# which finds every position the exact pattern matches at and a few more, and the exact
# pattern then decides at each of those positions: the result is the exact pattern's.
_LOOSE = (
    (r"(?<![\w/])", r"(?<![A-Za-z0-9_/])"),  # a word start: fewer characters count as word
    (r"(?!\w)", r"(?![A-Za-z0-9_])"),  # a word end: likewise
)


def _prefilter(exact: regex.Pattern[str]) -> re.Pattern[str]:
    r"""Return a standard-library pattern that matches wherever ``exact`` matches, and more.

    ``exact`` may use only what ``re`` also reads; ``\w`` appears in it only in the
    look-arounds of :data:`_LOOSE`, and ``\s`` matches in ``re`` all it matches in ``regex``.
    """
    loose = exact.pattern
    for strict, looser in _LOOSE:
        loose = loose.replace(strict, looser)
    if r"\w" in loose.replace("\\\\", ""):
        raise TipcorpusError("the start pattern has a \\w the prefilter cannot loosen")
    return re.compile(loose, re.VERBOSE)


def _finditer(
    loose: re.Pattern[str], exact: regex.Pattern[str], text: str
) -> Iterator[regex.Match[str]]:
    """Yield the matches of ``exact.finditer(text)``, trying it only where ``loose`` matches.

    ``loose`` must match at every position ``exact`` matches at, and ``exact`` must never
    match the empty string.
    """
    pos = 0
    search = loose.search
    match = exact.match
    while True:
        hit = search(text, pos)
        if hit is None:
            return
        at = hit.start()
        m = match(text, at)
        if m is None:
            pos = at + 1
        else:
            yield m
            pos = m.end()


class _Matcher:
    """The tables and patterns that find one registry's agencies in a text.

    Finding works in two steps, which keeps it fast on long texts:
    one regex of literal words finds where a name or abbreviation may start
    (the capitalised first words of names, the abbreviations, "U.S.", "the"),
    then a walk along a token trie of the names reads the longest name there.
    """

    def __init__(self, reg: AgencyRegistry) -> None:
        """Build the tables and patterns for ``reg``."""
        self.abbrs: dict[str, Agency] = {}
        self.ambiguous: dict[str, Agency] = {}
        self.known: dict[str, Agency] = {}  # every abbreviation and id, ambiguous or not
        explicit: dict[tuple[str, ...], Agency] = {}
        prefixed: dict[tuple[str, ...], Agency] = {}
        firsts: set[str] = set()
        seconds: dict[str, set[str]] = {}
        the_next: set[str] = set()
        for a in reg:
            if _is_abbreviation(a.id):
                self.known.setdefault(a.id, a)
            for alias in (a.name, *a.aliases):
                if _is_text_name(alias):
                    tokens = _name_tokens(alias)
                    if len(tokens) < 2:
                        continue
                    explicit.setdefault(tokens, a)
                    first = _first_word(alias)
                    seconds.setdefault(first, set()).add(_nth_word(alias, 1).lower())
                    # after a "U.S." prefix, the first word is the second
                    seconds.setdefault(_US_TOKEN, set()).add(first.lower())
                    if tokens[0] == "the":
                        the_next.add(_first_word(alias.split(None, 1)[1]))
                    elif tokens[0] != _US_TOKEN:
                        # "U.S." may precede any name: "U.S. Department of State".
                        prefixed.setdefault((_US_TOKEN, *tokens), a)
                        firsts.add(first)
                        if first.lower() == "department":
                            firsts.add("Dept.")
                elif _is_abbreviation(alias):
                    self.known.setdefault(alias, a)
                    if alias in reg.ambiguous:
                        self.ambiguous.setdefault(alias, a)
                    else:
                        self.abbrs.setdefault(alias, a)
        names = {**prefixed, **explicit}
        self.trie: _Trie = {}
        for tokens, agency in names.items():
            node = self.trie
            for t in tokens:
                nxt = node.setdefault(t, {})
                assert isinstance(nxt, dict)
                node = nxt
            node[_END] = agency
        self.first_forms = _case_forms(firsts)
        self.starts = self._start_pattern(firsts, seconds, the_next, set(self.abbrs))
        self.prefilter = _prefilter(self.starts)
        self.definition = regex.compile(_ABBR_DEFINITION, regex.VERBOSE)
        self.lists = self._list_rules(reg)

    @staticmethod
    def _start_pattern(
        firsts: set[str], seconds: dict[str, set[str]], the_next: set[str], abbrs: set[str]
    ) -> regex.Pattern[str]:
        """Build the pattern for where a name or an abbreviation may start (literal words: fast)."""
        sep = r"(?:['’]s?)?(?:\s*[,-]\s*|\s+)"
        us = r"(?:U\.\s?S\.?(?!\w)|US(?!\w)|United\s+States|UNITED\s+STATES)"
        # A name goes on with one of the second words of the registry's names.
        following = {
            f
            for words in seconds.values()
            for w in words
            if w.isalnum() and w not in ("u", "us", "united")
            for f in (w, w.capitalize(), w.upper())
        }
        then = rf"(?={sep}(?:{_literal_trie(following)}s?(?!\w)|{us}|&|(?i:dept)\.))"
        name_words = _literal_trie(_case_forms(firsts) - abbrs)
        after_the = _literal_trie(_case_forms(the_next))
        initials = "".join(sorted({w[0] for w in _case_forms(firsts) | abbrs} | {"U", "T", "t"}))
        return regex.compile(
            rf"""
            (?<![\w/])                        # a word starts here
            (?=[{regex.escape(initials)}])    # with a letter some name or abbreviation starts with
            (?:
                (?P<abbr>{_literal_trie(abbrs)})(?!\w)  # an abbreviation
              | (?:{name_words}|{us}){then}   # a name's first word or "U.S.", if a name goes on
              | (?:the|The|THE)(?=\s+{after_the}(?!\w))  # "the" before "President" ...
            )
            """,
            regex.VERBOSE,
        )

    def longest_name(self, text: str, pos: int) -> tuple[int, Agency] | None:
        """Return the end and agency of the longest name starting at ``pos``, if any."""
        match = _token_at().match
        root = self.trie
        node: _Trie = root
        best: tuple[int, Agency] | None = None
        i = pos
        after_the = False
        while True:
            m = match(text, i)
            if m is None:
                break
            word, sep = m.group("word", "sep")
            if word is not None:
                if after_the and not word[0].isupper():
                    break  # after "the", the name must be capitalised: not "the president"
                token = word.lower()
                if len(token) > 3 and token[-1] == "s" and token[-2] != "s":
                    token = token[:-1]  # as in _canonical
            else:
                token = _canonical(m)
            child = node.get(token)
            if not isinstance(child, dict):
                break
            after_the = node is root and token == "the"
            node = child
            agency = node.get(_END)
            if isinstance(agency, Agency):
                best = (m.end("tok"), agency)
            if sep is None:
                break
            i = m.end()
        return best

    def candidates(self, text: str) -> Iterator[tuple[int, int, Agency, bool]]:
        """Yield every name and abbreviation found: (start, end, agency, is a name)."""
        abbrs = self.abbrs
        firsts = self.first_forms
        for m in _finditer(self.prefilter, self.starts, text):
            pos = m.start()
            abbr = m.group("abbr")
            if abbr is not None:
                yield pos, m.end(), abbrs[abbr], False
                if abbr not in firsts:
                    continue
            found = self.longest_name(text, pos)
            if found is not None:
                yield pos, found[0], found[1], True

    @staticmethod
    def _list_rules(reg: AgencyRegistry) -> list[_ListRule]:
        """Build one rule per plural head that governs a list of agencies."""
        prefix_items: dict[str, dict[str, Agency]] = {h: {} for h in _PREFIX_HEADS}
        suffix_items: dict[str, dict[str, Agency]] = {h: {} for h in _SUFFIX_HEADS}
        heads_first = "|".join(_PREFIX_HEADS)
        heads_last = "|".join(_SUFFIX_HEADS)
        first_re = regex.compile(
            rf"^(?:U\.S\.\s+)?(?P<head>{heads_first})\s+(?:of|for|on)\s+(?:the\s+)?(?P<item>.+)$"
        )
        last_re = regex.compile(rf"^(?P<item>.+?)\s+(?P<head>{heads_last})$")
        for a in reg:
            for alias in (a.name, *a.aliases):
                if "," in alias:
                    continue  # a list item cannot itself hold commas
                m = first_re.match(alias)
                if m:
                    prefix_items[m["head"]].setdefault(m["item"], a)
                m = last_re.match(alias)
                if m:
                    suffix_items[m["head"]].setdefault(m["item"], a)
        rules: list[_ListRule] = []
        for head, items, first in [
            *((h, prefix_items[h], True) for h in _PREFIX_HEADS),
            *((h, suffix_items[h], False) for h in _SUFFIX_HEADS),
        ]:
            if len(items) >= 2:
                rules.append(_ListRule(head, items, head_first=first))
        return rules


class _ListRule:
    """A plural head and the agencies it can govern: "Departments of" + State, Justice ..."""

    # An item may carry its abbreviation: "the Departments of State (DOS) and Justice (DOJ)".
    _ABBR = r"(?:\s*\([A-Z][A-Za-z/&]*\))?"
    # Between items: a comma, "and", or both, and perhaps "the".
    _SEP = r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?"

    def __init__(self, head: str, items: Mapping[str, Agency], *, head_first: bool) -> None:
        """Compile the patterns for ``head`` and the items it may govern."""
        self.head_first = head_first
        self.table = {" ".join(k.split()): v for k, v in items.items()}
        alt = "|".join(
            r"\s+".join(regex.escape(w) for w in item.split())
            for item in sorted(items, key=lambda s: (-len(s), s))
        )
        self.item = regex.compile(rf"(?<!\w)(?:{alt})(?!\w)")
        one = rf"(?<!\w)(?:{alt})(?!\w){self._ABBR}"
        two_or_more = rf"{one}(?:{self._SEP}{one})+"
        if head_first:
            self.finder = regex.compile(rf"(?<!\w){head}s\s+(?:of|for|on)\s+(?:the\s+)?")
            self.pattern = regex.compile(two_or_more)
        else:
            self.finder = regex.compile(rf"(?<!\w){head}s(?!\w)")
            self.pattern = regex.compile(rf"{two_or_more}\s+\Z")

    def spans(self, text: str) -> Iterator[tuple[int, int, Agency]]:
        """Yield the items of every list this rule finds in ``text``."""
        for f in self.finder.finditer(text):
            if self.head_first:
                m = self.pattern.match(text, f.end())
            else:
                lo = max(0, f.start() - _LIST_WINDOW)
                m = self.pattern.search(text, lo, f.start())
            if m is None:
                continue
            for it in self.item.finditer(text, m.start(), m.end()):
                agency = self.table.get(" ".join(it.group().split()))
                if agency is not None:
                    yield it.start(), it.end(), agency


_LIST_WINDOW = 200  # characters before "Divisions" searched for the list it closes


# --------------------------------------------------------------------------- recognisers


def find_agencies(text: str, registry: AgencyRegistry | None = None) -> list[AgencyMention]:
    """Find where ``text`` names an agency, in text order, without overlaps.

    Where candidates overlap the longest wins, so
    ``Department of Homeland Security's Bureau of Immigration and Customs
    Enforcement`` gives DHS then ICE, and ``President's Interagency Task Force``
    is PITF, not the President.
    A parenthesised abbreviation after a name is a mention of its own.

    Args:
        text: any text.
        registry: the agencies to look for; the bundled registry by default.

    Returns:
        The mentions; empty when there are none.

    >>> [(m.surface, m.agency.id) for m in find_agencies("DOS G/TIP and DHS ICE")]
    [('DOS', 'DOS'), ('G/TIP', 'G/TIP'), ('DHS', 'DHS'), ('ICE', 'ICE')]

    """
    reg = registry if registry is not None else _bundled()
    m = reg._compiled()
    found: list[tuple[int, int, Agency]] = []
    long_forms: list[tuple[int, int, Agency]] = []
    for start, end, agency, is_name in m.candidates(text):
        found.append((start, end, agency))
        if is_name:
            long_forms.append((start, end, agency))
    for rule in m.lists:
        for item in rule.spans(text):
            found.append(item)
            long_forms.append(item)
    kept = _resolve(found)
    long_set = {(s, e, a.id) for s, e, a in long_forms}
    defined = _definitions(text, m, [k for k in kept if (k[0], k[1], k[2].id) in long_set])
    if defined:
        kept = _resolve(kept + defined)
    # A report names the same few agencies thousands of times: the mentions share one
    # string per surface form instead of each keeping its own copy.
    surfaces: dict[str, str] = {}
    out: list[AgencyMention] = []
    for s, e, a in kept:
        surface = text[s:e]
        out.append(AgencyMention(a, (s, e), surfaces.setdefault(surface, surface)))
    return out


def _resolve(candidates: list[tuple[int, int, Agency]]) -> list[tuple[int, int, Agency]]:
    """Keep the longest of overlapping candidates (earlier first on a tie), in text order."""
    out: list[tuple[int, int, Agency]] = []
    cluster: list[tuple[int, int, Agency]] = []
    reach = -1
    for c in sorted(candidates, key=lambda c: (c[0], -c[1])):
        if c[0] >= reach and cluster:
            out.extend(_resolve_cluster(cluster))
            cluster = []
        cluster.append(c)
        reach = max(reach, c[1])
    if cluster:
        out.extend(_resolve_cluster(cluster))
    return out


def _resolve_cluster(cluster: list[tuple[int, int, Agency]]) -> list[tuple[int, int, Agency]]:
    """Keep the longest, then earliest, of candidates that overlap one another."""
    if len(cluster) == 1:
        return cluster
    taken: list[tuple[int, int, Agency]] = []
    for c in sorted(cluster, key=lambda c: (c[0] - c[1], c[0])):
        if all(c[1] <= t[0] or t[1] <= c[0] for t in taken):
            taken.append(c)  # a second candidate with the same span is dropped here
    return sorted(taken, key=lambda c: c[0])


def _definitions(
    text: str, m: _Matcher, long_forms: list[tuple[int, int, Agency]]
) -> list[tuple[int, int, Agency]]:
    """Find abbreviations the text defines for a named agency, from the definition onward.

    ``Department of Education (ED)`` makes ``ED`` an agency for the rest of the text.
    An abbreviation the registry gives to another agency is never redefined, and one
    it does not know must fit the name's initials, so ``The President's Interagency
    Task Force ... (TIP)`` does not make every "TIP" a task force.
    """
    defined: dict[str, tuple[int, Agency]] = {}
    for s, e, agency in long_forms:
        if "(" not in text[e : e + 4]:
            continue  # quick test: no definition follows
        d = m.definition.match(text, e)
        if d is None:
            continue
        abbr = d.group("abbr")
        owner = m.known.get(abbr)
        ok = owner.id == agency.id if owner is not None else _fits_initials(abbr, text[s:e])
        if ok and abbr not in m.abbrs and abbr not in defined:
            defined[abbr] = (d.start("abbr"), agency)
    if not defined:
        return []
    pattern = regex.compile(
        r"(?<!\w)(?:"
        + "|".join(regex.escape(a) for a in sorted(defined, key=len, reverse=True))
        + r")(?!\w)"
    )
    out = []
    for hit in pattern.finditer(text):
        at, agency = defined[hit.group()]
        if hit.start() >= at:
            out.append((hit.start(), hit.end(), agency))
    return out


_FUNCTION_WORDS = frozenset({"of", "for", "on", "to", "and", "the", "in", "&"})


def _fits_initials(abbr: str, long_form: str) -> bool:
    """Tell whether an abbreviation can stand for a name (``ASI``, Alien Smuggling Interdiction).

    Its capitals must be, in order, initials of the name's words, and the first must
    be the initial of one of the first two content words.
    """
    words = [w for w in _name_tokens(long_form) if w]
    initials = "".join("US" if w == _US_TOKEN else w[0].upper() for w in words)
    content = [w for w in words if w not in _FUNCTION_WORDS]
    firsts = {("U" if w == _US_TOKEN else w[0].upper()) for w in content[:2]}
    letters = [c for c in abbr if c.isupper()]
    if len(letters) < 2 or letters[0] not in firsts:
        return False
    it = iter(initials)
    return all(c in it for c in letters)


# "the Department", "the Bureau" ... alone: a reference the attribution step resolves.
# Not when a name follows ("the Department of Justice", "the Office to Monitor ...").
_GENERIC = r"""
    (?<!\w)[Tt]he\s+
    (?P<noun>Department|Bureau|Agency|Office|Division|Center|Task\s+Force
      # News style writes "the department" in lower case; as a subject or object only
      # (before a verb or punctuation), not in a compound ("the department store").
      |(?:department|bureau|agency)
       (?=\s*[,.;:)]|\s+(?:has|have|had|is|was|will|would|also|then|said|\w+ed)\b))
    (?!\w)
    (?!\s+(?:of|for|on|to|in)\s+(?:the\s+)?[A-Z])   # not the start of a full name
"""


@functools.cache
def _generic_re() -> regex.Pattern[str]:
    return regex.compile(_GENERIC, regex.VERBOSE)


def find_generic_references(text: str) -> list[tuple[Span, str]]:
    """Find where ``text`` says "the Department", "the Bureau", "the Agency" and the like.

    These refer to an agency named elsewhere; resolving them is left to the caller.

    Returns:
        ``(span, noun)`` pairs in text order; the span covers "the" and the noun,
        and the noun is one of ``Department``, ``Bureau``, ``Agency``, ``Office``,
        ``Division``, ``Center``, ``Task Force``.

    >>> find_generic_references("The Bureau supports the Department of State.")
    [((0, 10), 'Bureau')]

    """
    return [
        ((m.start(), m.end("noun")), " ".join(m.group("noun").split()))
        for m in _generic_re().finditer(text)
    ]


def _bundled() -> AgencyRegistry:
    return registry()
