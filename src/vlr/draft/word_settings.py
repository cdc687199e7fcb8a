"""The document's settings (``word/settings.xml``) as Word wants them: its children in the
schema's order, whatever vlr adds to a draft it builds or refreshes; and the styles its
comments name, which a template may lack."""

from __future__ import annotations

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

#: The children of ``w:settings`` in the order of ECMA-376's ``CT_Settings`` (a sequence, and
#: Word is strict about it: an element out of place makes the file "corrupt" to Word for the
#: web); ``mathPr`` and ``schemaLibrary`` are the two from other namespaces.
SETTINGS_ORDER = (
    "writeProtection",
    "view",
    "zoom",
    "removePersonalInformation",
    "removeDateAndTime",
    "doNotDisplayPageBoundaries",
    "displayBackgroundShape",
    "printPostScriptOverText",
    "printFractionalCharacterWidth",
    "printFormsData",
    "embedTrueTypeFonts",
    "embedSystemFonts",
    "saveSubsetFonts",
    "saveFormsData",
    "mirrorMargins",
    "alignBordersAndEdges",
    "bordersDoNotSurroundHeader",
    "bordersDoNotSurroundFooter",
    "gutterAtTop",
    "hideSpellingErrors",
    "hideGrammaticalErrors",
    "activeWritingStyle",
    "proofState",
    "formsDesign",
    "attachedTemplate",
    "linkStyles",
    "stylePaneFormatFilter",
    "stylePaneSortMethod",
    "documentType",
    "mailMerge",
    "revisionView",
    "trackRevisions",
    "doNotTrackMoves",
    "doNotTrackFormatting",
    "documentProtection",
    "autoFormatOverride",
    "styleLockTheme",
    "styleLockQFSet",
    "defaultTabStop",
    "autoHyphenation",
    "consecutiveHyphenLimit",
    "hyphenationZone",
    "doNotHyphenateCaps",
    "showEnvelope",
    "summaryLength",
    "clickAndTypeStyle",
    "defaultTableStyle",
    "evenAndOddHeaders",
    "bookFoldRevPrinting",
    "bookFoldPrinting",
    "bookFoldPrintingSheets",
    "drawingGridHorizontalSpacing",
    "drawingGridVerticalSpacing",
    "displayHorizontalDrawingGridEvery",
    "displayVerticalDrawingGridEvery",
    "doNotUseMarginsForDrawingGridOrigin",
    "drawingGridHorizontalOrigin",
    "drawingGridVerticalOrigin",
    "doNotShadeFormData",
    "noPunctuationKerning",
    "characterSpacingControl",
    "printTwoOnOne",
    "strictFirstAndLastChars",
    "noLineBreaksAfter",
    "noLineBreaksBefore",
    "savePreviewPicture",
    "doNotValidateAgainstSchema",
    "saveInvalidXml",
    "ignoreMixedContent",
    "alwaysShowPlaceholderText",
    "doNotDemarcateInvalidXml",
    "saveXmlDataOnly",
    "useXSLTWhenSaving",
    "saveThroughXslt",
    "showXMLTags",
    "alwaysMergeEmptyNamespace",
    "updateFields",
    "hdrShapeDefaults",
    "footnotePr",
    "endnotePr",
    "compat",
    "docVars",
    "rsids",
    "mathPr",
    "attachedSchema",
    "themeFontLang",
    "clrSchemeMapping",
    "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures",
    "forceUpgrade",
    "captions",
    "readModeInkLockDown",
    "smartTagType",
    "schemaLibrary",
    "shapeDefaults",
    "doNotEmbedSmartTags",
    "decimalSymbol",
    "listSeparator",
)


def set_in_order(settings, child) -> None:
    """Put ``child`` into ``w:settings`` at its place in :data:`SETTINGS_ORDER` (replacing one
    of its name); an element vlr does not know the place of (w14…) stays where it is."""
    name = child.tag.rsplit("}", 1)[-1]
    rank = {n: i for i, n in enumerate(SETTINGS_ORDER)}
    for old in settings.findall(child.tag):
        settings.remove(old)
    later = next(
        (el for el in settings if el.tag.rsplit("}", 1)[-1] in rank and rank[el.tag.rsplit("}", 1)[-1]] > rank[name]),
        None,
    )
    if later is None:
        settings.append(child)
    else:
        later.addprevious(child)


def update_fields_on_open(settings) -> None:
    """Ask Word to update fields (the table of contents) when the file is opened (in the
    ``w:settings`` element ``settings``), and give a ``w:zoom`` the percent the schema requires."""
    if settings.find(qn("w:updateFields")) is None:
        set_in_order(settings, parse_xml(f'<w:updateFields {nsdecls("w")} w:val="true"/>'))
    zoom = settings.find(qn("w:zoom"))
    if zoom is not None and zoom.get(qn("w:percent")) is None:
        zoom.set(qn("w:percent"), "100")


#: The built-in styles of comments (their names are Word's own, in any language), which the
#: margin notes name: a styles part without them leaves references to nothing.
COMMENT_STYLES = {
    "CommentReference": (
        '<w:style {ns} w:type="character" w:styleId="CommentReference"><w:name w:val="annotation reference"/>'
        '<w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>'
        '<w:rPr><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr></w:style>'
    ),
    "CommentText": (
        '<w:style {ns} w:type="paragraph" w:styleId="CommentText"><w:name w:val="annotation text"/>'
        '<w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
        '<w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>'
    ),
}


def comment_styles(styles) -> None:
    """Add the comments' styles to the ``w:styles`` element ``styles`` where it lacks them."""
    have = {s.get(qn("w:styleId")) for s in styles.iter(qn("w:style"))}
    for style_id, xml in COMMENT_STYLES.items():
        if style_id not in have:
            styles.append(parse_xml(xml.format(ns=nsdecls("w"))))
