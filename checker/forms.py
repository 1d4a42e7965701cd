from django import forms
from django.core.validators import ProhibitNullCharactersValidator

from lookup.date_of_service import parse_date_of_service

from .checking import MAX_ROWS, Row, read_rows

MAX_UPLOAD_BYTES = 256 * 1024


def decoded(data: bytes) -> str:
    """An uploaded file's text: UTF-8 (with or without a byte order mark) or Windows-1252."""
    if b"\x00" in data:
        raise forms.ValidationError("That file is not text: upload a .csv or .txt file.")
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise forms.ValidationError("That file's text could not be read.")  # latin-1 always reads


class CheckForm(forms.Form):
    """Codes pasted or uploaded, one per line, each with an optional date of service."""

    codes = forms.CharField(
        label="Codes",
        required=False,
        max_length=MAX_ROWS * 100,
        widget=forms.Textarea(attrs={"rows": 10, "spellcheck": "false"}),
        help_text="One code per line, optionally followed by its date of service: "
        "E11.9, 2023-05-01",
    )
    upload = forms.FileField(
        label="Or upload a file",
        required=False,
        help_text="A .csv or .txt file in the same layout, up to 256 KB.",
    )
    date_of_service = forms.CharField(
        label="Date of service for rows without one",
        required=False,
        max_length=40,
        help_text="Leave empty for today.",
        widget=forms.TextInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A stray control character is a bad row, reported on its row (checking.read_rows).
        codes = self.fields["codes"]
        codes.validators = [
            each
            for each in codes.validators
            if not isinstance(each, ProhibitNullCharactersValidator)
        ]

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload is None:
            return ""
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("That file is over 256 KB: split it into smaller ones.")
        return decoded(upload.read())

    def clean_date_of_service(self):
        raw = self.cleaned_data.get("date_of_service", "").strip()
        if not raw:
            return None
        try:
            return parse_date_of_service(raw)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None

    def clean(self):
        cleaned = super().clean()
        text = cleaned.get("upload") or cleaned.get("codes") or ""
        if "codes" in self.errors or "upload" in self.errors:
            return cleaned
        rows: list[Row] = read_rows(text)
        if not rows:
            raise forms.ValidationError("Paste some codes or upload a file of them.")
        if len(rows) > MAX_ROWS:
            raise forms.ValidationError(
                f"At most {MAX_ROWS:,} rows at a time: this has {len(rows):,}. "
                "Split it and check each part."
            )
        cleaned["text"], cleaned["rows"] = text, rows
        return cleaned
