"""The employer's forms: profile and job. Every refusal is a message beside its field."""

import datetime
import re

from django import forms
from django.conf import settings
from django.db import models

from core.days import site_today

from .models import EmployerProfile, Job
from .services import last_closing_date

# Markup the description may not hold: it is plain text or markdown, rendered and sanitised.
HTML_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9-]*(\s[^>]*)?/?\s*>")
# A markdown link ([text](target), [label]: target, <target>) to a scheme that runs code.
SCRIPT_LINK = re.compile(r"(\]\(|\]:|<)\s*(javascript|vbscript|data)\s*:", re.IGNORECASE)


def https_links(model_field, **kwargs) -> forms.Field:
    """Form fields as the model says, with a link typed without a scheme read as https."""
    if isinstance(model_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return model_field.formfield(**kwargs)


class EmployerProfileForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, label_suffix="", **kwargs)

    class Meta:
        model = EmployerProfile
        formfield_callback = https_links
        fields = ["name", "website", "about"]
        widgets = {"about": forms.Textarea(attrs={"rows": 4})}


class JobForm(forms.ModelForm):
    # Kept apart from the job (JobDescription); saved with it by services.job_save.
    description = forms.CharField(
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="Plain text or markdown: paragraphs, lists, **bold**, links. No HTML.",
    )

    class Meta:
        model = Job
        formfield_callback = https_links
        fields = [
            "title",
            "workplace",
            "city",
            "state",
            "remote_states",
            "employment_type",
            "specialty",
            "credentials",
            "experience_years",
            "salary_min",
            "salary_max",
            "salary_period",
            "apply_url",
            "apply_email",
            "closes_on",
        ]
        widgets = {
            "workplace": forms.RadioSelect,
            "employment_type": forms.RadioSelect,
            "closes_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, label_suffix="", **kwargs)
        if self.instance.pk is None:
            self.initial["closes_on"] = self.initial.get("closes_on") or last_closing_date()
        else:
            self.initial.setdefault("description", self.instance.description.markdown)
        # Radio buttons need no "none chosen" entry: the form asks for one of them.
        for name in ["workplace", "employment_type"]:
            self.fields[name].choices = self.fields[name].choices[1:]
        self.order_fields(["title", "description"])
        self.fields["closes_on"].help_text = (
            f"The last day to apply, at most {last_closing_date():%B %-d, %Y}: the job is "
            f"listed until midnight {settings.SITE_TIME_ZONE_NAME} that day. A job runs up to "
            f"{settings.CAREERS_JOB_DAYS} days, and you can renew it."
        )

    def clean_description(self) -> str:
        description = self.cleaned_data["description"]
        tag = HTML_TAG.search(description)
        if tag:
            raise forms.ValidationError(
                f"Remove the HTML ({tag.group(0)[:40]}): write plain text or markdown."
            )
        if SCRIPT_LINK.search(description):
            raise forms.ValidationError("Links must start with https:// or http://.")
        return description

    def clean_closes_on(self) -> datetime.date:
        closes_on = self.cleaned_data["closes_on"]
        today = site_today()
        if closes_on < today:
            raise forms.ValidationError("That day has passed: choose today or a later day.")
        if closes_on > last_closing_date(today):
            raise forms.ValidationError(
                f"A job runs at most {settings.CAREERS_JOB_DAYS} days: choose "
                f"{last_closing_date(today):%B %-d, %Y} or earlier, and renew it later."
            )
        return closes_on
