"""The board's filters: read from GET parameters, applied to jobs, written back as a URL.

The same parameters drive the list page, its Atom feed and saved searches, so a filtered
URL is shareable and a saved search is just its query string.
"""

import datetime
from collections.abc import Collection
from dataclasses import asdict, dataclass, fields, replace

from django import forms
from django.db.models import Q, QuerySet
from django.forms.utils import flatatt
from django.http import QueryDict
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode

from core.states import STATE_NAMES

from .choices import STATE_CHOICES, Credential, EmploymentType, Specialty, Workplace
from .fields import stored_value
from .models import JobArea
from .words import has_words_starting, query_words

# Words of `q` beyond this many are ignored: each is one more condition on every query.
MAX_WORDS = 8
# The state filter's value for remote jobs open to residents of every state: such a job is
# counted here, never under each state (it would add the same jobs to every state's count).
NATIONWIDE = "US"
NATIONWIDE_LABEL = "Remote, anywhere in the US"
POSTED_WITHIN = [("1", "Last 24 hours"), ("7", "Last 7 days"), ("30", "Last 30 days")]
SORTS = [("", "Newest first"), ("pay", "Highest pay first")]


@dataclass(frozen=True)
class JobFilters:
    """What a seeker asked for; empty values mean "any"."""

    q: str = ""
    credential: str = ""
    remote: str = ""
    state: str = ""
    specialty: str = ""
    type: str = ""
    min_salary: int | None = None
    posted: str = ""  # days: one of POSTED_WITHIN
    sort: str = ""  # one of SORTS; not a filter, so never among the labels

    @property
    def words(self) -> list[str]:
        return query_words(self.q)[:MAX_WORDS]

    def query_string(self) -> str:
        """The filters as URL parameters, in a fixed order, leaving out the empty ones."""
        return urlencode([(name, value) for name, value in asdict(self).items() if value])

    def labels(self) -> list[tuple[str, str]]:
        """(parameter, label) of each filter in use: ("state", "Florida")."""
        labels = {
            "credential": self.credential,
            "remote": Workplace(self.remote).label if self.remote else "",
            "state": NATIONWIDE_LABEL
            if self.state == NATIONWIDE
            else STATE_NAMES.get(self.state, ""),
            "specialty": Specialty(self.specialty).label if self.specialty else "",
            "type": EmploymentType(self.type).label if self.type else "",
            "min_salary": f"${self.min_salary:,}+ a year" if self.min_salary else "",
            "posted": f"Posted in the {dict(POSTED_WITHIN)[self.posted].lower()}"
            if self.posted
            else "",
            "q": f"“{self.q}”" if self.q else "",
        }
        return [(name, label) for name, label in labels.items() if label]

    def describe(self) -> str:
        """A short name for the search: "CPC · Remote · Florida · “auditor”"."""
        return " · ".join(label for _, label in self.labels()) or "All jobs"

    def without(self, name: str) -> "JobFilters":
        """The same filters with `name` back to "any"."""
        return replace(self, **{name: JobFilters.__dataclass_fields__[name].default})


FACETS = ["credential", "remote", "state", "specialty", "type"]


class QuickSelect(forms.Select):
    """A select written in Python, with the markup of Django's template: the board's selects
    hold about 90 options, and a template per option was most of the page's render time."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option["value"], flatatt(option["attrs"]), option["label"])
                for _, group, _ in widget["optgroups"]
                for option in group
            ),
        )
        return format_html(
            '<select name="{}"{}>{}</select>', widget["name"], flatatt(widget["attrs"]), options
        )


def with_any(choices) -> list[tuple[str, str]]:
    return [("", "Any"), *choices]


class JobSearchForm(forms.Form):
    """The board's filter form; its field names are the URL's parameters."""

    q = forms.CharField(label="Words", max_length=100, required=False)
    credential = forms.ChoiceField(
        choices=with_any(Credential.choices), required=False, widget=QuickSelect
    )
    remote = forms.ChoiceField(
        label="Workplace", choices=with_any(Workplace.choices), required=False, widget=QuickSelect
    )
    state = forms.ChoiceField(
        label="State",
        choices=with_any([(NATIONWIDE, NATIONWIDE_LABEL), *STATE_CHOICES]),
        required=False,
        widget=QuickSelect,
        help_text="A state lists the jobs there and remote jobs for its residents only.",
    )
    specialty = forms.ChoiceField(
        choices=with_any(Specialty.choices), required=False, widget=QuickSelect
    )
    type = forms.ChoiceField(
        label="Job type",
        choices=with_any(EmploymentType.choices),
        required=False,
        widget=QuickSelect,
    )
    min_salary = forms.IntegerField(
        label="Pays at least (a year)",
        min_value=0,
        max_value=1_000_000,
        required=False,
        help_text="Dollars a year; hourly pay counts as 2,080 hours.",
    )
    posted = forms.ChoiceField(
        label="Posted",
        choices=[("", "Any time"), *POSTED_WITHIN],
        required=False,
        widget=QuickSelect,
    )
    sort = forms.ChoiceField(label="Sort", choices=SORTS, required=False, widget=QuickSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, label_suffix="", **kwargs)

    def filters(self) -> JobFilters:
        """The filters whose values are valid (call after is_valid); the others are "any"."""
        return JobFilters(
            **{
                field.name: self.cleaned_data.get(field.name) or field.default
                for field in fields(JobFilters)
            }
        )

    def label_with_counts(self, counts: dict[str, dict[str, int]]) -> None:
        """Show how many open jobs each value would list, beside it: "CPC (412)"."""
        for facet in FACETS:
            field = self.fields[facet]
            field.choices = [
                (value, label if not value else f"{label} ({counts[facet].get(value, 0):,})")
                for value, label in field.choices
            ]


def filters_from_query(query: str) -> JobFilters:
    """The filters a saved query string holds; values no longer valid are dropped."""
    form = JobSearchForm(QueryDict(query))
    form.is_valid()
    return form.filters()


def state_condition(state: str) -> Q:
    """Jobs tied to `state`: located there, or remote and open to residents of a few states
    including it; NATIONWIDE: remote jobs open to residents of every state."""
    areas = JobArea.objects.filter(state=JobArea.ANYWHERE if state == NATIONWIDE else state)
    return Q(pk__in=areas.values("job_id"))


def filter_jobs(
    jobs: QuerySet, filters: JobFilters, skip: Collection[str] = (), *, counting: bool = False
) -> QuerySet:
    """`jobs` narrowed by every filter but those in `skip` (facets whose values are counted);
    `counting`: every match is read (a count), not the first page."""
    if filters.words:
        jobs = jobs.filter(has_words_starting(filters.words, counting=counting))
    if filters.min_salary:
        jobs = jobs.filter(yearly_salary_max__gte=filters.min_salary)
    if filters.posted:
        since = timezone.now() - datetime.timedelta(days=int(filters.posted))
        jobs = jobs.filter(published_at__gte=since)
    if filters.credential and "credential" not in skip:
        jobs = jobs.filter(credentials__contains=stored_value(filters.credential))
    if filters.remote and "remote" not in skip:
        jobs = jobs.filter(workplace=filters.remote)
    if filters.state and "state" not in skip:
        jobs = jobs.filter(state_condition(filters.state))
    if filters.specialty and "specialty" not in skip:
        jobs = jobs.filter(specialty=filters.specialty)
    if filters.type and "type" not in skip:
        jobs = jobs.filter(employment_type=filters.type)
    return jobs
