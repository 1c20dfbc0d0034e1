r"""Find number expressions in text: counts, U.S. dollar amounts, percentages and multipliers.

:func:`quantities` is the recogniser.
It reads digits (``1,974``, ``\\$51 million``, ``.08``), number words
(``one hundred and sixty-one``, ``a million``, ``three million, two hundred & forty``),
scale words after any digits (``322 hundred``, ``2.12 hundred``, ``$5-million``, ``$1.2bn``),
U.S. dollar codes wherever they stand (``usd 20``, ``115USD``), cents, percentages
(``47 percent``, ``58%``), multipliers (``seven-fold``, ``three times the``, ``doubled``) and ranges
(``20 million to 30 million``, ``$5-10 million``), with the qualifying words before them
(``more than``, ``approximately``, ``up to``).
It leaves out what the annotation guideline calls ``other``: years and dates, identifiers
(``P.L. 106-386``, ``Section 107(c)``, ``I-914``), telephone numbers, list enumerators and
ordinals, and also vague amounts (``thousands``), fractions (``one third``) and amounts in
currencies other than the U.S. dollar.

The word tables live in ``tipcorpus/data/numbers.toml``; they are read, and the patterns
compiled, on the first call, never at import.

How it works, in one pass:

1. One combined pattern finds the *atoms*: digit groups (with what is written against
   them: ``58%``, ``115USD``, ``$5m``), number words, currency signs and words,
   ``percent``, ``-fold``, ``times``, and junk such as telephone numbers.
2. Atoms separated only by blank space, a hyphen, ``and``, ``&`` or ``to`` form a *run*;
   so does a comma between a spelt-out scale word and a number word
   (``three million, two hundred``).
3. Each run is parsed left to right into expressions (a small grammar for number words,
   scale words after any number or none, abbreviated scales, currency before or after,
   cents, percent, multiplier), and neighbouring expressions joined by ``-``, ``to`` or
   ``between ... and`` become ranges.
4. Each expression is checked against its left and right context (one anchored match
   each) for qualifiers and for the reasons to leave it out.

Speed: the text is long and the atoms are few, so the costs are the one scan over the
text and a few matches per expression. The scan uses a groupless, flat form of the atom
pattern (``scan``) that the standard library's engine runs fast, and reads the groups
only where an atom was found. The context patterns use ``regex`` for its reverse
matching and Unicode rules; on plain ASCII text, where the two engines agree, the left
context is read by ``re`` on the reversed window instead, and a cheap ``re`` test skips
the right context where it cannot match. Each of these gives the same matches as the
pattern it stands for.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable, Sequence
from decimal import Decimal
from importlib import resources

import regex
from attrs import define, frozen

from tipcorpus._text import lower_in_pieces
from tipcorpus.model import Kind, Number, Qualifier, Quantity

__all__ = ["quantities"]

# Kinds of atom, named after the groups of the atom pattern.
_CHAIN = "chain"
_NUM = "num"
_WORD = "word"
_FOLDWORD = "foldword"
_FOLD = "fold"
_MULT = "mult"
_MULTADJ = "multadj"
_PCT = "pct"
_TIMES = "times"
_FOREIGN = "foreign"
_USDPRE = "usdpre"
_USDWORD = "usdword"
_SIGN = "sign"
_ABBR = "abbr"
_CENTS = "cents"

# Kinds of word atom that may be written against the digits before them: "115USD".
_GLUED = frozenset({_USDWORD, _FOREIGN, _PCT, _ABBR, _CENTS})

# Kinds of gap between two atoms of a run.
_GAP_NONE = 0
_GAP_SPACE = 1
_GAP_HYPHEN = 2
_GAP_AND = 3
_GAP_TO = 4
_GAP_COMMA = 5  # only between a spelt-out scale word and the next number word

# Classes of number word.
_UNIT = "unit"
_TEEN = "teen"
_TENS = "tens"
_HUNDRED = "hundred"
_SCALE = "scale"
_A = "a"
_DIGITS = "digits"
_BARE = "bare"  # a scale word with no number before it: "hundred thousand dollars"

_MAX_DIGITS = 40  # longer digit strings are codes or junk, not quantities
_MAX_GAP = 16  # longest stretch between two atoms of one run ("  and  ", " to ")
_LEFT_WINDOW = 48  # characters before an expression searched for context words
_RIGHT_WINDOW = 64  # characters after an expression searched for counted nouns


@frozen
class _Tables:
    """The word tables of ``numbers.toml``, lower-cased."""

    words: dict[str, tuple[str, int]]
    multiplier_words: dict[str, int]
    multiplier_adjectives: dict[str, int]
    times_followers: tuple[str, ...]
    qualifiers: dict[str, Qualifier]
    usd_sign_prefixes: tuple[str, ...]
    usd_words: tuple[str, ...]
    foreign_prefixes: tuple[str, ...]
    foreign_attached: tuple[str, ...]
    foreign_signs: tuple[str, ...]
    foreign_codes: tuple[str, ...]
    foreign_words: tuple[str, ...]
    dollar_adjectives: tuple[str, ...]
    identifier_prefixes: tuple[str, ...]
    capitalized_prefixes: tuple[str, ...]
    identifier_suffixes: tuple[str, ...]
    year_triggers: frozenset[str]
    weak_year_triggers: frozenset[str]
    months: tuple[str, ...]
    ordinals: tuple[str, ...]
    fractions: tuple[str, ...]
    pronoun_determiners: tuple[str, ...]
    pronoun_followers: tuple[str, ...]
    not_plurals: frozenset[str]
    stop_words: frozenset[str]
    vague_before_scale: tuple[str, ...]
    scale_abbreviations: dict[str, int]
    money_scale_abbreviations: dict[str, int]
    cent_words: tuple[str, ...]


@functools.cache
def _tables() -> _Tables:
    raw = tomllib.loads(
        (resources.files("tipcorpus") / "data" / "numbers.toml").read_text(encoding="utf-8")
    )
    words: dict[str, tuple[str, int]] = {}
    for table, cls in (("units", _UNIT), ("teens", _TEEN), ("tens", _TENS)):
        for word, value in raw[table].items():
            words[word.lower()] = (cls, int(value))
    for word, value in raw["scales"].items():
        words[word.lower()] = (_HUNDRED if value == 100 else _SCALE, int(value))
    qualifiers: dict[str, Qualifier] = {}
    for name, phrases in raw["qualifiers"].items():
        for phrase in phrases:
            qualifiers[phrase.lower()] = Qualifier(name)
    low = _lowered
    years = raw["years"]
    return _Tables(
        words=words,
        multiplier_words={k.lower(): int(v) for k, v in raw["multiplier_words"].items()},
        multiplier_adjectives={k.lower(): int(v) for k, v in raw["multiplier_adjectives"].items()},
        times_followers=low(raw["multiplier"]["times_followers"]),
        qualifiers=qualifiers,
        usd_sign_prefixes=low(raw["money"]["usd_sign_prefixes"]),
        usd_words=low(raw["money"]["usd_words"]),
        foreign_prefixes=low(raw["foreign"]["dollar_prefixes"]),
        foreign_attached=tuple(raw["foreign"]["attached_dollar_prefixes"]),
        foreign_signs=tuple(raw["foreign"]["signs"]),
        foreign_codes=tuple(c.upper() for c in raw["foreign"]["codes"]),
        foreign_words=low(raw["foreign"]["words"]),
        dollar_adjectives=low(raw["foreign"]["dollar_adjectives"]),
        identifier_prefixes=low(raw["identifiers"]["prefixes"]),
        capitalized_prefixes=tuple(raw["identifiers"]["capitalized_prefixes"]),
        identifier_suffixes=low(raw["identifiers"]["suffixes"]),
        year_triggers=frozenset(low(years["triggers"])),
        weak_year_triggers=frozenset(low(years["weak_triggers"])),
        months=low(years["months"]),
        ordinals=low(raw["words"]["ordinals"]),
        fractions=low(raw["words"]["fractions"]),
        pronoun_determiners=low(raw["words"]["pronoun_determiners"]),
        pronoun_followers=low(raw["words"]["pronoun_followers"]),
        not_plurals=frozenset(low(raw["words"]["not_plurals"])),
        stop_words=frozenset(low(raw["words"]["stop_words"])),
        vague_before_scale=low(raw["words"]["vague_before_scale"]),
        scale_abbreviations={k.lower(): int(v) for k, v in raw["scale_abbreviations"].items()},
        money_scale_abbreviations={
            k.lower(): int(v) for k, v in raw["money_scale_abbreviations"].items()
        },
        cent_words=low(raw["money"]["cent_words"]),
    )


def number_words() -> frozenset[str]:
    """The words figures are written with: numbers, scales, multipliers, "percent", "dollars".

    >>> {"million", "seventeen", "percent"} <= number_words()
    True
    """
    t = _tables()
    words = {w for key in (*t.words, *t.multiplier_words, *t.usd_words) for w in key.split()}
    return frozenset(w for w in {*words, "percent"} if w.isalpha())


def _lowered(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(item.lower() for item in items)


def _alternation(items: Iterable[str], *, spaces: bool = True) -> str:
    """Build a regex alternation of literal phrases, longest first; spaces match any blank."""
    escaped = []
    for item in sorted(set(items), key=lambda s: (-len(s), s)):
        part = regex.escape(item)
        if spaces:
            part = part.replace(r"\ ", r"\s+")
        escaped.append(part)
    return "|".join(escaped)


_TrieNode = dict[str, "_TrieNode"]


def _trie_branches(words: Iterable[str], *, caseless: bool = False) -> list[str]:
    """Build the branches, one per first character, of a regex matching exactly ``words``.

    The words form a trie, so that a failing start fails fast; where one word begins
    another, the longer is tried first. A space in a word matches any run of blank
    space. ``caseless`` writes every ASCII letter as a class of its two cases
    (``[mM]``): on ASCII text that matches as ``IGNORECASE`` does, and unlike a letter
    under ``IGNORECASE``, it lets ``re`` test a branch's first character before entering
    the branch.
    """
    root: _TrieNode = {}
    for word in words:
        node = root
        for char in word.lower() if caseless else word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: _TrieNode) -> str:
        branches = []
        optional = False
        for char in sorted(node):
            if char == "":
                optional = True
                continue
            branches.append(head(char) + emit(node[char]))
        if not branches:
            return ""
        body = "(?:" + "|".join(branches) + ")"
        return body + "?" if optional else body

    def head(char: str) -> str:
        if char == " ":
            return r"\s+"
        if caseless and char.isascii() and char.isalpha():
            return f"[{char}{char.upper()}]"
        return re.escape(char)

    return [head(char) + emit(root[char]) for char in sorted(root) if char]


def _trie(words: Iterable[str]) -> str:
    """Build a regex matching exactly ``words``, as a trie (see :func:`_trie_branches`)."""
    return "(?:" + "|".join(_trie_branches(words)) + ")"


def _mirrored(phrases: Iterable[str], *, caseless: bool = True) -> str:
    """Build a regex for ``re`` matching the phrases of :func:`_alternation` spelt backwards.

    On reversed text it matches what the alternation matches on the text, the longest
    phrase first, as a trie (:func:`_trie_branches`; ``caseless`` as there).
    """
    return "(?:" + "|".join(_trie_branches((p[::-1] for p in phrases), caseless=caseless)) + ")"


@frozen
class _Patterns:
    """The compiled patterns and the atom table, built once from the tables."""

    atoms: re.Pattern[str]
    scan: re.Pattern[str]
    atom_kinds: dict[str, str]
    glued_kinds: dict[str, str]
    left: regex.Pattern[str]
    left_mirror: re.Pattern[str]
    right: regex.Pattern[str]
    right_filter: re.Pattern[str]
    unclean: re.Pattern[str]
    followers: regex.Pattern[str]
    times_followers: regex.Pattern[str]
    protected: regex.Pattern[str]
    words_after: regex.Pattern[str]
    vague: re.Pattern[str]


def _atom_kinds(t: _Tables) -> dict[str, str]:
    """Every word-like atom, lower-cased with single spaces, and its kind."""
    kinds: dict[str, str] = {}
    for word in t.foreign_words:
        kinds[word] = _FOREIGN
    for code in t.foreign_codes:
        kinds[code.lower()] = _FOREIGN
    for adjective in t.dollar_adjectives:
        kinds[adjective + " dollar"] = _FOREIGN
        kinds[adjective + " dollars"] = _FOREIGN
    for prefix in t.foreign_prefixes:
        kinds[prefix + "$"] = _FOREIGN
        kinds[prefix + " $"] = _FOREIGN
    for prefix in t.foreign_attached:  # "A$ 5" only; "A $5 million grant" is U.S. dollars
        kinds[prefix.lower() + "$"] = _FOREIGN
    for word in t.usd_words:
        kinds[word] = _USDWORD
    for word in t.cent_words:
        kinds[word] = _CENTS
    for word in t.scale_abbreviations:
        kinds[word] = _ABBR
    for prefix in t.usd_sign_prefixes:
        kinds[prefix + "$"] = _USDPRE
        kinds[prefix + " $"] = _USDPRE
    for word in ("percent", "per cent", "percent", "pct", "percentage point", "percentage points"):
        kinds[word] = _PCT
    kinds["times"] = _TIMES
    kinds["fold"] = _FOLD
    for word in t.multiplier_words:
        kinds[word] = _MULT
    for word in t.multiplier_adjectives:
        kinds[word] = _MULTADJ
    for word, (cls, value) in t.words.items():
        kinds[word] = _WORD
        if cls in (_UNIT, _TEEN, _TENS, _HUNDRED) and value > 1:
            kinds[word + "fold"] = _FOLDWORD
    # the "$" of a prefixed sign may be escaped for markdown: "US \\$ 150"
    for word in [w for w in kinds if w.endswith("$")]:
        kinds[word[:-1] + "\\$"] = kinds[word]
    return kinds


@functools.cache
def _patterns() -> _Patterns:
    t = _tables()
    kinds = _atom_kinds(t)
    # written against the digits only: "115USD", "$5m", "$20K"
    glued_kinds = {w: k for w, k in kinds.items() if k in _GLUED and w.isalpha()}
    glued_kinds.update(dict.fromkeys(t.money_scale_abbreviations, _ABBR))
    scale_words = _alternation(w for w, (c, _) in t.words.items() if c in (_HUNDRED, _SCALE))
    signs = "".join(regex.escape(s) for s in t.foreign_signs if len(s) == 1)
    digits = r"(?:\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
    # what may be written against the digits: a sign, or a currency or percent word
    # ("115USD", "20pct"), of which a word must end there
    suffix = rf"%|\\?\$|[{signs}]|{_trie(glued_kinds)}(?![a-z0-9])"
    # The text is scanned lower-cased, with a space in front, and every atom starts after
    # a character that is not a letter or digit: a pattern that starts with a character
    # class lets the engine skip the letters inside words quickly, which makes the scan
    # several times faster than a look-behind would. This one scan uses the standard
    # library's engine, which runs this pattern about three times faster than ``regex``
    # (benchmarks/quantities_speed.py); it uses nothing ``re`` lacks.
    atoms = rf"""
    [^a-z0-9_]                                  # the character before the atom
    (?:
      (?P<chain>                                # junk made of digits
          \(\d{{3}}\)[ ]?\d{{3}}[-.]\d{{4}}      #   (888) 373-7888
        | \d+(?:[-./]\d+){{2,}}                 #   1-888-3737-888, 6/3/2005, 1.2.3
        | \d+/\d+                               #   1/4, 24/7
        | \d{{1,2}}:\d{{2}}                     #   10:30
      )
    | (?P<num>{digits})                         # 1,974  1.26  .08
      (?P<nsuf>{suffix})?                       #   58%  10$  5€  115usd
    | (?P<pct>%)                                # 27 %
    | (?P<sign>\\?\$|[{signs}])                 # $ \$ €
      (?:(?P<snum>{digits})(?P<ssuf>{suffix})?)?  #   $51  $5m
    | (?P<a>an?(?=\s+(?:{scale_words})(?![a-z])))  # "a" only in "a million"
    | (?P<word>{_trie(kinds)})                  # number, currency, percent words
      (?:(?P<wnum>{digits})(?P<wsuf>{suffix})?|(?![a-z0-9]))  #   USD115.5, nzd$15, us$5bn
    )
    """
    # ``scan`` matches exactly where and what ``atoms`` matches, without its groups: it is
    # ``atoms`` with every alternation spread out into one flat list of branches, in the
    # same order, each starting with a literal or a character class (``\d+`` written
    # ``\d\d*``), and the branches that start with a digit put under one ``\d``. The
    # standard library's engine tests such a first character before it enters a branch,
    # but enters every branch that starts with a group or a repeat; as the leading
    # character is tried at every space and punctuation mark of the text, this makes the
    # scan about twice as fast. ``atoms`` is then matched only where ``scan`` found an
    # atom, to read the groups.
    word_branches = "\n      | ".join(
        branch + rf"(?:{digits}(?:{suffix})?|(?![a-z0-9]))" for branch in _trie_branches(kinds)
    )
    scan = rf"""
    [^a-z0-9_]                                  # the character before the atom
    (?:
        \(\d{{3}}\)[ ]?\d{{3}}[-.]\d{{4}}       # (888) 373-7888
      | \d(?:                                   # every branch that starts with a digit
            \d*(?:[-./]\d+){{2,}}               #   1-888-3737-888, 6/3/2005, 1.2.3
          | \d*/\d+                             #   1/4, 24/7
          | \d?:\d{{2}}                         #   10:30
          | \d{{0,2}}(?:,\d{{3}})+(?!\d)(?:\.\d+)?(?:{suffix})?  # 1,974  58%
          | \d*(?:\.\d+)?(?:{suffix})?         #   1.26  10$  115usd
        )
      | \.\d+(?:{suffix})?                     # .08
      | %                                       # 27 %
      | \\\$(?:{digits}(?:{suffix})?)?           # \$51  \$5m
      | \$(?:{digits}(?:{suffix})?)?             # $51  $5m
      | [{signs}](?:{digits}(?:{suffix})?)?      # €5  €5m
      | an?(?=\s+(?:{scale_words})(?![a-z]))    # "a" only in "a million"
      | {word_branches}
    )
    """
    quals = _alternation(t.qualifiers)
    # "18 U.S.C. 1589": a code's abbreviation is followed by a section number too
    idents = _alternation((*t.identifier_prefixes, *t.identifier_suffixes))
    left = rf"""(?r)
    (?:
        (?<![\w.])(?P<qual>{quals})\s*                      # more than, approximately
      | (?<![\w.])(?P<ident>{idents})\s*                    # Section, P.L., U.S.C.
      | (?<![\w.])(?-i:(?P<identc>{_alternation(t.capitalized_prefixes)}))\s+  # Form
      | (?<![\w.])(?P<month>{_alternation(t.months)})\s+    # June 3
      | (?<![\w.])(?P<ytrig>{_alternation(t.year_triggers)})\s+  # in, since, from
      | (?<![\w.])(?P<det>{_alternation(t.pronoun_determiners)})\s+  # the one
      | (?<![\w.])(?P<frac>half|quarter)[\s-]+(?:a\s+)?     # half a million
      | (?P<lhyph>(?<![\w-])[^\W\d_]+-)                     # I-914, mid-1972, multi-
      | (?-i:(?<![\w.])(?P<acro>[A-Z]{{2,}})[ ])            # TVPRA 2008
      | (?P<subpar>\)\s*\()                                 # (b) (2)
      | (?P<paren>\()                                       # (32)
      | (?:\A|\n)[ \t]*(?P<linestart>(?:[-•*▪◦·‣●][ \t]*)?) # 1. at the start of a line
    )\Z
    """
    # ``left`` read forwards on the reversed window before an expression. ``regex``
    # matches a (?r) pattern from right to left, which is matching the mirrored pattern
    # from left to right on the reversed text: each item of each alternative in reverse
    # order, the alternatives and the greed of every repeat as they are, a look-behind
    # turned into a look-ahead. The standard library's engine runs this about four times
    # faster, and it is used only on plain ASCII, where the two engines agree (see
    # :func:`_left`). ``left`` cannot consume the character before its window, but its
    # look-behinds see it; the reversed window therefore ends with a marker that nothing
    # here consumes and that the look-aheads read in its place: \x01 a letter, digit or
    # "_", \x02 ".", \x03 "-", \x04 anything else, \x05 the start of the text (``\A``).
    left_mirror = rf"""
    (?:
        \s*(?P<qual>{_mirrored(t.qualifiers)})(?![\w.\x01\x02])
      | \s*(?P<ident>{_mirrored((*t.identifier_prefixes, *t.identifier_suffixes))})(?![\w.\x01\x02])
      | \s+(?P<identc>{_mirrored(t.capitalized_prefixes, caseless=False)})(?![\w.\x01\x02])
      | \s+(?P<month>{_mirrored(t.months)})(?![\w.\x01\x02])
      | \s+(?P<ytrig>{_mirrored(t.year_triggers)})(?![\w.\x01\x02])
      | \s+(?P<det>{_mirrored(t.pronoun_determiners)})(?![\w.\x01\x02])
      | (?:\s+[aA])?[\s-]+(?P<frac>{_mirrored(("half", "quarter"))})(?![\w.\x01\x02])
      | (?P<lhyph>-[^\W\d_]+(?![\w\-\x01\x03]))
      | [ ](?P<acro>[A-Z]{{2,}})(?![\w.\x01\x02])
      | (?P<subpar>\(\s*\))
      | (?P<paren>\()
      | (?P<linestart>(?:[ \t]*[-•*▪◦·‣●])?)[ \t]*(?:\n|\x05)
    )
    """
    # Where ``right`` may match, as a necessary condition read on the lower-cased text
    # (``scanned``): a letter or one of '().- right after the expression, or blank space
    # (and hyphens) and then the start of one of the words ``right`` lists (each cut at
    # its first blank), or a word, one blank and the start of a currency word. A
    # character outside ASCII may be anything (a blank, a letter of another case), so it
    # lets ``right`` decide. Most expressions fail this test, and ``right`` is not run.
    blank = r"\t\n\x0b\x0c\r\x1c-\x1f "

    def starts(*lists: Iterable[str]) -> str:
        return "|".join(sorted({re.escape(w.split()[0]) for words in lists for w in words}))

    first_words = starts(
        ("hundredth", "thousandth", "millionth", "billionth", "a.m.", "p.m.", "am", "pm"),
        t.ordinals,
        t.fractions,
        t.identifier_suffixes,
        t.months,
        t.foreign_words,
        t.pronoun_followers,
    )
    right_filter = rf"""
        [^\x00-\x7f]                                         # not ASCII
      | [a-z'().\-]                                         # 3Ps, 's, (c), 4), 1., -first
      | [{blank}][{blank}-]*                                 # blank space, then
        (?:[^\x00-\x7f]|[(']                                #   not ASCII, (c), 's
          | (?:{first_words})                                #   june, thirds, euros, U.S.C.
          | [a-z]*[^\x00-\x7f]                              #   a word not in ASCII
          | [a-z]+[{blank}](?:[^\x00-\x7f]|{starts(t.foreign_words)})  # chinese yuan
        )
    """
    ordinals = _alternation(t.ordinals)
    right = rf"""
        (?P<letter>[^\W\d_]|['’]s\b)                        # 3Ps, 21st, 1960s, 2008's
      | (?P<ordinal>-\s?(?:{ordinals})\b                    # twenty-first
          | \s(?:hundredths?|thousandths?|millionths?|billionths?)\b)  # two millionths
      | (?P<fraction>[\s-]+(?:{_alternation(t.fractions)})\b(?!-))  # one third, two-thirds
      | (?P<idsuffix>\s?(?:{_alternation(t.identifier_suffixes)}))  # 28 C.F.R.
      | (?P<parenid>[ ]?\([a-z0-9]{{1,4}}\))                # 107(c)
      | (?P<close>\))                                       # 4)
      | (?P<dot>\.(?:\s|\Z))                                # 1. (with linestart)
      | (?P<monthafter>\s(?:{_alternation(t.months)})(?:\s|\Z)) # 3 June 2005
      | (?P<foreign>\s?(?:[^\W\d_]+\s)?                     # 100 chinese yuan
          (?:{_alternation(t.foreign_words)})\b)
      | (?P<ampm>\s?(?:a\.m\.|p\.m\.|am\b|pm\b))            # 10 a.m.
      | (?P<pronoun>\s+(?:{_alternation(t.pronoun_followers)})\b|['’]s\b)  # one another
    """
    times_followers = rf"""\s+(?:{_alternation(t.times_followers)})\b  # three times the"""
    followers = rf"""
        \s+(?:{_alternation(t.times_followers)})\b          # double the number
      | \s*[.,;:)]                                          # doubled.
      | \s+(?:in|from|to|since|between|during|and|or|over)\b  # doubled in
    """
    protected = r"""
        (?:https?://|ftp://|www\.)[^\s<>"')\]]+             # URLs
    """
    words_after = r"""\G(?:\s+[^\W\d_][\w'’-]*){1,3}"""  # up to three words
    flags = regex.VERBOSE | regex.IGNORECASE | regex.UNICODE
    return _Patterns(
        atoms=re.compile(atoms, re.VERBOSE),
        scan=re.compile(scan, re.VERBOSE),
        atom_kinds=kinds,
        glued_kinds=glued_kinds,
        left=regex.compile(left, flags),
        left_mirror=re.compile(left_mirror, re.VERBOSE),
        right=regex.compile(right, flags),
        right_filter=re.compile(right_filter, re.VERBOSE),
        # characters on which the two engines may disagree: all but printable ASCII and
        # the blanks both call blank (``re`` takes \x1c-\x1f for blanks, ``regex`` not)
        unclean=re.compile(r"[^\t\n\x0b\x0c\r\x20-\x7e]"),
        followers=regex.compile(followers, flags),
        times_followers=regex.compile(times_followers, flags),
        protected=regex.compile(protected, flags),
        words_after=regex.compile(words_after, flags),
        # "several hundred thousand dollars": a vague amount, read on the text before
        vague=re.compile(
            rf"(?<![\w.])(?:{_alternation(t.vague_before_scale)})\s+\Z", re.IGNORECASE
        ),
    )


@define(slots=True)
class _Atom:
    kind: str
    start: int
    end: int
    text: str
    gap: int = _GAP_NONE  # how this atom is joined to the one before it


@define(slots=True)
class _Expr:
    """One parsed expression, before its context is checked."""

    start: int
    end: int
    value: Decimal
    kind: Kind
    currency: str | None = None  # "usd", "foreign" or None
    core_start: int = 0
    core_end: int = 0
    tokens: int = 1  # number of atoms in the number core
    first_class: str = _DIGITS
    base: Decimal | None = None  # the number before a trailing scale word
    scale: int = 1  # the trailing scale word's value
    bare_digits: str | None = None  # the digits when the core is one plain integer
    value_high: Decimal | None = None
    end_digits: str | None = None  # the upper end's plain digits, for year ranges
    single_word: str | None = None  # the word when the core is one number word


@define(slots=True)
class _Left:
    """What stands right before an expression: the group of ``left`` that matched, and where."""

    group: str
    start: int
    end: int


# The marker after the reversed window of ``left_mirror``, by the character before it.
_MARKERS = dict.fromkeys("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_", "\x01")
_MARKERS.update({".": "\x02", "-": "\x03"})


def _left(text: str, end: int) -> _Left | None:
    """Match ``left`` on the window of text before ``end`` (an expression's start).

    ``left`` is searched in reverse, anchored at ``end``; on plain ASCII its mirror
    ``left_mirror`` gives the same group and span, faster.
    """
    patterns = _patterns()
    begin = max(0, end - _LEFT_WINDOW)
    # the window, and the character before it, which ``left``'s look-behinds see too
    chunk = text[begin - 1 if begin else 0 : end]
    if chunk.isascii() and patterns.unclean.search(chunk) is None:
        # plain ASCII: both engines read it alike, and the mirror is faster
        if begin:
            marker = _MARKERS.get(chunk[0], "\x04")
            reversed_window = chunk[:0:-1]
        else:
            marker = "\x05"
            reversed_window = chunk[::-1]
        mirrored = patterns.left_mirror.match(reversed_window + marker)
        if mirrored is None:
            return None
        group = mirrored.lastgroup
        assert group is not None  # every alternative is one named group
        s, e = mirrored.span(group)
        return _Left(group, end - e, end - s)
    match = patterns.left.search(text, begin, end)
    if match is None:
        return None
    group = match.lastgroup
    assert group is not None
    s, e = match.span(group)
    return _Left(group, s, e)


def _gap_kind(gap: str) -> int | None:
    """Classify the text between two atoms, or None when it breaks a run."""
    if not gap:
        return _GAP_NONE
    if len(gap) > _MAX_GAP or "\n\n" in gap:
        return None
    core = gap.strip()
    if not core:
        return _GAP_SPACE
    if core in ("-", "–", "‐", "‑"):
        return _GAP_HYPHEN
    if core == "&":
        return _GAP_AND  # "two hundred & forty"
    if core == ",":
        return _GAP_COMMA if gap[0] == "," and gap[-1].isspace() else None
    low = core.lower()
    if low == "and":
        return _GAP_AND if gap[0].isspace() and gap[-1].isspace() else None
    if low == "to":
        return _GAP_TO if gap[0].isspace() and gap[-1].isspace() else None
    return None


def _lower_text(text: str) -> str:
    """``text`` lower-cased, keeping every character at its offset."""
    low = lower_in_pieces(text)
    if len(low) == len(text):
        return low
    # a few characters (İ) lower-case to two; keep those as they are
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _atoms(text: str, scanned: str) -> Iterable[_Atom]:
    """Yield the atoms of ``text`` in order, except those inside URLs and e-mail addresses.

    ``scanned`` is ``text`` lower-cased (:func:`_lower_text`) with a space in front.
    """
    patterns = _patterns()
    kinds = patterns.atom_kinds
    tables = _tables()
    protected: list[tuple[int, int]] = []
    for marker in ("://", "www."):
        at = text.find(marker)
        while at != -1:
            begin = at
            while marker == "://" and begin > 0 and at - begin < 8 and text[begin - 1].isalpha():
                begin -= 1  # the scheme: http, https, ftp
            url = patterns.protected.match(text, begin)
            end_at = at + len(marker)
            if url is not None:
                protected.append(url.span())
                end_at = max(end_at, url.end())
            at = text.find(marker, end_at)
    protected.sort()
    if "@" in text:
        protected = sorted(protected + _emails(text))
    protected = [span for span in protected if span[1] > span[0]]
    p_index = 0
    atoms = patterns.atoms
    for found in patterns.scan.finditer(scanned):
        start = found.start()  # the atom's offset in ``text`` (one past the leading character)
        if protected:
            while p_index < len(protected) and protected[p_index][1] <= start:
                p_index += 1
            if p_index < len(protected) and protected[p_index][0] <= start:
                continue
        end = found.end() - 1
        piece = text[start:end]
        if piece.isdecimal():
            # plain digits (the most common atom), which only ``num`` matches: ``\d`` is
            # what str.isdecimal() calls a digit
            if end - start > _MAX_DIGITS:
                yield _Atom(_CHAIN, start, end, "")  # no quantity is written that long
            else:
                yield _Atom(_NUM, start, end, piece)
            continue
        match = atoms.match(scanned, start)
        if match is None:  # never: ``scan`` matches where ``atoms`` does
            continue
        group = match.lastgroup
        if group == "chain":
            yield _Atom(_CHAIN, start, match.end() - 1, "")
        elif group in ("num", "nsuf"):
            s, e = match.span("num")
            if e - s > _MAX_DIGITS:
                yield _Atom(_CHAIN, s - 1, e - 1, "")  # no quantity is written that long
                continue
            yield _Atom(_NUM, s - 1, e - 1, text[s - 1 : e - 1])
            if group == "nsuf":
                s, e = match.span("nsuf")
                if e - s == 1 and text[s - 1] in "%$":  # the most common: 58%, 10$
                    yield _Atom(_PCT if text[s - 1] == "%" else _SIGN, s - 1, e - 1, text[s - 1])
                    continue
                suffix = _suffix_atom(text, scanned, s, e)
                if suffix is not None:
                    yield suffix
        elif group == "pct":
            yield _Atom(_PCT, start, start + 1, "%")
        elif group in ("sign", "snum", "ssuf"):
            s, e = match.span("sign")
            yield _Atom(_symbol_kind(text[e - 2]), s - 1, e - 1, text[s - 1 : e - 1])
            if group != "sign":
                s, e = match.span("snum")
                yield _Atom(_NUM, s - 1, e - 1, text[s - 1 : e - 1])
            if group == "ssuf":
                suffix = _suffix_atom(text, scanned, *match.span("ssuf"))
                if suffix is not None:
                    yield suffix
        elif group == "a":
            yield _Atom(_WORD, start, match.end() - 1, text[start : match.end() - 1])
        else:
            s, e = match.span("word")
            key = " ".join(scanned[s:e].split())
            kind = kinds[key]
            if kind == _FOREIGN and not _foreign_case_ok(text[s - 1 : e - 1], key, tables):
                if not key.endswith("$"):
                    continue
                # "a $ 4 billion": the letter is a word, the sign a U.S. dollar sign
                s = e - (2 if key.endswith("\\$") else 1)
                kind = _SIGN
            if kind == _MULTADJ and text[e - 1 : e] == "-":
                continue  # double-digit, triple-A
            if group in ("wnum", "wsuf"):
                if kind not in (_USDWORD, _USDPRE, _FOREIGN, _SIGN):
                    continue  # digits run into a word: one1
                yield _Atom(kind, s - 1, e - 1, text[s - 1 : e - 1])
                s, e = match.span("wnum")
                yield _Atom(_NUM, s - 1, e - 1, text[s - 1 : e - 1])
                if group == "wsuf":
                    suffix = _suffix_atom(text, scanned, *match.span("wsuf"))
                    if suffix is not None:
                        yield suffix
            else:
                yield _Atom(kind, s - 1, e - 1, text[s - 1 : e - 1])


def _suffix_atom(text: str, scanned: str, s: int, e: int) -> _Atom | None:
    """The atom written against digits at ``scanned[s:e]``: "%", "$", "USD", "bn", "m".

    None for a code of another currency not in capitals ("20try"): the digits then run
    into a word, which the right context sees.
    """
    key = scanned[s:e]
    kind = _patterns().glued_kinds.get(key)
    if kind is None:
        kind = _symbol_kind(key[-1])  # a sign: % $ \$ €
    elif kind == _FOREIGN and not _foreign_case_ok(text[s - 1 : e - 1], key, _tables()):
        return None
    return _Atom(kind, s - 1, e - 1, text[s - 1 : e - 1])


_EMAIL_PART = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._+-")
_EMAIL_MAX = 64  # longest local part or domain looked at


def _emails(text: str) -> list[tuple[int, int]]:
    """Spans of e-mail addresses, found from each ``@`` outwards (linear in the text)."""
    spans = []
    at = text.find("@")
    while at != -1:
        start = at
        while start > 0 and at - start < _EMAIL_MAX and text[start - 1] in _EMAIL_PART:
            start -= 1
        end = at + 1
        while end < len(text) and end - at < _EMAIL_MAX and text[end] in _EMAIL_PART:
            end += 1
        if start < at and "." in text[at + 1 : end]:
            spans.append((start, end))
        at = text.find("@", at + 1)
    return spans


def _symbol_kind(char: str) -> str:
    if char == "$":
        return _SIGN
    return _PCT if char == "%" else _FOREIGN


def _foreign_case_ok(original: str, key: str, tables: _Tables) -> bool:
    """Whether a foreign currency atom is written as one: codes and "A$" in capitals."""
    if key.endswith("$"):
        letters = key.rstrip("$\\ ")
        if letters in tables.foreign_prefixes:
            return True
        return original[: len(letters)].isupper()
    if key.upper() in tables.foreign_codes and key not in tables.foreign_words:
        return original.isupper()
    return True


def _runs(text: str, scanned: str) -> Iterable[list[_Atom]]:
    """Atoms of ``text`` grouped into runs of atoms with only a joining gap between them."""
    run: list[_Atom] = []
    last_end = -1
    for atom in _atoms(text, scanned):
        if not run or atom.start - last_end > _MAX_GAP:
            gap = None  # (a long gap breaks the run: no need to copy it out)
        else:
            gap = _gap_kind(text[last_end : atom.start])
            if gap == _GAP_COMMA and not _comma_joins(run[-1], atom):
                gap = None
        if gap is None:
            if run:
                yield run
            run = []
            gap = _GAP_NONE
        atom.gap = gap
        run.append(atom)
        last_end = atom.end
    if run:
        yield run


def _comma_joins(before: _Atom, after: _Atom) -> bool:
    """Whether a comma between two atoms may be inside one number: "three million, two hundred".

    Only a scale word written out (thousand, million ...) and a number word after it;
    "1,974" is one atom, and "2005, two" or "one, two, three" are lists.
    """
    if before.kind != _WORD or after.kind != _WORD:
        return False
    words = _tables().words
    low = before.text.lower()
    after_low = after.text.lower()
    return (
        low in words
        and words[low][0] == _SCALE
        and after_low in words
        and words[after_low][0] in (_UNIT, _TEEN, _TENS)
        and words[after_low][1] > 0
    )


def _digit_value(atom_text: str) -> Decimal:
    return Decimal(atom_text.replace(",", ""))


def _parse_core(run: Sequence[_Atom], i: int, *, money: bool) -> tuple[_Expr, int] | None:
    """Parse the number core starting at ``run[i]``; return it and the index after it.

    ``money`` says that a currency stands before the core, which lets an abbreviated
    scale that is also a unit follow the digits ("$5m").
    """
    tables = _tables()
    words = tables.words
    first = run[i]
    total = Decimal(0)
    current: Decimal
    last: str
    decimal_first = False
    first_class = _DIGITS
    last_scale: int | None = None
    checkpoint: tuple[int, Decimal, Decimal, str] | None = None
    scale_value = 1
    scale_base: Decimal | None = None
    if first.kind == _NUM:
        current = _digit_value(first.text)
        last = _DIGITS
        decimal_first = "." in first.text
    elif first.kind == _WORD:
        low = first.text.lower()
        if low in ("a", "an"):
            current, last = Decimal(1), _A
            first_class = _A
        else:
            cls, value = words[low]
            first_class = cls
            if cls == _HUNDRED:  # "hundred thousand dollars": one hundred
                current, last, first_class = Decimal(value), _HUNDRED, _BARE
            elif cls == _SCALE:  # "million dollars": one million
                total, current, last, first_class = Decimal(value), Decimal(0), _SCALE, _BARE
                last_scale = scale_value = value
                scale_base = Decimal(1)
                checkpoint = (i + 1, total, current, last)
            else:
                current, last = Decimal(value), cls
    else:
        return None
    j = i + 1
    while j < len(run):
        atom = run[j]
        gap = atom.gap
        if gap == _GAP_COMMA and (first_class == _DIGITS or last != _SCALE):
            break  # "three million, two hundred": a comma only after a spelt-out scale
        if atom.kind == _NUM:
            if "," in atom.text or "." in atom.text or decimal_first:
                break
            value = int(atom.text)
            if last == _HUNDRED and gap in (_GAP_SPACE, _GAP_AND) and 1 <= value <= 99:
                current += value
            elif (
                last == _SCALE
                and last_scale is not None
                and gap in (_GAP_SPACE, _GAP_AND)
                and 1 <= value < min(1000, last_scale)
            ):
                current = Decimal(value)
            else:
                break
            last = _DIGITS
        elif atom.kind == _WORD:
            low = atom.text.lower()
            if low in ("a", "an"):
                break
            cls, value = words[low]
            if cls in (_UNIT, _TEEN, _TENS):
                if value == 0:
                    break
                if (cls == _UNIT and last == _TENS and gap in (_GAP_SPACE, _GAP_HYPHEN)) or (
                    last == _HUNDRED and gap in (_GAP_SPACE, _GAP_AND)
                ):
                    current += value
                elif last == _SCALE and gap in (_GAP_SPACE, _GAP_AND, _GAP_COMMA):
                    current = Decimal(value)
                else:
                    break
                last = cls
            elif cls == _HUNDRED:
                if gap not in (_GAP_SPACE, _GAP_HYPHEN):
                    break
                if (
                    last in (_UNIT, _TEEN, _TENS, _A, _DIGITS)
                    and 0 < current < 100
                    and current == current.to_integral_value()
                    and not decimal_first
                ):
                    current *= 100  # "twelve hundred", "3 hundred and 21"
                    last = _HUNDRED
                elif last == _DIGITS and j == i + 1 and current > 0:
                    # "322 hundred", "2.12 hundred": digits times a hundred, as by a scale
                    scale_base = current
                    scale_value = 100
                    total += current * 100
                    current = Decimal(0)
                    last = _SCALE
                    last_scale = 100
                    checkpoint = (j + 1, total, current, last)
                    if decimal_first:
                        j += 1
                        break
                else:
                    break
            else:  # a scale word: thousand, million ...
                if (
                    gap not in (_GAP_SPACE, _GAP_HYPHEN)
                    or (current <= 0 and last != _DIGITS)
                    or last == _SCALE
                ):
                    break
                if last_scale is not None and value >= last_scale:
                    if checkpoint is not None:
                        j, total, current, last = checkpoint
                    break
                scale_base = current
                scale_value = value
                total += current * value
                current = Decimal(0)
                last = _SCALE
                last_scale = value
                checkpoint = (j + 1, total, current, last)
                if decimal_first:
                    j += 1
                    break
        elif atom.kind == _ABBR:  # "$1.2bn", "5 mln", "$20K"
            if last != _DIGITS or j != i + 1:
                break
            low = atom.text.lower()
            if low in tables.scale_abbreviations:
                value = tables.scale_abbreviations[low]
            elif gap == _GAP_NONE and (
                money
                or (
                    j + 1 < len(run)
                    and run[j + 1].kind in (_USDWORD, _FOREIGN)
                    and run[j + 1].gap in (_GAP_NONE, _GAP_SPACE)
                )
            ):
                value = tables.money_scale_abbreviations[low]
            else:
                break
            scale_base = current
            scale_value = value
            total += current * value
            current = Decimal(0)
            last = _SCALE
            j += 1
            break
        else:
            break
        j += 1
    tokens = j - i
    end = run[j - 1].end
    number = total + current
    trailing_scale = last == _SCALE
    expr = _Expr(
        start=first.start,
        end=end,
        value=number,
        kind=Kind.COUNT,
        core_start=first.start,
        core_end=end,
        tokens=tokens,
        first_class=first_class,
        base=scale_base if trailing_scale and scale_base is not None else number,
        scale=scale_value if trailing_scale else 1,
    )
    if tokens == 1 and first.kind == _NUM and first.text.isdigit():
        expr.bare_digits = first.text
    if tokens == 1 and first.kind == _WORD:
        expr.single_word = first.text.lower()
    return expr, j


def _plain_number(atom: _Atom) -> _Expr:
    """The expression of a run that is one number in digits, as :func:`_parse_core` reads it."""
    # the sum, as in _parse_core, rounds a very long number to the decimal precision
    value = Decimal(0) + _digit_value(atom.text)
    expr = _Expr(
        start=atom.start,
        end=atom.end,
        value=value,
        kind=Kind.COUNT,
        core_start=atom.start,
        core_end=atom.end,
        tokens=1,
        first_class=_DIGITS,
        base=value,
        scale=1,
    )
    if atom.text.isdigit():
        expr.bare_digits = atom.text
    return expr


def _parse_run(text: str, run: Sequence[_Atom]) -> list[_Expr]:
    """Parse one run of atoms into expressions, in text order."""
    n = len(run)
    if n == 1 and run[0].kind == _NUM:
        return [_plain_number(run[0])]  # the most common run, parsed as _parse_core would
    patterns = _patterns()
    tables = _tables()
    out: list[_Expr] = []
    i = 0
    while i < n:
        atom = run[i]
        kind = atom.kind
        if kind in (_MULT, _MULTADJ, _FOLDWORD):
            low = atom.text.lower()
            if kind == _MULT:
                value = tables.multiplier_words[low]
            elif kind == _MULTADJ:
                value = tables.multiplier_adjectives[low]
                follows = patterns.followers.match(text, atom.end)
                precedes = _left(text, atom.start)
                if follows is None and (precedes is None or precedes.group != "qual"):
                    i += 1
                    continue
            else:
                value = tables.words[low[: -len("fold")]][1]
            out.append(
                _Expr(
                    atom.start,
                    atom.end,
                    Decimal(value),
                    Kind.MULTIPLIER,
                    core_start=atom.start,
                    core_end=atom.end,
                    first_class=_WORD,
                )
            )
            i += 1
            continue
        currency: str | None = None
        start = atom.start
        core_i = i
        if kind in (_USDPRE, _USDWORD, _SIGN, _FOREIGN):
            if (
                i + 1 < n
                and run[i + 1].kind in (_NUM, _WORD)
                and run[i + 1].gap
                in (
                    _GAP_NONE,
                    _GAP_SPACE,
                )
            ):
                currency = "foreign" if kind == _FOREIGN else "usd"
                core_i = i + 1
            else:
                i += 1
                continue
        parsed = _parse_core(run, core_i, money=currency is not None)
        if parsed is None:
            i = core_i + 1 if currency is None else i + 1
            continue
        expr, j = parsed
        expr.start = start
        expr.currency = currency
        # suffixes: percent, multiplier, currency after the digits
        if j < n and (
            run[j].gap in (_GAP_NONE, _GAP_SPACE)
            or (run[j].gap == _GAP_HYPHEN and run[j].kind == _FOLD)
        ):
            nxt = run[j]
            if currency is None and nxt.kind == _CENTS and expr.scale == 1:
                expr.value /= 100  # "20 cents"
                expr.currency = "usd"
                expr.end = nxt.end
                j += 1
            elif currency is None and nxt.kind == _PCT:
                expr.kind = Kind.PERCENT
                expr.end = nxt.end
                j += 1
            elif currency is None and (
                nxt.kind == _FOLD
                or (
                    nxt.kind == _TIMES and patterns.times_followers.match(text, nxt.end) is not None
                )
            ):
                expr.kind = Kind.MULTIPLIER
                expr.end = nxt.end
                j += 1
            elif (
                currency is None
                and nxt.kind in (_USDWORD, _SIGN, _USDPRE, _FOREIGN)
                # "FY 2009 $9.8 million": a sign with digits right after it is the
                # next amount's prefix, not this number's suffix ("10 $").
                and not (j + 1 < n and run[j + 1].gap == _GAP_NONE and run[j + 1].kind == _NUM)
            ):
                expr.currency = "foreign" if nxt.kind == _FOREIGN else "usd"
                expr.end = nxt.end
                j += 1
                # "75 USD million"
                if (
                    j < n
                    and run[j].gap == _GAP_SPACE
                    and run[j].kind == _WORD
                    and run[j].text.lower() in tables.words
                    and tables.words[run[j].text.lower()][0] == _SCALE
                    and expr.scale == 1
                ):
                    scale = tables.words[run[j].text.lower()][1]
                    expr.base = expr.value
                    expr.value *= scale
                    expr.scale = scale
                    expr.end = run[j].end
                    j += 1
        if expr.currency == "usd":
            expr.kind = Kind.MONEY
            if j + 1 < n and run[j].gap == _GAP_AND:
                j = _cents_after(run, j, expr)
        i = j
        if expr.first_class == _BARE and expr.tokens == 1 and expr.end == expr.core_end:
            continue  # a scale word alone ("thousand", "dollars thousand") is not a number
        out.append(expr)
    return out


def _cents_after(run: Sequence[_Atom], j: int, expr: _Expr) -> int:
    """Add "and twenty cents" after a dollar amount to it; return the index after the amount."""
    if expr.scale != 1:
        return j
    parsed = _parse_core(run, j, money=False)
    if parsed is None:
        return j
    cents, k = parsed
    if (
        k < len(run)
        and run[k].kind == _CENTS
        and run[k].gap in (_GAP_NONE, _GAP_SPACE)
        and cents.scale == 1
        and 0 < cents.value < 100
        and cents.value == cents.value.to_integral_value()
    ):
        expr.value += cents.value / 100
        expr.end = run[k].end
        return k + 1
    return j


def _join_ranges(text: str, run: Sequence[_Atom], exprs: list[_Expr]) -> list[_Expr]:
    """Join neighbouring expressions that form a range ("20 million to 30 million")."""
    if len(exprs) < 2:
        return exprs
    patterns = _patterns()
    starts = {a.start: a for a in run}
    out: list[_Expr] = []
    k = 0
    while k < len(exprs):
        a = exprs[k]
        if k + 1 < len(exprs):
            b = exprs[k + 1]
            joined = _range(text, patterns, starts, a, b)
            if joined is not None:
                out.append(joined)
                k += 2
                continue
        out.append(a)
        k += 1
    return out


def _is_year_shape(digits: str | None) -> bool:
    return digits is not None and len(digits) == 4 and 1900 <= int(digits) <= 2099


def _range(
    text: str,
    patterns: _Patterns,
    starts: dict[int, _Atom],
    a: _Expr,
    b: _Expr,
) -> _Expr | None:
    b_atom = starts.get(b.start)
    if b_atom is None:
        return None
    gap = b_atom.gap
    if gap not in (_GAP_HYPHEN, _GAP_TO, _GAP_AND):
        return None
    if Kind.MULTIPLIER in (a.kind, b.kind) or a.value_high is not None:
        return None
    if a.kind != b.kind and Kind.COUNT not in (a.kind, b.kind):
        return None
    if a.currency is not None and b.currency is not None and a.currency != b.currency:
        return None
    # a year range (2001-2004, 2001-02, 2001 to 2007): mark it to be left out
    year_a = _is_year_shape(a.bare_digits)
    if year_a or _is_year_shape(b.bare_digits):
        if year_a and (
            _is_year_shape(b.bare_digits)
            or (gap == _GAP_HYPHEN and b.bare_digits is not None and len(b.bare_digits) == 2)
        ):
            joined = _Expr(a.start, b.end, a.value, Kind.COUNT, value_high=b.value)
            joined.bare_digits = a.bare_digits
            joined.end_digits = b.bare_digits
            joined.core_start, joined.core_end = a.core_start, b.core_end
            return joined
        return None
    left = _left(text, a.start)
    trigger = (
        text[left.start : left.end].lower() if left is not None and left.group == "ytrig" else ""
    )
    if gap == _GAP_AND and trigger != "between":
        return None
    if gap == _GAP_TO and trigger == "from":
        return None
    low = a.value
    if (
        a.scale == 1
        and b.scale > 1
        and b.base is not None
        and b.base * b.scale == b.value
        and a.value < b.base
    ):
        low = a.value * b.scale  # "$5-10 million", "between 2 and 3 billion"
    if low > b.value:
        return None
    kind = b.kind if a.kind == Kind.COUNT else a.kind
    joined = _Expr(
        a.start,
        b.end,
        low,
        kind,
        currency=a.currency or b.currency,
        core_start=a.core_start,
        core_end=b.core_end,
        tokens=a.tokens + b.tokens,
        first_class=a.first_class,
        value_high=b.value,
    )
    joined.bare_digits = a.bare_digits  # for the day check: "July 14-16"
    if kind == Kind.COUNT and b.currency is not None:
        joined.kind = Kind.MONEY if b.currency == "usd" else Kind.COUNT
    if joined.currency == "usd":
        joined.kind = Kind.MONEY
    return joined


def _counted_noun_follows(text: str, end: int) -> bool:
    """Whether a plural noun follows within three words ("1998 cases", "2000 TIP calls")."""
    tables = _tables()
    match = _patterns().words_after.match(text, end, min(len(text), end + _RIGHT_WINDOW))
    if match is None:
        return False
    for word in match.group().split():
        low = word.lower()
        if low in tables.stop_words:
            return False
        if word.isupper() and len(word) > 1:
            continue  # an acronym before the noun: "1200 TIP cases"
        if word[0].isupper():
            return False
        return (
            low.endswith("s")
            and not low.endswith("ss")
            and len(low) > 3
            and low not in tables.not_plurals
        )
    return False


def _unmatched_open_paren(text: str, start: int) -> bool:
    window = text[max(0, start - 200) : start]
    return window.rfind("(") > window.rfind(")")


def _keep(text: str, scanned: str, expr: _Expr, left: _Left | None) -> bool:
    """Whether an expression is a quantity, judged by its context.

    ``scanned`` is the lower-cased text with a space in front (see :func:`_atoms`).
    """
    if expr.currency == "foreign":
        return False
    if expr.first_class == _BARE and (
        _patterns().vague.search(text, max(0, expr.start - _LEFT_WINDOW), expr.start) is not None
    ):
        return False  # "several hundred thousand": vague, like "thousands"
    group = left.group if left is not None else None
    if group in ("ident", "identc", "lhyph", "subpar"):
        return False
    patterns = _patterns()
    rgroup = None
    # most expressions are followed by nothing ``right`` matches: a cheap test says so
    if patterns.right_filter.match(scanned, expr.end + 1) is not None:
        right = patterns.right.match(text, expr.end)
        rgroup = right.lastgroup if right is not None else None
    if expr.kind == Kind.COUNT and rgroup == "foreign":
        return False
    if rgroup in ("letter", "ordinal", "idsuffix"):
        return False
    if rgroup in ("fraction", "ampm") and expr.kind == Kind.COUNT:
        return False
    if group == "frac" and expr.first_class == _A:
        return False
    if expr.kind != Kind.COUNT:
        return True
    # from here on: plain counts
    if rgroup == "parenid" and expr.first_class == _DIGITS:
        return False
    if (
        rgroup == "close"
        and expr.first_class == _DIGITS
        and group != "paren"
        and not _unmatched_open_paren(text, expr.start)
    ):
        return False  # an enumerator: 1) human smuggling, 2) kidnapping
    digits = expr.bare_digits
    if (
        rgroup == "dot"
        and group == "linestart"
        and digits is not None
        and len(digits) <= 3
        and expr.value_high is None
    ):
        return False  # an enumerator: "1." at the start of a line
    if (
        digits is not None
        and len(digits) <= 2
        and 1 <= int(digits) <= 31
        and (group == "month" or rgroup == "monthafter")
    ):
        return False  # a day: June 3, 3 June, July 14-16
    if expr.single_word == "one" and (group == "det" or rgroup == "pronoun"):
        return False
    if _is_year_shape(digits):
        if expr.end_digits is not None:
            return False  # a range of years
        if group == "qual":
            return True  # "more than 1200 TIP cases"
        if group in ("month", "acro"):
            return False
        if group == "ytrig" and left is not None:
            trigger = " ".join(text[left.start : left.end].lower().split())
            if trigger not in _tables().weak_year_triggers:
                return False
        return _counted_noun_follows(text, expr.end)
    return True


def _number(value: Decimal) -> Number:
    if value == value.to_integral_value():
        return int(value)
    return value.normalize()


def _money(value: Decimal) -> Decimal:
    if value == value.to_integral_value():
        return Decimal(int(value))
    return value.normalize()


def _to_quantity(text: str, expr: _Expr, left: _Left | None) -> Quantity:
    qualifier = Qualifier.EXACT
    qualifier_span = None
    if left is not None and left.group == "qual":
        phrase = " ".join(text[left.start : left.end].lower().split())
        qualifier = _tables().qualifiers[phrase]
        qualifier_span = (left.start, left.end)
    convert = _money if expr.kind == Kind.MONEY else _number
    return Quantity(
        value=convert(expr.value),
        kind=expr.kind,
        span=(expr.start, expr.end),
        surface=text[expr.start : expr.end],
        qualifier=qualifier,
        value_high=convert(expr.value_high) if expr.value_high is not None else None,
        qualifier_span=qualifier_span,
    )


def quantities(text: str) -> list[Quantity]:
    r"""Find the number expressions in ``text``.

    Args:
        text: any text; offsets in the result index into it.

    Returns:
        The quantities in text order, without overlaps; an empty list when there are none.
        Values are ``int`` when whole and :class:`~decimal.Decimal` otherwise; money
        values are always ``Decimal``.
        Years, dates, identifiers, telephone numbers, enumerators, ordinals, fractions,
        vague amounts (``thousands``) and amounts in other currencies are left out.

    >>> [(q.surface, q.value, str(q.kind)) for q in quantities("over \\$51 million, 47 victims")]
    [('\\$51 million', Decimal('51000000'), 'money'), ('47', 47, 'count')]

    """
    if not isinstance(text, str) or not text:
        return []
    scanned = " " + _lower_text(text)  # offsets in ``scanned`` are one more than in ``text``
    found: list[Quantity] = []
    for run in _runs(text, scanned):
        exprs = _parse_run(text, run)
        if len(exprs) > 1:
            exprs = _join_ranges(text, run, exprs)
        for expr in exprs:
            left = _left(text, expr.start)
            if _keep(text, scanned, expr, left):
                found.append(_to_quantity(text, expr, left))
    return found
