"""What every importer shares, whatever app it fills (lookup/importers, fees/importers).

- errors.ImportFileError(path, line, field, message): the one error for a file the
  importer cannot trust; the import stops, its transaction rolls back, the command prints
  "<file>, line <n>, field <name>: <message>. Nothing was imported."
- reading: read_table (CSV, or TSV with delimiter="\\t", by header name; rows carry the
  physical line they start on), read_fixed_width (records sliced by position), read_lines
  (raw lines), parse_date (YYYYMMDD). Lines end at "\\n" or "\\r\\n" only; a file named
  *.xz is decompressed first.
- syncing.sync_rows: make a table hold exactly the rows a file gives, writing only changes.
- xml_tree.read_xml: an XML tree whose elements carry their line, for errors that name it.
- progress.Progress: the progress bar, drawn on a terminal only.
- command.ImportCommand: the body of an import_* management command.
"""
