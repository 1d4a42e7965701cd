"""Markdown written by editors, rendered to HTML that is safe to put on a page."""

import re

import markdown as markdown_library
import nh3

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "dd", "dl", "dt", "em", "h3", "h4", "h5", "hr",
    "li", "ol", "p", "pre", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr",
    "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"align"}, "td": {"align"}}
# A table cell holding one number, amount or percentage (bold or not): "2.27", "$1,687.37",
# "**8.23**", "150%". Such cells are marked so that the stylesheet aligns them right.
NUMBER_CELL = re.compile(
    r"<td>(\s*(<(strong|em)>)?\s*[-+]?\$?\d[\d,]*(\.\d+)?\s*%?\s*(</\3>)?\s*)</td>"
)


def render_markdown(text: str) -> str:
    """Render markdown to HTML and strip anything that could run script or restyle the page;
    numbers in tables are marked for right alignment (after cleaning, so only we add it)."""
    if not text or text.isspace():
        return ""  # building the parser costs a millisecond: a bulk reindex of blank text paid it
    html = markdown_library.markdown(text, extensions=["tables", "sane_lists"])
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return NUMBER_CELL.sub(r'<td class="num">\1</td>', cleaned)
