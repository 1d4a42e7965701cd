from django import forms
from django.conf import settings

from .intake import QuestionRefused, checked_question

QUESTION_HELP = (
    "Ask about the coding, never about a patient: no names, dates of birth, record numbers or "
    "contact details."
)


class QuestionField(forms.CharField):
    """A question, checked as every question is (length, readable, no patient identifiers)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(
            widget=forms.Textarea(attrs={"rows": 6}),
            max_length=settings.CONSULTANT_MAX_QUESTION_CHARACTERS,
            help_text=QUESTION_HELP,
            **kwargs,
        )

    def clean(self, value):
        value = super().clean(value)
        try:
            return checked_question(value)
        except QuestionRefused as refusal:
            raise forms.ValidationError(refusal.reason) from refusal


class AskForm(forms.Form):
    subject = forms.CharField(
        label="Subject (optional)", max_length=200, required=False, help_text=QUESTION_HELP
    )
    question = QuestionField(label="Your question")
    wants_person = forms.BooleanField(
        label="I would like a consultant to answer, not only CasePilot", required=False
    )

    def clean_subject(self) -> str:
        subject = self.cleaned_data["subject"].strip()
        if subject:
            try:
                checked_question(subject)
            except QuestionRefused as refusal:
                raise forms.ValidationError(refusal.reason) from refusal
        return subject


class ReplyForm(forms.Form):
    question = QuestionField(label="Your reply")
    wants_person = forms.BooleanField(label="I would like a consultant to answer", required=False)


class AnswerForm(forms.Form):
    """A consultant's answer, in markdown, quoting any of CasePilot's citations."""

    body = forms.CharField(
        label="Your answer (markdown)",
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=20_000,
        help_text="Links, lists, tables and emphasis are kept; anything else is removed.",
    )
    quotes = forms.MultipleChoiceField(
        label="Quote CasePilot's citations",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, draft: dict | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        sources = (draft or {}).get("sources", [])
        self.fields["quotes"].choices = [
            (source["url"], f"[{source['number']}] {source['code']}: {source['title']}")
            for source in sources
        ]


class TryInboundForm(forms.Form):
    """Development only: an email as a provider's webhook would deliver it."""

    sender = forms.EmailField(label="From")
    to = forms.CharField(
        label="To", help_text="The consultant address, or a thread's reply address."
    )
    subject = forms.CharField(max_length=200, required=False)
    text = forms.CharField(label="Body", widget=forms.Textarea(attrs={"rows": 8}))
