"""Keep the section index in step with the catalogue: per code on edits, in bulk on rebuild."""

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import QuerySet

from core.markdown import render_markdown
from core.plaintext import html_to_blocks
from importing.syncing import insert_rows
from lookup.models import Code, CodeSystem, Section

from .fact_passages import BatchFacts, Passage, passages_of, read_batch_facts
from .models import (
    DESCRIPTION_KIND,
    DESCRIPTOR_KIND,
    PAGE_PART_ANCHORS,
    PAGE_PART_TITLES,
    IndexedSection,
)

# Section rows sort after the descriptor and description rows of their page, fact rows after.
SECTION_POSITION_OFFSET = 10
FACT_POSITION_OFFSET = 1000
INDEXED_FIELDS = ["section", "anchor", "title", "gated", "position", "text", "content_hash"]
# What a rebuild reads: a code's columns its page rows come from (page_part_rows, page_rows_of:
# name any column they read here, or each code costs a query), and of an index row only what
# tells whether it changed, never its text.
PAGE_COLUMNS = [
    "id", "system", "code", "parent", "level", "billable", "status", "long_descriptor",
    "description", "description_html",
]  # fmt: skip
COMPARED_COLUMNS = ["id", "code_id", "section_id", "kind", "content_hash"]
# Rows one UPDATE statement writes.
WRITE_BATCH = 1000


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


def page_part_rows(code: Code) -> list[dict]:
    """Rows for the parts of a code's page that are not sections: descriptor, description."""
    parts = [
        (DESCRIPTOR_KIND, code.long_descriptor),
        (DESCRIPTION_KIND, blocks_text(code.description_html or render_markdown(code.description))),
    ]
    return [
        index_row(
            code,
            kind=kind,
            anchor=PAGE_PART_ANCHORS[kind],
            title=PAGE_PART_TITLES[kind],
            gated=False,
            position=position,
            text=text.strip(),
        )
        for position, (kind, text) in enumerate(parts)
        if text.strip()
    ]


def section_row(code: Code, section: Section) -> dict:
    return index_row(
        code,
        section_id=section.pk,
        kind=section.kind,
        anchor=section.anchor,
        title=section.title,
        gated=section.gated,
        position=SECTION_POSITION_OFFSET + section.position,
        text=blocks_text(section.body_html or render_markdown(section.body)),
    )


def fact_row(code: Code, passage: Passage, position: int) -> dict:
    """A fact part of the page, a sentence a line (facts.py says each table row)."""
    return index_row(
        code,
        kind=passage.kind,
        anchor=passage.anchor,
        title=passage.title,
        gated=passage.gated,
        position=FACT_POSITION_OFFSET + position,
        text="\n".join(passage.sentences),
    )


def blocks_text(html: str) -> str:
    # Most codes have no description: parsing nothing costs a parser each.
    return "\n".join(html_to_blocks(html)) if html else ""


def index_row(
    code: Code,
    *,
    kind: str,
    anchor: str,
    title: str,
    gated: bool,
    position: int,
    text: str,
    section_id: int | None = None,
) -> dict:
    """An index row as plain values by field name, with its content hash: a first build makes
    some 200,000, which model instances would take several times longer to make and write."""
    return {
        "code_id": code.pk,
        "section_id": section_id,
        "kind": kind,
        "anchor": anchor,
        "title": title,
        "gated": gated,
        "position": position,
        "text": text,
        "content_hash": content_hash(kind, anchor, title, gated, text),
    }


def page_rows_of(code: Code, sections: Iterable[Section], facts: BatchFacts) -> list[dict]:
    """The index rows a code's page should have now (index_row values): none for hierarchy
    nodes."""
    if code.level != Code.Level.CODE:
        return []
    return (
        page_part_rows(code)
        + [section_row(code, section) for section in sections]
        + [fact_row(code, passage, index) for index, passage in enumerate(passages_of(code, facts))]
    )


@dataclass
class IndexChanges:
    """Rows to write to bring some codes' index rows up to date, and how many of each."""

    create: list[dict] = field(default_factory=list)
    update: list[IndexedSection] = field(default_factory=list)
    delete: list[int] = field(default_factory=list)
    counts: IndexCounts = field(default_factory=IndexCounts)

    def compare(self, wanted: list[dict], existing: list) -> None:
        """Add what turns one code's `existing` rows (rows or their COMPARED_COLUMNS) into its
        `wanted` ones."""
        current = {row.kind: row for row in existing}
        for row in wanted:
            old = current.pop(row["kind"], None)
            if old is None:
                self.create.append(row)
                self.counts.added += 1
            elif old.content_hash == row["content_hash"] and old.section_id == row["section_id"]:
                self.counts.unchanged += 1
            else:
                self.update.append(IndexedSection(pk=old.id, **row))  # written over the old one
                self.counts.updated += 1
        self.delete += [row.id for row in current.values()]
        self.counts.removed += len(current)

    def write(self) -> IndexCounts:
        IndexedSection.objects.filter(pk__in=self.delete).delete()
        IndexedSection.objects.bulk_update(self.update, INDEXED_FIELDS, batch_size=WRITE_BATCH)
        insert_rows(IndexedSection.objects.all(), self.create)
        return self.counts


def sync_rows(wanted: list[dict], existing: list[IndexedSection]) -> IndexCounts:
    """Write the difference between `wanted` and `existing` rows of one code."""
    changes = IndexChanges()
    changes.compare(wanted, existing)
    return changes.write()


def index_code(code: Code) -> IndexCounts:
    """Bring one code's index rows up to date with its page (after an edit or import)."""
    if code.level != Code.Level.CODE:
        return IndexCounts(removed=IndexedSection.objects.filter(code=code).delete()[0])
    return rebuild_index(codes=Code.objects.filter(pk=code.pk))


def index_page_parts(code: Code) -> IndexCounts:
    """Update a saved code's descriptor and description rows (its sections are unchanged)."""
    if code.level != Code.Level.CODE:
        return IndexCounts(removed=IndexedSection.objects.filter(code=code).delete()[0])
    kinds = [DESCRIPTOR_KIND, DESCRIPTION_KIND]
    existing = IndexedSection.objects.filter(code=code, kind__in=kinds)
    return sync_rows(page_part_rows(code), list(existing))


def index_section(section: Section) -> IndexCounts:
    """Update the row of one saved section."""
    code = section.code
    existing = IndexedSection.objects.filter(code=code, kind=section.kind)
    if code.level != Code.Level.CODE:
        return IndexCounts()
    # A section whose kind changed leaves a row of its old kind behind: remove it too.
    stale = IndexedSection.objects.filter(section=section).exclude(kind=section.kind)
    removed = stale.delete()[0]
    counts = sync_rows([section_row(code, section)], list(existing))
    counts.removed += removed
    if section.kind == Section.Kind.SEVENTH_CHARACTER:
        # The codes under it that take a 7th character say its values (ICD-10-CM codes sit
        # under their prefix).
        under = Code.objects.filter(system_id=code.system_id, code__startswith=code.code)
        counts += rebuild_index(codes=under.exclude(pk=code.pk))
    return counts


def rebuild_index(batch_size: int = 5000, codes: QuerySet[Code] | None = None) -> IndexCounts:
    """Bring every code's rows (or those of `codes`) up to date; unchanged rows (same content
    hash) are not written, and a batch of codes is read, compared and written together (bulk,
    one transaction)."""
    counts = IndexCounts()
    every_code = codes is None
    codes = Code.objects.all() if every_code else codes
    codes = codes.filter(level=Code.Level.CODE).only(*PAGE_COLUMNS).order_by("pk")
    systems = CodeSystem.objects.select_related("grouping_edition").in_bulk()
    last_pk = 0
    while batch := list(codes.filter(pk__gt=last_pk)[:batch_size]):
        first_pk, last_pk = batch[0].pk, batch[-1].pk
        in_batch = {"code_id__gte": first_pk, "code_id__lte": last_pk}
        sections_of: dict[int, list[Section]] = {code.pk: [] for code in batch}
        for section in Section.objects.filter(**in_batch).order_by("position", "id"):
            if section.code_id in sections_of:  # not a hierarchy node's
                sections_of[section.code_id].append(section)
        existing_of: dict[int, list] = {code.pk: [] for code in batch}
        rows = IndexedSection.objects.filter(**in_batch)
        for row in rows.values_list(*COMPARED_COLUMNS, named=True):
            if row.code_id in existing_of:
                existing_of[row.code_id].append(row)
        facts = read_batch_facts(batch, systems)
        changes = IndexChanges()
        for code in batch:
            wanted = page_rows_of(code, sections_of[code.pk], facts)
            changes.compare(wanted, existing_of[code.pk])
        with transaction.atomic():
            counts += changes.write()
    if every_code:
        # Rows of codes that are no longer plain codes (or whose code became a hierarchy node).
        stale = IndexedSection.objects.exclude(code__level=Code.Level.CODE)
        counts.removed += stale.delete()[0]
    return counts
