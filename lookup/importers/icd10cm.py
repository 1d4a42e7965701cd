"""Import the ICD-10-CM tabular list from the CDC's XML (ICD10CM.tabular).

Chapters > blocks (the XML's sections) > categories > subcategories > codes, with the
7th-character codes the XML defines by rule (sevenChrDef) spelled out as codes of their own.
A code is billable when nothing hangs under it. The instructional notes (inclusion terms,
Excludes1, Excludes2, code first, use additional code, code also, 7th characters) become
ungated sections of the code page: CDC text, in the public domain.
"""

import time
from datetime import date
from pathlib import Path
from typing import TextIO

from importing.errors import ImportFileError
from importing.reading import read_lines
from importing.xml_tree import Element, read_xml

from ..models import Section, canonical_code
from .base import ImportedCode, ImportSummary, apply_import, shorten

SYSTEM_DEFAULTS = {
    "name": "ICD-10-CM",
    "copyright_line": "ICD-10-CM: CDC National Center for Health Statistics, public domain.",
    "licence_note": "ICD-10-CM is published by the CDC's National Center for Health "
    "Statistics and is in the public domain.",
    "position": 3,
}

# XML element -> section of the code page, in the order they are shown.
NOTE_SECTIONS = {
    "inclusionTerm": Section.Kind.INCLUSION_TERMS,
    "includes": Section.Kind.INCLUDES,
    "notes": Section.Kind.NOTES,
    "excludes1": Section.Kind.EXCLUDES1,
    "excludes2": Section.Kind.EXCLUDES2,
    "codeFirst": Section.Kind.CODE_FIRST,
    "useAdditionalCode": Section.Kind.USE_ADDITIONAL_CODE,
    "codeAlso": Section.Kind.CODE_ALSO,
}
MARKDOWN_SPECIAL = str.maketrans({char: f"\\{char}" for char in "\\`*_[]<>#|"})


def notes_markdown(element: Element) -> str:
    return "\n".join(
        f"- {' '.join(note.text.split()).translate(MARKDOWN_SPECIAL)}"
        for note in element.all("note")
    )


def seventh_character_markdown(definition: Element, note: Element | None) -> str:
    lines = [f"{' '.join(each.text.split())}\n" for each in (note.all("note") if note else [])]
    for extension in definition.all("extension"):
        text = " ".join(extension.text.split()).translate(MARKDOWN_SPECIAL)
        lines.append(f"- **{extension.attributes.get('char', '?')}**: {text}")
    return "\n".join(lines)


class TabularReader:
    """Walks the tabular tree into ImportedCode rows, parents before children."""

    def __init__(self, path: Path, valid_codes: set[str] | None):
        self.path = path
        self.valid_codes = valid_codes
        self.codes: list[ImportedCode] = []

    def required(self, element: Element, tag: str) -> str:
        value = element.child_text(tag)
        if not value:
            raise ImportFileError(self.path, element.line, tag, f"<{element.tag}> has no <{tag}>")
        return value

    def sections_of(self, element: Element) -> tuple[dict[str, str], str]:
        sections, inclusion_terms = {}, []
        for tag, kind in NOTE_SECTIONS.items():
            notes = [child for child in element.all(tag) if child.all("note")]
            if notes:
                sections[kind] = "\n".join(notes_markdown(each) for each in notes)
        for each in element.all("inclusionTerm"):
            inclusion_terms += [" ".join(note.text.split()) for note in each.all("note")]
        definition = next(iter(element.all("sevenChrDef")), None)
        if definition is not None:
            note = next(iter(element.all("sevenChrNote")), None)
            sections[Section.Kind.SEVENTH_CHARACTER] = seventh_character_markdown(definition, note)
        return sections, "\n".join(inclusion_terms)

    def add(
        self,
        element: Element,
        code: str,
        description: str,
        parent: str | None,
        inherited_terms: str = "",
        **fields,
    ) -> str:
        """Add one code; returns its search terms: its inclusion terms and its parents'."""
        sections, inclusion_terms = self.sections_of(element)
        search_terms = "\n".join(filter(None, [inherited_terms, inclusion_terms]))
        self.codes.append(
            ImportedCode(
                code=code,
                short_descriptor=shorten(description),
                long_descriptor=description,
                line=element.line,
                parent=parent,
                search_terms=search_terms,
                sections=sections,
                **fields,
            )
        )
        return search_terms

    def read(self, root: Element) -> list[ImportedCode]:
        for chapter in root.all("chapter"):
            number = self.required(chapter, "name")
            self.add(chapter, number, self.required(chapter, "desc"), None, level="chapter",
                     billable=False)  # fmt: skip
            for block in chapter.all("section"):
                block_code = block.attributes.get("id")
                if not block_code:
                    raise ImportFileError(self.path, block.line, "id", "<section> has no id")
                if "-" not in block_code:  # a block of one category: B10 is also its code
                    block_code = f"{block_code}-{block_code}"
                self.add(block, block_code, self.required(block, "desc"), number,
                         level="block", billable=False)  # fmt: skip
                for diagnosis in block.all("diag"):
                    self.read_diagnosis(diagnosis, block_code, None, "")
        return self.codes

    def read_diagnosis(
        self, element: Element, parent: str, seventh: list | None, inherited_terms: str
    ) -> None:
        """Add a category or subcategory and what hangs under it.

        A (sub)category's inclusion terms hold for every code under it, so those codes are
        found by them too ("hip fracture closed" finds S72.001A through S72.00's terms).
        """
        code = canonical_code("icd-10-cm", self.required(element, "name"))
        description = self.required(element, "desc")
        definition = next(iter(element.all("sevenChrDef")), None)
        if definition is not None:
            seventh = [
                (each.attributes.get("char", ""), " ".join(each.text.split()))
                for each in definition.all("extension")
            ]
        children = element.all("diag")
        leaf_with_seventh = not children and bool(seventh)
        search_terms = self.add(
            element, code, description, parent, inherited_terms,
            billable=not children and not seventh,
        )  # fmt: skip
        for child in children:
            self.read_diagnosis(child, code, seventh, search_terms)
        if leaf_with_seventh:
            base = code.replace(".", "").ljust(6, "X")
            for character, meaning in seventh:
                if self.valid_codes is not None and base + character not in self.valid_codes:
                    continue  # a rule outside the XML rules this combination out
                self.codes.append(
                    ImportedCode(
                        code=canonical_code("icd-10-cm", base + character),
                        short_descriptor=shorten(f"{description}, {meaning}"),
                        long_descriptor=f"{description}, {meaning}",
                        line=element.line,
                        parent=code,
                        search_terms=search_terms,
                    )
                )


def read_valid_codes(path: Path) -> set[str]:
    """Codes of a CDC code list (one per line, first word, dots optional), undotted."""
    return {line.split()[0].replace(".", "") for _, line in read_lines(path) if line.strip()}


def import_icd10cm_file(
    path: Path | str,
    valid_codes_path: Path | str | None = None,
    progress_stream: TextIO | None = None,
) -> ImportSummary:
    """Import a CDC ICD-10-CM tabular XML file (fiscal year edition from its <version>).

    The XML spells 7th-character codes as rules with a few exceptions it does not state;
    a list of the valid codes (valid_codes_path), when given, leaves those out.
    """
    path = Path(path)
    valid_codes = read_valid_codes(Path(valid_codes_path)) if valid_codes_path else None
    started = time.monotonic()
    root = read_xml(path, "ICD10CM.tabular")
    version = root.child_text("version") or ""
    if not version.isdigit():
        raise ImportFileError(path, root.line, "version", f"{version!r} is not a year")
    codes = TabularReader(path, valid_codes).read(root)
    # Fiscal year N starts on October 1 of year N - 1; codes it drops end the day before.
    summary = apply_import(
        path=path,
        system_slug="icd-10-cm",
        system_defaults=SYSTEM_DEFAULTS,
        edition=f"FY{version}",
        codes=codes,
        removal_date=date(int(version) - 1, 9, 30),
        progress_stream=progress_stream,
        keep_later_deletions=True,
    )
    summary.seconds = time.monotonic() - started
    return summary
