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

from ..models import Code, CodeSystem, IndexTerm, canonical_code
from ..search.synonyms import NOISE_WORDS
from ..selectors import catalogue_changed
from .base import BATCH_SIZE, ImportSummary, catalogue_rewritten
from .icd10cm_index_tree import (
    NEOPLASM_COLUMNS,
    WORD,
    IndexNode,
    References,
    normalised,
    read_main_index,
    read_xml_index,
)

BUNDLED = Path(__file__).resolve().parent.parent.parent / "fixtures" / "codesets" / "icd10cm"
BUNDLED_FILES = {
    IndexTerm.Source.MAIN: BUNDLED / "ICD10CM_2025_Index_flat.csv.xz",
    IndexTerm.Source.NEOPLASM: BUNDLED / "icd-10-cm-neoplasm-2025.xml.xz",
    IndexTerm.Source.EXTERNAL: BUNDLED / "icd-10-cm-eindex-2025.xml.xz",
}
PATH_SEPARATOR = " \u203a "  # a single right-pointing angle quote


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


def index_edition(path: Path) -> str:
    """The fiscal year the index file names ("ICD10CM_2025_Index_flat.csv": FY2025)."""
    year = re.search(r"(?<!\d)(20\d\d)(?!\d)", path.name)
    return f"FY{year.group(1)}" if year else ""


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
    edition = index_edition(paths[IndexTerm.Source.MAIN])
    summary = ImportSummary("ICD-10-CM index", f"{edition or 'undated'} index on the tabular list")
    fields = ["code_id", "source", "path", "reference", "index_code", "terms", "modifiers",
              "position"]  # fmt: skip
    with transaction.atomic():
        current = IndexTerm.objects.filter(code__system__slug="icd-10-cm")
        existing = list(current.order_by("position").values_list(*fields))
        desired = [tuple(getattr(term, name) for name in fields) for term in wanted]
        rewritten = existing != desired
        if rewritten:
            summary.deleted = current.delete()[0] if existing else 0
            progress = Progress("Writing the index", len(wanted), progress_stream)
            for start in range(0, len(wanted), BATCH_SIZE):
                IndexTerm.objects.bulk_create(wanted[start : start + BATCH_SIZE])
                progress.advance(len(wanted[start : start + BATCH_SIZE]))
            summary.added = len(wanted)
            transaction.on_commit(catalogue_rewritten)
        files = ", ".join(path.name for path in paths.values())[:255]
        cited = CodeSystem.objects.filter(slug="icd-10-cm").exclude(
            index_edition=edition, index_files=files
        )
        # Pages cite the index's edition; a rewrite of the terms renews them already.
        if cited.update(index_edition=edition, index_files=files) and not rewritten:
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
