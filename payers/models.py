"""Payers and their coverage policies, kept by editors as sourced, versioned records.

A policy is the payer's document (its name, number and line of business); what it says is
held in versions: a change is a new version, and the old one stays readable with its dates.
"""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.dateformat import format as format_date

from .codes import CodeListError, read_code_list, spans_matching_nothing


class Payer(models.Model):
    """A payer of the managed list: Medicare and its contractors, the national commercial
    payers, the Blue Cross Blue Shield plans and each state's Medicaid program."""

    class Kind(models.TextChoices):
        MEDICARE = "medicare", "Medicare"
        MEDICARE_CONTRACTOR = "mac", "Medicare administrative contractor"
        COMMERCIAL = "commercial", "Commercial payer"
        BLUE_PLAN = "blue", "Blue Cross Blue Shield plan"
        MEDICAID = "medicaid", "Medicaid"

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        help_text="Medicare for its contractors; the association for a Blue plan.",
    )
    state = models.CharField(max_length=2, blank=True, help_text="For a state's Medicaid.")
    aliases = models.CharField(
        max_length=200,
        blank=True,
        help_text="Other names readers use, separated by commas (UHC, BCBS): CasePilot "
        "recognises them in questions.",
    )
    website = models.URLField(blank=True)
    on_every_overview = models.BooleanField(
        default=False,
        help_text="Listed on every code's payer overview, saying so when we hold no policy.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def names(self) -> list[str]:
        """The payer's name and its aliases, as a question may write them."""
        return [self.name, *[alias.strip() for alias in self.aliases.split(",") if alias.strip()]]


class PayerPolicy(models.Model):
    """A payer's coverage or prior authorization policy; what it says is in its versions."""

    class LineOfBusiness(models.TextChoices):
        ALL = "all", "All lines of business"
        COMMERCIAL = "commercial", "Commercial"
        MEDICARE = "medicare", "Medicare (traditional)"
        MEDICARE_ADVANTAGE = "medicare-advantage", "Medicare Advantage"
        MEDICAID = "medicaid", "Medicaid"
        MEDICAID_MANAGED_CARE = "medicaid-managed-care", "Medicaid managed care"

    payer = models.ForeignKey(Payer, on_delete=models.PROTECT, related_name="policies")
    name = models.CharField(max_length=200)
    number = models.CharField(max_length=40, blank=True, help_text="The payer's own number.")
    line_of_business = models.CharField(
        max_length=24, choices=LineOfBusiness.choices, default=LineOfBusiness.COMMERCIAL
    )
    is_sample = models.BooleanField(
        default=False,
        help_text="A demo record written to show the page, not a payer's real policy: "
        "every page that shows it says so.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["payer__name", "name"]
        verbose_name_plural = "payer policies"

    def __str__(self) -> str:
        number = f" ({self.number})" if self.number else ""
        return f"{self.payer}: {self.name}{number}"


class PolicyVersion(models.Model):
    """What a policy said from its effective date until the next version's. Never edited:
    a change is saved as a new version."""

    class PriorAuthorization(models.TextChoices):
        REQUIRED = "required", "Required"
        NOT_REQUIRED = "not-required", "Not required"
        DEPENDS = "depends", "Depends"

    policy = models.ForeignKey(PayerPolicy, on_delete=models.CASCADE, related_name="versions")
    codes = models.TextField(
        help_text="Codes and ranges the version covers, separated by commas: 27365, 27323-27329."
    )
    prior_authorization = models.CharField(max_length=12, choices=PriorAuthorization.choices)
    prior_authorization_condition = models.TextField(
        blank=True, help_text="When prior authorization is required, if it depends."
    )
    coverage_criteria = models.TextField(help_text="In our own words, never the payer's.")
    documentation = models.TextField(
        blank=True, help_text="What the payer asks the record to show, in our own words."
    )
    modifier_rules = models.TextField(blank=True, help_text="Modifiers the policy speaks of.")
    site_of_service_rules = models.TextField(
        blank=True, help_text="Where the policy lets the service be performed."
    )
    effective_on = models.DateField("effective date")
    review_on = models.DateField("review date", null=True, blank=True)
    url = models.URLField("payer's URL", max_length=500)
    verified_by = models.CharField(max_length=120, help_text="Who checked it against the payer.")
    verified_on = models.DateField("verified on")
    change_note = models.CharField(
        max_length=300, blank=True, help_text="What this version changed, for “what changed”."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["policy", "-effective_on", "-id"]

    def __str__(self) -> str:
        return f"{self.policy}, effective {format_date(self.effective_on, 'M j, Y')}"

    @transaction.atomic
    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        self.spans.all().delete()
        PolicyCodeSpan.objects.bulk_create(
            PolicyCodeSpan(version=self, first=span.first, last=span.last)
            for span in read_code_list(self.codes)
        )

    def clean(self) -> None:
        errors = {}
        if self.effective_on and self.review_on and self.effective_on > self.review_on:
            errors["effective_on"] = (
                f"The effective date falls after the review date "
                f"({format_date(self.review_on, 'M j, Y')}): "
                "check both dates."
            )
        if self.prior_authorization == self.PriorAuthorization.DEPENDS and not (
            self.prior_authorization_condition.strip()
        ):
            errors["prior_authorization_condition"] = "Say when prior authorization is required."
        codes_error = self.codes_error()
        if codes_error:
            errors["codes"] = codes_error
        if errors:
            raise ValidationError(errors)

    def codes_error(self) -> str:
        """What is wrong with the codes as written, "" when nothing (or when blank: the
        field's own check asks for them)."""
        if not self.codes.strip():
            return ""
        try:
            unmatched = spans_matching_nothing(read_code_list(self.codes))
        except CodeListError as error:
            return str(error)
        if unmatched:
            listed = ", ".join(str(span) for span in unmatched)
            return f"No CPT or HCPCS code we hold falls in {listed}."
        return ""

    @property
    def code_list(self) -> str:
        return ", ".join(str(span) for span in read_code_list(self.codes))


class PolicyCodeSpan(models.Model):
    """A code or range a version covers, read from its codes: what lookups by code use."""

    version = models.ForeignKey(PolicyVersion, on_delete=models.CASCADE, related_name="spans")
    first = models.CharField(max_length=5)
    last = models.CharField(max_length=5)

    class Meta:
        indexes = [models.Index(fields=["first", "last"], name="policy_span_range")]

    def __str__(self) -> str:
        return self.first if self.first == self.last else f"{self.first}-{self.last}"
