"""Load the demo catalogue (fixtures/demo/*.json): what is missing is added, nothing else changes.

Editors may have changed demo codes in the admin; reloading must not undo their work, so
existing rows are left as they are.
"""

import json
from pathlib import Path

from django.conf import settings
from django.db import transaction

from .importers.base import SOURCE_FIELDS
from .models import Code, CodeRelation, CodeSystem, Section, SourceReference

DEMO_DATA_DIR = Path(settings.BASE_DIR) / "fixtures" / "demo"


def read_json(path: Path):
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


@transaction.atomic
def load_demo_catalogue(directory: Path) -> dict[str, int]:
    """Create the demo systems, codes, sections and relations that do not exist yet."""
    counts = {"systems": 0, "codes": 0, "sections": 0, "sources": 0, "relations": 0}
    systems = {}
    for row in read_json(directory / "systems.json"):
        slug = row.pop("slug")
        systems[slug], created = CodeSystem.objects.get_or_create(slug=slug, defaults=row)
        counts["systems"] += created
        fill_blank_source(systems[slug], row)

    for slug, system in systems.items():
        codes = {code.code: code for code in system.codes.all()}
        for row in read_json(directory / f"{slug}.json"):
            sections = row.pop("sections")
            sources = row.pop("sources", [])
            parent = row.pop("parent")
            code = codes.get(row["code"])
            if code is None:
                code = Code.objects.create(
                    system=system, parent=codes[parent] if parent else None, **row
                )
                codes[code.code] = code
                counts["codes"] += 1
            existing_kinds = set(code.sections.values_list("kind", flat=True))
            for position, section in enumerate(sections, start=1):
                if section["kind"] not in existing_kinds:
                    Section.objects.create(code=code, position=position, **section)
                    counts["sections"] += 1
            existing_titles = set(code.sources.values_list("title", flat=True))
            for position, source in enumerate(sources, start=1):
                if source["title"] not in existing_titles:
                    SourceReference.objects.create(code=code, position=position, **source)
                    counts["sources"] += 1

    for row in read_json(directory / "relations.json"):
        (from_system, from_code), (to_system, to_code) = row["from"], row["to"]
        _, created = CodeRelation.objects.get_or_create(
            from_code=Code.objects.get(system__slug=from_system, code=from_code),
            to_code=Code.objects.get(system__slug=to_system, code=to_code),
            relation=row["relation"],
        )
        counts["relations"] += created
    return counts


def fill_blank_source(system: CodeSystem, row: dict) -> None:
    """Give a system loaded before systems named their source the demo's, where blank."""
    blank = [name for name in SOURCE_FIELDS if not getattr(system, name) and row.get(name)]
    for name in blank:
        setattr(system, name, row[name])
    if blank:
        system.save(update_fields=blank)
