"""Seeded synthetic reports in the genre of the bundled seeds, for benchmarks.

A report is a title block, then sections: a heading, paragraphs and bullet lists.
Sentences follow the shapes of the seeds' sentences ("In fiscal year 2004, HHS issued 163
letters ...", "From FY 2001 to 2007, ...", "Since 2003, ICE has initiated 1,200
investigations ...", "... approximately $3.37 million in grants ...") with the agencies,
years, counts, amounts and percentages drawn at random, so that a benchmark reads text as
dense in figures as a real report without repeating one text over and over.

    from benchmarks.synthetic import generate, write_corpus
    text = generate(200_000, seed=1)
    write_corpus("out/", n_docs=10, bytes_per_doc=50_000, seed=1)
"""

from __future__ import annotations

import random
import textwrap
from pathlib import Path

__all__ = ["generate", "write_corpus"]

AGENCIES = [
    ("Department of Health and Human Services", "HHS"),
    ("Department of Justice", "DOJ"),
    ("Department of Homeland Security", "DHS"),
    ("U.S. Immigration and Customs Enforcement", "ICE"),
    ("Federal Bureau of Investigation", "FBI"),
    ("Department of Labor", "DOL"),
    ("U.S. Agency for International Development", "USAID"),
    ("Department of State", "DOS"),
    ("Office for Victims of Crime", "OVC"),
    ("Bureau of Justice Assistance", "BJA"),
    ("U.S. Citizenship and Immigration Services", "USCIS"),
    ("Department of Defense", "DoD"),
    ("Equal Employment Opportunity Commission", "EEOC"),
    ("Office of Refugee Resettlement", "ORR"),
]

NOUNS = [
    "victims",
    "investigations",
    "defendants",
    "convictions",
    "certification letters",
    "T visas",
    "calls to the hotline",
    "cases",
    "grants",
    "law enforcement officers",
    "prosecutions",
    "eligibility letters",
    "trafficking-related arrests",
    "service providers",
    "participants",
]

VERBS = [
    "identified",
    "issued",
    "initiated",
    "opened",
    "charged",
    "trained",
    "funded",
    "certified",
    "assisted",
    "obtained",
    "received",
    "awarded",
]

TOPICS = [
    "Victim Assistance and Public Awareness",
    "Investigations and Prosecutions",
    "Prevention",
    "Training of Law Enforcement Officials",
    "International Programs",
    "Protection of Foreign National Victims",
    "Partnerships and Outreach",
    "Forced Labor and Supply Chains",
]

FILLER = [
    "The program supports comprehensive case management and referrals for survivors.",
    "These efforts strengthen coordination among federal, state, and local partners.",
    "Grantees provide shelter, legal services, medical care and job training.",
    "The campaign educates intermediaries about the indicators of human trafficking.",
    "Task forces bring together prosecutors, investigators and victim service providers.",
    "The office also reviews its policies to protect victims from re-traumatization.",
    "Outreach focuses on industries with a high risk of forced labor.",
]

ACTIONS = [
    "works closely with its partners on",
    "continues to support",
    "has expanded",
    "coordinates",
    "provides technical assistance for",
    "oversees",
    "launched a review of",
    "promotes",
    "strengthened",
    "funds",
]

OBJECTS = [
    "comprehensive services for foreign national and domestic victims",
    "public awareness campaigns in source, transit and destination countries",
    "training for consular officers, labor inspectors and child welfare workers",
    "the collection of data on trafficking cases and victim services",
    "victim-centered investigations of sex trafficking and forced labor",
    "shelters and transitional housing operated by non-governmental organizations",
    "screening procedures for unaccompanied children",
    "guidance on the responsible sourcing of goods in federal procurement",
    "regional task forces that include state and local law enforcement",
]

PURPOSES = [
    "to identify more victims and refer them to care",
    "in order to hold traffickers accountable",
    "so that survivors can rebuild their lives",
    "to reduce the vulnerability of at-risk populations",
    "in cooperation with foreign governments and international organizations",
    "to ensure that victims are treated as victims rather than criminals",
    "across the United States and overseas",
]

FIGURE_SHARE = 0.2
"""The share of sentences that report a figure: about the seeds' density of years and
numbers (some 1.2 years and 2 numbers per 1,000 characters)."""

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


class _Writer:
    """Draws the parts of sentences from one random generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def agency(self) -> str:
        name, acronym = self.rng.choice(AGENCIES)
        return self.rng.choice([acronym, f"the {name} ({acronym})", f"the {name}"])

    def subject(self) -> str:
        """An agency at the start of a sentence."""
        agency = self.agency()
        return agency[:1].upper() + agency[1:]

    def count(self) -> str:
        n = self.rng.choice([self.rng.randint(2, 99), self.rng.randint(100, 9999)])
        if n >= 1000 and self.rng.random() < 0.7:
            return f"{n:,}"
        return str(n)

    def money(self) -> str:
        rng = self.rng
        shape = rng.randrange(4)
        if shape == 0:
            return f"${rng.randint(1, 99)}.{rng.randint(1, 9)} million"
        if shape == 1:
            return f"approximately ${rng.randint(100, 999):,},{rng.randint(0, 999):03d}"
        if shape == 2:
            return f"more than ${rng.randint(2, 40)} million"
        return f"${rng.randint(1, 9)}.{rng.randint(10, 99)} billion"

    def percent(self) -> str:
        return self.rng.choice(
            [f"{self.rng.randint(2, 95)} percent", f"{self.rng.randint(2, 95)}%"]
        )

    def year(self) -> int:
        return self.rng.randint(2000, 2023)

    def when(self) -> str:
        rng = self.rng
        y = self.year()
        shapes = [
            f"In fiscal year {y}",
            f"In FY {y}",
            f"During {y}",
            f"In {rng.choice(MONTHS)} {y}",
            f"From FY {y - rng.randint(1, 6)} to {y}",
            f"Between {rng.choice(MONTHS)} {y - 1} and {rng.choice(MONTHS)} {y}",
            f"Since {y}",
            f"Through the end of fiscal year {y}",
            f"In FY{y % 100:02d}",
            "Over the past two years",
            "To date",
        ]
        return rng.choice(shapes)

    def prose(self) -> str:
        """A sentence without figures, as most sentences of a report are."""
        rng = self.rng
        if rng.random() < 0.3:
            return rng.choice(FILLER)
        return (
            f"{self.subject()} {rng.choice(ACTIONS)} {rng.choice(OBJECTS)} {rng.choice(PURPOSES)}."
        )

    def sentence(self) -> str:
        rng = self.rng
        if rng.random() < FIGURE_SHARE:
            return self.figure()
        return self.prose()

    def figure(self) -> str:
        """A sentence that reports a figure, in one of the seeds' shapes."""
        rng = self.rng
        shape = rng.randrange(9)
        noun = rng.choice(NOUNS)
        if shape == 0:
            return f"{self.when()}, {self.agency()} {rng.choice(VERBS)} {self.count()} {noun}."
        if shape == 1:
            return (
                f"{self.when()}, {self.agency()} awarded {self.money()} in grants to "
                f"{self.count()} organizations."
            )
        if shape == 2:
            return (
                f"{self.subject()} reported {self.count()} {noun} "
                f"in fiscal year {self.year()}, an increase of {self.percent()} over the "
                "previous year."
            )
        if shape == 3:
            a, b = self.count(), self.count()
            return (
                f"Of the {a} {noun}, {b} were adults and {self.percent()} were minors, "
                f"according to {self.agency()}."
            )
        if shape == 4:
            return (
                f"{self.when()}, the task forces trained more than {self.count()} "
                f"federal, state and local officers."
            )
        if shape == 5:
            y = self.year()
            return (
                f"{self.subject()} obligated {self.money()} in FY "
                f"{y} and {self.money()} in FY {y + 1}, respectively."
            )
        if shape == 6:
            return (
                f"Currently, {self.agency()} funds {self.count()} projects in "
                f"{rng.randint(2, 80)} countries."
            )
        if shape == 7:
            verb = rng.choice(["provides", "authorizes"])
            act = "The Trafficking Victims Protection Act of 2000 (P.L. 106-386)"
            return f"{act} {verb} these programs."
        return rng.choice(FILLER)

    def paragraph(self) -> str:
        text = " ".join(self.sentence() for _ in range(self.rng.randint(2, 6)))
        if self.rng.random() < 0.25:  # hard-wrapped, as text taken from a PDF
            return textwrap.fill(text, width=self.rng.randint(68, 90))
        return text

    def bullets(self) -> str:
        marker = self.rng.choice(["•", "-", "*"])
        return "\n".join(f"  {marker} {self.sentence()}" for _ in range(self.rng.randint(2, 5)))

    def section(self) -> str:
        parts = [self.rng.choice(TOPICS)]
        for _ in range(self.rng.randint(2, 5)):
            parts.append(self.bullets() if self.rng.random() < 0.3 else self.paragraph())
        return "\n\n".join(parts)


def generate(n_bytes: int, seed: int = 0) -> str:
    """Return a synthetic report of about ``n_bytes`` characters (at least one section).

    The same ``n_bytes`` and ``seed`` always give the same text.
    """
    rng = random.Random(seed)
    writer = _Writer(rng)
    year = writer.year()
    parts = [
        "Report to Congress on U.S. Government Activities to Combat Trafficking in Persons",
        f"Fiscal Year {year}",
    ]
    size = sum(len(p) + 2 for p in parts)
    while True:
        section = writer.section()
        parts.append(section)
        size += len(section) + 2
        if size >= n_bytes:
            break
    return "\n\n".join(parts) + "\n"


def write_corpus(
    directory: str | Path, n_docs: int, bytes_per_doc: int, seed: int = 0
) -> list[Path]:
    """Write ``n_docs`` synthetic reports as ``synthetic_NNN.txt`` into a directory.

    Returns:
        The paths written, in order.
    """
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n_docs):
        path = out / f"synthetic_{i:03d}.txt"
        path.write_text(generate(bytes_per_doc, seed=seed * 100_003 + i), encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="Write a synthetic corpus.")
    parser.add_argument("directory")
    parser.add_argument("--docs", type=int, default=10)
    parser.add_argument("--bytes", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    for written in write_corpus(args.directory, args.docs, args.bytes, args.seed):
        print(written)
