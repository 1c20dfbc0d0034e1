"""Tests for the period recogniser, :func:`tipcorpus.periods.find_periods`.

Where the cases come from:

* ``SEED_SENTENCES``: the sentences of the five bundled reports (``seeds/*.txt``) that
  hold a period expression, with the document's reference year from
  annotation-guideline.md ("Document reference years"); the expected periods follow the
  guideline's "Periods" section and its "Decisions" list.
* ``SEED_PASSAGES``: seed passages whose expressions resolve against an earlier sentence
  (``since then``, ``the previous seven years``, ``the prior four year period``) or that a
  launch verb turns into "since".
* ``GENRE`` and ``GENRE_MISSES``: sentences written in the genre's style (TIP Report
  country narratives, agency press releases, annual reports to Congress, hard-wrapped PDF
  text) for forms the seeds do not show; the misses are known gaps.
* ``NOT_PERIODS``: rates, durations, identifiers and names with years in them.
* ``WITHOUT_REFERENCE``: the rule used when the reference year is unknown.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tipcorpus.model import PeriodMention
from tipcorpus.periods import find_periods

Expected = list[tuple[str, int | None, int, bool, str]]
"""The expected mentions: (surface, start, end, fiscal, role) each."""

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
REFERENCE_YEARS = {"000": 2008, "001": 2005, "002": 2009, "003": 2002, "004": 2016}


def _rows(mentions: list[PeriodMention]) -> Expected:
    """Every column of the result: surface, start, end, fiscal, role."""
    return [(m.surface, m.period.start, m.period.end, m.period.fiscal, m.role) for m in mentions]


def _ids(cases: list[tuple[str, int | None, Expected]]) -> list[str]:
    return [" ".join(text.split())[:60] for text, _, _ in cases]


SEED_SENTENCES: list[tuple[str, int | None, Expected]] = [
    ("2001-2008", 2008, [("2001-2008", 2001, 2008, False, "range")]),  # 000
    (
        (
            "- From Fiscal Years (FY) 2001 to 2007, the Civil Rights Division of the "
            "Department of Justice (DOJ) and U.S."
        ),
        2008,
        [("From Fiscal Years (FY) 2001 to 2007", 2001, 2007, True, "range")],
    ),  # 000
    (
        "Since creation of the Department of Homeland Security (DHS) in 2003, U.S.",
        2008,
        [
            (
                "Since creation of the Department of Homeland Security (DHS) in 2003",
                2003,
                2008,
                False,
                "since",
            )
        ],
    ),  # 000
    (
        (
            "Since the enactment of the Protect Act in 2003, the ICE Cyber Crimes Center's "
            "investigations of U.S. citizens who sexually exploit children overseas has "
            "resulted in 64 convictions."
        ),
        2008,
        [("Since the enactment of the Protect Act in 2003", 2003, 2008, False, "since")],
    ),  # 000
    (
        (
            "Started in 2003, the Innocence Lost Initiative, a joint federal and state "
            "effort implemented through 23 task forces in selected cities, focuses on the "
            "investigation of prostituted children."
        ),
        2008,
        [("Started in 2003", 2003, 2008, False, "since")],
    ),  # 000
    (
        (
            "- The Department of State's (DOS) Office to Monitor and Combat Trafficking in "
            "Persons (G/TIP) tracks thousands of convictions globally through its annual "
            "TIP Report, expanding from 2,800 convictions in 2003 to 3,400 in 2007."
        ),
        2008,
        [("in 2003", 2003, 2003, False, "point"), ("in 2007", 2007, 2007, False, "point")],
    ),  # 000
    (
        (
            "Over 150 acts of new or amended anti-TIP legislation were adopted by foreign "
            "governments since 2003."
        ),
        2008,
        [("since 2003", 2003, 2008, False, "since")],
    ),  # 000
    (
        (
            "- Through FY 2007, the Department of Health and Human Services (HHS) "
            "certified 1248 adult trafficking victims and provided Letters of Eligibility "
            "to 131 minor trafficking victims."
        ),
        2008,
        [("Through FY 2007", None, 2007, True, "through")],
    ),  # 000
    (
        (
            "HHS established a national hotline (1-888-3737-888) in 2003, currently "
            "operated by the National Human Trafficking Resource Center."
        ),
        2008,
        [("in 2003", 2003, 2008, False, "since"), ("currently", 2008, 2008, False, "current")],
    ),  # 000
    (
        (
            "In 2006, HHS launched the national Per-Capita Services contract to provide "
            '"anytime anywhere" services to rescued TIP victims.'
        ),
        2008,
        [("In 2006", 2006, 2006, False, "point")],
    ),  # 000
    (
        (
            "The DOS Bureau of Population, Refugees, and Migration (PRM) has assisted 160 "
            "family members from 31 countries to join certified TIP victims in the U.S. "
            "through its program established in 2005 to support family reunification."
        ),
        2008,
        [("established in 2005", 2005, 2008, False, "since")],
    ),  # 000
    (
        (
            "U.S. government funding for international anti-TIP projects increased from "
            "\\$51 million in FY 2001 to \\$79 million in FY 2007, benefiting over 90 "
            "countries and totaling over \\$528 million since FY 2001."
        ),
        2008,
        [
            ("in FY 2001", 2001, 2001, True, "point"),
            ("in FY 2007", 2007, 2007, True, "point"),
            ("since FY 2001", 2001, 2008, True, "since"),
        ],
    ),  # 000
    (
        "DOS G/TIP currently manages over \\$40 million in open grant funds.",
        2008,
        [("currently", 2008, 2008, False, "current")],
    ),  # 000
    (
        "USAID provided \\$123 million for anti-TIP projects between FY 2001 and FY 2007.",
        2008,
        [("between FY 2001 and FY 2007", 2001, 2007, True, "range")],
    ),  # 000
    (
        (
            "Since late 2005, patronizing prostitution is a specific, chargeable offense "
            "for service members under Article 134 of the U.S. military's statutory "
            "criminal law, the Uniform Code of Military Justice."
        ),
        2008,
        [("Since late 2005", 2005, 2008, False, "since")],
    ),  # 000
    (
        "Anti-TIP training is now mandatory for all DoD assigned personnel.",
        2008,
        [("now", 2008, 2008, False, "current")],
    ),  # 000
    (
        (
            "- DOS G/TIP has built global awareness of modern-day slavery through eight "
            "annual TIP Reports, covering 170 countries in 2008 (compared to 82 in 2001) "
            "and focusing increasingly on forced labor, in addition to sex trafficking."
        ),
        2008,
        [("in 2008", 2008, 2008, False, "point"), ("in 2001", 2001, 2001, False, "point")],
    ),  # 000
    (
        (
            "DOS G/TIP has widely disseminated anti-TIP information through electronic and "
            "print media, the Internet, and digital video conferences reaching 1.26 "
            "billion people in 2007, an increase of over 300 percent in the last two years."
        ),
        2008,
        [
            ("in 2007", 2007, 2007, False, "point"),
            ("in the last two years", 2005, 2007, False, "relative"),
        ],
    ),  # 000
    (
        (
            "Since 2001, 33 states have adopted legislation criminalizing human "
            "trafficking based on a DOJ-drafted model TIP law."
        ),
        2008,
        [("Since 2001", 2001, 2008, False, "since")],
    ),  # 000
    (
        (
            'In 2003, DOL published "Faces of Change" to highlight DOL efforts to combat '
            "the worst forms of child labor internationally."
        ),
        2008,
        [("In 2003", 2003, 2003, False, "point")],
    ),  # 000
    (
        (
            "Trafficking in Persons Report Office to Monitor and Combat Trafficking in "
            "Persons June 3, 2005"
        ),
        2005,
        [("June 3, 2005", 2005, 2005, False, "point")],
    ),  # 001
    (
        (
            "The PROTECT Act (Prosecutorial Remedies and Other Tools to End the "
            "Exploitation of Children Today Act of 2003) was passed by the Congress in "
            "April 2003 and signed into law by President Bush."
        ),
        2005,
        [("in April 2003", 2003, 2003, False, "point")],
    ),  # 001
    (
        (
            "If convicted, child sex tourists now face up to 30 years' imprisonment, an "
            "increase from the previous maximum of 15 years."
        ),
        2005,
        [("now", 2005, 2005, False, "current")],
    ),  # 001
    (
        (
            "The TIP Office supported more than 50 anti-trafficking programs abroad in "
            "fiscal year 2004."
        ),
        2005,
        [("in fiscal year 2004", 2004, 2004, True, "point")],
    ),  # 001
    (
        (
            "In fiscal year 2004, PRM provided over $5 million for anti-trafficking "
            "initiatives overseas carried out by the Bureau's implementing partner, the "
            "International Organization for Migration (IOM), and IOM's partner NGOs."
        ),
        2005,
        [("In fiscal year 2004", 2004, 2004, True, "point")],
    ),  # 001
    (
        (
            "With PRM support, IOM developed several training modules on related "
            "anti-trafficking activities, which were piloted in the Caribbean, in "
            "Indonesia, and in Southern Africa over the past year."
        ),
        2005,
        [("over the past year", 2004, 2005, False, "relative")],
    ),  # 001
    (
        (
            "From April 2004 and March 2005, HHS identified 228 victims, more than double "
            "the 108 victims identified the previous year."
        ),
        2005,
        [
            ("From April 2004 and March 2005", 2004, 2005, False, "range"),
            ("the previous year", 2003, 2003, False, "compared"),
        ],
    ),  # 001
    (
        (
            "In fiscal year 2004, HHS issued 163 letters on behalf of victims, of which "
            "144 were certification letters to adults and 19 were eligibility letters to "
            "minors."
        ),
        2005,
        [("In fiscal year 2004", 2004, 2004, True, "point")],
    ),  # 001
    (
        "Since April 2004, the hotline has received more than 2,000 calls.",
        2005,
        [("Since April 2004", 2004, 2005, False, "since")],
    ),  # 001
    (
        (
            "In April 2004, HHS launched its Rescue and Restore Victims of Human "
            "Trafficking public awareness campaign for the purpose of increasing awareness "
            "of human trafficking, particularly among intermediaries."
        ),
        2005,
        [("In April 2004", 2004, 2004, False, "point")],
    ),  # 001
    (
        (
            "In fiscal year 2004, HHS awarded approximately $3.37 million in second-year "
            "continuation grants to the 14 organizations awarded grants in fiscal year "
            "2002."
        ),
        2005,
        [
            ("In fiscal year 2004", 2004, 2004, True, "point"),
            ("in fiscal year 2002", 2002, 2002, True, "point"),
        ],
    ),  # 001
    (
        (
            "From January through December 2004, OVC awarded ten additional grants "
            "totaling more than $5.5 million to expand provision of comprehensive services "
            "to victims of human trafficking."
        ),
        2005,
        [("From January through December 2004", 2004, 2004, False, "range")],
    ),  # 001
    (
        (
            "OVC grantees have served a total of 557 victims of human trafficking since "
            "the inception of the program in January 2003."
        ),
        2005,
        [("since the inception of the program in January 2003", 2003, 2005, False, "since")],
    ),  # 001
    (
        "In fiscal year 2004, eight LSC grantees assisted 170 trafficking victims.",
        2005,
        [("In fiscal year 2004", 2004, 2004, True, "point")],
    ),  # 001
    (
        (
            "In fiscal year 2004, the Department of Homeland Security's Vermont Service "
            "Center received 520 applications for T non-immigrant status, approved 136, "
            "denied 292, and continues to consider 92."
        ),
        2005,
        [("In fiscal year 2004", 2004, 2004, True, "point")],
    ),  # 001
    (
        (
            "Once a trafficking victim has held T non-immigrant status for three years, he "
            "or she may apply to adjust status; the first T non-immigrant status "
            "recipients will become eligible to adjust status beginning in 2005."
        ),
        2005,
        [("beginning in 2005", 2005, 2005, False, "since")],
    ),  # 001
    (
        (
            "In fiscal year 2004, the Department of Justice initiated prosecutions against "
            "59 traffickers, the highest number ever charged in a single year."
        ),
        2005,
        [("In fiscal year 2004", 2004, 2004, True, "point")],
    ),  # 001
    (
        (
            "Two brothers pleaded guilty in 2004 and were sentenced to 71 months and 57 "
            "months in prison."
        ),
        2005,
        [("in 2004", 2004, 2004, False, "point")],
    ),  # 001
    (
        "The third brother fled and is now a fugitive.",
        2005,
        [("now", 2005, 2005, False, "current")],
    ),  # 001
    (
        (
            "An essential part of the initiative was the convening of a national training "
            "conference called Human Trafficking into the United States: Rescuing Women "
            "and Children from Slavery, held July 14-16, 2004, in Tampa, Florida."
        ),
        2005,
        [("July 14-16, 2004", 2004, 2004, False, "point")],
    ),  # 001
    (
        (
            "In early 2005, BJA plans to add three jurisdictions to this list, making the "
            "number of funded task forces 21."
        ),
        2005,
        [("In early 2005", 2005, 2005, False, "point")],
    ),  # 001
    (
        (
            "In July 2004, the Secretary of State, the Secretary of Homeland Security and "
            "the Attorney General established the interagency Human Smuggling and "
            "Trafficking Center."
        ),
        2005,
        [("In July 2004", 2004, 2004, False, "point")],
    ),  # 001
    (
        (
            "This amount reflects part of President Bush's anti-trafficking initiative "
            "announced at the United Nations General Assembly in September 2003."
        ),
        2005,
        [("in September 2003", 2003, 2003, False, "point")],
    ),  # 001
    (
        (
            "The Government of the United States has invested approximately $295 million "
            "in anti-trafficking efforts over the last four fiscal years."
        ),
        2005,
        [("over the last four fiscal years", 2001, 2005, True, "relative")],
    ),  # 001
    (
        (
            "The TDA Report released in 2004 chronicled the nature and incidence of the "
            "worst forms of child labor and government efforts to combat this problem in "
            "more than 140 countries and territories."
        ),
        2005,
        [("in 2004", 2004, 2004, False, "point")],
    ),  # 001
    (
        (
            "The United States signed the Convention and Protocol in December 2000, and "
            "the President has submitted them to the Senate for advice and consent to "
            "ratification."
        ),
        2005,
        [("in December 2000", 2000, 2000, False, "point")],
    ),  # 001
    (
        (
            "In February 2002, President Bush established a Cabinet-level Interagency Task "
            "Force to Monitor and Combat Trafficking in Persons."
        ),
        2005,
        [("In February 2002", 2002, 2002, False, "point")],
    ),  # 001
    (
        (
            "This year the SPOG was responsible for a number of interagency policy "
            "developments including:"
        ),
        2005,
        [("This year", 2005, 2005, False, "current")],
    ),  # 001
    (
        "GOVERNMENT ACTIVITIES TO COMBAT TRAFFICKING IN PERSONS RELEASED JUNE 2009",
        2009,
        [("JUNE 2009", 2009, 2009, False, "point")],
    ),  # 002
    ("FY 2009 Recommendations", 2009, [("FY 2009", 2009, 2009, True, "point")]),  # 002
    (
        (
            "In detailing the many activities currently undertaken by the USG, this paper "
            "is organized as follows:"
        ),
        2002,
        [("currently", 2002, 2002, False, "current")],
    ),  # 003
    (
        (
            "No. 106-386, (effective October 28, 2000) was enacted to combat trafficking, "
            "to ensure the just and effective punishment of traffickers and to protect "
            "victims."
        ),
        2002,
        [("October 28, 2000", 2000, 2000, False, "point")],
    ),  # 003
    (
        (
            "A federal regulation implementing section 107(c) of the TVPA went into effect "
            "on August 23, 2001."
        ),
        2002,
        [("on August 23, 2001", 2001, 2001, False, "point")],
    ),  # 003
    (
        (
            "In fiscal year 2002, Congress appropriated 10 million dollars for this new "
            "grant program and is administered by the DOJ's Office for Victims of Crime."
        ),
        2002,
        [("In fiscal year 2002", 2002, 2002, True, "point")],
    ),  # 003
    (
        (
            "Secretary of State Colin Powell chaired the first meeting of the Task Force "
            "in February 2002."
        ),
        2002,
        [("in February 2002", 2002, 2002, False, "point")],
    ),  # 003
    (
        (
            "As authorized by the Act, the Department of State established the Office to "
            "Monitor and Combat Trafficking in Persons (TIP Office) in October 2001."
        ),
        2002,
        [("in October 2001", 2001, 2002, False, "since")],
    ),  # 003
    (
        (
            "The DOJ plans to devote particular attention this year to developing regional "
            "task forces to investigate and prosecute trafficking cases."
        ),
        2002,
        [("this year", 2002, 2002, False, "current")],
    ),  # 003
    (
        (
            "In order to inform ORR field staff and NGOs, ORR staff members have held "
            "numerous training sessions and seminars, reaching out to approximately 2,000 "
            "people since March 2001."
        ),
        2002,
        [("since March 2001", 2001, 2002, False, "since")],
    ),  # 003
    (
        "The brochure is currently available at 27 U.S. embassies in 24 different languages.",
        2002,
        [("currently", 2002, 2002, False, "current")],
    ),  # 003
    (
        "The first report was issued in July 2001, the second in June 2002.",
        2002,
        [
            ("in July 2001", 2001, 2001, False, "point"),
            ("in June 2002", 2002, 2002, False, "point"),
        ],
    ),  # 003
    (
        (
            "Started in November 2001, this program aims to prevent the trafficking of "
            "women by creating viable economic alternatives for at-risk women in seven "
            "major cities."
        ),
        2002,
        [("Started in November 2001", 2001, 2002, False, "since")],
    ),  # 003
    (
        (
            "In FY 2002, USAID field missions, regional bureaus and the Office of Women in "
            "Development (WID Office) are providing an estimated \\$10 million for "
            "specifically-targeted anti-trafficking activities in over 30 countries."
        ),
        2002,
        [("In FY 2002", 2002, 2002, True, "point")],
    ),  # 003
    (
        (
            "This fact sheet offers a snapshot of the State Department’s accomplishments "
            "in tackling the crime of modern slavery during the Obama Administration."
        ),
        2016,
        [("during the Obama Administration", 2009, 2016, False, "since")],
    ),  # 004
    (
        (
            "The TIP Report has grown from covering 154 countries in 2008 to 188 today, "
            "and since 2010 has included an assessment of the United States "
            "anti-trafficking efforts to further advance U.S. diplomatic efforts worldwide."
        ),
        2016,
        [
            ("in 2008", 2008, 2008, False, "point"),
            ("today", 2016, 2016, False, "current"),
            ("since 2010", 2010, 2016, False, "since"),
        ],
    ),  # 004
    (
        (
            "Since 2009, 194 pieces of anti-trafficking legislation have been passed in "
            "countries around the world."
        ),
        2016,
        [("Since 2009", 2009, 2016, False, "since")],
    ),  # 004
    (
        (
            "The most recent reporting period saw 238 percent more prosecutions and 58 "
            "percent more convictions and victims identified when compared to "
            "government-reported data from 2009."
        ),
        2016,
        [("from 2009", 2009, 2009, False, "point")],
    ),  # 004
    (
        (
            "Currently, the TIP Office has approximately 100 ongoing projects in 70 "
            "countries, totaling more than $60 million."
        ),
        2016,
        [("Currently", 2016, 2016, False, "current")],
    ),  # 004
    (
        "The first CPC Partnership was signed, with the Government of Ghana, in June 2015.",
        2016,
        [("in June 2015", 2015, 2015, False, "point")],
    ),  # 004
    (
        (
            "• The Department in 2016 established a partnership with the NGO The Freedom "
            "Fund to enhance coordination of government and private donor anti-trafficking "
            "initiatives, with an initial focus on the seafood sector."
        ),
        2016,
        [("in 2016", 2016, 2016, False, "point")],
    ),  # 004
    (
        (
            "In 2012, President Obama announced the Partnership for Freedom, a "
            "multi-million dollar public-private partnership dedicated to spurring "
            "innovation in the fight against human trafficking."
        ),
        2016,
        [("In 2012", 2012, 2012, False, "point")],
    ),  # 004
    (
        (
            "In 2016, the partners announced a package of model documents aimed at "
            "preventing the abuse of domestic workers, whose employment in private homes "
            "increases their vulnerability and isolation."
        ),
        2016,
        [("In 2016", 2016, 2016, False, "point")],
    ),  # 004
    (
        (
            "Slavery Footprint has been visited by 25 million users in 190 countries since "
            "its launch in 2011."
        ),
        2016,
        [("since its launch in 2011", 2011, 2016, False, "since")],
    ),  # 004
]

SEED_PASSAGES: list[tuple[str, int | None, Expected]] = [
    (
        "- From Fiscal Years (FY) 2001 to 2007, the Civil Rights Division of the Department"
        " of Justice (DOJ) and U.S. Attorneys' Offices prosecuted 156 TIP cases securing 342"
        " convictions and guilty pleas. This represents a seven-fold increase in the number of"
        " prosecutions over the previous seven years, due in part to the creation of the Human"
        " Trafficking Prosecution Unit.",
        2008,
        [
            ("From Fiscal Years (FY) 2001 to 2007", 2001, 2007, True, "range"),
            ("over the previous seven years", 1994, 2000, True, "compared"),
        ],
    ),
    (
        "In the past four fiscal years (2001-2004), the Department of Justice has initiated"
        " more than three times the number of investigations (340 vs. 106), filed almost four"
        " times as many cases (60 vs. 16), charged more than twice as many defendants (162 vs."
        " 69), and doubled the number of defendants convicted (118 vs. 59) than in the prior"
        " four year period.",
        2005,
        [
            ("In the past four fiscal years (2001-2004)", 2001, 2004, True, "relative"),
            ("in the prior four year period", 1997, 2000, True, "compared"),
        ],
    ),
    (
        "In 2012, President Obama announced the Partnership for Freedom, a multi-million dollar"
        " public-private partnership dedicated to spurring innovation in the fight against"
        " human trafficking. Since then, the Partnership has run two successful innovation"
        " challenges.",
        2016,
        [("In 2012", 2012, 2012, False, "point"), ("Since then", 2012, 2016, False, "since")],
    ),
    (
        "- Through FY 2007, the Department of Health and Human Services (HHS) certified 1248"
        " adult trafficking victims and provided Letters of Eligibility to 131 minor trafficking"
        " victims. In FY 2007 alone, HHS grantees conducting community outreach made contact"
        " with approximately 1500 victims or suspected victims; 127 started the certification"
        " process.",
        2008,
        [
            ("Through FY 2007", None, 2007, True, "through"),
            ("In FY 2007 alone", 2007, 2007, True, "point"),
        ],
    ),
    (
        "- The Bureau of Diplomatic Security (DS) established an anti-trafficking unit in 2011"
        " to investigate trafficking cases involving visa or passport fraud.",
        2016,
        [("in 2011", 2011, 2016, False, "since")],
    ),
    (
        "The TIP Office and New Perimeter launched a public-private partnership in 2013 to"
        " increase the availability of pro bono legal resources.",
        2016,
        [("in 2013", 2013, 2016, False, "since")],
    ),
]

GENRE: list[tuple[str, int | None, Expected]] = [
    # TIP Report country narratives.
    ("During the reporting period, the government identified 45 victims.", 2020, []),
    (
        "In 2019, the government investigated 12 cases and prosecuted 8 defendants.",
        2020,
        [("In 2019", 2019, 2019, False, "point")],
    ),
    (
        "The government reported 210 investigations in 2019, compared with 180 in 2018.",
        2020,
        [("in 2019", 2019, 2019, False, "point"), ("in 2018", 2018, 2018, False, "point")],
    ),
    (
        "In FY 2020, the government allocated $2 million to shelters.",
        2021,
        [("In FY 2020", 2020, 2020, True, "point")],
    ),
    (
        "The reporting period (April 2019 – March 2020) saw 42 convictions.",
        2020,
        [("(April 2019 – March 2020)", 2019, 2020, False, "range")],
    ),
    (
        "Courts convicted 17 traffickers in 2019 and 2020, respectively.",
        2021,
        [("in 2019", 2019, 2019, False, "point"), ("2020", 2020, 2020, False, "point")],
    ),
    # Agency press releases.
    (
        "WASHINGTON — On Jan. 5, 2021, the Department announced $35 million in grants.",
        2021,
        [("On Jan. 5, 2021", 2021, 2021, False, "point")],
    ),
    (
        "In fiscal 2019, ICE HSI initiated 1,024 human trafficking cases.",
        2020,
        [("In fiscal 2019", 2019, 2019, True, "point")],
    ),
    (
        "From October 1, 2018, to September 30, 2019, HSI made 2,197 arrests.",
        2020,
        [("From October 1, 2018, to September 30, 2019", 2018, 2019, False, "range")],
    ),
    (
        "Under the Biden-Harris Administration, DOJ has charged 600 defendants.",
        2023,
        [("Under the Biden-Harris Administration", 2021, 2023, False, "since")],
    ),
    (
        "During the Bush Administration, DOJ tripled its prosecutions.",
        2016,
        [("During the Bush Administration", 2001, 2008, False, "range")],
    ),
    # Annual reports to Congress.
    (
        "In FY 2012, DOJ convicted 138 defendants, up from 118 in FY 2011.",
        2013,
        [("In FY 2012", 2012, 2012, True, "point"), ("in FY 2011", 2011, 2011, True, "point")],
    ),
    ("FY07 funding reached $23 million.", 2008, [("FY07", 2007, 2007, True, "point")]),
    ("FY 07 funding", 2008, [("FY 07", 2007, 2007, True, "point")]),
    ("in FY 2001-07", 2008, [("in FY 2001-07", 2001, 2007, True, "range")]),
    (
        "In fiscal years 2003 and 2004, BJA funded 42 task forces.",
        2005,
        [("In fiscal years 2003 and 2004", 2003, 2004, True, "range")],
    ),
    (
        "In FY 2003, FY 2004, and FY 2005, ORR certified 1,000 victims.",
        2006,
        [("In FY 2003, FY 2004, and FY 2005", 2003, 2005, True, "range")],
    ),
    (
        "The Task Force met in 2003 and 2007.",
        2008,
        [("in 2003", 2003, 2003, False, "point"), ("2007", 2007, 2007, False, "point")],
    ),
    (
        "As of FY 2007, 42 task forces were operating.",
        2008,
        [("As of FY 2007", None, 2007, True, "through")],
    ),
    (
        "By the end of 2004, 21 jurisdictions had joined.",
        2005,
        [("By the end of 2004", None, 2004, False, "through")],
    ),
    ("To date, 557 victims have been served.", 2005, [("To date", None, 2005, False, "through")]),
    (
        "Fiscal Year (FY) 2008 appropriations were $10 million.",
        2009,
        [("Fiscal Year (FY) 2008", 2008, 2008, True, "point")],
    ),
    (
        "Between January and March 2005, 13 grants were awarded.",
        2005,
        [("Between January and March 2005", 2005, 2005, False, "range")],
    ),
    (
        "In mid-2006 the center opened; since the summer of 2004 it had planned.",
        2008,
        [
            ("In mid-2006", 2006, 2006, False, "point"),
            ("since the summer of 2004", 2004, 2008, False, "since"),
        ],
    ),
    (
        "In calendar year 2007, 5 cases were filed.",
        2008,
        [("In calendar year 2007", 2007, 2007, False, "point")],
    ),
    (
        "The program, created in FY 2004, served 300 victims last year.",
        2008,
        [
            ("created in FY 2004", 2004, 2008, True, "since"),
            ("last year", 2007, 2007, False, "relative"),
        ],
    ),
    (
        "Calls rose 40 percent over the past decade.",
        2010,
        [("over the past decade", 2000, 2010, False, "relative")],
    ),
    (
        "In 2006 the hotline took 500 calls; a year earlier it took 300.",
        2008,
        [
            ("In 2006", 2006, 2006, False, "point"),
            ("a year earlier", 2005, 2005, False, "compared"),
        ],
    ),
    (
        "In FY 2007, HHS certified 303 victims, compared to 234 the previous fiscal year.",
        2008,
        [
            ("In FY 2007", 2007, 2007, True, "point"),
            ("the previous fiscal year", 2006, 2006, True, "compared"),
        ],
    ),
    # Hard-wrapped PDF text: a line break inside the expression.
    (
        "HHS certified 1,248 victims through\nFY 2007 and, since\nApril 2004, took calls.",
        2008,
        [
            ("through\nFY 2007", None, 2007, True, "through"),
            ("since\nApril 2004", 2004, 2008, False, "since"),
        ],
    ),
    (
        "- In FY 2008, DOJ charged 20.\n\nIn the last two years, 40 more were charged.",
        2009,
        [
            ("In FY 2008", 2008, 2008, True, "point"),
            ("In the last two years", 2007, 2009, False, "relative"),
        ],
    ),
]

GENRE_MISSES = [
    pytest.param(
        "In the 12 months ending March 31, 2020, the government convicted 9 traffickers.",
        2020,
        [("In the 12 months ending March 31, 2020", 2019, 2020, False, "relative")],
        marks=pytest.mark.xfail(
            strict=True, reason="'N months ending DATE' windows are not recognised"
        ),
        id="12 months ending",
    ),
    pytest.param(
        "In the first year of the Obama Administration, 20 laws were passed.",
        2016,
        [("In the first year of the Obama Administration", 2009, 2009, False, "point")],
        marks=pytest.mark.xfail(
            strict=True, reason="ordinal years of an administration are not recognised"
        ),
        id="first year of an administration",
    ),
]

NOT_PERIODS: list[tuple[str, int | None, Expected]] = [
    ("By statute, up to 5,000 T and 10,000 U statuses may be issued annually.", 2002, []),
    ("A compendium of these actions is compiled each year in the Assessment.", 2005, []),
    ("The program serves 300 victims per year, or 25 a year.", 2005, []),
    ("They were sentenced to 71 months and ten years in prison for three years.", 2005, []),
    ("The Trafficking Victims Protection Act of 2000 and the TVPRA 2008 amended it.", 2009, []),
    ("Section 7202 of the Intelligence Reform Act and Terrorism Prevention Act of 2004", 2005, []),
    ("Executive Order 13257, ILO Convention 182 and P.L. 106-386 apply.", 2005, []),
    ("The Attorney General's 2009 report and the 2001 Country Reports on Human Rights.", 2009, []),
    (
        (
            "The PROTECT Act (Prosecutorial Remedies and Other Tools to End the "
            "Exploitation of Children Today Act of 2003)"
        ),
        2005,
        [],
    ),
    ("Some of the ongoing and published research studies are listed.", 2002, []),
    ("Rescues resulted in 2000 arrests and $2005 in fines.", 2008, []),
    ("It reached 2003 percent of its goal, or 2004 million people.", 2008, []),
    ("The hotline is 1-888-3737-888 and the case is No. 2001-2004.", 2008, []),
    (
        "The ICE has trained officers since its inception, in recent years and in previous years.",
        2008,
        [],
    ),
    ("The information is kept up to date.", 2008, []),
]

WITHOUT_REFERENCE: list[tuple[str, int | None, Expected]] = [
    # The latest year the text states stands in for the reference year.
    (
        "Since 2003, ICE opened 1,200 cases; currently 40 are open. In FY 2007, 300 closed.",
        None,
        [
            ("Since 2003", 2003, 2007, False, "since"),
            ("currently", 2007, 2007, False, "current"),
            ("In FY 2007", 2007, 2007, True, "point"),
        ],
    ),
    # With no year stated, what needs a reference year is dropped.
    ("Currently, 40 cases are open; to date 300 have closed.", None, []),
    ("An increase of 300 percent in the last two years.", None, []),
    (
        "during the Obama Administration",
        None,
        [("during the Obama Administration", 2009, 2016, False, "range")],
    ),
]


def _check(text: str, reference_year: int | None, expected: Expected) -> None:
    assert _rows(find_periods(text, reference_year)) == expected


@pytest.mark.parametrize(
    ("text", "reference_year", "expected"), SEED_SENTENCES, ids=_ids(SEED_SENTENCES)
)
def test_seed_sentences(text: str, reference_year: int | None, expected: Expected) -> None:
    """Each seed sentence yields its period expressions with surface, years, fiscal and role."""
    _check(text, reference_year, expected)


@pytest.mark.parametrize(
    ("text", "reference_year", "expected"), SEED_PASSAGES, ids=_ids(SEED_PASSAGES)
)
def test_seed_passages(text: str, reference_year: int | None, expected: Expected) -> None:
    """Expressions that refer back resolve against the period stated before them."""
    _check(text, reference_year, expected)


@pytest.mark.parametrize(
    ("text", "reference_year", "expected"),
    [pytest.param(*case, id=name) for case, name in zip(GENRE, _ids(GENRE), strict=True)]
    + GENRE_MISSES,
)
def test_genre(text: str, reference_year: int | None, expected: Expected) -> None:
    """Sentences in the genre's style resolve as the guideline says."""
    _check(text, reference_year, expected)


@pytest.mark.parametrize(("text", "reference_year", "expected"), NOT_PERIODS, ids=_ids(NOT_PERIODS))
def test_not_periods(text: str, reference_year: int | None, expected: Expected) -> None:
    """Rates, durations, identifiers and years inside names are not periods."""
    _check(text, reference_year, expected)


@pytest.mark.parametrize(
    ("text", "reference_year", "expected"), WITHOUT_REFERENCE, ids=_ids(WITHOUT_REFERENCE)
)
def test_without_reference_year(text: str, reference_year: int | None, expected: Expected) -> None:
    """Without a reference year, the latest stated year stands in for it, or nothing resolves."""
    _check(text, reference_year, expected)


def _annotate(text: str, mentions: list[PeriodMention]) -> str:
    out: list[str] = []
    last = 0
    for m in mentions:
        start, end = m.span
        out.append(f"{text[last:start]}[[{text[start:end]}]]")
        last = end
    out.append(text[last:])
    return "".join(out)


ANNOTATED = [
    (
        "From FY 2001 to 2007, DOJ charged 360 defendants; since FY 2001 it spent $5 million.",
        2008,
        (
            "[[From FY 2001 to 2007]], DOJ charged 360 defendants; [[since FY 2001]] it "
            "spent $5 million."
        ),
    ),
    (
        "In the past four fiscal years (2001-2004), DOJ initiated 340 investigations.",
        2005,
        "[[In the past four fiscal years (2001-2004)]], DOJ initiated 340 investigations.",
    ),
    (
        "Funding rose (2001-2004) and (FY 2005) alike.",
        2005,
        "Funding rose [[(2001-2004)]] and [[(FY 2005)]] alike.",
    ),
]


@pytest.mark.parametrize(
    ("text", "reference_year", "annotated"), ANNOTATED, ids=[a[2][:40] for a in ANNOTATED]
)
def test_spans_render(text: str, reference_year: int, annotated: str) -> None:
    """Spans cover the whole expression, parentheses around a bare period included."""
    assert _annotate(text, find_periods(text, reference_year)) == annotated


def _check_invariants(text: str, mentions: list[PeriodMention]) -> None:
    last_end = 0
    for m in mentions:
        start, end = m.span
        assert text[start:end] == m.surface
        assert last_end <= start < end <= len(text)
        assert m.period.start is None or m.period.start <= m.period.end
        assert m.role in {"point", "range", "through", "since", "current", "relative", "compared"}
        last_end = end


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name)
def test_seed_documents_invariants(path: Path) -> None:
    """Over every seed, spans slice to their surfaces, in order and without overlap."""
    text = path.read_text(encoding="utf-8")
    mentions = find_periods(text, REFERENCE_YEARS[path.name[:3]])
    assert mentions
    _check_invariants(text, mentions)


_FRAGMENTS = st.sampled_from(
    [
        "In FY 2007",
        " in ",
        "since ",
        "Since ",
        "through ",
        "the end of ",
        "fiscal year ",
        "FY",
        "FY07",
        " 2001",
        "2004",
        "-",
        "–",
        " to ",
        " and ",
        ", ",
        ". ",
        "\n",
        "\n\n",
        "(",
        ")",
        "the previous ",
        "the last ",
        "two ",
        "years",
        " year",
        "then",
        "currently",
        "Today",
        " Act of 2000",
        "April ",
        "May ",
        "3, ",
        "launched ",
        "the inception of ",
        "during the Obama Administration",
        "$",
        "1,248",
        "percent",
        "alone",
        "to date",
        "early ",
        "1899",
        "2100",
        "07",
        "U.S. ",
        "between ",
        "respectively",
    ]
)
_TEXTS = st.one_of(
    st.lists(_FRAGMENTS, max_size=30).map("".join),
    st.text(max_size=200),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_TEXTS, reference_year=st.one_of(st.none(), st.integers(1900, 2099)))
def test_never_raises_and_keeps_invariants(text: str, reference_year: int | None) -> None:
    """Any text gives mentions in order, non-overlapping, with valid spans and periods."""
    _check_invariants(text, find_periods(text, reference_year))


@settings(max_examples=100, deadline=None)
@given(text=_TEXTS)
def test_pure(text: str) -> None:
    """The same input gives the same result."""
    assert find_periods(text, 2010) == find_periods(text, 2010)


def _seconds(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        find_periods(text, 2008)
        best = min(best, time.perf_counter() - t0)
    return best


@pytest.mark.parametrize(
    "unit",
    [
        (SEEDS / "000_ae504a734c292dc7.txt").read_text(encoding="utf-8"),
        "since the inception of the program " * 20,
        "in 2001, 2002, 2003 " * 20,
        "FY 2001-" * 50,
    ],
    ids=["seed", "since-event", "year lists", "dash chains"],
)
def test_time_is_linear(unit: str) -> None:
    """Eight times the text takes at most about eight times as long (generous slack)."""
    find_periods(unit, 2008)  # build the patterns first
    small = _seconds(unit)
    large = _seconds(unit * 8)
    assert large <= 8 * 3 * small + 0.05
