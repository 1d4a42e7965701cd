"""The Alphabetic Index files read into trees of terms, and the terms "see" references name.

The Index to Diseases and Injuries comes flattened to CSV (one row per term, with its level);
the Neoplasm Table and the External Cause Index come as CDC XML (ICD10CM.index). Both are
read with the shared readers of `importing`, so an error names the file, the line and the
field, and .xz files are read decompressed.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from importing.errors import ImportFileError
from importing.reading import read_records
from importing.xml_tree import Element, read_xml

MAIN_COLUMNS = ["RowID", "Letter", "Level", "Term", "See", "SeeAlso", "NonEssModif", "Code"]
# The Neoplasm Table's columns (its <indexHeading>), as a path component and its spellings.
NEOPLASM_COLUMNS = {
    "2": ("malignant, primary", ["malignant primary", "primary", "malignant"]),
    "3": ("malignant, secondary", ["malignant secondary", "secondary", "metastatic"]),
    "4": ("carcinoma in situ", ["carcinoma in situ", "in situ"]),
    "5": ("benign", ["benign"]),
    "6": ("uncertain behavior", ["uncertain behavior", "uncertain"]),
    "7": ("unspecified behavior", ["unspecified behavior", "unspecified"]),
}
INDEX_CODE = re.compile(r"[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{0,4})?-?")
WORD = re.compile(r"[^\W_]+")


@dataclass
class IndexNode:
    """A main term or subterm as the index prints it, with the codes it leads to."""

    title: str
    line: int
    modifiers: str = ""
    see: str = ""
    see_also: str = ""
    # (column label or "", code as written): one code, or one per Neoplasm Table column.
    codes: list[tuple[str, str]] = field(default_factory=list)
    children: list["IndexNode"] = field(default_factory=list)


def normalised(text: str) -> str:
    """A title or reference part as compared: lower case, no parentheses, single spaces."""
    return " ".join(WORD.findall(re.sub(r"\([^)]*\)", " ", text).lower()))


def read_main_index(path: Path) -> list[IndexNode]:
    """The flattened Index to Diseases and Injuries: main terms with their subterm trees."""
    roots: list[IndexNode] = []
    stack: list[IndexNode] = []
    records = read_records(path)
    first = next(records, None)
    if first is None or first[1] != MAIN_COLUMNS:
        raise ImportFileError(path, 1, "header", f"expected {', '.join(MAIN_COLUMNS)}")
    for line, values in records:
        if not values:
            continue
        if len(values) != len(MAIN_COLUMNS):
            raise ImportFileError(path, line, "columns", f"{len(values)} columns, expected 8")
        row = dict(zip(MAIN_COLUMNS, values, strict=True))
        if not row["Level"].isdigit():
            raise ImportFileError(path, line, "Level", f"{row['Level']!r} is not a number")
        level = int(row["Level"])
        if level > len(stack):
            raise ImportFileError(path, line, "Level", f"{level} skips a level")
        code = row["Code"].strip()
        if code and not INDEX_CODE.fullmatch(code):
            raise ImportFileError(path, line, "Code", f"{code!r} is not an ICD-10-CM code")
        # A few terms are only a modifier ("(somatoform)"): it is their title.
        title, modifiers = row["Term"].strip(), row["NonEssModif"].strip()
        if not title:
            title, modifiers = modifiers, ""
        if not title:
            raise ImportFileError(path, line, "Term", "is empty")
        node = IndexNode(
            title=title,
            line=line,
            modifiers=modifiers,
            see=row["See"].strip(),
            see_also=row["SeeAlso"].strip(),
            codes=[("", code)] if code else [],
        )
        del stack[level:]
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    return roots


def read_xml_index(path: Path, cell_columns: dict | None) -> list[IndexNode]:
    """The Neoplasm Table or the External Cause Index (CDC ICD10CM.index XML)."""
    root = read_xml(path, "ICD10CM.index")

    def node_of(element: Element) -> IndexNode:
        title = next((child for child in element.children if child.tag == "title"), None)
        if title is None:
            raise ImportFileError(path, element.line, "title", f"<{element.tag}> has no title")
        node = IndexNode(
            title=" ".join(title.text.split()),
            line=element.line,
            modifiers=title.child_text("nemod") or "",
            see=element.child_text("see") or "",
            see_also=element.child_text("seeAlso") or "",
        )
        code = element.child_text("code")
        if code:
            node.codes.append(("", code))
        for cell in element.all("cell"):
            column = cell.attributes.get("col", "")
            value = " ".join(cell.text.split())
            if cell_columns is not None and column in cell_columns and value not in ("", "-"):
                node.codes.append((column, value))
        for value in [code or "", *(value for _, value in node.codes)]:
            if value and not INDEX_CODE.fullmatch(value):
                raise ImportFileError(path, element.line, "code", f"{value!r} is not a code")
        node.children = [node_of(child) for child in element.all("term")]
        return node

    return [node_of(main) for letter in root.all("letter") for main in letter.all("mainTerm")]


class References:
    """Finds the codes a "see" reference names: "Calculus, bile duct, with cholecystitis",
    "Neoplasm, connective tissue, benign" (a Neoplasm Table column)."""

    def __init__(self, roots: list[IndexNode]):
        self.main_terms: dict[str, list[IndexNode]] = {}
        for root in roots:  # by the whole title and by each of its spellings
            for key in {reference_key(root.title), *map(reference_key, root.title.split(","))}:
                self.main_terms.setdefault(key, []).append(root)
        self.unresolved = 0
        self.skipping = True

    def find(self, reference: str, hops: int = 0) -> list[tuple[str, str]] | None:
        """The codes (column, code) of the term `reference` names, or None."""
        parts = [reference_key(part) for part in reference.split(",")]
        # "by site", "by type": instructions to the reader, not terms; the reader then
        # chooses the branch, so none is chosen for them (skipping is off).
        self.skipping = not any(part.startswith("by ") for part in parts)
        parts = [part for part in parts if part and not part.startswith("by ")]
        column = COLUMN_OF_LABEL.get(parts[-1]) if len(parts) > 1 else None
        if column:
            parts = parts[:-1]
        if len(parts) == 1 and " " in parts[0]:  # "Double uterus": Double > uterus
            first, rest = parts[0].split(" ", 1)
            attempts = [parts, [first, rest]]
        else:
            attempts = [parts]
        for attempt in attempts:
            node = self.locate(attempt)
            if node is not None and not node.codes and node.see and hops < 2:
                # The term named is itself a reference ("Fracture, femur, neck": see
                # Fracture, femur, upper end, neck): follow it.
                return self.find(node.see, hops + 1)
            if node is not None:
                return [(each, code) for each, code in node.codes if not column or each == column]
        self.unresolved += 1
        return None

    def locate(self, parts: list[str]) -> IndexNode | None:
        for length in range(len(parts), 0, -1):
            for root in self.main_terms.get(" ".join(parts[:length]), []):
                found = self.descend_skipping(root, parts[length:])
                if found is not None:
                    return found
        return None

    def descend(self, node: IndexNode, parts: list[str]) -> IndexNode | None:
        if not parts:
            return node
        wanted = parts[0]
        for child in node.children:
            title = reference_key(child.title)
            if title == wanted or wanted in {
                reference_key(part) for part in child.title.split(",")
            }:
                found = self.descend(child, parts[1:])
                if found is not None:
                    return found
            elif wanted.startswith(title + " "):  # "with cholecystitis" under "with"
                found = self.descend(child, [wanted[len(title) + 1 :], *parts[1:]])
                if found is not None:
                    return found
        return None

    def descend_skipping(self, node: IndexNode, parts: list[str]) -> IndexNode | None:
        """As `descend`, and where a reference leaves out the subterm the rest sits under
        ("see Fracture, femur, neck" for Fracture > traumatic > femur > neck), through the
        largest child branch that has the rest: the index's default reading."""
        found = self.descend(node, parts)
        if found is not None or not parts or not self.skipping:
            return found
        through = [
            (branch_size(child), found)
            for child in node.children
            if (found := self.descend(child, parts)) is not None
        ]
        return max(through, key=lambda pair: pair[0])[1] if through else None


def branch_size(node: IndexNode) -> int:
    """How many terms the branch holds, the node included."""
    return 1 + sum(branch_size(child) for child in node.children)


def reference_key(text: str) -> str:
    """A title or reference part as compared: words without parentheses, plural s or NEC
    ("drug NEC" is what "see Dependence, drug, nicotine" names)."""
    return " ".join(
        word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word
        for word in normalised(text).split()
        if word != "nec"
    )


COLUMN_OF_LABEL = {
    reference_key(spelling): column
    for column, (_, spellings) in NEOPLASM_COLUMNS.items()
    for spelling in spellings
}
