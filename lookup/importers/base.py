"""What every code set importer shares: one transaction, idempotent writes and a summary.

An importer reads its whole file with the readers of the `importing` package into
ImportedCode rows first (a bad record raises ImportFileError naming file, line and field),
then apply_import() writes them: new codes are added, changed ones updated, codes missing
from the file marked deleted with an end date.
Rows are never deleted; editors' text (descriptions, their sections) is never touched.
An ICD-10-CM tabular list carries no dates, so it never undoes a deletion dated after its
edition begins: the code history import (icd10cm_history.py) marks deleted the codes a
later update dropped, and re-importing the earlier edition's list leaves them deleted.
"""

import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TextIO

from django.db import transaction
from django.utils import timezone

from core.markdown import render_markdown
from importing.errors import ImportFileError
from importing.progress import Progress

from ..models import Code, CodeSystem, Section
from ..search.dialects import current_dialect
from ..search.frequency import store_frequencies
from ..selectors import catalogue_changed

BATCH_SIZE = 2000
# Imported sections sort after editors' own sections on a code page.
IMPORTED_SECTION_POSITION = 100
COMPARED_FIELDS = [
    "level",
    "parent_id",
    "short_descriptor",
    "long_descriptor",
    "billable",
    "status",
    "effective_date",
    "end_date",
    "search_terms",
]


@dataclass
class ImportedCode:
    """One code (or hierarchy node) as read from an official file."""

    code: str
    short_descriptor: str
    long_descriptor: str
    line: int
    parent: str | None = None
    level: str = Code.Level.CODE
    billable: bool = True
    status: str = Code.Status.ACTIVE
    effective_date: date | None = None
    end_date: date | None = None
    search_terms: str = ""
    # Section kind -> markdown body, for sections this importer owns on the code's page.
    sections: dict[str, str] = field(default_factory=dict)


@dataclass
class ImportSummary:
    system: str
    edition: str
    added: int = 0
    updated: int = 0
    deleted: int = 0
    skipped: int = 0
    seconds: float = 0.0
    skipped_reason: str = ""
    notes: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        skipped = f"{self.skipped:,} skipped"
        if self.skipped_reason:
            skipped += f" ({self.skipped_reason})"
        return (
            f"{self.system} {self.edition}: {self.added:,} added, {self.updated:,} updated, "
            f"{self.deleted:,} deleted, {skipped}"
            + "".join(f"; {note}" for note in self.notes)
            + f" in {self.seconds:.1f} s"
        )


def apply_import(
    *,
    path: Path,
    system_slug: str,
    system_defaults: dict,
    edition: str,
    codes: list[ImportedCode],
    removal_date: date,
    skipped: int = 0,
    skipped_reason: str = "",
    progress_stream: TextIO | None = None,
    keep_later_deletions: bool = False,
) -> ImportSummary:
    """Write an edition's codes in one transaction; see the module docstring.

    `keep_later_deletions`: for a file without dates, a code it lists stays deleted if it
    ended after the file's edition began (a later update dropped it).
    """
    started = time.monotonic()
    summary = ImportSummary(
        system_defaults["name"], edition, skipped=skipped, skipped_reason=skipped_reason
    )
    progress = Progress(f"Writing {system_defaults['name']}", len(codes), progress_stream)
    with transaction.atomic():
        system, _ = CodeSystem.objects.get_or_create(
            slug=system_slug, defaults=system_defaults | {"edition": edition}
        )
        record_source(system, edition, Path(path).name, system_defaults)
        existing = {code.code: code for code in Code.objects.filter(system=system)}
        kept_until = removal_date if keep_later_deletions else None
        added, updated = write_codes(path, system, codes, existing, progress, kept_until)
        updated |= write_sections(system, codes, existing)
        summary.added, summary.updated = len(added), len(updated - added)
        summary.deleted = mark_vanished_deleted(system, codes, existing, removal_date)
        if summary.added or summary.updated or summary.deleted:
            # Bulk writes send no save signals: renew the cached code pages here.
            transaction.on_commit(catalogue_rewritten)
    summary.seconds = time.monotonic() - started
    return summary


# The system's source as code pages cite it: an editor's wording of it is kept.
SOURCE_FIELDS = ["source_title", "publisher", "source_url"]


def record_source(system: CodeSystem, edition: str, file_name: str, defaults: dict) -> None:
    """Record the edition and file just imported, and fill the source fields left blank."""
    changed = {"edition": edition, "source_file": file_name[:255]}
    changed |= {name: defaults[name] for name in SOURCE_FIELDS if not getattr(system, name)}
    changed = {name: value for name, value in changed.items() if getattr(system, name) != value}
    if changed:
        for name, value in changed.items():
            setattr(system, name, value)
        system.save(update_fields=list(changed))


def catalogue_rewritten() -> None:
    """After a bulk write is committed: tidy the search indexes it grew, renew the cached
    code pages, and count the words search weighs, once for every process."""
    current_dialect().tidy_after_bulk_write()
    catalogue_changed()
    store_frequencies()


def write_codes(
    path, system, codes, existing, progress, kept_until: date | None
) -> tuple[set[str], set[str]]:
    """Create new codes parents first and update changed ones: (codes added, codes updated)."""
    depth: dict[str, int] = {}
    by_depth: dict[int, list[ImportedCode]] = defaultdict(list)
    for imported in codes:
        if imported.code in depth:
            raise ImportFileError(path, imported.line, "code", f"{imported.code} appears twice")
        parent_depth = depth.get(imported.parent, -1) if imported.parent else -1
        if imported.parent and imported.parent not in depth and imported.parent not in existing:
            raise ImportFileError(
                path, imported.line, "parent", f"{imported.parent} is not in the file"
            )
        depth[imported.code] = parent_depth + 1
        by_depth[parent_depth + 1].append(imported)

    now = timezone.now()
    added: set[str] = set()
    updated: set[str] = set()
    for level_depth in sorted(by_depth):
        new_codes, changed = [], []
        for imported in by_depth[level_depth]:
            values = {
                "level": imported.level,
                "parent_id": existing[imported.parent].pk if imported.parent else None,
                "short_descriptor": imported.short_descriptor,
                "long_descriptor": imported.long_descriptor,
                "billable": imported.billable,
                "status": imported.status,
                "effective_date": imported.effective_date,
                "end_date": imported.end_date,
                "search_terms": imported.search_terms,
            }
            current = existing.get(imported.code)
            if kept_until and deleted_after(current, kept_until):
                values["status"], values["end_date"] = current.status, current.end_date
            if current is None:
                new_codes.append(Code(system=system, code=imported.code, **values))
            elif any(getattr(current, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(current, name, value)
                current.updated_at = now
                changed.append(current)
                updated.add(imported.code)
        for start in range(0, len(new_codes), BATCH_SIZE):
            batch = Code.objects.bulk_create(new_codes[start : start + BATCH_SIZE])
            existing.update({code.code: code for code in batch})
            progress.advance(len(batch))
        Code.objects.bulk_update(changed, [*COMPARED_FIELDS, "updated_at"], batch_size=BATCH_SIZE)
        progress.advance(len(by_depth[level_depth]) - len(new_codes))
        added.update(code.code for code in new_codes)
    return added, updated


def deleted_after(code: Code | None, day: date) -> bool:
    """Whether the code is deleted with a last valid day after `day`."""
    return (
        code is not None
        and code.status == Code.Status.DELETED
        and code.end_date is not None
        and code.end_date > day
    )


def write_sections(system, codes, existing) -> set[str]:
    """Create, update or remove the sections the importer owns; editors' sections stay."""
    current = {
        (section.code_id, section.kind): section
        for section in Section.objects.filter(code__system=system).only(
            "id", "code_id", "kind", "source", "body"
        )
    }
    code_of = {code.pk: code.code for code in existing.values()}
    wanted, new_sections, changed_sections = set(), [], []
    for imported in codes:
        code = existing[imported.code]
        for position, (kind, body) in enumerate(imported.sections.items()):
            key = (code.pk, kind)
            wanted.add(key)
            section = current.get(key)
            if section is None:
                new_sections.append(
                    Section(
                        code=code,
                        kind=kind,
                        title=Section.Kind(kind).label,
                        body=body,
                        body_html=render_markdown(body),
                        position=IMPORTED_SECTION_POSITION + position,
                        gated=False,
                        source=Section.Source.IMPORT,
                    )
                )
            elif section.source == Section.Source.IMPORT and section.body != body:
                section.body, section.body_html = body, render_markdown(body)
                changed_sections.append(section)
    Section.objects.bulk_create(new_sections, batch_size=BATCH_SIZE)
    Section.objects.bulk_update(changed_sections, ["body", "body_html"], batch_size=BATCH_SIZE)
    # A code missing from the file keeps its notes: its page stays, marked deleted.
    in_file = {existing[imported.code].pk for imported in codes}
    stale = [
        section.pk
        for key, section in current.items()
        if section.source == Section.Source.IMPORT and key not in wanted and key[0] in in_file
    ]
    for start in range(0, len(stale), BATCH_SIZE):
        Section.objects.filter(pk__in=stale[start : start + BATCH_SIZE]).delete()
    stale_ids = set(stale)
    touched = {section.code_id for section in [*new_sections, *changed_sections]}
    touched |= {section.code_id for section in current.values() if section.pk in stale_ids}
    return {code_of[code_id] for code_id in touched}


def mark_vanished_deleted(system, codes, existing, removal_date: date) -> int:
    """Mark deleted the active codes the new edition no longer has, ended on removal_date.

    Hierarchy nodes are left alone: some come from editors or the demo data, not the file.
    So are codes without descriptors: another file listed them (CPT codes from the Medicare
    fee schedule, lookup.importers.cpt.add_codes_without_descriptors), not this one.
    """
    in_file = {imported.code for imported in codes}
    vanished = [
        code
        for code in existing.values()
        if code.code not in in_file
        and code.status == Code.Status.ACTIVE
        and code.level == Code.Level.CODE
        and code.long_descriptor
    ]
    now = timezone.now()
    for code in vanished:
        code.status, code.end_date, code.updated_at = Code.Status.DELETED, removal_date, now
    Code.objects.bulk_update(vanished, ["status", "end_date", "updated_at"], batch_size=BATCH_SIZE)
    return len(vanished)
