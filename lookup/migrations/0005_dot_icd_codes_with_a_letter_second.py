"""ICD-10-CM codes whose second character is a letter (QA0.0101, new in FY2026) were stored
without their dot; give them the dot, as imports now spell them."""

import re

from django.db import migrations

LETTER_SECOND = re.compile(r"[A-Z][A-Z][0-9A-Z][0-9A-Z]{1,4}")


def dot_codes(apps, schema_editor):
    Code = apps.get_model("lookup", "Code")
    icd = Code.objects.filter(system__slug="icd-10-cm")
    undotted = icd.exclude(code__contains=".").exclude(code__contains="-")
    for pk, code in undotted.values_list("pk", "code"):
        if LETTER_SECOND.fullmatch(code):
            dotted = f"{code[:3]}.{code[3:]}"
            if not icd.filter(code=dotted).exists():
                Code.objects.filter(pk=pk).update(code=dotted)


class Migration(migrations.Migration):
    dependencies = [("lookup", "0004_index_terms_and_search_synonyms")]

    operations = [migrations.RunPython(dot_codes, migrations.RunPython.noop)]
