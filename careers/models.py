"""CareerCenter: employers, their job postings, and the jobs and searches seekers save."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from core.days import site_today
from core.markdown import render_markdown
from core.states import STATE_NAMES

from .choices import (
    CREDENTIAL_NAMES,
    STATE_CHOICES,
    Credential,
    EmploymentType,
    PayPeriod,
    Specialty,
    Workplace,
)
from .fields import ChoiceListField

# Links an employer gives (website, where to apply) are web pages, never other schemes.
WEB_LINK = URLValidator(schemes=["http", "https"], message="Enter a link starting https://")

# Hours in a full-time year (40 a week, 52 weeks): how an hourly rate compares with a salary.
HOURS_PER_YEAR = 2080
# Pay figures past these are almost surely the wrong period (a salary typed as hourly).
MAX_HOURLY_RATE = 500
MIN_SALARY = 1000


class EmployerProfile(models.Model):
    """The organisation an account posts jobs for. Its first job waits for staff approval."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="employer_profile"
    )
    name = models.CharField("organisation name", max_length=120)
    website = models.URLField(max_length=200, blank=True, validators=[WEB_LINK])
    about = models.TextField(
        blank=True, max_length=1000, help_text="A few sentences about the organisation."
    )
    trusted_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When staff approved this employer's first job; later jobs publish at once.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_trusted(self) -> bool:
        return self.trusted_at is not None


class Job(models.Model):
    """One job posting. It is open (listed, searchable, in feeds and the sitemap) while it is
    published, not hidden by staff and not past its closing date."""

    employer = models.ForeignKey(EmployerProfile, on_delete=models.CASCADE, related_name="jobs")
    title = models.CharField(max_length=120)
    slug = models.SlugField(max_length=80, editable=False)
    workplace = models.CharField(max_length=10, choices=Workplace.choices)
    city = models.CharField(max_length=80, blank=True, help_text="For on-site and hybrid jobs.")
    state = models.CharField(
        max_length=2, blank=True, choices=STATE_CHOICES, help_text="For on-site and hybrid jobs."
    )
    remote_states = ChoiceListField(
        "states a remote worker may live in",
        max_length=200,
        blank=True,
        choices=STATE_CHOICES,
        help_text="For remote jobs; none ticked means anywhere in the US.",
    )
    employment_type = models.CharField(max_length=10, choices=EmploymentType.choices)
    credentials = ChoiceListField(
        max_length=100,
        blank=True,
        choices=Credential.choices,
        help_text="Any one of those ticked qualifies; none ticked means no credential asked.",
    )
    specialty = models.CharField(max_length=30, choices=Specialty.choices)
    experience_years = models.PositiveSmallIntegerField(
        "years of experience",
        default=0,
        validators=[MaxValueValidator(40)],
        help_text="The least a candidate needs; 0 for none.",
    )
    salary_min = models.DecimalField(
        "pay from", max_digits=9, decimal_places=2, validators=[MinValueValidator(Decimal("1"))]
    )
    salary_max = models.DecimalField(
        "pay up to", max_digits=9, decimal_places=2, validators=[MinValueValidator(Decimal("1"))]
    )
    salary_period = models.CharField("pay period", max_length=4, choices=PayPeriod.choices)
    # The top of the range as a yearly figure, for the board's minimum salary filter.
    yearly_salary_max = models.PositiveIntegerField(editable=False)
    apply_url = models.URLField(
        "apply at (link)", max_length=500, blank=True, validators=[WEB_LINK]
    )
    apply_email = models.EmailField("apply by email", blank=True)
    closes_on = models.DateField(
        "closing date",
        help_text="The last day to apply: the job is listed until midnight at its end, in the "
        "site's time zone (SITE_TIME_ZONE).",
    )
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    hidden_at = models.DateTimeField(null=True, blank=True, editable=False)
    hidden_reason = models.TextField(blank=True, editable=False)
    views = models.PositiveIntegerField(default=0, editable=False)
    apply_clicks = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        # Besides the list's order, two covering indexes for the board's grouped counts:
        # SQLite reads them instead of the table and groups without sorting (PostgreSQL
        # hashes its groups either way). Figures in bench/README.md.
        indexes = [
            models.Index(fields=["-published_at", "-id"], name="careers_job_newest_first"),
            models.Index(
                fields=[
                    "workplace",
                    "specialty",
                    "employment_type",
                    "closes_on",
                    "hidden_at",
                    "published_at",
                    "yearly_salary_max",
                    "credentials",
                ],
                name="careers_job_counts",
            ),
            models.Index(
                fields=[
                    "credentials",
                    "closes_on",
                    "hidden_at",
                    "published_at",
                    "workplace",
                    "specialty",
                    "employment_type",
                    "yearly_salary_max",
                ],
                name="careers_job_credential_counts",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(salary_min__lte=models.F("salary_max")),
                name="careers_job_pay_range_in_order",
            ),
            models.CheckConstraint(
                condition=~models.Q(apply_url="", apply_email=""),
                name="careers_job_has_a_way_to_apply",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.derive_fields()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("careers:job", args=[self.pk, self.slug])

    def clean(self) -> None:
        """Rules across fields, for the employer's form and the admin alike."""
        errors = {}
        if self.salary_min and self.salary_max and self.salary_min > self.salary_max:
            errors["salary_max"] = "The top of the range is below its bottom."
        elif self.salary_period == PayPeriod.HOUR and (self.salary_max or 0) > MAX_HOURLY_RATE:
            errors["salary_period"] = "Over $500 an hour? For a yearly salary choose per year."
        elif self.salary_period == PayPeriod.YEAR and 0 < (self.salary_min or 0) < MIN_SALARY:
            errors["salary_period"] = "Under $1,000 a year? For an hourly rate choose per hour."
        if self.workplace == Workplace.REMOTE:
            if self.city or self.state:
                errors["city"] = "A remote job has no city or state: tick the states instead."
        else:
            if not self.city:
                errors["city"] = "Give the city of the workplace."
            if not self.state:
                errors["state"] = "Give the state of the workplace."
            if self.remote_states:
                errors["remote_states"] = "Only remote jobs list states to live in."
        if not self.apply_url and not self.apply_email:
            errors["apply_url"] = "Give a link to apply at, or an email address."
        elif self.apply_url and self.apply_email:
            errors["apply_email"] = "Give a link or an email address, not both."
        if errors:
            raise ValidationError(errors)

    def derive_fields(self) -> None:
        """Fill the fields computed from the others: once on save, not on every page view."""
        self.slug = slugify(self.title)[:80] or "job"
        self.yearly_salary_max = yearly_figure(self.salary_max, self.salary_period)

    def status(self, today: datetime.date | None = None) -> str:
        """ "hidden" (by staff), "waiting" (for approval), "closed" or "open"."""
        if self.hidden_at is not None:
            return "hidden"
        if self.published_at is None:
            return "waiting"
        return "closed" if self.closes_on < (today or site_today()) else "open"

    def is_open(self, today: datetime.date | None = None) -> bool:
        return self.status(today) == "open"

    def areas(self) -> list[str]:
        """The states the job can be done from ("" for anywhere in the US): see JobArea."""
        return areas_of(self.workplace, self.state, self.remote_states)

    @property
    def is_remote(self) -> bool:
        return self.workplace == Workplace.REMOTE

    @property
    def location_label(self) -> str:
        """ "Remote (US)", "Remote (US): Florida, Georgia", or "Tampa, FL (hybrid)"."""
        if self.is_remote:
            if not self.remote_states:
                return "Remote (US)"
            return "Remote (US): " + ", ".join(STATE_NAMES[state] for state in self.remote_states)
        place = f"{self.city}, {self.state}"
        return f"{place} (hybrid)" if self.workplace == Workplace.HYBRID else place

    @property
    def pay_label(self) -> str:
        """ "$24.00 to $30.00 per hour" or "$58,000 to $72,000 per year"."""
        money = "${:,.2f}" if self.salary_period == PayPeriod.HOUR else "${:,.0f}"
        low, high = money.format(self.salary_min), money.format(self.salary_max)
        figures = low if self.salary_min == self.salary_max else f"{low} to {high}"
        return f"{figures} {self.get_salary_period_display()}"

    @property
    def yearly_pay_label(self) -> str:
        """An hourly rate as a year's pay beside it, for comparing with salaries: "about
        $49,920 to $62,400 a year at 2,080 hours"; empty for a salary."""
        if self.salary_period != PayPeriod.HOUR:
            return ""
        low = yearly_figure(self.salary_min, self.salary_period)
        high = yearly_figure(self.salary_max, self.salary_period)
        figures = f"${low:,}" if low == high else f"${low:,} to ${high:,}"
        return f"about {figures} a year at {HOURS_PER_YEAR:,} hours"

    @property
    def credential_names(self) -> list[str]:
        return [f"{code}: {CREDENTIAL_NAMES[code]}" for code in self.credentials]


def areas_of(workplace: str, state: str, remote_states: list[str]) -> list[str]:
    """The states a job of this workplace, state and remote states can be done from."""
    if workplace == Workplace.REMOTE:
        return remote_states or [JobArea.ANYWHERE]
    return [state]


def yearly_figure(amount: Decimal | None, period: str) -> int:
    """A pay figure as a yearly amount in whole dollars (an hourly rate times 2,080 hours)."""
    if amount is None:
        return 0
    return int(amount * HOURS_PER_YEAR) if period == PayPeriod.HOUR else int(amount)


class JobDescription(models.Model):
    """A job's description, apart from the job so that the board's scans of jobs stay small."""

    job = models.OneToOneField(
        Job, on_delete=models.CASCADE, primary_key=True, related_name="description"
    )
    markdown = models.TextField(
        "description", max_length=10000, help_text="Plain text or markdown. No HTML."
    )
    html = models.TextField(editable=False)

    def __str__(self) -> str:
        return f"Description of job {self.job_id}"

    def save(self, *args, **kwargs):
        # Rendered and sanitised once on save, not on every page view.
        self.html = render_markdown(self.markdown)
        super().save(*args, **kwargs)


class JobArea(models.Model):
    """A state a job can be done from: where it is, or where a remote worker may live;
    "" for a remote job open anywhere in the US. The board's state filter and its counts
    read these rows."""

    ANYWHERE = ""

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="+")
    state = models.CharField(max_length=2, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["state", "job"], name="careers_area_once_per_job"),
        ]

    def __str__(self) -> str:
        return self.state or "anywhere in the US"


class JobWord(models.Model):
    """One word of a job's text (title, employer, place, specialty, credentials, description):
    the board's `q` finds jobs by the start of their words through this index."""

    # Indexed with the word (careers_job_words below), which serves lookups by job alone too.
    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="+", db_index=False)
    word = models.CharField(max_length=40)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["word", "job"], name="careers_word_once_per_job"),
        ]
        # With two query words PostgreSQL may check the second on each job matching the
        # first: this makes that an index-only probe, not a read of the job's ~60 word rows.
        indexes = [models.Index(fields=["job", "word"], name="careers_job_words")]

    def __str__(self) -> str:
        return self.word


class SavedJob(models.Model):
    """A job a seeker keeps on their saved list."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_jobs"
    )
    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="+")
    saved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-saved_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "job"], name="careers_job_saved_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user} saved {self.job_id}"


class SavedSearch(models.Model):
    """The board's filters a seeker saved, emailed as a daily digest of new matches."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    query = models.CharField(
        max_length=500,
        help_text='The filters as in the board\'s URL: "credential=CPC&remote=remote".',
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Jobs published up to this moment were considered by an earlier digest (or predate the
    # search): the next digest lists only jobs published after it.
    checked_until = models.DateTimeField(default=timezone.now)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "saved searches"
        constraints = [
            models.UniqueConstraint(fields=["user", "query"], name="careers_search_saved_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.query or 'all jobs'}"

    @property
    def is_subscribed(self) -> bool:
        return self.unsubscribed_at is None
