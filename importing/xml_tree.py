"""Reading XML import files into a small tree whose elements know their line.

ElementTree keeps no line numbers (lxml's `sourceline` does, but lxml is not a dependency),
so errors could not name a line. `read_xml` builds the tree with SAX instead; an importer
names a bad element with `ImportFileError(path, element.line, element.tag, message)`.
"""

import io
import xml.sax
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ImportFileError
from .reading import read_bytes


@dataclass
class Element:
    """An XML element: tag, attributes, the line it starts on, children and text."""

    tag: str
    attributes: dict[str, str]
    line: int
    children: list["Element"] = field(default_factory=list)
    text: str = ""

    def child_text(self, tag: str) -> str | None:
        """The text of the first child named `tag`, spaces collapsed; None if there is none."""
        for child in self.children:
            if child.tag == tag:
                return " ".join(child.text.split())
        return None

    def all(self, tag: str) -> list["Element"]:
        """The children named `tag`, in document order."""
        return [child for child in self.children if child.tag == tag]


class TreeBuilder(xml.sax.ContentHandler):
    def __init__(self):
        super().__init__()
        self.stack: list[Element] = []
        self.root: Element | None = None
        self.locator = None

    def setDocumentLocator(self, locator):
        self.locator = locator

    def startElement(self, name, attributes):
        element = Element(name, dict(attributes), self.locator.getLineNumber())
        if self.stack:
            self.stack[-1].children.append(element)
        else:
            self.root = element
        self.stack.append(element)

    def endElement(self, name):
        self.stack.pop()

    def characters(self, content):
        if self.stack:
            self.stack[-1].text += content


def read_xml(path: Path, root_tag: str) -> Element:
    """The file's root element (decompressed if .xz); refuses a file that is not well-formed
    or whose root is not `root_tag`. External entities are not fetched (the SAX default)."""
    builder = TreeBuilder()
    source = io.BytesIO(read_bytes(path))
    try:
        xml.sax.parse(source, builder)
    except xml.sax.SAXParseException as error:
        raise ImportFileError(
            path, error.getLineNumber(), None, f"not well-formed XML ({error.getMessage()})"
        ) from error
    if builder.root is None or builder.root.tag != root_tag:
        found = builder.root.tag if builder.root else "nothing"
        raise ImportFileError(path, 1, root_tag, f"the root element is <{found}>")
    return builder.root
