"""Write the shipped example review (indicators/) and the examples (examples/): broken
reviews, a review with the data shapes real publishers use (real-shapes.xlsx), a
small Open SDG data repository (open-sdg/) and SDMX data with its structure (sdmx/).

    python examples/make_examples.py

The Helsinki example uses the City of Helsinki's published climate figures where they
exist (see the Source column); every other figure is illustrative and says so in the
Data sheet's Note column and in the Indicators sheet's Source column.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from vlr.workbook.writer import write_workbook  # noqa: E402

YEARS = range(2016, 2026)
ILLUSTRATIVE = "Illustrative figure (example data, not an official statistic)"
ILLUSTRATIVE_SOURCE = "Illustrative example data"
HEL_CLIMATE = "City of Helsinki, greenhouse gas emissions statistics (published)"

# --- the review ---------------------------------------------------------------------------

REVIEW = [
    ["Field", "Value"],
    ["City", "Helsinki"],
    ["Country", "Finland"],
    ["Year", 2026],
    ["Title", "From Agenda to Action: Helsinki Voluntary Local Review 2026"],
    ["Period", "2016–2025"],
    ["Language", "en"],
    ["Organisation", "City of Helsinki, Strategy and Development (example)"],
    ["Contact", "vlr@example.org"],
    ["Themes", "Digitalisation, Climate, Learning, Events"],
    ["Logo", "logo.png"],
]

#: Case studies: illustrative stories about real programmes (the quotes are invented).
CASE_STUDIES = [
    ["Title", "SDG targets", "Text", "Quote", "Quote by", "Picture", "Link"],
    [
        "OmaStadi: residents decide how the city spends",
        "16.7, 11.3",
        "Every two years, residents aged 12 or more propose and vote on how part of the city's budget is spent in "
        "their district. Proposals are developed with city experts in open workshops, and the winners are built by "
        "the city.\n- Open to everyone aged 12 or more, also without Finnish citizenship\n- Voting online and at "
        "libraries, with help on site",
        "I never thought my idea for our park would be built, but now the whole block uses it",
        "A resident of Kontula (illustrative quote)",
        None,
        "https://omastadi.hel.fi",
    ],
    [
        "Coal leaves district heating",
        "7.2, 13.2, 13",
        "The city-owned energy company closed the Hanasaari coal-fired plant in 2023 and the Salmisaari coal plant "
        "in 2024. Heat pumps, biomass and waste-heat recovery replace the coal: the largest single cut in the "
        "city's emissions.",
        None,
        None,
        "case-study-heat.png",
        None,
    ],
    [
        "Libraries as digital help desks",
        "4.4, 10.2",
        "Libraries help residents with digital services face to face: trained staff and volunteers show how to use "
        "online banking, health services and the city's own e-services. Older residents are the largest group.",
        None,
        None,
        None,
        None,
    ],
]

#: Interlinkages between targets (illustrative judgements of the example).
INTERLINKAGES = [
    ["From target", "To target", "Kind", "Note"],
    ["7.2", "13.2", "synergy", "Renewable district heat is the largest cut in the city's emissions"],
    ["11.2", "13.2", "synergy", "Public transport and cycling cut traffic emissions"],
    ["11.2", "11.6", "synergy", "Less car traffic means cleaner air"],
    ["9.1", "15.5", "trade-off", "New tram lines and roads take green areas"],
    ["8.9", "13.2", "trade-off", "More visitors bring more travel emissions"],
    ["4.7", "12.8", "synergy", "Environmental education in schools spreads to families"],
]

#: Illustrative budgets of some actions, in euros.
BUDGETS = {
    "DIG-02": 4_200_000,
    "DIG-03": 650_000,
    "DIG-06": 8_800_000,
    "DIG-10": 1_500_000,
    "CLI-03": 35_000_000,
    "CLI-04": 12_000_000,
    "CLI-05": 386_000_000,
    "CLI-06": 20_000_000,
    "CLI-08": 3_500_000,
    "LRN-01": 2_400_000,
    "LRN-03": 5_600_000,
    "LRN-07": 7_000_000,
    "EVT-02": 900_000,
    "EVT-06": 450_000,
}

NARRATIVES = [
    ["Section", "Text"],
    [
        "opening",
        "Helsinki wants to be the most functional city in the world, and a city where the 2030 Agenda is part "
        "of everyday work. This review shows where our actions meet the Sustainable Development Goals, what the "
        "evidence says, and where we must do better.\n"
        "This is an example review made with vlr: the climate figures are the City of Helsinki's published "
        "figures; every other figure is illustrative.",
    ],
    [
        "highlights",
        "Greenhouse gas emissions have fallen by almost half from the 1990 level, and coal has left district heating.\n"
        "Digital services reach most residents, and the participatory budget lets every resident aged 12 or "
        "more decide how part of the city's money is spent.\n"
        "The share of young people outside education and work is the challenge we watch most closely.",
    ],
    [
        "introduction",
        "Helsinki is the capital of Finland and a member of the C21 network of Finland's 21 largest cities. "
        "Its city strategy names four areas in which the city aims to be a pioneer: digitalisation, the fight "
        "against climate change, learning and events. This review follows those four themes and maps the "
        "city's actions in each to the SDG targets they serve.",
    ],
    [
        "methodology",
        "Each division listed its actions and the indicators that follow them in a shared workbook, one per "
        "theme. Actions were mapped to SDG targets by the division that owns them and reviewed by the strategy "
        "office. Indicators use the city's own statistics; where an official SDG indicator measures the same "
        "thing, its code is given. Figures other than the published climate statistics are illustrative.",
    ],
    [
        "stakeholders",
        "Each division prepared its part with the partners of its actions: residents through the participatory "
        "budget and resident panels, universities in the testbeds, the city-owned companies, and youth councils for "
        "the learning theme. A draft was open for comments for four weeks, and the comments are answered in the "
        "final review.\nThis is an illustrative account of the example review.",
    ],
    [
        "policy",
        "The SDGs are part of the city strategy and of the budget process: every division reports which goals "
        "its main actions serve. The Carbon-neutral Helsinki action plan, the city's education strategy and its "
        "events strategy carry the work. Leaving no one behind guides the choice of indicators: breakdowns by "
        "sex and district are shown where the data allow.",
    ],
    [
        "goal-11",
        "Public transport, cycling and a compact city structure are how Helsinki cuts traffic emissions and "
        "keeps the city accessible. The Raide-Jokeri light rail line opened in 2023.",
    ],
    [
        "goal-13",
        "Helsinki aims to be carbon neutral by 2030: to cut its emissions by 80 % from the 1990 level and to "
        "offset the remaining 20 %. In 2020, total emissions were 33 % and emissions per inhabitant 50 % below "
        "the 1990 level. Heating caused 57 % of emissions, traffic 23 %, electricity 16 % and waste 4 %.",
    ],
    [
        "goal-4",
        "Learning is one of the city's four pioneer areas. Early childhood education is free for five-year-olds "
        "and the city funds schools in disadvantaged areas more to keep learning outcomes equal.",
    ],
    [
        "challenges",
        "The COVID-19 pandemic stopped events and tourism in 2020 and 2021 and widened learning gaps. The "
        "energy crisis of 2022 tested the plan to phase out coal.",
    ],
    [
        "means",
        "The actions are funded from the city budget, with national and EU funding for the energy transition "
        "and for research and innovation. Partnerships with universities, companies and residents carry much "
        "of the work, and open data is shared with everyone.",
    ],
    [
        "conclusion",
        "Helsinki is on its way on climate and digitalisation, and must accelerate on the inclusion of young "
        "people. The next review will report on the same indicators, so progress can be followed over time.",
    ],
]

# --- actions: (id, title, targets, lead, status, start, end, description) -----------------

# A table of the example's rows, one row to a line or two as in the workbook: not formatted.
# fmt: off
ACTIONS = {
    "Digitalisation": [
        ("DIG-01", "Open data through Helsinki Region Infoshare", "16.10, 16.6", "City Executive Office", "Ongoing",
         2011, None, "Publish the city's data sets as open data with open licences."),
        ("DIG-02", "Digital services for residents", "16.6, 16.7", "City Executive Office", "Ongoing", 2018, None,
         "Move the city's most used services online, designed with residents."),
        ("DIG-03", "Digital support for older residents", "10.2, 4.4", "Social Services and Health Care", "Ongoing",
         2019, None, "Help desks in libraries and service centres teach older people to use digital services."),
        ("DIG-04", "Free public Wi-Fi in libraries and public spaces", "9.c, 10.2", "Culture and Leisure",
         "Completed", 2016, 2022, "Open wireless networks in every library, service centre and main square."),
        ("DIG-05", "Digital twin of the city for planning", "11.3", "Urban Environment", "Ongoing", 2019, None,
         "A 3D city model used in land-use planning and in energy analysis of buildings."),
        ("DIG-06", "OmaStadi participatory budgeting online", "16.7, 11.3", "City Executive Office", "Ongoing", 2018,
         None, "Residents propose and vote online on how part of the city's budget is spent."),
        ("DIG-07", "Open journey-planning and mobility data", "11.2, 9.1", "Urban Environment", "Ongoing", 2017,
         None, "Open interfaces for public transport and city bike data, used by mobility services."),
        ("DIG-08", "Public register of the city's AI systems", "16.6, 16.10", "City Executive Office", "Completed",
         2020, 2021, "Explain openly which algorithms the city uses, for what, and how they are supervised."),
        ("DIG-09", "Digital skills training for city staff", "4.4", "City Executive Office", "Ongoing", 2019, None,
         "Training in digital tools and data for all city employees."),
        ("DIG-10", "Innovation testbeds with companies", "9.5, 8.2, 17.17", "Economic Development", "Ongoing", 2016,
         None, "Companies test new urban solutions in city districts with the city as a partner."),
    ],
    "Climate": [
        ("CLI-01", "Carbon-neutral Helsinki action plan", "13.2", "Urban Environment", "Ongoing", 2018, 2030,
         "The city's climate programme: 147 actions towards carbon neutrality."),
        ("CLI-02", "Coal phase-out in district heating", "7.2, 13.2", "Helen Ltd (city-owned)", "Completed", 2017,
         2024, "Close the Hanasaari and Salmisaari coal-fired plants."),
        ("CLI-03", "Heat pumps and waste-heat recovery", "7.2, 7.3, 9.4", "Helen Ltd (city-owned)", "Ongoing", 2020,
         None, "Heat from waste water, data centres and sea water replaces fossil fuels."),
        ("CLI-04", "Energy renovation of city buildings", "7.3, 13.2", "Urban Environment", "Ongoing", 2018, None,
         "Cut the energy use of schools, day-care centres and offices owned by the city."),
        ("CLI-05", "Raide-Jokeri light rail", "11.2, 9.1", "Urban Environment", "Completed", 2019, 2023,
         "A 25 km cross-town light rail line between Itäkeskus and Keilaniemi."),
        ("CLI-06", "Cycling development programme", "11.2, 11.6", "Urban Environment", "Ongoing", 2020, 2025,
         "Build the main cycle network (baana) and expand city bikes."),
        ("CLI-07", "Electric buses and charging points", "11.6, 13.2", "Helsinki Regional Transport", "Ongoing",
         2016, None, "Electrify the bus fleet and build public charging for electric cars."),
        ("CLI-08", "Stormwater and climate adaptation plan", "13.1, 11.b", "Urban Environment", "Ongoing", 2019,
         None, "Nature-based solutions to manage heavy rain and rising sea level."),
        ("CLI-09", "Circular economy and waste reduction", "12.5, 11.6", "Urban Environment", "Ongoing", 2020, None,
         "Reuse centres, separate collection of bio-waste and less waste from construction."),
        ("CLI-10", "Nature conservation programme", "15.1, 15.5, 11.7", "Urban Environment", "Ongoing", 2015, 2024,
         "Establish new nature reserves and protect habitats of threatened species."),
        ("CLI-11", "Climate Watch: open climate monitoring", "13.3, 16.10", "Urban Environment", "Ongoing", 2019,
         None, "An open website that tracks each climate action and its effect on emissions."),
    ],
    "Learning": [
        ("LRN-01", "Free early childhood education for five-year-olds", "4.2", "Education", "Ongoing", 2018, None,
         "Four hours a day of early childhood education free of charge for every five-year-old."),
        ("LRN-02", "Support for completing upper secondary education", "4.1", "Education", "Ongoing", 2021, None,
         "Guidance and study support as compulsory education extends to age 18."),
        ("LRN-03", "Language learning for immigrants", "4.6, 10.2", "Education", "Ongoing", 2016, None,
         "Finnish and Swedish courses with childcare, in the evening and online."),
        ("LRN-04", "Libraries as learning spaces", "16.10, 4.6, 11.7", "Culture and Leisure", "Ongoing", 2018, None,
         "The Oodi central library and district libraries as open places to learn."),
        ("LRN-05", "Ohjaamo guidance centre for young people", "8.6", "Economic Development", "Ongoing", 2015, None,
         "One place for under-30s to get help with work, study and life."),
        ("LRN-06", "Adult education at the Adult Education Centre", "4.3, 4.4", "Education", "Ongoing", 2016, None,
         "Affordable courses for adults, including digital and language skills."),
        ("LRN-07", "Positive discrimination funding for schools", "4.5, 10.2", "Education", "Ongoing", 2016, None,
         "More funding for schools in districts with lower education and income levels."),
        ("LRN-08", "Sustainability education in schools", "4.7, 12.8, 13.3", "Education", "Ongoing", 2019, None,
         "Every school and day-care centre has an environmental plan and a climate education programme."),
        ("LRN-09", "Inclusive special needs education", "4.5, 4.a", "Education", "Ongoing", 2017, None,
         "Support for learning within the pupil's own class and accessible school buildings."),
        ("LRN-10", "Free hobbies for school children", "10.2", "Culture and Leisure", "Ongoing", 2021, None,
         "Free after-school hobbies at schools, so every child has a hobby."),
    ],
    "Events": [
        ("EVT-01", "Sustainable event criteria for city-supported events", "12.5, 12.b", "Culture and Leisure",
         "Ongoing", 2019, None, "Environmental criteria for waste, energy and transport in events the city funds."),
        ("EVT-02", "Accessible events", "10.2, 11.7", "Culture and Leisure", "Ongoing", 2018, None,
         "Accessibility requirements and information for events in city venues."),
        ("EVT-03", "Free culture in the suburbs", "11.4, 11.7", "Culture and Leisure", "Ongoing", 2016, None,
         "Concerts, theatre and festivals in all districts, free of charge."),
        ("EVT-04", "Sustainable tourism roadmap", "8.9, 12.b", "Economic Development", "Ongoing", 2021, None,
         "Guide visitors to sustainable choices and make tourism companies certify them."),
        ("EVT-05", "Reusable tableware and waste sorting at events", "12.5", "Culture and Leisure", "Ongoing", 2019,
         None, "City events use reusable dishes and sort their waste."),
        ("EVT-06", "Public transport included in event tickets", "11.2", "Helsinki Regional Transport", "Planned",
         2026, None, "Large events include a public transport ticket in the entry ticket."),
        ("EVT-07", "Safer space principles for events", "5.2, 11.7", "Culture and Leisure", "Ongoing", 2020, None,
         "Harassment-free events: trained staff, safe spaces and a way to report harassment."),
        ("EVT-08", "Culture grants for diverse organisers", "10.2", "Culture and Leisure", "Ongoing", 2017, None,
         "Grants that reach organisers from minority and immigrant communities."),
        ("EVT-09", "Helsinki Biennial on Vallisaari island", "11.4", "Culture and Leisure", "Completed", 2021, 2023,
         "An art event that opened a protected island fortress and its nature to visitors."),
        ("EVT-10", "Event partnerships with companies", "17.17, 8.9", "Economic Development", "Ongoing", 2018, None,
         "Partnerships with companies to bring international events to Helsinki."),
    ],
}
# fmt: on

# --- indicators ---------------------------------------------------------------------------
# (id, name, unit, direction, targets, sdg indicator, actions, baseline (year, value),
#  target (year, value), source, owner, data {year: value} or a trend (start, end, digits))


def trend(start: float, end: float, digits: int = 1, covid: float = 0.0, wobble: float = 0.02) -> dict[int, float]:
    """Values from start (2016) to end (2025), with a small fixed wobble and an
    optional COVID-19 dip (a share of the value lost in 2020 and half of it in 2021)."""
    values = {}
    n = len(YEARS) - 1
    for k, year in enumerate(YEARS):
        value = start + (end - start) * k / n
        value *= 1 + wobble * math.sin(k * 2.3)
        if year == 2020:
            value *= 1 - covid
        elif year == 2021:
            value *= 1 - covid / 2
        values[year] = round(value, digits)
    return values


# A table of the example's rows, one row to a line or two as in the workbook: not formatted.
# fmt: off
INDICATORS = {
    "Climate": [
        ("CLI-I1", "Greenhouse gas emissions, total, as a share of the 1990 level", "% of 1990 level", "decrease",
         "13.2", "13.2.2", "CLI-01, CLI-02, CLI-03, CLI-04", (1990, 100), (2030, 20), HEL_CLIMATE,
         "Urban Environment",
         {1990: 100, 2016: 76, 2017: 75, 2018: 73, 2019: 70, 2020: 67, 2021: 65, 2022: 62, 2023: 58, 2024: 55,
          2025: 52},
         {1990: "Reference level (100 %)", 2018: "Published: total emissions -27 % from 1990",
          2020: "Published: total emissions -33 % from 1990"}),
        ("CLI-I2", "Greenhouse gas emissions per inhabitant", "t CO2e per inhabitant", "decrease", "13.2", "13.2.2",
         "CLI-01, CLI-07", (2016, 4.3), None, HEL_CLIMATE, "Urban Environment",
         {2012: 5.0, 2016: 4.3, 2017: 4.2, 2018: 4.0, 2019: 3.8, 2020: 3.6, 2021: 3.5, 2022: 3.3, 2023: 3.1,
          2024: 2.9, 2025: 2.8},
         {2012: "Published", 2016: "Published", 2020: "Published (-50 % per inhabitant from 1990)",
          2018: "Derived from the published -45 % per inhabitant from 1990 (1990: 7.2 t)"}),
        ("CLI-I3", "Share of renewable energy in district heat production", "%", "increase", "7.2", "7.2.1",
         "CLI-02, CLI-03", (2016, 8), (2030, 80), ILLUSTRATIVE_SOURCE, "Helen Ltd (city-owned)",
         {2016: 8, 2017: 9, 2018: 10, 2019: 12, 2020: 14, 2021: 17, 2022: 19, 2023: 27, 2024: 41, 2025: 48}, {}),
        ("CLI-I4", "Share of trips made by public transport", "% of trips", "increase", "11.2", "", "CLI-05, DIG-07",
         None, (2030, 35), ILLUSTRATIVE_SOURCE, "Helsinki Regional Transport",
         {2016: 31.0, 2017: 31.4, 2018: 31.2, 2019: 31.8, 2020: 24.5, 2021: 27.0, 2022: 29.6, 2023: 30.8, 2024: 31.5,
          2025: 32.0}, {}),
        ("CLI-I5", "Length of the main cycle network", "km", "increase", "11.2", "", "CLI-06", None, (2030, 280),
         ILLUSTRATIVE_SOURCE, "Urban Environment", trend(130, 205, 0, wobble=0.0), {}),
        ("CLI-I6", "Annual mean concentration of fine particles (PM2.5)", "µg/m³", "decrease", "11.6", "11.6.2",
         "CLI-06, CLI-07", None, (2030, 5), ILLUSTRATIVE_SOURCE, "Urban Environment", trend(7.4, 5.6, 1), {}),
        ("CLI-I7", "Recycling rate of household waste", "%", "increase", "12.5", "12.5.1", "CLI-09, EVT-05", None,
         (2030, 60), ILLUSTRATIVE_SOURCE, "Urban Environment", trend(38, 49, 1), {}),
        ("CLI-I8", "Nature reserves as a share of the land area", "% of land area", "increase", "15.1, 15.5", "",
         "CLI-10", None, (2030, 10), ILLUSTRATIVE_SOURCE, "Urban Environment",
         {2016: 4.6, 2017: 4.9, 2018: 5.3, 2019: 5.5, 2020: 6.0, 2021: 6.4, 2022: 6.9, 2023: 7.1, 2024: 7.5,
          2025: 7.7}, {}),
    ],
    "Digitalisation": [
        ("DIG-I1", "Residents who used the city's online services in the past year", "% of residents", "increase",
         "16.6", "", "DIG-02, DIG-03", None, (2030, 90), ILLUSTRATIVE_SOURCE, "City Executive Office",
         trend(52, 81, 0), {}),
        ("DIG-I2", "Open data sets published", "number", "increase", "16.10", "", "DIG-01, DIG-08, CLI-11", None,
         None, ILLUSTRATIVE_SOURCE, "City Executive Office", trend(520, 1310, 0), {}),
        ("DIG-I3", "Residents aged 12 or over who voted in the participatory budget", "% of residents aged 12+",
         "increase", "16.7", "", "DIG-06", (2018, 8.6), (2030, 15), ILLUSTRATIVE_SOURCE, "City Executive Office",
         {2018: 8.6, 2019: 8.6, 2021: 9.9, 2023: 11.1, 2025: 10.4},
         {2018: "Round 1 (2018-2019)", 2021: "Round 2", 2023: "Round 3", 2025: "Round 4"}),
        ("DIG-I4", "Public Wi-Fi access points", "number", "increase", "9.c", "", "DIG-04", None, None,
         ILLUSTRATIVE_SOURCE, "Culture and Leisure", trend(620, 1480, 0, wobble=0.0), {}),
        ("DIG-I5", "Adults with at least basic digital skills", "% of population aged 16-74", "increase", "4.4",
         "4.4.1", "DIG-03, DIG-09, LRN-06", None, (2030, 85), ILLUSTRATIVE_SOURCE, "City Executive Office",
         trend(71, 80, 1), {}),
        ("DIG-I6", "Companies in the city's innovation testbeds", "number", "increase", "9.5", "", "DIG-05, DIG-10",
         None, None, ILLUSTRATIVE_SOURCE, "Economic Development", trend(35, 142, 0), {}),
    ],
    "Learning": [
        ("LRN-I1", "Five-year-olds in early childhood education", "% of age group", "increase", "4.2", "", "LRN-01",
         (2016, 79), (2030, 97), ILLUSTRATIVE_SOURCE, "Education", trend(79, 93, 1, wobble=0.005), {}),
        ("LRN-I2", "Upper secondary students who graduate within three and a half years", "%", "increase", "4.1",
         "4.1.2", "LRN-02, LRN-09", None, (2030, 85), ILLUSTRATIVE_SOURCE, "Education", trend(74, 78, 1), {}),
        ("LRN-I3", "Young people not in employment, education or training (NEET), aged 15-24", "%", "decrease",
         "8.6", "8.6.1", "LRN-05", None, (2030, 5), ILLUSTRATIVE_SOURCE, "Economic Development",
         {2016: 8.9, 2017: 8.5, 2018: 8.1, 2019: 7.8, 2020: 9.6, 2021: 9.1, 2022: 8.4, 2023: 8.6, 2024: 8.9,
          2025: 8.7}, {}),
        ("LRN-I4", "Adults who took part in education or training in the past 12 months", "% of adults aged 25-64",
         "increase", "4.3, 4.4", "4.3.1", "LRN-06, LRN-03", None, (2030, 65), ILLUSTRATIVE_SOURCE, "Education",
         {2016: 53, 2018: 55, 2020: 51, 2022: 56, 2024: 58}, {}),
        ("LRN-I5", "Library visits per inhabitant", "visits", "increase", "16.10, 11.7", "", "LRN-04", None, None,
         ILLUSTRATIVE_SOURCE, "Culture and Leisure",
         {2016: 9.1, 2017: 9.0, 2018: 9.8, 2019: 10.7, 2020: 5.6, 2021: 6.9, 2022: 9.4, 2023: 10.2, 2024: 10.5,
          2025: 10.6}, {}),
        ("LRN-I6", "Completed Finnish or Swedish courses for immigrants", "number of courses", "increase",
         "4.6, 10.2", "", "LRN-03", None, None, ILLUSTRATIVE_SOURCE, "Education", trend(3100, 4600, 0, covid=0.3), {}),
        ("LRN-I7", "Schools and day-care centres with an environmental plan", "% of units", "increase", "4.7, 12.8",
         "", "LRN-08", None, (2025, 100), ILLUSTRATIVE_SOURCE, "Education", trend(41, 96, 0, wobble=0.0), {}),
    ],
    "Events": [
        ("EVT-I1", "City-supported events that meet the sustainable event criteria", "% of events", "increase",
         "12.5, 12.b", "", "EVT-01, EVT-05", (2019, 22), (2030, 100), ILLUSTRATIVE_SOURCE, "Culture and Leisure",
         {2019: 22, 2020: 25, 2021: 31, 2022: 44, 2023: 53, 2024: 61, 2025: 66}, {}),
        ("EVT-I2", "Visitors to free cultural events in the suburbs", "thousand visitors", "increase", "11.4, 11.7",
         "", "EVT-03, EVT-09", None, None, ILLUSTRATIVE_SOURCE, "Culture and Leisure", trend(410, 560, 0, covid=0.7),
         {2020: "Most events cancelled (COVID-19)"}),
        ("EVT-I3", "Waste sorted for recycling at city events", "% of event waste", "increase", "12.5", "", "EVT-05",
         None, (2030, 75), ILLUSTRATIVE_SOURCE, "Culture and Leisure",
         {2019: 34, 2021: 41, 2022: 47, 2023: 52, 2024: 55, 2025: 57}, {}),
        ("EVT-I4", "Overnight stays in registered accommodation", "million nights", "increase", "8.9", "",
         "EVT-04, EVT-10", None, None, ILLUSTRATIVE_SOURCE, "Economic Development", trend(3.9, 4.6, 2, covid=0.6),
         {2020: "COVID-19 travel restrictions"}),
        ("EVT-I5", "Events in city venues with accessibility information", "% of events", "increase", "10.2, 11.7",
         "", "EVT-02, EVT-07, EVT-08", (2018, 35), (2030, 100), ILLUSTRATIVE_SOURCE, "Culture and Leisure",
         {2018: 35, 2019: 42, 2020: 47, 2021: 55, 2022: 63, 2023: 70, 2024: 76, 2025: 81}, {}),
    ],
}
# fmt: on

#: Breakdowns shown for a few indicators: series label → factor of the headline value.
BREAKDOWNS = {
    "DIG-I5": {"Women": 0.99, "Men": 1.01, "Aged 65-74": 0.78},
    "LRN-I2": {"Women": 1.04, "Men": 0.96},
    "LRN-I3": {"Women": 0.9, "Men": 1.1, "Foreign-language speakers": 1.7},
}

ACTION_HEAD = [
    "Action ID",
    "Title",
    "Theme",
    "SDG targets",
    "Description",
    "Lead",
    "Status",
    "Start year",
    "End year",
    "Link",
    "Budget",
    "Currency",
]
INDICATOR_HEAD = [
    "Indicator ID",
    "Name",
    "Unit",
    "Direction",
    "SDG targets",
    "SDG indicator",
    "Actions",
    "Baseline year",
    "Baseline value",
    "Target year",
    "Target value",
    "Source",
    "Owner",
]
DATA_HEAD = ["Indicator ID", "Year", "Value", "Series", "Note", "Source"]


def theme_sheets(theme: str) -> dict[str, list[list]]:
    actions = [ACTION_HEAD] + [
        [
            aid,
            title,
            theme,
            targets,
            desc,
            lead,
            status,
            start,
            end,
            None,
            BUDGETS.get(aid),
            "EUR" if aid in BUDGETS else None,
        ]
        for aid, title, targets, lead, status, start, end, desc in ACTIONS[theme]
    ]
    indicators = [INDICATOR_HEAD]
    data = [DATA_HEAD]
    for iid, name, unit, direction, targets, official, acts, base, target, source, owner, values, notes in INDICATORS[
        theme
    ]:
        indicators.append(
            [
                iid,
                name,
                unit,
                direction,
                targets,
                official or None,
                acts,
                base[0] if base else None,
                base[1] if base else None,
                target[0] if target else None,
                target[1] if target else None,
                source,
                owner,
            ]
        )
        published = source == HEL_CLIMATE
        for year, value in sorted(values.items()):
            note = notes.get(year)
            is_published = published and note and (note.startswith(("Published", "Reference", "Derived")))
            data.append(
                [
                    iid,
                    year,
                    value,
                    None,
                    note if is_published else (f"{note}. {ILLUSTRATIVE}" if note else ILLUSTRATIVE),
                    HEL_CLIMATE if is_published else ILLUSTRATIVE_SOURCE,
                ]
            )
        for series, factor in BREAKDOWNS.get(iid, {}).items():
            for year, value in sorted(values.items()):
                data.append([iid, year, round(min(value * factor, 100), 1), series, ILLUSTRATIVE, ILLUSTRATIVE_SOURCE])
    return {"Actions": actions, "Indicators": indicators, "Data": data}


def write_helsinki(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    write_workbook(
        folder / "review.xlsx",
        {"Review": REVIEW, "Narratives": NARRATIVES, "Case studies": CASE_STUDIES, "Interlinkages": INTERLINKAGES},
    )
    write_pictures(folder)
    for theme in ACTIONS:
        write_workbook(folder / f"{theme.lower()}.xlsx", theme_sheets(theme))


def write_pictures(folder: Path) -> None:
    """The example's logo and a case study's picture, drawn here: plainly marked as
    examples, not the city's own."""
    from PIL import Image, ImageDraw

    from vlr.charts.line import font

    logo = Image.new("RGB", (480, 160), "white")
    pen = ImageDraw.Draw(logo)
    pen.rounded_rectangle([4, 4, 475, 155], radius=18, outline=(0x1F, 0x38, 0x64), width=6)
    pen.text((240, 62), "EXAMPLE CITY", font=font(52), fill=(0x1F, 0x38, 0x64), anchor="mm")
    pen.text((240, 118), "logo made for vlr's example", font=font(26), fill=(0x40, 0x40, 0x40), anchor="mm")
    logo.save(folder / "logo.png", optimize=True)
    heat = Image.new("RGB", (640, 360), (0xE8, 0xF1, 0xF8))
    pen = ImageDraw.Draw(heat)
    pen.rectangle([0, 250, 640, 360], fill=(0x9C, 0xB8, 0x6E))
    for x, h in ((80, 150), (190, 110), (300, 170)):
        pen.rectangle([x, 250 - h, x + 70, 250], fill=(0x6B, 0x6B, 0x6B))
    pen.ellipse([430, 120, 560, 250], fill=(0xE0, 0x7A, 0x1F))
    pen.text((320, 320), "Illustration: heat from heat pumps instead of coal", font=font(24), fill="white", anchor="mm")
    heat.save(folder / "case-study-heat.png", optimize=True)


# --- the broken examples -------------------------------------------------------------------


def write_broken(folder: Path) -> None:
    """A review that shows every rule vlr checks, one problem per row where it can."""
    folder.mkdir(parents=True, exist_ok=True)
    write_workbook(
        folder / "review.xlsx",
        {
            "Review": [
                ["Field", "Value"],
                ["City", "Exampleville"],
                ["Country", "Finland"],
                ["Year", 2026],
                ["Themes", "Climate, Learning"],
                ["Mayor", "A. Person"],
            ],
            "Narratives": [["Section", "Text"], ["opening", "Welcome."], ["goal-13", ""], ["summary", "Short."]],
        },
    )
    write_workbook(
        folder / "climate.xlsx",
        {
            "Actions": [
                ACTION_HEAD,
                ["CLI-01", "Climate plan", "Climate", "13.2", None, "Environment", "Ongoing", 2018, 2030],
                ["CLI-02", "Heat pumps", "Climate", "13.9, 7.2", None, "Energy", "Running", 2020, None],
                ["CLI-03", "Cycling", "Climate", "SDG 11.2; 11.2.1", None, "Transport", "Ongoing", 2031, 2025],
                ["CLI-01", "Climate plan (copy)", "Climate", "13.2", None, "Environment", "Ongoing", 2018, 2030],
                ["CLI-04", None, "Climat", "13", None, "Environment", "Planned", None, None],
            ],
            "Indicators": [
                INDICATOR_HEAD,
                ["CLI-I1", "Emissions", "kt CO2e", "down", "13.2", "13.2.2", "CLI-01, CLI-02", 2020, 100, 2015, 20],
                ["CLI-I2", "Cycle network", "km", "increase", "11.2", "11.6.2", "CLI-3", None, None, 2150, 300],
                ["CLI-I3", "Renewable heat", "%", "increase", "7.2", "7.2.9", "CLI-02", 2016, "lots", 2030, 80],
                ["CLI-I4", "Trees planted", "number", "increase", "15.2", None, "CLI-03"],
                ["CLI-I5", "Old survey", "%", "increase", "11.7", None, "CLI-03"],
            ],
            "Data": [
                DATA_HEAD,
                ["CLI-I1", 2020, 100],
                ["CLI-I1", 2021, 95],
                ["CLI-I1", 2021, 94],
                ["CLI-I1", 2031, 80],
                ["CLI-I2", 2022, "about 120"],
                ["CLI-I2", 2023, "12,5 km"],
                ["CLI-I9", 2023, 5],
                ["CLI-I5", 2015, 40],
                ["CLI-I3", "last year", 20],
                ["CLI-I2", 2024, "=SUM(C5:C6)"],
                ["CLI-I5", "2016/17", 41],
                ["CLI-I5", 2016, 42],
            ],
            "Notes": [["Anything", "here is skipped"]],
        },
    )
    write_workbook(
        folder / "learning.xlsx",
        {
            "Review": [["Field", "Value"], ["City", "Exampleville"], ["Country", "Finland"], ["Year", 2026]],
            "Actions": [
                ACTION_HEAD,
                ["CLI-02", "Another action with a taken ID", "Learning", "4.1", None, "Education", "Ongoing"],
            ],
            "Indicators": [INDICATOR_HEAD, ["CLI-I1", "Graduation rate", "%", "increase", "4.1", None, "CLI-02"]],
        },
    )


def write_broken_structure(path: Path) -> None:
    """A single workbook missing the Review and Data sheets and a required column."""
    write_workbook(
        path,
        {
            "Actions": [["Action ID", "Title", "SDG targets"], ["A-1", "Something", "11.2"]],
            "Indicators": [
                ["Indicator ID", "Name", "Unit", "Direction", "SDG targets", "Colour"],
                ["I-1", "Something measured", "%", "increase", "11.2", "blue"],
            ],
        },
    )


# --- data in the shapes real publishers use ------------------------------------------------

# A table of the example's rows, one row to a line or two as in the workbook: not formatted.
# fmt: off
SHAPES_INDICATORS = [
    [*INDICATOR_HEAD, "Headline series"],
    ["HOU-1", "New homes completed", "homes", "increase", "11.1", None, "HSG-01", None, None, 2030, 1200,
     "Illustrative example data", None, None],
    ["HOU-2", "House price to earnings ratio", "ratio", "unknown", "11.1", None, None, None, None, None, None,
     "Illustrative example data", None, None],
    ["EMP-1", "Employment rate of people aged 20-64", "%", "increase", "8.5", None, None, None, None, None, None,
     "Illustrative example data", None, None],
    ["SLP-1", "People sleeping rough on a count night", "people", "decrease", "11.1", None, None, None, None, None,
     None, "Illustrative example data", None, None],
    ["AIR-1", "Nitrogen dioxide, 3-year rolling mean", "µg/m³", "decrease", "11.6", None, "ENV-01", 1995, 52, 2030,
     30, "Illustrative example data", None, None],
    ["EDU-1", "Pupils meeting the reading standard", "%", "increase", "4.1", None, None, None, None, None, None,
     "Illustrative example data", None, "All pupils"],
    ["WST-1", "Household waste", "t", "decrease", "11.6", None, None, None, None, None, None,
     "Illustrative example data", None, None],
]
# fmt: on


def shapes_data() -> list[list]:
    """Each indicator in one of the shapes of published data; every figure illustrative."""
    note = ILLUSTRATIVE
    rows = [["Indicator ID", "Year", "Value", "Series", "Unit", "Note"]]
    rows += [["HOU-1", f"{y}/{(y + 1) % 100:02d}", 800 + 35 * (y - 2015), None, None, note] for y in range(2015, 2025)]
    rows += [
        ["HOU-2", f"FY{y}/{(y + 1) % 100:02d}", round(7.6 + 0.12 * (y - 2017), 2), None, None, note]
        for y in range(2017, 2025)
    ]
    for y in range(2017, 2026):
        rows += [
            ["EMP-1", y, round(72 + 0.4 * (y - 2017), 1), "Sex: Total", None, note],
            ["EMP-1", y, round(74 + 0.3 * (y - 2017), 1), "Sex: Male", None, note],
            ["EMP-1", y, round(70 + 0.5 * (y - 2017), 1), "Sex: Female", None, note],
        ]
    rows += [
        ["SLP-1", f"{y}-{m:02d}-15", 120 - 4 * (y - 2021) - m // 4, None, None, note]
        for y in range(2021, 2026)
        for m in (2, 5, 8, 11)
    ]
    rows += [
        ["AIR-1", f"{y} - {(y + 2) % 100:02d}", round(52 - 1.1 * (y - 1995), 1), None, None, note]
        for y in range(1995, 2024, 4)
    ]
    for y in (2022, 2023, 2024, 2025):
        rows += [["EDU-1", f"{y} Q2", 70 + y - 2022, "All pupils", None, note]]
        rows += [
            ["EDU-1", f"{y} Q2", 70 + y - 2022 + d, f"District: {name}", None, note]
            for name, d in (
                ("North", 6),
                ("South", -9),
                ("East", 2),
                ("West", -3),
                ("Centre", 4),
                ("Harbour", -12),
                ("Hills", 8),
            )
        ]
    rows += [["WST-1", y, 52000 - 900 * (y - 2018), None, None, note] for y in range(2018, 2026)]
    rows += [["WST-1", y, round(320 - 7 * (y - 2018), 1), None, "kg per inhabitant", note] for y in range(2018, 2026)]
    return rows


def write_real_shapes(path: Path) -> None:
    """One workbook whose Data shows the period forms, breakdowns without an empty
    total, a second unit, a named headline and an unknown direction."""
    write_workbook(
        path,
        {
            "Review": [
                ["Field", "Value"],
                ["City", "Exampleton"],
                ["Country", "United Kingdom"],
                ["Year", 2026],
                ["Themes", "Housing, Environment"],
            ],
            "Actions": [
                ACTION_HEAD,
                ["HSG-01", "Affordable homes programme", "Housing", "11.1", None, "Housing", "Ongoing", 2018, 2030],
                ["ENV-01", "Clean air zone", "Environment", "11.6", None, "Transport", "Ongoing", 2020, 2030],
            ],
            "Indicators": SHAPES_INDICATORS,
            "Data": shapes_data(),
        },
    )


OPEN_SDG_FILES = {
    "config_data.yml": "inputs:\n  - class: InputCsvData\n    path_pattern: data/*.csv\n",
    "data/indicator_1-2-1.csv": "Year,Age,Value\n2018/19,,16.2\n2018/19,Children,21.0\n2019/20,,15.8\n"
    "2019/20,Children,20.1\n2020/21,,15.1\n2020/21,Children,n/a\n",
    "meta/1-2-1.md": "---\nindicator_name: Proportion of population below the national poverty line\n"
    "computation_units: Percentage (%)\nsource_organisation_1: Illustrative example data\n"
    "reporting_status: complete\n---\n",
    "data/indicator_11-1-1-a.csv": "Year,Value\n2017,7.62\n2019,8.10\n2022,8.59\n",
    "meta/11-1-1-a.yml": "indicator_name: localised_indicators.11-1-1-a-title\nnational_target_line: '6'\n",
    "translations/en/localised_indicators.yml": "11-1-1-a-title: House price to earnings ratio\n",
    "data/indicator_3-9-1.csv": "Year,Units,OBS_STATUS,GeoCode,Value\n2019,Deaths,A,E1,210\n"
    "2019,Rate per 100000,A,E1,45.1\n2023,Deaths,A,E1,180\n2023,Rate per 100000,A,E1,38.6\n",
    "csv-meta/3-9-1.csv": "Indicator name,Deaths attributed to air pollution\nUnit of measurement,Deaths\n",
    "metadata-mapping.csv": "Indicator name,indicator_name\nUnit of measurement,computation_units\n",
    "data/indicator_1-4-1.csv": "Year,Group,Value\n2015,A,1\n2015,B,3\n2015,,2\n2016,A,1\n2016,B,3\n2016,,2\n",
    "data/demo_indicator.csv": "Year,Grade,Planet,Fruit,Value\n2010,,,,15.1\n",
}


def write_open_sdg(folder: Path) -> None:
    """A small Open SDG data repository (illustrative figures) to try `vlr import open-sdg` on."""
    for name, text in OPEN_SDG_FILES.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def write_sdmx(folder: Path) -> None:
    """A country's SDG data as SDMX-ML 2.1 (structure-specific) with its data structure: the
    shapes of the tests' files (tests/sdmx_files.py), Finland and two of its regions."""
    sys.path.insert(0, str(ROOT / "tests"))
    import sdmx_files
    from test_import_sdmx import COUNTRY

    sdmx_files.write(folder / "dsd.xml", sdmx_files.dsd_xml())
    sdmx_files.write(folder / "data" / "FI_SDG.xml", sdmx_files.structure_specific(COUNTRY))


def write_broken_layout(path: Path) -> None:
    """What careless or hostile workbooks hold: a title above the headings, an empty
    Themes field, a goal number with a superscript, a figure of 1e308, a value far
    from the table and a narrative with a broken template."""
    write_workbook(
        path,
        {
            "Review": [
                ["Field", "Value"],
                ["City", "Exampleville"],
                ["Country", "Finland"],
                ["Year", 2026],
                ["Themes", None],
                ["HLPF goals", "6, \u00b2, 9"],
            ],
            "Actions": [
                ["Actions of the review (draft, 12 May)"],
                [],
                ACTION_HEAD,
                ["A-1", "Cycle lanes", "Climate", "11.2", None, "Transport", "Ongoing", 2020, 2028],
            ],
            "Indicators": [
                INDICATOR_HEAD,
                ["I-1", "Cycle network", "km", "increase", "11.2", None, "A-1", 2020, 100, 2030, 200],
            ],
            # and a note far away, in XFD100000
            "Data": [
                DATA_HEAD,
                ["I-1", 2020, 100],
                ["I-1", 2024, 1e308],
                *[[]] * 99_996,
                [None] * 16_383 + ["Comments"],
            ],
            "Narratives": [["Section", "Text"], ["conclusion", "{{ city }} has {{ count.actions }} actions."]],
        },
    )


def main() -> None:
    import os

    from vlr.main import validate

    os.chdir(ROOT)  # reports name files relative to the project, as the tests run them
    write_helsinki(Path("indicators"))
    write_broken(Path("examples/broken"))
    write_broken_structure(Path("examples/broken-structure.xlsx"))
    write_real_shapes(Path("examples/real-shapes.xlsx"))
    write_open_sdg(Path("examples/open-sdg"))
    write_sdmx(Path("examples/sdmx"))
    write_broken_layout(Path("examples/broken-layout.xlsx"))
    for name in ("broken", "broken-structure.xlsx", "real-shapes.xlsx", "broken-layout.xlsx"):
        report = validate(Path("examples") / name)
        Path(f"examples/{Path(name).stem}.expected.txt").write_text(report.to_text() + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
