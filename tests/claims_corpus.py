"""Corpora of officers' sentences, each with what the claims check must make of it: "true"
(a figure the data confirm), "false" (one they contradict) or "unrelated" (no figure about
the review's indicators: nothing to say).

- :data:`CORPUS`, about the indicators of :data:`SHEETS`, written beside the check's rules;
- :data:`BLIND_1`, about the same indicators, :data:`BLIND_2` and :data:`BLIND_3`, about
  those of :data:`SHEETS_2` and :data:`SHEETS_3`, each written by a session that had seen
  neither the check nor the other corpora. Measured before the check was tuned on it, 42,
  45 and 53 of 60 were right (with 0, 2 and 2 false alarms); the check was then improved
  on each in turn (docs/workbook-format.md gives the figures).
"""

from __future__ import annotations

import copy

from conftest import DATA_HEAD, INDICATOR_HEAD, MINIMAL

SHEETS = copy.deepcopy(MINIMAL)
SHEETS["Indicators"] = [
    INDICATOR_HEAD,
    ["I-1", "Share of renewable energy in district heat", "%", "increase", "7.2", None, "A-1", None, None, None, None],
    [
        "I-2",
        "Greenhouse gas emissions per inhabitant",
        "t CO2e",
        "decrease",
        "13.2",
        None,
        "A-1",
        None,
        None,
        None,
        None,
    ],
    [
        "I-3",
        "Residents who used the city's online services",
        "%",
        "increase",
        "16.6",
        None,
        "A-1",
        None,
        None,
        None,
        None,
    ],
    ["I-4", "Library visits per inhabitant", "visits", "increase", "4.6", None, "A-2", None, None, None, None],
    ["I-5", "Adults who took part in training", "%", "increase", "4.3", None, "A-2", None, None, None, None],
]
SHEETS["Data"] = [
    DATA_HEAD,
    *[["I-1", y, v, None] for y, v in ((2015, 30), (2020, 45), (2024, 60))],
    *[["I-2", y, v, None] for y, v in ((1990, 8.0), (2015, 5.0), (2024, 4.0))],
    *[["I-3", y, v, None] for y, v in ((2016, 52), (2024, 80))],
    *[["I-4", y, v, None] for y, v in ((2015, 8), (2024, 6))],
    *[["I-5", y, v, None] for y, v in ((2016, 53), (2024, 58))],
]
SHEETS["Review"][3][1] = 2025

CORPUS = [
    ("The share of renewable energy in district heat reached 60 % in 2024.", "true"),
    ("Renewable energy made up 45 % of district heat in 2020.", "true"),
    ("Four in five residents used the city's online services in 2024.", "true"),
    ("Emissions per inhabitant have fallen by half since 1990.", "true"),
    ("Emissions per inhabitant fell by 20 % from 2015.", "true"),
    ("Renewable energy in district heat has doubled since 2015.", "true"),
    ("About 58 % of adults took part in training in 2024.", "true"),
    ("Library visits per inhabitant fell by a quarter since 2015.", "true"),
    ("Online services reached over three quarters of residents in 2024.", "true"),
    ("Adults taking part in training rose by 5 percentage points from 2016.", "true"),
    ("Last year, 58 % of adults took part in training.", "true"),
    (
        "Emissions per inhabitant are now half the 1990 level, and renewable energy in district heat reached 60 %.",
        "true",
    ),
    ("The share of renewable energy in district heat reached 70 % in 2024.", "false"),
    ("Emissions per inhabitant have fallen by a third since 1990.", "false"),
    ("Half of residents used the city's online services in 2024.", "false"),
    ("Library visits per inhabitant rose by 10 % since 2015.", "false"),
    ("Renewable energy in district heat has tripled since 2015.", "false"),
    ("Adults taking part in training rose by 10 percentage points from 2016.", "false"),
    ("The city's online services were used by 90 % of residents in 2024.", "false"),
    ("Emissions per inhabitant fell by 40 % from 2015.", "false"),
    ("Nearly half of adults took part in training in 2024.", "false"),
    ("Renewable energy now makes up a third of district heat.", "false"),
    ("The city aims to cut emissions by 80 % from the 1990 level by 2030.", "unrelated"),
    ("Heating caused 57 % of emissions, traffic 23 % and waste 4 %.", "unrelated"),
    ("Residents aged 12 or more can vote in the participatory budget.", "unrelated"),
    ("The light rail opened in 2023 and carries 90,000 passengers a day.", "unrelated"),
    ("Youth unemployment fell by 15 % since 2019.", "unrelated"),
    ("Two thirds of the budget went to schools.", "unrelated"),
    ("Renewable energy in district heat was 50 % in 2018.", "unrelated"),
    ("In 2030 the share of renewable energy will reach 90 %.", "unrelated"),
    ("Helsinki is one of Finland's 21 largest cities.", "unrelated"),
    ("Over 90 % of schools have an environmental plan.", "unrelated"),
]


# --- written without seeing the check -------------------------------------------------------

BLIND_1 = [
    # --- true ---
    ("The share of renewable energy in our district heat doubled between 2015 and 2024, from 30 % to 60 %.", "true"),
    ("Last year, 60 per cent of the city's district heat came from renewable sources.", "true"),
    ("Since 2015, the renewable share of district heating has risen by 30 percentage points.", "true"),
    ("In 2020, renewables already supplied 45 % of district heat.", "true"),
    (
        "District heat drew 45 per cent of its energy from renewable sources in 2020, up from 30 per cent in 2015.",
        "true",
    ),
    ("Between 2020 and 2024, the renewable share of district heat grew by 15 percentage points.", "true"),
    (
        "Greenhouse gas emissions per inhabitant have been halved from the 1990 level, to 4.0 tonnes CO2e in 2024.",
        "true",
    ),
    ("Per-capita greenhouse gas emissions fell by a fifth between 2015 and 2024.", "true"),
    ("In 2015, emissions per inhabitant stood at 5 tonnes CO2e.", "true"),
    ("Greenhouse gas emissions per inhabitant were cut by 3 tonnes CO2e between 1990 and 2015.", "true"),
    ("Emissions per inhabitant now stand at half their 1990 level.", "true"),
    ("Four in five residents used the city's online services last year.", "true"),
    ("The share of residents using the city's online services rose from 52 % in 2016 to 80 % in 2024.", "true"),
    (
        "Compared with 2016, when about half of residents used our online services, the share has increased by 28 "
        "percentage points.",
        "true",
    ),
    ("Library visits per inhabitant have fallen by a quarter since 2015.", "true"),
    ("Residents visited the library six times each on average in 2024, down from eight in 2015.", "true"),
    ("An average of 8 library visits per inhabitant was recorded in 2015.", "true"),
    ("In 2016, more than half of adults took part in training.", "true"),
    ("Participation of adults in training rose by 5 percentage points between 2016 and 2024, to 58 %.", "true"),
    ("Nearly 60 % of adults took part in training last year.", "true"),
    # --- false ---
    ("The share of renewable energy in district heat tripled between 2015 and 2024.", "false"),
    ("Last year, renewables supplied 70 % of our district heat.", "false"),
    ("In 2020, only a quarter of district heat came from renewable sources.", "false"),
    ("Renewable energy's share of district heat rose by 10 percentage points between 2015 and 2020.", "false"),
    ("Greenhouse gas emissions per inhabitant have fallen by a third since 1990.", "false"),
    ("Per-capita emissions rose from 5.0 tonnes CO2e in 2015 to 6.0 tonnes in 2024.", "false"),
    ("Each inhabitant emitted 10 tonnes of CO2e in 1990.", "false"),
    ("Emissions per inhabitant fell by half between 2015 and 2024.", "false"),
    ("Emissions per inhabitant stood at 3.5 tonnes CO2e last year.", "false"),
    ("Greenhouse gas emissions per inhabitant have been reduced by 75 % from the 1990 level.", "false"),
    ("Only one in three residents used the city's online services last year.", "false"),
    ("The share of residents using online services has doubled compared with 2016.", "false"),
    ("In 2016, a quarter of residents used the city's online services.", "false"),
    ("Fewer than half of residents used the city's online services in 2016.", "false"),
    ("Library visits per inhabitant increased from 8 in 2015 to 10 in 2024.", "false"),
    ("Library visits per inhabitant have been halved since 2015.", "false"),
    ("Residents made 12 library visits each on average in 2024.", "false"),
    ("Three quarters of adults took part in training in 2024.", "false"),
    ("Adult participation in training fell from 53 % in 2016 to 48 % in 2024.", "false"),
    ("The share of adults in training has risen by 15 percentage points since 2016.", "false"),
    # --- unrelated ---
    ("The city aims to raise the renewable share of district heat to 80 % by 2030.", "unrelated"),
    ("We aim to cut greenhouse gas emissions per inhabitant to 2 tonnes CO2e by 2035.", "unrelated"),
    ("Transport accounted for 35 % of the city's greenhouse gas emissions.", "unrelated"),
    ("In 2018, 40 % of district heat came from renewable sources.", "unrelated"),
    ("The city invested 12 million euros in the expansion of its district heating network.", "unrelated"),
    ("Public transport carried 45 million passengers last year.", "unrelated"),
    ("Digital services are available to all residents aged 16 or over.", "unrelated"),
    ("Our libraries remain important meeting places for residents of all ages.", "unrelated"),
    ("Adult training has made substantial progress in recent years.", "unrelated"),
    ("The city's online services portal now offers more than 200 services.", "unrelated"),
    ("The share of waste recycled reached 55 % in 2024.", "unrelated"),
    ("In 2019, library visits per inhabitant reached 7.", "unrelated"),
    ("Greenhouse gas emissions per inhabitant have decreased significantly since 1990.", "unrelated"),
    ("By 2030, at least two thirds of adults should take part in training every year.", "unrelated"),
    ("The city has 14 public libraries across its districts.", "unrelated"),
    ("In one neighbourhood, 300 households joined a heat-pump scheme.", "unrelated"),
    ("Cycling's share of trips reached 25 % last year.", "unrelated"),
    ("The training programme for seniors is open to residents aged 65 and older.", "unrelated"),
    ("In 2022, 70 % of residents used the city's online services.", "unrelated"),
    ("Unemployment fell to 5 per cent in 2024.", "unrelated"),
]

INDICATORS_2 = [
    ("J-1", "Municipal waste recycling rate", "%", {2010: 38.0, 2015: 44.5, 2020: 51.2, 2023: 56.8, 2024: 58.3}),
    ("J-2", "Share of trips made by bicycle", "%", {2000: 8.0, 2012: 12.5, 2018: 16.0, 2024: 24.0}),
    ("J-3", "Registered unemployment rate", "%", {2005: 11.2, 2013: 14.8, 2019: 7.4, 2024: 6.1}),
    (
        "J-4",
        "Annual mean concentration of fine particulate matter (PM2.5)",
        "µg/m³",
        {1995: 32.0, 2010: 24.0, 2020: 16.0, 2024: 12.0},
    ),
    ("J-5", "New dwellings completed", "homes", {2015: 1850, 2018: 2400, 2021: 3100, 2024: 3700}),
    (
        "J-6",
        "Bus passenger journeys",
        "million passengers",
        {1990: 96.0, 2005: 81.5, 2019: 104.2, 2020: 58.7, 2024: 98.3},
    ),
]

BLIND_2 = [
    ("Almost three in five tonnes of municipal waste were recycled last year.", "true"),
    ("From 38 % in 2010, our recycling rate climbed to 58 % in 2024.", "true"),
    ("Since 2010 the share of household waste sent for recycling has risen by more than 20 percentage points.", "true"),
    ("Over half of all municipal waste was already being recycled in 2020.", "true"),
    ("Around a quarter of all journeys in the city are now made by bike.", "true"),
    ("The bicycle's share of trips has tripled since 2000.", "true"),
    ("Between 2012 and 2018, cycling's modal share rose from 12.5 % to 16 %.", "true"),
    ("Unemployment halved between 2013 and 2019, falling from 14.8 % to 7.4 %.", "true"),
    ("Last year, 6.1 % of the labour force was registered as jobless.", "true"),
    ("Compared with 2005, when the jobless rate exceeded 11 %, unemployment in 2024 stood at around 6 %.", "true"),
    ("The unemployment rate has dropped by more than 8 percentage points since 2013.", "true"),
    ("Concentrations of fine particulate matter have halved since 2010, to 12 µg/m³.", "true"),
    ("Annual average PM2.5 levels fell by a quarter between 2020 and 2024.", "true"),
    (
        "In 1995 residents breathed air containing an average of 32 µg/m³ of PM2.5; by 2024 the figure had dropped "
        "to 12 µg/m³.",
        "true",
    ),
    ("3,700 new homes were completed last year, twice as many as in 2015.", "true"),
    ("Some 3,100 dwellings were finished in 2021.", "true"),
    ("More than 2,000 homes were built in 2018.", "true"),
    ("After slumping to 58.7 million in 2020, bus ridership recovered to 98.3 million journeys in 2024.", "true"),
    ("Bus passenger numbers fell by more than 40 % between 2019 and 2020.", "true"),
    ("At 98 million passengers, bus use is now slightly above its 1990 level of 96 million.", "true"),
    ("The recycling rate reached 65 % last year.", "false"),
    ("Recycling has doubled since 2010.", "false"),
    ("Between 2015 and 2020 the recycling rate rose by 12 percentage points.", "false"),
    ("Two thirds of household waste is now recycled.", "false"),
    ("Cycling's share of trips has quadrupled since 2000.", "false"),
    ("Just one trip in ten is now made by bicycle.", "false"),
    ("In 2018 more than a fifth of all journeys were cycled.", "false"),
    ("Unemployment rose from 7.4 % in 2019 to 8.1 % in 2024.", "false"),
    ("The jobless rate stood at 9.8 % in 2013.", "false"),
    ("Registered unemployment has been cut by three quarters since 2005.", "false"),
    ("Unemployment fell below 5 % last year.", "false"),
    ("Average PM2.5 concentrations have crept up from 12 µg/m³ in 2020 to 16 µg/m³ today.", "false"),
    ("Annual mean fine dust levels were 18 µg/m³ in 2024.", "false"),
    ("Fine particulate pollution has been cut by 90 % since 1995.", "false"),
    ("Compared with 2010, PM2.5 levels in 2020 were only 4 µg/m³ lower.", "false"),
    ("Completions of new homes fell from 2,400 in 2018 to 2,100 in 2021.", "false"),
    ("The city built 5,000 new homes last year.", "false"),
    ("Housing output has tripled since 2015.", "false"),
    ("Bus passenger numbers have grown by 50 % since 1990.", "false"),
    ("In 2020, bus journeys dropped below 40 million.", "false"),
    ("We aim to recycle 70 % of municipal waste by 2030.", "unrelated"),
    ("The council has approved a €45 million budget for new cycle lanes.", "unrelated"),
    ("By 2035, cycling should account for a third of all trips.", "unrelated"),
    ("Our youth employment programme has supported 1,200 jobseekers aged 18 to 25.", "unrelated"),
    ("Air quality is measured at 14 monitoring stations across the city.", "unrelated"),
    ("The health impact of air pollution is estimated to cost the region €120 million a year.", "unrelated"),
    ("Affordable housing remains one of the most pressing concerns for residents.", "unrelated"),
    ("The central bus depot, opened in 1987, houses 220 vehicles.", "unrelated"),
    ("More than 3,000 volunteers took part in the spring clean-up campaign.", "unrelated"),
    ("We plan to deliver 4,500 homes a year from 2026 onwards.", "unrelated"),
    ("In 1994 the city signed the Aalborg Charter, committing itself to local sustainability.", "unrelated"),
    ("The Riverside district, home to 42,000 residents, piloted separate food-waste collection.", "unrelated"),
    ("Children under 12 travel free on all city buses.", "unrelated"),
    ("Air quality has improved considerably over the last decade.", "unrelated"),
    ("The city's population grew by 8 % between 2010 and 2024.", "unrelated"),
    ("A 1.5 km stretch of the riverbank was turned into a car-free promenade in 2022.", "unrelated"),
    ("Our ambition is to halve long-term unemployment by 2030.", "unrelated"),
    ("This review was prepared with input from 27 civil society organisations.", "unrelated"),
    ("Electric vehicles will make up 80 % of the bus fleet by 2028.", "unrelated"),
    ("In 2016 the bus network carried about 100 million passengers.", "unrelated"),
]


INDICATORS_3 = [
    ("K-1", "Share of households with fixed broadband access", "%", {2012: 61.0, 2016: 72.4, 2020: 84.9, 2024: 91.3}),
    (
        "K-2",
        "Early leavers from education and training, population aged 18-24",
        "%",
        {2010: 14.2, 2015: 11.0, 2020: 8.1, 2024: 7.0},
    ),
    ("K-3", "Road traffic deaths", "deaths", {2000: 48, 2010: 31, 2019: 24, 2024: 12}),
    (
        "K-4",
        "Drinking water consumption per inhabitant",
        "litres per day",
        {1995: 162, 2005: 148, 2015: 131, 2024: 118},
    ),
    ("K-5", "Women among city councillors", "%", {1998: 22.0, 2006: 29.5, 2014: 36.0, 2022: 44.0}),
    ("K-6", "Final energy consumption of municipal buildings", "GWh", {2008: 210, 2014: 186, 2019: 160, 2024: 139}),
]

BLIND_3 = [
    ("More than nine in ten households now have a fixed broadband connection.", "true"),
    (
        "Between 2012 and 2024, the share of households with broadband access rose by about 30 percentage points.",
        "true",
    ),
    ("In 2016, roughly 72% of households had fixed broadband; by 2020 it was 85%.", "true"),
    ("The early school leaving rate has halved since 2010, from 14.2% to 7%.", "true"),
    ("Early leavers from education and training fell by almost 3 percentage points between 2015 and 2020.", "true"),
    ("In 2015, 11% of young people left education and training early.", "true"),
    ("Twelve people died on the city's roads last year, half as many as in 2019.", "true"),
    ("Road traffic fatalities were cut from 48 in 2000 to 31 in 2010.", "true"),
    ("Compared with 2000, road deaths in 2024 were down by three quarters.", "true"),
    ("Each resident now uses around 118 litres of drinking water a day.", "true"),
    ("Daily water use per inhabitant has dropped by more than 40 litres since 1995.", "true"),
    ("At 148 litres per person per day, drinking water consumption in 2005 was already below the 1995 level.", "true"),
    ("Women now hold 44% of the seats on the city council.", "true"),
    ("The share of women among city councillors doubled between 1998 and 2022.", "true"),
    ("In 2014, more than a third of councillors were women.", "true"),
    ("The proportion of female councillors grew by 8 percentage points between 2014 and 2022.", "true"),
    ("Energy consumption of municipal buildings fell from 210 GWh in 2008 to 139 GWh in 2024.", "true"),
    ("Last year, the city's own buildings used about 140 GWh of energy.", "true"),
    ("Municipal buildings consumed a third less energy in 2024 than in 2008.", "true"),
    ("160 GWh of energy was consumed by municipal buildings in 2019.", "true"),
    ("Only half of households had fixed broadband access in 2020.", "false"),
    ("Broadband access among households declined between 2016 and 2020.", "false"),
    ("Since 2012, the share of households with a broadband connection has doubled.", "false"),
    ("Last year, just 78% of households were connected to fixed broadband.", "false"),
    ("The share of early school leavers rose to 9.5% in 2024.", "false"),
    ("Since 2010, the rate of early leavers from education and training has fallen by only a quarter.", "false"),
    ("In 2020, one in five young adults left school early.", "false"),
    ("Road fatalities doubled between 2010 and 2019.", "false"),
    ("In 2024, 30 people lost their lives in road traffic accidents.", "false"),
    ("The number of traffic deaths rose from 31 in 2010 to 42 in 2019.", "false"),
    ("Fewer than 5 road deaths were recorded last year.", "false"),
    ("Per capita water consumption climbed to 175 litres a day in 2024.", "false"),
    ("Since 2005, daily drinking water consumption per resident has been cut in half.", "false"),
    ("In 2015, inhabitants used an average of 95 litres of drinking water a day.", "false"),
    ("Women now hold 60% of the seats on the city council.", "false"),
    ("In 1998, women accounted for 40% of city councillors.", "false"),
    ("The share of women on the council has fallen since 2006.", "false"),
    ("Energy use in municipal buildings increased by 20% between 2014 and 2019.", "false"),
    ("In 2014, the city's public buildings consumed 250 GWh of energy.", "false"),
    ("Compared with 2008, municipal buildings used 50% more energy in 2024.", "false"),
    ("By 2030, the city aims to cut energy use in municipal buildings by a further 25%.", "unrelated"),
    ("Our goal is zero road traffic deaths by 2035.", "unrelated"),
    ("The city aims to reduce drinking water consumption to 100 litres per inhabitant per day by 2030.", "unrelated"),
    ("The city intends to raise the share of women on the council to 50% at the next elections.", "unrelated"),
    ("The city invested EUR 14 million in new cycle lanes between 2019 and 2024.", "unrelated"),
    ("The city planted 3,200 new street trees last year.", "unrelated"),
    ("Broadband vouchers worth EUR 150 were issued to 2,400 low-income households.", "unrelated"),
    ("The youth council is open to residents aged 14 to 21.", "unrelated"),
    ("The city council has 60 seats and meets 11 times a year.", "unrelated"),
    ("Unemployment fell to 5.8% in 2024.", "unrelated"),
    ("Tourist overnight stays reached 2.1 million in 2024.", "unrelated"),
    ("The share of electric cars among new registrations reached 28% last year.", "unrelated"),
    ("Water consumption has changed considerably over recent decades.", "unrelated"),
    ("30 km/h zones now cover 40 neighbourhoods.", "unrelated"),
    ("The mentoring programme reached 1,150 pupils at 23 schools.", "unrelated"),
    ("A 12-month pilot tested smart water meters in 800 homes.", "unrelated"),
    ("The renovation of 17 schools and 9 kindergartens cost EUR 48 million.", "unrelated"),
    ("This is our third Voluntary Local Review; the first was published in 2021.", "unrelated"),
    ("In 2017, 26 people were killed in road traffic.", "unrelated"),
    ("Drinking water use per inhabitant was around 140 litres a day in 2010.", "unrelated"),
]


def sheets_of(indicators) -> dict:
    """A review of ``indicators`` ((id, name, unit, {year: value}) each), its year 2025."""
    sheets = copy.deepcopy(MINIMAL)
    sheets["Review"][3][1] = 2025
    sheets["Indicators"] = [INDICATOR_HEAD] + [
        [i, name, unit, None, "11.6", None, "A-1", None, None, None, None] for i, name, unit, _ in indicators
    ]
    sheets["Data"] = [DATA_HEAD] + [[i, y, v, None] for i, _, _, values in indicators for y, v in values.items()]
    return sheets


SHEETS_2 = sheets_of(INDICATORS_2)
SHEETS_3 = sheets_of(INDICATORS_3)
