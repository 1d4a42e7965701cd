"""Read-side queries and summaries of the grouping tables: HCCs of a code, the principal
diagnosis question, the HCC category pages and the bulk checker's lookups."""

from dataclasses import dataclass

from django.db.models import Count, QuerySet

from lookup.models import Code, CodeHistory, canonical_code, is_icd_code

from .conditions import condition_in_words, merged_conditions
from .models import ComplicationCode, ExclusionCollection, HccCategory, HccDiagnosis, HccMapping


@dataclass(frozen=True)
class HccAssignment:
    """A category a code maps to, with the conditions in words (empty: always)."""

    number: int
    label: str
    conditions: list[str]

    @property
    def conditions_text(self) -> str:
        return "; or ".join(self.conditions)


def hcc_assignments(mappings: list[dict]) -> dict[str, list[HccAssignment]]:
    """A code's mapping rows (HccDiagnosis.mappings) grouped by model, then by category."""
    by_model: dict[str, dict[int, list[dict]]] = {}
    for row in mappings:
        by_model.setdefault(row["model"], {}).setdefault(row["hcc"], []).append(row)
    return {
        model: [
            HccAssignment(
                number=number,
                label=rows[0]["label"],
                conditions=[
                    condition_in_words(each)
                    for each in merged_conditions([row["condition"] for row in rows])
                    if each
                ],
            )
            for number, rows in categories.items()
        ]
        for model, categories in by_model.items()
    }


@dataclass(frozen=True)
class ExclusionAnswer:
    """The answer to "is it a CC (or MCC) with this principal diagnosis?"."""

    principal: str  # as understood, to show back in the form
    message: str
    counts: bool | None = None  # None: the question could not be answered


def exclusion_answer(
    code: str, facts: ComplicationCode | None, principal_raw: str
) -> ExclusionAnswer:
    """Answer from table 6K whether `code`, as a secondary diagnosis, keeps its severity
    with `principal_raw` as the principal diagnosis."""
    principal = canonical_code("icd-10-cm", principal_raw[:20])
    if not is_icd_code(principal):
        shown = principal_raw.strip()[:20]
        return ExclusionAnswer(shown, f"“{shown}” is not an ICD-10-CM code: try I21.09.")
    known = (
        CodeHistory.objects.filter(code=principal).exists()
        or Code.objects.filter(system__slug="icd-10-cm", code=principal).exists()
    )
    if not known:
        return ExclusionAnswer(principal, f"We know no ICD-10-CM code {principal}.")
    with_principal = f"With {principal} as the principal diagnosis"
    if facts is None:
        return ExclusionAnswer(
            principal,
            f"{with_principal}, {code} is still neither a CC nor an MCC: it never is.",
            counts=False,
        )
    severity = "an MCC" if facts.severity == ComplicationCode.Severity.MCC else "a CC"
    collection = ExclusionCollection.objects.filter(number=facts.exclusion_collection).first()
    excluded = collection is not None and collection.excludes(principal)
    if excluded:
        return ExclusionAnswer(
            principal,
            f"No. {with_principal}, {code} does not count as {severity}: {principal} is "
            f"on its exclusion list (table 6K, collection {facts.exclusion_collection}).",
            counts=False,
        )
    provisos = []
    if facts.discharged_alive_only:
        provisos.append("provided the patient is discharged alive")
    if facts.drg_exclusions:
        provisos.append("unless the case groups to one of the MS-DRGs listed above")
    return ExclusionAnswer(
        principal,
        f"Yes. {with_principal}, {code} counts as {severity}"
        + "".join(f", {each}" for each in provisos)
        + ".",
        counts=True,
    )


def hcc_categories() -> QuerySet[HccCategory]:
    """Every category of every model, with how many codes map to it, for the HCC index."""
    return HccCategory.objects.annotate(code_count=Count("rows__diagnosis", distinct=True))


@dataclass(frozen=True)
class CategoryCode:
    """A code of an HCC category's list, with its catalogue page when the catalogue has it."""

    code: str
    catalogue_code: Code | None
    conditions: list[str]

    @property
    def conditions_text(self) -> str:
        return "; or ".join(self.conditions)


def hcc_category_rows(category: HccCategory) -> list[CategoryCode]:
    """The codes that map to a category, in code order, with their conditions in words."""
    by_code: dict[str, list[HccMapping]] = {}
    for row in category.rows.select_related("diagnosis__catalogue_code__system").order_by(
        "diagnosis__code"
    ):
        by_code.setdefault(row.diagnosis.code, []).append(row)
    return [
        CategoryCode(
            code=code,
            catalogue_code=rows[0].diagnosis.catalogue_code,
            conditions=[
                condition_in_words(each)
                for each in merged_conditions([row.condition for row in rows])
                if each
            ],
        )
        for code, rows in by_code.items()
    ]


def complication_codes_by_code(codes: list[str]) -> dict[str, ComplicationCode]:
    return {row.code: row for row in ComplicationCode.objects.filter(code__in=codes)}


def hcc_diagnoses_by_code(codes: list[str]) -> dict[str, HccDiagnosis]:
    return {row.code: row for row in HccDiagnosis.objects.filter(code__in=codes)}
