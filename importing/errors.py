"""The one error every importer raises for a file it cannot trust."""

from pathlib import Path


class ImportFileError(Exception):
    """A file the importer cannot read: the message names the file, the line and the field.

    `line` is the physical line of the file (1 for the first), None for the file as a whole;
    `field_name` is the column, the record position or the XML element, None for the file.
    The import command prints it as is, followed by "Nothing was imported.".
    """

    def __init__(self, path: Path | str, line: int | None, field_name: str | None, message: str):
        self.path, self.line, self.field_name = str(path), line, field_name
        where = self.path
        if line:
            where += f", line {line:,}"
        if field_name:
            where += f", field {field_name}"
        super().__init__(f"{where}: {message}")
