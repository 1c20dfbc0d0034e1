"""Internal: the rules behind extract_statistics; import from :mod:`tipcorpus.statistics`.

Each field of a statistic is decided by named rules (:mod:`tipcorpus.rules`), and each
decision has a module here, holding its rules and the helpers only it uses:

* ``role``: whether a quantity is a statistic;
* ``unit``: the counted noun phrase;
* ``period``: the years a figure refers to;
* ``agencies``: the bodies credited with it;
* ``pillar``: its "3P" pillar;
* ``vetoes``: the vetoes over a whole figure (an estimate of the problem's size).

Below them, ``context`` holds what every decision reads (the document's index
:class:`~tipcorpus.attribution.context.Context`, one figure as the rules read it, the
word lists, the lookups several fields share) and ``cells`` the readings of table cells
that several fields and the assembler share.
Imports run one way: ``context`` imports no module of the package, ``cells`` imports
``context``, ``role``, ``unit``, ``agencies`` and ``vetoes`` import those two at most,
``period`` and ``pillar`` also import ``unit`` (the partitive pattern, the unit named
before a figure); and :mod:`tipcorpus.statistics`, the assembler, imports them all,
which registers every rule before the first plan is made.
No module here imports :mod:`tipcorpus.statistics`.
Names here are not part of the public API and may change in any release.
"""
