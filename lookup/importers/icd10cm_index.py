"""Import the ICD-10-CM Alphabetic Index: every term path that leads to a code, for search.

Three CDC files (public domain): the Index to Diseases and Injuries (the flattened CSV, one
row per term with its level), the Neoplasm Table and the External Cause Index (raw XML).
Each term with a code becomes an IndexTerm row; a "see" reference gives the term its
target's codes, a "see also" adds them after the term's own. Index codes are checked
against the tabular list already imported: a code the tabular list has since split into
subcodes (now a header), or retired (the nearest existing parent is used), is counted in
the summary, and search offers the header's subcodes. A second run of the same files
writes nothing.
"""

import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from django.db import transaction

from importing.errors import ImportFileError
from importing.progress import Progress
from importing.reading import read_records
from importing.xml_tree import Element, read_xml

from ..models import Code, IndexTerm, canonical_code
from ..search.synonyms import NOISE_WORDS
from ..selectors import catalogue_changed
from .base import BATCH_SIZE, ImportSummary

BUNDLED = Path(__file__).resolve().parent.parent.parent / "fixtures" / "codesets" / "icd10cm"
BUNDLED_FILES = {
    IndexTerm.Source.MAIN: BUNDLED / "ICD10CM_2025_Index_flat.csv.xz",
    IndexTerm.Source.NEOPLASM: BUNDLED / "icd-10-cm-neoplasm-2025.xml.xz",
    IndexTerm.Source.EXTERNAL: BUNDLED / "icd-10-cm-eindex-2025.xml.xz",
}
MAIN_COLUMNS = ["RowID", "Letter", "Level", "Term", "See", "SeeAlso", "NonEssModif", "Code"]
# The Neoplasm Table's columns (its <indexHeading>), as a path component and its spellings.
NEOPLASM_COLUMNS = {
    "2": ("malignant, primary", ["malignant primary", "primary", "malignant"]),
    "3": ("malignant, secondary", ["malignant secondary", "secondary", "metastatic"]),
    "4": ("carcinoma in situ", ["carcinoma in situ", "in situ"]),
    "5": ("benign", ["benign"]),
    "6": ("uncertain behavior", ["uncertain behavior", "uncertain"]),
    "7": ("unspecified behavior", ["unspecified behavior", "unspecified"]),
}
INDEX_CODE = re.compile(r"[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{0,4})?-?")
PATH_SEPARATOR = " \u203a "  # a single right-pointing angle quote
WORD = re.compile(r"[^\W_]+")


@dataclass
class IndexNode:
    """A main term or subterm as the index prints it, with the codes it leads to."""

    title: str
    line: int
    modifiers: str = ""
    see: str = ""
    see_also: str = ""
    # (column label or "", code as written): one code, or one per Neoplasm Table column.
    codes: list[tuple[str, str]] = field(default_factory=list)
    children: list["IndexNode"] = field(default_factory=list)


@dataclass
class IndexRow:
    source: str
    components: list[tuple[str, list[str]]]  # (as shown, spellings) per path step
    modifiers: str
    index_code: str
    reference: str
    line: int


def words_of(text: str) -> list[str]:
    return [word for word in WORD.findall(text.lower()) if word not in NOISE_WORDS]


def normalised(text: str) -> str:
    """A title or reference part as compared: lower case, no parentheses, single spaces."""
    return " ".join(WORD.findall(re.sub(r"\([^)]*\)", " ", text).lower()))


def main_term_spellings(title: str) -> list[tuple[str, list[str]]]:
    """A main term's path components: "Calculus, calculi, calculous" is one with three
    spellings (they share their first three letters); "Fracture, traumatic" is two."""
    parts = [part.strip() for part in title.split(",") if part.strip()]
    if not parts:
        return []
    stem = normalised(parts[0])[:3]
    variants = [part for part in parts if normalised(part)[:3] == stem]
    components = [(parts[0], variants)]
    components += [(part, [part]) for part in parts[1:] if part not in variants]
    return components


# --- reading the three files -------------------------------------------------------------


def read_main_index(path: Path) -> list[IndexNode]:
    """The flattened Index to Diseases and Injuries: main terms with their subterm trees."""
    roots: list[IndexNode] = []
    stack: list[IndexNode] = []
    records = read_records(path)
    first = next(records, None)
    if first is None or first[1] != MAIN_COLUMNS:
        raise ImportFileError(path, 1, "header", f"expected {', '.join(MAIN_COLUMNS)}")
    for line, values in records:
        if not values:
            continue
        if len(values) != len(MAIN_COLUMNS):
            raise ImportFileError(path, line, "columns", f"{len(values)} columns, expected 8")
        row = dict(zip(MAIN_COLUMNS, values, strict=True))
        if not row["Level"].isdigit():
            raise ImportFileError(path, line, "Level", f"{row['Level']!r} is not a number")
        level = int(row["Level"])
        if level > len(stack):
            raise ImportFileError(path, line, "Level", f"{level} skips a level")
        code = row["Code"].strip()
        if code and not INDEX_CODE.fullmatch(code):
            raise ImportFileError(path, line, "Code", f"{code!r} is not an ICD-10-CM code")
        # A few terms are only a modifier ("(somatoform)"): it is their title.
        title, modifiers = row["Term"].strip(), row["NonEssModif"].strip()
        if not title:
            title, modifiers = modifiers, ""
        if not title:
            raise ImportFileError(path, line, "Term", "is empty")
        node = IndexNode(
            title=title,
            line=line,
            modifiers=modifiers,
            see=row["See"].strip(),
            see_also=row["SeeAlso"].strip(),
            codes=[("", code)] if code else [],
        )
        del stack[level:]
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    return roots


def read_xml_index(path: Path, cell_columns: dict | None) -> list[IndexNode]:
    """The Neoplasm Table or the External Cause Index (CDC ICD10CM.index XML)."""
    root = read_xml(path, "ICD10CM.index")

    def node_of(element: Element) -> IndexNode:
        title = next((child for child in element.children if child.tag == "title"), None)
        if title is None:
            raise ImportFileError(path, element.line, "title", f"<{element.tag}> has no title")
        node = IndexNode(
            title=" ".join(title.text.split()),
            line=element.line,
            modifiers=title.child_text("nemod") or "",
            see=element.child_text("see") or "",
            see_also=element.child_text("seeAlso") or "",
        )
        code = element.child_text("code")
        if code:
            node.codes.append(("", code))
        for cell in element.all("cell"):
            column = cell.attributes.get("col", "")
            value = " ".join(cell.text.split())
            if cell_columns is not None and column in cell_columns and value not in ("", "-"):
                node.codes.append((column, value))
        for value in [code or "", *(value for _, value in node.codes)]:
            if value and not INDEX_CODE.fullmatch(value):
                raise ImportFileError(path, element.line, "code", f"{value!r} is not a code")
        node.children = [node_of(child) for child in element.all("term")]
        return node

    return [node_of(main) for letter in root.all("letter") for main in letter.all("mainTerm")]


# --- following see references ------------------------------------------------------------


class References:
    """Finds the codes a "see" reference names: "Calculus, bile duct, with cholecystitis",
    "Neoplasm, connective tissue, benign" (a Neoplasm Table column)."""

    def __init__(self, roots: list[IndexNode]):
        self.main_terms: dict[str, list[IndexNode]] = {}
        for root in roots:  # by the whole title and by each of its spellings
            for key in {reference_key(root.title), *map(reference_key, root.title.split(","))}:
                self.main_terms.setdefault(key, []).append(root)
        self.unresolved = 0

    def find(self, reference: str) -> list[tuple[str, str]] | None:
        """The codes (column, code) of the term `reference` names, or None."""
        parts = [reference_key(part) for part in reference.split(",")]
        # "by site", "by type": instructions to the reader, not terms.
        parts = [part for part in parts if part and not part.startswith("by ")]
        column = COLUMN_OF_LABEL.get(parts[-1]) if len(parts) > 1 else None
        if column:
            parts = parts[:-1]
        if len(parts) == 1 and " " in parts[0]:  # "Double uterus": Double > uterus
            first, rest = parts[0].split(" ", 1)
            attempts = [parts, [first, rest]]
        else:
            attempts = [parts]
        for attempt in attempts:
            node = self.locate(attempt)
            if node is not None:
                return [(each, code) for each, code in node.codes if not column or each == column]
        self.unresolved += 1
        return None

    def locate(self, parts: list[str]) -> IndexNode | None:
        for length in range(len(parts), 0, -1):
            for root in self.main_terms.get(" ".join(parts[:length]), []):
                found = self.descend(root, parts[length:])
                if found is not None:
                    return found
        return None

    def descend(self, node: IndexNode, parts: list[str]) -> IndexNode | None:
        if not parts:
            return node
        wanted = parts[0]
        for child in node.children:
            title = reference_key(child.title)
            if title == wanted or wanted in {
                reference_key(part) for part in child.title.split(",")
            }:
                found = self.descend(child, parts[1:])
                if found is not None:
                    return found
            elif wanted.startswith(title + " "):  # "with cholecystitis" under "with"
                found = self.descend(child, [wanted[len(title) + 1 :], *parts[1:]])
                if found is not None:
                    return found
        return None


def reference_key(text: str) -> str:
    """A title or reference part as compared: words without parentheses or plural s."""
    return " ".join(
        word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word
        for word in normalised(text).split()
    )


COLUMN_OF_LABEL = {
    reference_key(spelling): column
    for column, (_, spellings) in NEOPLASM_COLUMNS.items()
    for spelling in spellings
}


# --- rows ----------------------------------------------------------------------------------


def rows_of(source: str, roots: list[IndexNode], references: References) -> list[IndexRow]:
    """One row per code a term leads to, its own first, then those of its references."""
    rows: list[IndexRow] = []

    def walk(node: IndexNode, components: list, modifiers: list[str]) -> None:
        here = main_term_spellings(node.title) if not components else [(node.title, [node.title])]
        components = components + here
        modifiers = [*modifiers, node.modifiers] if node.modifiers else modifiers
        leads = [(node.codes, "")]
        for kind, reference in (("see", node.see), ("see also", node.see_also)):
            codes = references.find(reference) if reference else None
            if codes:
                leads.append((codes, f"{kind} {reference}"))
        for codes, reference in leads:
            for column, code in codes:
                path = components
                if column:
                    label, spellings = NEOPLASM_COLUMNS[column]
                    path = [*components, (label, spellings)]
                rows.append(IndexRow(source, path, " ".join(modifiers), code, reference, node.line))
        for child in node.children:
            walk(child, components, modifiers)

    for root in roots:
        walk(root, [], [])
    return rows


def row_terms(components: list[tuple[str, list[str]]]) -> str:
    """The stored search text: "calculus / calculi / calculous | kidney"."""
    return " | ".join(
        " / ".join(" ".join(words_of(spelling)) for spelling in spellings)
        for _, spellings in components
    )


def shown_path(source: str, components: list[tuple[str, list[str]]]) -> str:
    """The path as a coder reads it, main term by its first spelling: "Calculus > kidney"."""
    return PATH_SEPARATOR.join(shown for shown, _ in components)


@dataclass
class CodeCheck:
    """Index codes matched to the tabular list's codes, with what had to change."""

    codes: dict[str, tuple[int, bool]]  # code -> (id, billable)
    split: set[str] = field(default_factory=set)
    retired: set[str] = field(default_factory=set)
    unknown: set[str] = field(default_factory=set)

    def resolve(self, index_code: str) -> int | None:
        wanted = canonical_code("icd-10-cm", index_code.rstrip("-").rstrip("."))
        found = self.codes.get(wanted)
        if found is not None:
            if not found[1] and not index_code.endswith("-") and not self.takes_seventh(wanted):
                self.split.add(index_code)  # complete in the index, a header in the tabular
            return found[0]
        undotted = wanted.replace(".", "")
        for length in range(len(undotted) - 1, 2, -1):
            found = self.codes.get(canonical_code("icd-10-cm", undotted[:length]))
            if found is not None:
                self.retired.add(index_code)
                return found[0]
        self.unknown.add(index_code)
        return None

    def takes_seventh(self, code: str) -> bool:
        """True for a code the tabular list completes with a 7th character (W10.9 → W10.9XXA):
        the index leaves that character to the coder."""
        undotted = code.replace(".", "")
        return canonical_code("icd-10-cm", undotted.ljust(6, "X") + "A") in self.codes


def import_icd10cm_index(
    main_path: Path | str | None = None,
    neoplasm_path: Path | str | None = None,
    external_path: Path | str | None = None,
    progress_stream: TextIO | None = None,
) -> ImportSummary:
    """Import the three index files (the bundled FY2025 copies by default), idempotently."""
    started = time.monotonic()
    paths = {
        IndexTerm.Source.MAIN: Path(main_path or BUNDLED_FILES[IndexTerm.Source.MAIN]),
        IndexTerm.Source.NEOPLASM: Path(neoplasm_path or BUNDLED_FILES[IndexTerm.Source.NEOPLASM]),
        IndexTerm.Source.EXTERNAL: Path(external_path or BUNDLED_FILES[IndexTerm.Source.EXTERNAL]),
    }
    trees = {
        IndexTerm.Source.MAIN: read_main_index(paths[IndexTerm.Source.MAIN]),
        IndexTerm.Source.NEOPLASM: read_xml_index(
            paths[IndexTerm.Source.NEOPLASM], NEOPLASM_COLUMNS
        ),
        IndexTerm.Source.EXTERNAL: read_xml_index(paths[IndexTerm.Source.EXTERNAL], None),
    }
    # References cross files ("see Neoplasm, liver, secondary" from the main index).
    references = References([root for roots in trees.values() for root in roots])
    rows = [row for source, roots in trees.items() for row in rows_of(source, roots, references)]

    catalogue = Code.objects.filter(system__slug="icd-10-cm", level=Code.Level.CODE)
    check = CodeCheck({code: (pk, billable) for pk, code, billable in catalogue.values_list(
        "pk", "code", "billable")})  # fmt: skip
    if not check.codes:
        raise ImportFileError(
            paths[IndexTerm.Source.MAIN], None, "Code",
            "no ICD-10-CM codes in the catalogue: import the tabular list first "
            "(manage.py import_icd10cm)",
        )  # fmt: skip
    wanted = []
    for position, row in enumerate(rows):
        code_id = check.resolve(row.index_code)
        if code_id is not None:
            wanted.append(
                IndexTerm(
                    code_id=code_id,
                    source=row.source,
                    path=shown_path(row.source, row.components)[:400],
                    reference=row.reference[:300],
                    index_code=row.index_code,
                    terms=row_terms(row.components),
                    modifiers=" ".join(words_of(row.modifiers)),
                    position=position,
                )
            )
    summary = ImportSummary("ICD-10-CM index", "FY2025 index on the tabular list")
    fields = ["code_id", "source", "path", "reference", "index_code", "terms", "modifiers",
              "position"]  # fmt: skip
    with transaction.atomic():
        current = IndexTerm.objects.filter(code__system__slug="icd-10-cm")
        existing = list(current.order_by("position").values_list(*fields))
        desired = [tuple(getattr(term, name) for name in fields) for term in wanted]
        if existing != desired:
            summary.deleted = current.delete()[0] if existing else 0
            progress = Progress("Writing the index", len(wanted), progress_stream)
            for start in range(0, len(wanted), BATCH_SIZE):
                IndexTerm.objects.bulk_create(wanted[start : start + BATCH_SIZE])
                progress.advance(len(wanted[start : start + BATCH_SIZE]))
            summary.added = len(wanted)
            transaction.on_commit(catalogue_changed)
    summary.skipped = len(rows) - len(wanted)
    summary.skipped_reason = "code not in the tabular list"
    summary.notes = [
        f"{len(wanted):,} index terms",
        f"{len(check.split):,} complete index codes now headers in the tabular list, split "
        "into subcodes (search offers the subcodes)",
        f"{len(check.retired):,} retired codes sent to their nearest parent",
        f"{references.unresolved:,} references to other tables or by-site instructions "
        "left unfollowed",
    ]
    summary.seconds = time.monotonic() - started
    return summary
