"""Small SDMX files of the shapes national reporting platforms publish, written by the tests:
a structure message (DSD with code lists, annotated SERIES codes, an area hierarchy), and data
in SDMX-ML 2.1 structure-specific and generic form, SDMX-CSV 1.0 and 2.0, and SDMX-JSON."""

from __future__ import annotations

import json
from pathlib import Path

MSG = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message"
STR = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/structure"
COM = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common"
GEN = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/generic"
SS = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/structurespecific"
HEADER = "<message:Header><message:ID>T1</message:ID><message:Test>false</message:Test><message:Prepared>2026-01-01T00:00:00Z</message:Prepared><message:Sender id='TEST'/>{extra}</message:Header>"  # noqa: E501

#: SERIES code → (name, annotations: [(title, type, text)]).
SERIES = {
    "SI_POV_DAY1": ("Proportion of population below international poverty line", [("Indicator", "", "1.1.1")]),
    "SH_STA_SCIDE": ("Suicide mortality rate [3.4.2]", []),  # the indicator only in its name
    "VC_DSR_MORT": ("Deaths due to disaster", [("", "Indicator", "1.5.1"), ("", "Indicator", "11.5.1, 13.1.1")]),
    "EN_ATM_CO2": ("Carbon dioxide emissions", [("Indicator", "Indicator", "9.4.1")]),
    "EN_ATM_CO2PC": ("Carbon dioxide emissions per capita", [("Indicator", "Indicator", "9.4.1")]),
    "XX_NO_INDICATOR": ("A series of no indicator", []),
}
CODES = {
    "CL_FREQ": {"A": "Annual", "Q": "Quarterly"},
    "CL_REPORTING_TYPE": {"N": "National", "G": "Global"},
    "CL_SERIES": {k: v[0] for k, v in SERIES.items()},
    "CL_AREA": {"FI": "Finland", "FI1B": "Helsinki-Uusimaa", "FI19": "Western Finland", "_T": "Total"},
    "CL_SEX": {"_T": "Both sexes", "F": "Female", "M": "Male"},
    "CL_AGE": {"_T": "All ages", "Y15T24": "15 to 24 years old", "Y_GE65": "65 years old and over"},
    "CL_UNIT_MEASURE": {"PT": "Percent", "PER_100000_POP": "Per 100,000 population", "T": "Tonnes", "NUMBER": "Number"},
    "CL_UNIT_MULT": {"0": "Units", "3": "Thousands", "6": "Millions"},
    "CL_OBS_STATUS": {"A": "Normal value", "E": "Estimated value"},
}
PARENTS = {"FI1B": "FI", "FI19": "FI"}
DIMENSIONS = [
    ("FREQ", "Frequency", "CL_FREQ"),
    ("REPORTING_TYPE", "Reporting type", "CL_REPORTING_TYPE"),
    ("SERIES", "SDG series", "CL_SERIES"),
    ("REF_AREA", "Reference area", "CL_AREA"),
    ("SEX", "Sex", "CL_SEX"),
    ("AGE", "Age", "CL_AGE"),
]
ATTRIBUTES = [
    ("UNIT_MEASURE", "Unit of measure", "CL_UNIT_MEASURE"),
    ("UNIT_MULT", "Unit multiplier", "CL_UNIT_MULT"),
    ("OBS_STATUS", "Observation status", "CL_OBS_STATUS"),
    ("COMMENT_OBS", "Comment", None),
    ("SOURCE_DETAIL", "Source details", None),
    ("TIME_DETAIL", "Time period details", None),
]


def _ref(cid: str, cls: str = "Codelist", package: str = "codelist") -> str:
    return f"<Ref id='{cid}' version='1.0' agencyID='TEST' package='{package}' class='{cls}'/>"


def _codelists() -> str:
    out = []
    for cl, codes in CODES.items():
        items = []
        for code, name in codes.items():
            notes = ""
            if cl == "CL_SERIES" and SERIES[code][1]:
                notes = "<common:Annotations>" + "".join(
                    "<common:Annotation>"
                    + (f"<common:AnnotationTitle>{t}</common:AnnotationTitle>" if t else "")
                    + (f"<common:AnnotationType>{ty}</common:AnnotationType>" if ty else "")
                    + f"<common:AnnotationText xml:lang='en'>{text}</common:AnnotationText></common:Annotation>"
                    for t, ty, text in SERIES[code][1]
                )
                notes += "</common:Annotations>"
            parent = f"<structure:Parent><Ref id='{PARENTS[code]}'/></structure:Parent>" if code in PARENTS else ""
            items.append(
                f"<structure:Code id='{code}'>{notes}<common:Name xml:lang='en'>{name}</common:Name>{parent}"
                "</structure:Code>"
            )
        out.append(
            f"<structure:Codelist id='{cl}' agencyID='TEST' version='1.0'><common:Name xml:lang='en'>{cl}</common:Name>"
            + "".join(items)
            + "</structure:Codelist>"
        )
    return "<structure:Codelists>" + "".join(out) + "</structure:Codelists>"


def _concepts() -> str:
    items = [
        f"<structure:Concept id='{cid}'><common:Name xml:lang='en'>{name}</common:Name></structure:Concept>"
        for cid, name, _ in [
            *DIMENSIONS,
            *ATTRIBUTES,
            ("TIME_PERIOD", "Time period", None),
            ("OBS_VALUE", "Value", None),
        ]
    ]
    return (
        "<structure:Concepts><structure:ConceptScheme id='CS' agencyID='TEST' version='1.0'>"
        "<common:Name xml:lang='en'>Concepts</common:Name>"
        + "".join(items)
        + "</structure:ConceptScheme></structure:Concepts>"
    )


def _concept(cid: str) -> str:
    return (
        f"<structure:ConceptIdentity><Ref id='{cid}' maintainableParentID='CS' maintainableParentVersion='1.0' "
        "agencyID='TEST' package='conceptscheme' class='Concept'/></structure:ConceptIdentity>"
    )


def _representation(cl: str | None) -> str:
    if cl is None:
        return (
            "<structure:LocalRepresentation><structure:TextFormat textType='String'/></structure:LocalRepresentation>"
        )
    enumeration = f"<structure:Enumeration>{_ref(cl)}</structure:Enumeration>"
    return f"<structure:LocalRepresentation>{enumeration}</structure:LocalRepresentation>"


def dsd_xml() -> str:
    dims = "".join(
        f"<structure:Dimension id='{cid}' position='{i + 1}'>{_concept(cid)}{_representation(cl)}</structure:Dimension>"
        for i, (cid, _, cl) in enumerate(DIMENSIONS)
    )
    dims += (
        f"<structure:TimeDimension id='TIME_PERIOD' position='{len(DIMENSIONS) + 1}'>{_concept('TIME_PERIOD')}"
        "<structure:LocalRepresentation><structure:TextFormat textType='ObservationalTimePeriod'/>"
        "</structure:LocalRepresentation></structure:TimeDimension>"
    )
    attrs = "".join(
        f"<structure:Attribute id='{cid}' assignmentStatus='Conditional'>{_concept(cid)}{_representation(cl)}"
        "<structure:AttributeRelationship><structure:PrimaryMeasure><Ref id='OBS_VALUE'/></structure:PrimaryMeasure>"
        "</structure:AttributeRelationship></structure:Attribute>"
        for cid, _, cl in ATTRIBUTES
    )
    dsd = (
        "<structure:DataStructures><structure:DataStructure id='SDG' agencyID='TEST' version='1.0'>"
        "<common:Name xml:lang='en'>SDG</common:Name><structure:DataStructureComponents>"
        f"<structure:DimensionList id='DimensionDescriptor'>{dims}</structure:DimensionList>"
        f"<structure:AttributeList id='AttributeDescriptor'>{attrs}</structure:AttributeList>"
        "<structure:MeasureList id='MeasureDescriptor'>"
        f"<structure:PrimaryMeasure id='OBS_VALUE'>{_concept('OBS_VALUE')}"
        "</structure:PrimaryMeasure></structure:MeasureList></structure:DataStructureComponents>"
        "</structure:DataStructure></structure:DataStructures>"
    )
    return (
        f"<?xml version='1.0' encoding='UTF-8'?><message:Structure xmlns:message='{MSG}' xmlns:structure='{STR}' "
        f"xmlns:common='{COM}'>{HEADER.format(extra='')}<message:Structures>{_codelists()}{_concepts()}{dsd}"
        "</message:Structures></message:Structure>"
    )


#: Series: (key, series attributes, [(period, value, observation attributes)]).
Series = tuple[dict[str, str], dict[str, str], list[tuple[str, str, dict[str, str]]]]


def key(series: str, area: str = "FI", sex: str = "_T", age: str = "_T", freq: str = "A", rt: str = "N") -> dict:
    return {"FREQ": freq, "REPORTING_TYPE": rt, "SERIES": series, "REF_AREA": area, "SEX": sex, "AGE": age}


def structure_specific(series: list[Series]) -> str:
    body = []
    for k, attrs, obs in series:
        cells = " ".join(f'{a}="{v}"' for a, v in {**k, **attrs}.items())
        body.append(f"<Series {cells}>")
        for period, value, oattrs in obs:
            extra = " ".join(f'{a}="{v}"' for a, v in oattrs.items())
            body.append(f'<Obs TIME_PERIOD="{period}" OBS_VALUE="{value}" {extra}/>')
        body.append("</Series>")
    structure = (
        "<message:Structure structureID='TEST_SDG_1_0' namespace='urn:sdmx:org.sdmx.infomodel.datastructure."
        "DataStructure=TEST:SDG(1.0):ObsLevelDim:TIME_PERIOD' dimensionAtObservation='TIME_PERIOD'>"
        "<common:Structure><Ref agencyID='TEST' id='SDG' version='1.0'/></common:Structure></message:Structure>"
    )
    return (
        f"<?xml version='1.0' encoding='UTF-8'?><message:StructureSpecificData xmlns:message='{MSG}' "
        f"xmlns:common='{COM}' xmlns:ss='{SS}' xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance' "
        "xmlns:ns1='urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure=TEST:SDG(1.0):ObsLevelDim:TIME_PERIOD'>"
        f"{HEADER.format(extra=structure)}<message:DataSet ss:structureRef='TEST_SDG_1_0' xsi:type='ns1:DataSetType'>"
        + "".join(body)
        + "</message:DataSet></message:StructureSpecificData>"
    )


def generic(series: list[Series]) -> str:
    def values(d: dict) -> str:
        return "".join(f"<generic:Value id='{k}' value='{v}'/>" for k, v in d.items())

    body = []
    for k, attrs, obs in series:
        body.append(f"<generic:Series><generic:SeriesKey>{values(k)}</generic:SeriesKey>")
        if attrs:
            body.append(f"<generic:Attributes>{values(attrs)}</generic:Attributes>")
        for period, value, oattrs in obs:
            body.append(
                f"<generic:Obs><generic:ObsDimension value='{period}'/><generic:ObsValue value='{value}'/>"
                + (f"<generic:Attributes>{values(oattrs)}</generic:Attributes>" if oattrs else "")
                + "</generic:Obs>"
            )
        body.append("</generic:Series>")
    structure = (
        "<message:Structure structureID='TEST_SDG_1_0' dimensionAtObservation='TIME_PERIOD'>"
        "<common:Structure><Ref agencyID='TEST' id='SDG' version='1.0'/></common:Structure></message:Structure>"
    )
    return (
        f"<?xml version='1.0' encoding='UTF-8'?><message:GenericData xmlns:message='{MSG}' xmlns:common='{COM}' "
        f"xmlns:generic='{GEN}'>{HEADER.format(extra=structure)}<message:DataSet structureRef='TEST_SDG_1_0'>"
        + "".join(body)
        + "</message:DataSet></message:GenericData>"
    )


def sdmx_csv(series: list[Series], version: int = 1) -> str:
    dims = [d for d, _, _ in DIMENSIONS]
    attrs = ["UNIT_MEASURE", "UNIT_MULT", "OBS_STATUS"]
    first = ["DATAFLOW"] if version == 1 else ["STRUCTURE", "STRUCTURE_ID"]
    lines = [",".join([*first, *dims, "TIME_PERIOD", "OBS_VALUE", *attrs])]
    flow = ["TEST:SDG(1.0)"] if version == 1 else ["datastructure", "TEST:SDG(1.0)"]
    for k, sattrs, obs in series:
        for period, value, oattrs in obs:
            both = {**sattrs, **oattrs}
            lines.append(",".join([*flow, *(k[d] for d in dims), period, value, *(both.get(a, "") for a in attrs)]))
    return "\n".join(lines) + "\n"


def _json_name(dim: str, code: str) -> str:
    """A code's name as SDMX-JSON gives it: a series' name ends with its indicators, as the
    global SDG structure's names do (``… [1.1.1]``)."""
    name = CODES[{d: c for d, _, c in DIMENSIONS}[dim]][code]
    notes = SERIES.get(code, ("", []))[1] if dim == "SERIES" else []
    return f"{name} [{', '.join(t for *_, t in notes)}]" if notes else name


def sdmx_json(series: list[Series]) -> str:
    """SDMX-JSON 1.0 data whose own structure names every code (no DSD needed)."""
    dims = [d for d, _, _ in DIMENSIONS]
    values = {d: [] for d in dims}
    periods: list[str] = []
    units: list[str] = []
    for k, attrs, obs in series:
        for d in dims:
            values[d] += [k[d]] if k[d] not in values[d] else []
        units += [attrs["UNIT_MEASURE"]] if attrs.get("UNIT_MEASURE") not in units else []
        periods += [p for p, _, _ in obs if p not in periods]
    out_series = {}
    for k, attrs, obs in series:
        index = ":".join(str(values[d].index(k[d])) for d in dims)
        out_series[index] = {
            "attributes": [units.index(attrs["UNIT_MEASURE"])],
            "observations": {str(periods.index(p)): [float(v)] for p, v, _ in obs},
        }
    names = {d: n for d, n, _ in DIMENSIONS}
    return json.dumps(
        {
            "header": {"id": "T1", "prepared": "2026-01-01T00:00:00Z", "sender": {"id": "TEST"}},
            "dataSets": [{"action": "Information", "series": out_series}],
            "structure": {
                "name": "SDG",
                "dimensions": {
                    "series": [
                        {"id": d, "name": names[d], "values": [{"id": v, "name": _json_name(d, v)} for v in values[d]]}
                        for d in dims
                    ],
                    "observation": [
                        {"id": "TIME_PERIOD", "name": "Time", "values": [{"id": p, "name": p} for p in periods]}
                    ],
                },
                "attributes": {
                    "series": [
                        {
                            "id": "UNIT_MEASURE",
                            "name": "Unit of measure",
                            "values": [{"id": u, "name": CODES["CL_UNIT_MEASURE"][u]} for u in units],
                        }
                    ],
                    "observation": [],
                },
            },
        }
    )


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
