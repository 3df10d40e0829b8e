"""The press release as a Word document (python-docx), right-to-left for Word and LibreOffice alike.

A Persian paragraph needs `<w:bidi/>` in its paragraph properties (direction and right alignment) and
each run `<w:rtl/>` plus a complex-script font and size (`w:cs`, `w:szCs`): Word shapes Persian letters
with the complex-script properties and ignores the Latin ones. python-docx exposes `rtl` on runs but not
the paragraph's bidi or the cs font, so those elements are set directly on the XML.
"""

from __future__ import annotations

import io

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph

from sanjeh.reports.letterhead import Letterhead

FONT = "Vazirmatn"  # falls back to the reader's Persian font (B Nazanin, Tahoma) when not installed
SIZE = 12


# Elements that follow in the schema's sequence (ECMA-376 CT_PPr / CT_RPr / CT_SectPr): Word rejects a
# document whose properties are out of order, so each element goes before the first successor present.
_AFTER_BIDI = ("w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:jc")
_AFTER_BCS = ("w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike", "w:color", "w:sz", "w:szCs", "w:rtl")
_AFTER_SZCS = ("w:highlight", "w:u", "w:effect", "w:shd", "w:vertAlign", "w:rtl", "w:cs", "w:lang")
_AFTER_SECT_BIDI = ("w:rtlGutter", "w:docGrid", "w:printerSettings")


def _element(tag: str, value: str | None = None) -> OxmlElement:
    element = OxmlElement(tag)
    if value is not None:
        element.set(qn("w:val"), value)
    return element


def _rtl_paragraph(paragraph: Paragraph, text: str, *, bold: bool = False, size: float = SIZE) -> None:
    # No w:jc: a bidi paragraph starts at the right by itself, while jc="right" reads as the far side
    # (left) in Word's bidi paragraphs and as right in LibreOffice.
    paragraph._p.get_or_add_pPr().insert_element_before(_element("w:bidi"), *_AFTER_BIDI)
    run = paragraph.add_run(text)
    run.bold = bold
    run.font.size = Pt(size)
    run.font.rtl = True
    run.font.name = FONT
    properties = run._r.get_or_add_rPr()
    fonts = properties.get_or_add_rFonts()
    fonts.set(qn("w:cs"), FONT)
    fonts.set(qn("w:eastAsia"), FONT)
    properties.insert_element_before(_element("w:szCs", str(int(size * 2))), *_AFTER_SZCS)
    if bold:
        properties.insert_element_before(_element("w:bCs"), *_AFTER_BCS)


def press_release_docx(title: str, body: str, letterhead: Letterhead) -> bytes:
    """The release on the letterhead: organisation, «شماره» and «تاریخ», title, paragraphs, signature."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)  # A4, the Iranian office paper size
    section._sectPr.insert_element_before(_element("w:bidi"), *_AFTER_SECT_BIDI)  # right-to-left page
    for text, bold in ((letterhead.org, True), (letterhead.unit, False)):
        _rtl_paragraph(document.add_paragraph(), text, bold=bold)
    _rtl_paragraph(
        document.add_paragraph(), f"شماره: {letterhead.number}    تاریخ: {letterhead.date}", size=10
    )
    _rtl_paragraph(document.add_paragraph(), title, bold=True, size=15)
    for line in body.splitlines():
        if line.strip():
            _rtl_paragraph(document.add_paragraph(), line.strip())
    for text, bold in ((letterhead.signatory_name, True), (letterhead.signatory_title, False)):
        if text:
            _rtl_paragraph(document.add_paragraph(), text, bold=bold)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
