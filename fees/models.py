"""Medicare payment data imported from CMS files, joined to catalogue codes by code string.

Fee rows keep the HCPCS/CPT code as text rather than a foreign key: CMS files cover codes
the catalogue may not hold (yet), and an import must not depend on the catalogue's state.
"""

import re

from django.db import models

from core.states import STATE_NAMES


class Edition(models.Model):
    """The CMS file currently loaded for one kind of data: each import replaces it."""

    class Kind(models.TextChoices):
        PHYSICIAN_FEE_SCHEDULE = "pfs", "Physician Fee Schedule relative values (PPRRVU)"
        GPCI = "gpci", "Geographic practice cost indices (GPCI)"
        HOSPITAL_OUTPATIENT = "opps", "Hospital outpatient payment (OPPS Addendum B)"
        SURGERY_CENTER = "asc", "Ambulatory surgery center payment (ASC Addendum AA)"

    # The CMS page that publishes each kind of file, cited under a code page's sources.
    PAGES = {
        Kind.PHYSICIAN_FEE_SCHEDULE: "https://www.cms.gov/medicare/payment/fee-schedules/"
        "physician/pfs-relative-value-files",
        Kind.GPCI: "https://www.cms.gov/medicare/payment/fee-schedules/physician/"
        "pfs-relative-value-files",
        Kind.HOSPITAL_OUTPATIENT: "https://www.cms.gov/medicare/payment/"
        "prospective-payment-systems/hospital-outpatient/addendum-a-b-updates",
        Kind.SURGERY_CENTER: "https://www.cms.gov/medicare/payment/"
        "prospective-payment-systems/ambulatory-surgical-center-asc/asc-payment-rates-addenda",
    }

    kind = models.CharField(max_length=10, choices=Kind.choices, unique=True)
    title = models.CharField(max_length=300, help_text="The file's own title, or its name.")
    source_file = models.CharField(max_length=255)
    row_count = models.PositiveIntegerField(default=0)
    imported_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.title


RVU = {"max_digits": 8, "decimal_places": 2}


class PhysicianFee(models.Model):
    """One PPRRVU row: the relative values and payment policy indicators of a code+modifier."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="physician_fees")
    hcpcs = models.CharField("HCPCS/CPT code", max_length=5)
    modifier = models.CharField(max_length=2, blank=True)
    status = models.CharField(max_length=1)
    work_rvu = models.DecimalField(**RVU)
    nonfacility_pe_rvu = models.DecimalField("non-facility PE RVU", **RVU)
    nonfacility_not_applicable = models.BooleanField(
        default=False, help_text="NA: CMS does not pay this service in the non-facility setting."
    )
    facility_pe_rvu = models.DecimalField("facility PE RVU", **RVU)
    facility_not_applicable = models.BooleanField(default=False)
    mp_rvu = models.DecimalField("malpractice RVU", **RVU)
    nonfacility_total_rvu = models.DecimalField(**RVU)
    facility_total_rvu = models.DecimalField(**RVU)
    pctc_indicator = models.CharField("PC/TC indicator", max_length=1)
    global_days = models.CharField(max_length=3)
    preoperative_share = models.DecimalField(max_digits=4, decimal_places=2)
    intraoperative_share = models.DecimalField(max_digits=4, decimal_places=2)
    postoperative_share = models.DecimalField(max_digits=4, decimal_places=2)
    multiple_procedure = models.CharField(max_length=1)
    bilateral_surgery = models.CharField(max_length=1)
    assistant_surgery = models.CharField(max_length=1)
    co_surgeons = models.CharField(max_length=1)
    team_surgery = models.CharField(max_length=1)
    # The endoscopy whose value a family of endoscopies shares (multiple procedure rule 3).
    endoscopic_base_code = models.CharField(max_length=5, blank=True)
    diagnostic_imaging_family = models.CharField(max_length=2, default="99")
    conversion_factor = models.DecimalField(max_digits=8, decimal_places=4)

    class Meta:
        ordering = ["hcpcs", "modifier"]
        constraints = [
            models.UniqueConstraint(fields=["hcpcs", "modifier"], name="one_fee_per_code_modifier")
        ]

    def __str__(self) -> str:
        return f"{self.hcpcs}-{self.modifier}" if self.modifier else self.hcpcs


# Words of CMS's locality names that title case spoils.
NAME_ABBREVIATIONS = {"Nyc": "NYC", "Nj": "NJ", "Cnty": "County"}


class Locality(models.Model):
    """A Medicare payment locality and its geographic practice cost indices.

    A locality a new GPCI file leaves out is retired (end-dated), never deleted, so the users
    who chose it keep their choice and are asked to choose again."""

    edition = models.ForeignKey(Edition, on_delete=models.PROTECT, related_name="localities")
    mac = models.CharField("Medicare administrative contractor", max_length=5)
    state = models.CharField(max_length=2)
    number = models.CharField("locality number", max_length=2)
    name = models.CharField(max_length=120)
    work_gpci = models.DecimalField("work GPCI", max_digits=5, decimal_places=3)
    pe_gpci = models.DecimalField("practice expense GPCI", max_digits=5, decimal_places=3)
    mp_gpci = models.DecimalField("malpractice GPCI", max_digits=5, decimal_places=3)
    retired_on = models.DateField(
        null=True,
        blank=True,
        help_text="Last day in use: the day before the first GPCI file that left it out. "
        "Empty while current.",
    )

    class Meta:
        ordering = ["state", "name"]
        verbose_name_plural = "localities"
        constraints = [
            models.UniqueConstraint(fields=["state", "number"], name="locality_unique_per_state")
        ]

    def __str__(self) -> str:
        return f"{self.state} {self.display_name} (locality {self.number})"

    @property
    def is_retired(self) -> bool:
        return self.retired_on is not None

    @property
    def key(self) -> str:
        """How an account remembers its choice (User.medicare_locality): NY-01. A locality's
        state and number stay the same from one GPCI file to the next."""
        return f"{self.state}-{self.number}"

    @property
    def display_name(self) -> str:
        """CMS writes names in capitals: "REST OF NEW YORK" reads as "Rest of New York",
        "NYC SUBURBS" as "NYC Suburbs", "(KING CNTY)" as "(King County)"."""
        words = self.name.title().split(" ")
        name = " ".join(
            word.lower() if position and word in {"Of", "And"} else word
            for position, word in enumerate(words)
        )
        for written, read in NAME_ABBREVIATIONS.items():
            name = re.sub(rf"\b{written}\b", read, name)
        return name

    @property
    def name_with_state(self) -> str:
        """ "Portland (OR)", but "Rest of Texas" and "Ohio", which name their state."""
        name = self.display_name
        return name if STATE_NAMES.get(self.state, self.state) in name else f"{name} ({self.state})"


class FacilityRate(models.Model):
    """A national facility payment rate: OPPS (hospital outpatient) or ASC (surgery center)."""

    class Setting(models.TextChoices):
        HOSPITAL_OUTPATIENT = "opps", "Hospital outpatient department"
        SURGERY_CENTER = "asc", "Ambulatory surgery center"

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="facility_rates")
    setting = models.CharField(max_length=4, choices=Setting.choices)
    hcpcs = models.CharField("HCPCS/CPT code", max_length=5)
    indicator = models.CharField(
        max_length=2, help_text="OPPS status indicator or ASC payment indicator."
    )
    apc = models.CharField("APC", max_length=5, blank=True)
    payment_rate = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    national_copayment = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    minimum_copayment = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["hcpcs", "setting"]
        # Code first: the code page looks rates up by code alone.
        constraints = [
            models.UniqueConstraint(fields=["hcpcs", "setting"], name="one_rate_per_setting_code")
        ]

    def __str__(self) -> str:
        return f"{self.get_setting_display()} {self.hcpcs}"
