"""A model field holding several values of a fixed list (a job's credentials, its states)."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models


def stored_value(value: str) -> str:
    """How one value is spelled inside the column: `|CPC|`, for `__contains` lookups."""
    return f"|{value}|"


class ChoiceListField(models.CharField):
    """Values of `choices` kept in one column as "|CPC|CCS|" ("" for none).

    One value is found with `field__contains=stored_value("CPC")` on SQLite and PostgreSQL
    alike, and the list page counts values by grouping on the column, in one query.
    """

    def from_db_value(self, value, expression, connection) -> list[str]:
        return self.to_python(value)

    def to_python(self, value) -> list[str]:
        if isinstance(value, list):
            return value
        return value.strip("|").split("|") if value else []

    def get_prep_value(self, value) -> str:
        if isinstance(value, str):  # already in the stored form (a lookup's value)
            return value
        # In the list's order, so that equal sets are stored alike (and grouped together).
        order = {key: position for position, (key, _) in enumerate(self.choices)}
        ordered = sorted(value, key=lambda each: order.get(each, len(order)))
        return f"|{'|'.join(ordered)}|" if ordered else ""

    def validate(self, value, model_instance) -> None:
        allowed = {key for key, _ in self.choices}
        unknown = [each for each in value if each not in allowed]
        if unknown:
            raise ValidationError(f"Not in the list: {', '.join(unknown)}.", code="invalid_choice")
        if not value and not self.blank:
            raise ValidationError(self.error_messages["blank"], code="blank")

    def run_validators(self, value) -> None:
        super().run_validators(self.get_prep_value(value))

    def value_to_string(self, obj) -> str:
        return self.get_prep_value(self.value_from_object(obj))

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=self.choices,
            required=not self.blank,
            label=kwargs.get("label", self.verbose_name.capitalize()),
            help_text=self.help_text,
            widget=forms.CheckboxSelectMultiple,
        )
