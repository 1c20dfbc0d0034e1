"""Coverage-guided fuzzing of the recognisers and the whole pipeline with atheris.

Not run in CI. Install atheris (``pip install atheris``) and run, for example::

    PYTHONPATH=src python benchmarks/fuzz_quantities.py -max_total_time=180 -max_len=2048 \
        -timeout=10 -artifact_prefix=fuzz-artifacts/

Each input is decoded as Unicode text and goes through :func:`tipcorpus.quantities`,
the other recognisers, :func:`tipcorpus.normalise.normalise` and the statistics of a
one-document corpus.
A crash is any exception that is not a :class:`~tipcorpus.TipcorpusError`, or a span
whose text is not the mention's surface; a hang is an input slower than ``-timeout``.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["tipcorpus"]):
    import tipcorpus
    from tipcorpus.normalise import normalise


def _check_spans(
    text: str, items: list[tipcorpus.Quantity] | tuple[tipcorpus.Statistic, ...]
) -> None:
    for item in items:
        start, end = item.span
        if not 0 <= start <= end <= len(text) or text[start:end] != item.surface:
            raise AssertionError(f"span {item.span} does not hold {item.surface!r}")


def test_one_input(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data)
    text = provider.ConsumeUnicodeNoSurrogates(len(data))
    try:
        _check_spans(text, tipcorpus.quantities(text))
        tipcorpus.find_periods(text, 2016)
        tipcorpus.find_agencies(text)
        tipcorpus.find_pillar_cues(text)
        tipcorpus.parse_structure(text)
        shadow = normalise(text)
        for q in tipcorpus.quantities(shadow.text):
            a, b = shadow.to_original(q.span)
            if not 0 <= a <= b <= len(text):
                raise AssertionError(f"shadow span {q.span} maps outside the text: {(a, b)}")
        statistics = tipcorpus.Corpus.from_texts({"x": text})["x"].statistics
        _check_spans(text, statistics)
    except tipcorpus.TipcorpusError:
        pass


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
