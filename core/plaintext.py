"""Turn HTML into plain-text blocks: paragraphs, list items, table rows.

Sections' sanitised HTML feeds CasePilot's index; inbound HTML email (CaseConsultant) is read
the same way, so its layout tags make blocks too and its styles and scripts are skipped.
"""

from html.parser import HTMLParser

BLOCK_TAGS = {
    "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "dt", "dd", "pre", "div",
}  # fmt: skip
SKIPPED_TAGS = {"head", "script", "style", "title"}


class _BlockCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.header: list[str] = []
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.in_head = False
        self.skipping = 0

    def flush(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.blocks.append(text)
        self.current = []

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED_TAGS:
            self.skipping += 1
        elif tag in BLOCK_TAGS or tag == "br":
            self.flush()
        elif tag == "thead":
            self.in_head = True
        elif tag == "tr":
            self.flush()
            self.row = []
        elif tag in {"td", "th"}:
            self.cell = []

    def handle_endtag(self, tag):
        if tag in SKIPPED_TAGS:
            self.skipping = max(self.skipping - 1, 0)
        elif tag in BLOCK_TAGS:
            self.flush()
        elif tag == "thead":
            self.in_head = False
        elif tag in {"td", "th"} and self.cell is not None and self.row is not None:
            self.row.append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "tr" and self.row is not None:
            if self.in_head:
                self.header = self.row
            elif any(self.row):
                self.blocks.append(table_row_sentence(self.header, self.row))
            self.row = None

    def handle_data(self, data):
        if self.skipping:
            return
        if self.cell is not None:
            self.cell.append(data)
        else:
            self.current.append(data)


def table_row_sentence(header: list[str], row: list[str]) -> str:
    """A table row read aloud: "Total RVU: Non-facility (office) 8.23; Facility 4.72."."""
    label, values = row[0], row[1:]
    if len(values) == 1:
        text = f"{label}: {values[0]}"
    else:
        labels = header[1:] if len(header) == len(row) else [""] * len(values)
        text = f"{label}: " + "; ".join(
            f"{name} {value}".strip() for name, value in zip(labels, values, strict=True)
        )
    return text if text.endswith((".", "?", "!")) else f"{text}."


def html_to_blocks(html: str) -> list[str]:
    """The text of `html` as blocks, in page order; markup and entities resolved."""
    collector = _BlockCollector()
    collector.feed(html or "")
    collector.close()
    collector.flush()
    return collector.blocks
