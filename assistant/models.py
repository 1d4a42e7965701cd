"""CasePilot's section index: one row per readable part of a code page, kept current by signals."""

from django.db import models

from lookup.models import Code, Section

# Parts of a code page that are not Section rows, named by their anchor on the page.
DESCRIPTOR_KIND = "descriptor"
DESCRIPTION_KIND = "description"
PAGE_PART_ANCHORS = {DESCRIPTOR_KIND: "official-heading", DESCRIPTION_KIND: "plain-heading"}
PAGE_PART_TITLES = {
    DESCRIPTOR_KIND: "Official descriptor",
    DESCRIPTION_KIND: "Plain-language description",
}


class IndexedSection(models.Model):
    """A code page part as plain text, with the gate and anchor its citation needs.

    Full-text search columns live outside the ORM (an FTS5 table on SQLite, a generated
    tsvector with a GIN index on PostgreSQL): see migration 0002 and assistant/fulltext.py.
    """

    code = models.ForeignKey(Code, on_delete=models.CASCADE, related_name="+")
    section = models.ForeignKey(
        Section, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=20, help_text="A section kind, descriptor or description.")
    anchor = models.CharField(max_length=40)
    title = models.CharField(max_length=120)
    gated = models.BooleanField()
    position = models.PositiveSmallIntegerField(default=0)
    text = models.TextField(help_text="Plain text, one block (paragraph, item, row) per line.")
    content_hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["code", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["code", "kind"], name="one_index_row_per_page_part"),
        ]
        indexes = [models.Index(fields=["kind"])]

    def __str__(self) -> str:
        return f"{self.code_id} {self.kind}"

    @property
    def is_page_part(self) -> bool:
        """Descriptor, description and fact rows (fees, MS-DRG, history...) stand for parts of
        the page that are not Section rows: their gate is the row's own."""
        return self.section_id is None
