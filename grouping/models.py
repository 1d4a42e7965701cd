"""How a diagnosis code counts in CMS's payment groupers: MS-DRG severity (CC, MCC and
their exclusions) and CMS-HCC risk adjustment categories. Written by import commands from
CMS tables, joined to catalogue codes by the code string; never edited by hand.

A code page reads a code's facts in its one catalogue query: ComplicationCode and
HccDiagnosis each hold one row per code, and Edition one row per code system, all linked
one-to-one to the catalogue's rows (a code page joins them: sections.GROUPING_FACTS).
"""

from django.db import models

from lookup.models import Code, CodeSystem


class Edition(models.Model):
    """The CMS tables loaded for a code system, named under the code page's sections.

    Being set also tells the page that the tables are loaded, so that a code missing from
    them is neither CC nor MCC, or maps to no HCC, rather than not looked up yet.
    """

    system = models.OneToOneField(
        CodeSystem, on_delete=models.CASCADE, related_name="grouping_edition"
    )
    ms_drg_version = models.CharField("MS-DRG version", max_length=10, blank=True)
    ms_drg_fiscal_year = models.PositiveSmallIntegerField("MS-DRG fiscal year", null=True)
    hcc_payment_year = models.PositiveSmallIntegerField("CMS-HCC payment year", null=True)

    def __str__(self) -> str:
        return f"{self.system}: {self.ms_drg_title or 'no MS-DRG tables'}, {self.hcc_title}"

    @property
    def ms_drg_title(self) -> str:
        """e.g. "MS-DRG v43 (FY2026)"; empty until the tables are imported."""
        if not self.ms_drg_version:
            return ""
        return f"MS-DRG {self.ms_drg_version} (FY{self.ms_drg_fiscal_year})"

    @property
    def hcc_title(self) -> str:
        if self.hcc_payment_year is None:
            return ""
        return f"CMS-HCC V28 and V24, payment year {self.hcc_payment_year}"


class ComplicationCode(models.Model):
    """A diagnosis that counts as a CC or an MCC as a secondary diagnosis (CMS tables 6I and
    6J), with the exclusions that cancel it (table 6K)."""

    class Severity(models.TextChoices):
        CC = "CC", "CC (complication or comorbidity)"
        MCC = "MCC", "MCC (major complication or comorbidity)"

    code = models.CharField(max_length=10, unique=True)
    catalogue_code = models.OneToOneField(
        Code, null=True, blank=True, on_delete=models.SET_NULL, related_name="ms_drg"
    )
    severity = models.CharField(max_length=3, choices=Severity.choices)
    # Table 6K part 1: with a principal diagnosis in this collection (ExclusionCollection),
    # the code counts as neither CC nor MCC. Blank for the few codes nothing excludes.
    exclusion_collection = models.CharField(max_length=4, blank=True)
    excluding_principal_count = models.PositiveIntegerField(default=0)
    # Table 6K part 2: counts only when the patient is discharged alive.
    discharged_alive_only = models.BooleanField(default=False)
    # Table 6K part 3: the DRG groups in which it never counts, as
    # [{"mdc": "05", "drgs": "280-282", "group": "Acute Myocardial Infarction..."}].
    drg_exclusions = models.JSONField(default=list, blank=True)

    def __str__(self) -> str:
        return f"{self.code} {self.severity}"


class ExclusionCollection(models.Model):
    """A table 6K collection of principal diagnoses: with any of them as principal, the
    secondary codes pointing at the collection count as neither CC nor MCC."""

    number = models.CharField(max_length=4, unique=True)
    # Space-separated, in code order: the question asked of it is "is this code in it?".
    principal_codes = models.TextField()

    def __str__(self) -> str:
        return f"Exclusion collection {self.number}"

    def excludes(self, principal_code: str) -> bool:
        return principal_code in self.principal_codes.split()


class HccCategory(models.Model):
    """A hierarchical condition category of a CMS-HCC model, with CMS's label."""

    class Model(models.TextChoices):
        V28 = "V28", "CMS-HCC V28"
        V24 = "V24", "CMS-HCC V24"

    model = models.CharField(max_length=3, choices=Model.choices)
    number = models.PositiveSmallIntegerField()
    label = models.CharField(max_length=200)

    class Meta:
        ordering = ["model", "number"]
        verbose_name = "HCC category"
        verbose_name_plural = "HCC categories"
        constraints = [
            models.UniqueConstraint(fields=["model", "number"], name="hcc_number_once_per_model"),
        ]

    def __str__(self) -> str:
        return f"{self.model} HCC {self.number}"


class HccDiagnosis(models.Model):
    """A diagnosis code that maps to at least one HCC, with its mappings summarised for the
    code page and the bulk checker (the HccMapping rows, in the order the page shows them)."""

    code = models.CharField(max_length=10, unique=True)
    catalogue_code = models.OneToOneField(
        Code, null=True, blank=True, on_delete=models.SET_NULL, related_name="risk_adjustment"
    )
    # [{"model": "V28", "hcc": 38, "label": "...", "condition": "age < 50"}], V28 first.
    mappings = models.JSONField(default=list)

    class Meta:
        verbose_name_plural = "HCC diagnoses"

    def __str__(self) -> str:
        return self.code


class HccMapping(models.Model):
    """One row of CMS's diagnosis-to-HCC table: the code maps to the category, under the
    condition when there is one (an age or sex edit, or the code editor's age range)."""

    diagnosis = models.ForeignKey(HccDiagnosis, on_delete=models.CASCADE, related_name="rows")
    category = models.ForeignKey(HccCategory, on_delete=models.CASCADE, related_name="rows")
    condition = models.CharField(max_length=80, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["diagnosis", "category", "condition"], name="hcc_mapping_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.diagnosis_id} -> {self.category}"
