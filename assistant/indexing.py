"""Keep the section index in step with the catalogue: per code on edits, in bulk on rebuild."""

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction

from lookup.markdown import render_markdown
from lookup.models import Code, Section

from .models import (
    DESCRIPTION_KIND,
    DESCRIPTOR_KIND,
    PAGE_PART_ANCHORS,
    PAGE_PART_TITLES,
    IndexedSection,
)
from .plaintext import html_to_blocks

INDEXED_FIELDS = ["section", "anchor", "title", "gated", "position", "text", "content_hash"]


@dataclass
class IndexCounts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0

    def __add__(self, other: "IndexCounts") -> "IndexCounts":
        return IndexCounts(
            self.added + other.added,
            self.updated + other.updated,
            self.unchanged + other.unchanged,
            self.removed + other.removed,
        )


def content_hash(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(str(part) for part in parts).encode()).hexdigest()


def page_rows_of(code: Code, sections: Iterable[Section]) -> list[IndexedSection]:
    """The index rows a code's page should have now (unsaved), one per readable part."""
    rows = []
    if code.level != Code.Level.CODE:
        return rows
    parts = [(DESCRIPTOR_KIND, code.long_descriptor), (DESCRIPTION_KIND, "")]
    for position, (kind, text) in enumerate(parts):
        if kind == DESCRIPTION_KIND:
            html = code.description_html or render_markdown(code.description)
            text = "\n".join(html_to_blocks(html))
        if text.strip():
            rows.append(
                IndexedSection(
                    code=code,
                    kind=kind,
                    anchor=PAGE_PART_ANCHORS[kind],
                    title=PAGE_PART_TITLES[kind],
                    gated=False,
                    position=position,
                    text=text.strip(),
                )
            )
    for section in sections:
        rows.append(
            IndexedSection(
                code=code,
                section=section,
                kind=section.kind,
                anchor=section.anchor,
                title=section.title,
                gated=section.gated,
                position=10 + section.position,
                text="\n".join(html_to_blocks(section.body_html or render_markdown(section.body))),
            )
        )
    for row in rows:
        row.content_hash = content_hash(row.kind, row.anchor, row.title, row.gated, row.text)
    return rows


def sync_rows(code: Code, wanted: list[IndexedSection], existing: list[IndexedSection]):
    """Write the difference between `wanted` and `existing` rows of one code."""
    counts = IndexCounts()
    current = {row.kind: row for row in existing}
    for row in wanted:
        old = current.pop(row.kind, None)
        if old is None:
            row.save()
            counts.added += 1
        elif old.content_hash == row.content_hash and old.section_id == row.section_id:
            counts.unchanged += 1
        else:
            for field in INDEXED_FIELDS:
                setattr(old, field, getattr(row, field))
            old.save(update_fields=INDEXED_FIELDS)
            counts.updated += 1
    if current:
        IndexedSection.objects.filter(pk__in=[row.pk for row in current.values()]).delete()
        counts.removed += len(current)
    return counts


@transaction.atomic
def index_code(code: Code) -> IndexCounts:
    """Bring one code's index rows up to date with its page (after an edit or import)."""
    wanted = page_rows_of(code, code.sections.all())
    existing = list(IndexedSection.objects.filter(code=code))
    return sync_rows(code, wanted, existing)


def rebuild_index(batch_size: int = 2000) -> IndexCounts:
    """Bring every code's rows up to date; unchanged rows (same content hash) are not written."""
    counts = IndexCounts()
    codes = Code.objects.filter(level=Code.Level.CODE).order_by("pk")
    last_pk = 0
    while True:
        batch = list(codes.filter(pk__gt=last_pk)[:batch_size])
        if not batch:
            break
        last_pk = batch[-1].pk
        sections_of: dict[int, list[Section]] = {code.pk: [] for code in batch}
        for section in Section.objects.filter(code__in=batch).order_by("position", "id"):
            sections_of[section.code_id].append(section)
        existing_of: dict[int, list[IndexedSection]] = {code.pk: [] for code in batch}
        for row in IndexedSection.objects.filter(code__in=batch).defer("embedding"):
            existing_of[row.code_id].append(row)
        with transaction.atomic():
            for code in batch:
                wanted = page_rows_of(code, sections_of[code.pk])
                counts += sync_rows(code, wanted, existing_of[code.pk])
    # Rows of codes that are no longer plain codes (or whose code became a hierarchy node).
    stale = IndexedSection.objects.exclude(code__level=Code.Level.CODE)
    counts.removed += stale.delete()[0]
    return counts
