from django import forms
from django.conf import settings

from .intake import QuestionRefused, checked_question

QUESTION_HELP = (
    "Ask about the coding, never about a patient: no names, dates of birth, record numbers or "
    "contact details."
)


class QuestionField(forms.CharField):
    def __init__(self, **kwargs) -> None:
        super().__init__(
            widget=forms.Textarea(attrs={"rows": 6}),
            max_length=settings.CONSULTANT_MAX_QUESTION_CHARACTERS,
            help_text=QUESTION_HELP,
            **kwargs,
        )


class QuestionForm(forms.Form):
    """A question, checked as every question is (length, readable, no patient identifiers).
    Refused for identifiers, it is shown again with them replaced, never as it was typed."""

    def full_clean(self) -> None:
        self.shown_instead: dict[str, str] = {}
        super().full_clean()
        if self.shown_instead:
            self.data = self.data.copy()
            for name, text in self.shown_instead.items():
                self.data[self.add_prefix(name)] = text

    def checked(self, name: str, text: str) -> str:
        try:
            return checked_question(text)
        except QuestionRefused as refusal:
            if refusal.phi:
                self.shown_instead[name] = refusal.redacted
            raise forms.ValidationError(refusal.reason) from refusal

    def clean_question(self) -> str:
        return self.checked("question", self.cleaned_data["question"])


class AskForm(QuestionForm):
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
            self.checked("subject", subject)
        return subject


class ReplyForm(QuestionForm):
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
