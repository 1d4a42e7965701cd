"""The shared readers: physical line numbers, lines split at \\n and \\r\\n only, tables by
header name, and errors that name file, line and field."""

from datetime import date

import pytest

from importing.errors import ImportFileError
from importing.reading import (
    parse_date,
    read_fixed_width,
    read_lines,
    read_records,
    read_table,
)


def write(tmp_path, name: str, content: str | bytes):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")
    return path


def test_csv_records_carry_the_line_they_start_on_after_a_quoted_line_break(tmp_path):
    path = write(tmp_path, "notes.csv", 'code,note\r\nA,"two\r\nlines"\r\nB,one line\r\n')

    records = list(read_records(path))

    assert records == [(1, ["code", "note"]), (2, ["A", "two\r\nlines"]), (4, ["B", "one line"])]


def test_lines_split_only_at_line_feeds(tmp_path):
    path = write(tmp_path, "raw.txt", "one\x85still one\rstill one\x0cstill one\r\ntwo\n\nfour")

    assert list(read_lines(path)) == [
        (1, "one\x85still one\rstill one\x0cstill one"),
        (2, "two"),
        (3, ""),
        (4, "four"),
    ]


def test_a_lone_carriage_return_in_an_unquoted_csv_cell_names_its_line(tmp_path):
    path = write(tmp_path, "odd.csv", "code,note\nA,fine\nB,broken\rcell\n")

    with pytest.raises(ImportFileError, match=r"odd\.csv, line 3: not readable as CSV"):
        list(read_records(path))


def test_tsv_is_read_by_header_name_with_quotes_as_text(tmp_path):
    path = write(tmp_path, "hcc.tsv", 'code\tmodel\thcc\n\nA01.04\tV28\t92\nB20\tV24\t"1"\n')

    table = read_table(path, delimiter="\t")

    assert [(row.line, row.text("code"), row.text("HCC")) for row in table.rows] == [
        (3, "A01.04", "92"),
        (4, "B20", '"1"'),
    ]


def test_a_missing_column_names_the_header_line(tmp_path):
    path = write(tmp_path, "hcc.tsv", "code\tmodel\nA01.04\tV28\n")

    with pytest.raises(
        ImportFileError, match=r"hcc\.tsv, line 1, field header: no column named 'hcc'"
    ):
        read_table(path, delimiter="\t").column("hcc")


def test_an_empty_required_cell_names_line_and_field(tmp_path):
    path = write(tmp_path, "hcc.tsv", "code\tmodel\nA01.04\tV28\n\t\nB20\t\n")
    row = read_table(path, delimiter="\t").rows[-1]

    with pytest.raises(ImportFileError, match=r"hcc\.tsv, line 4, field model: is empty"):
        row.text("model")


def test_title_lines_above_the_header_give_the_title(tmp_path):
    path = write(
        tmp_path, "gpci.csv", "ADDENDUM E. CY 2026 GPCIs,,\n,,\nState,Number,Name\nNY,01,X\n"
    )

    table = read_table(path, header_starts="State")

    assert (table.title, table.header_line, table.names) == (
        "ADDENDUM E. CY 2026 GPCIs",
        3,
        ["State", "Number", "Name"],
    )
    assert table.column("number") == "Number"


def test_windows_1252_text_is_read_when_it_is_not_utf8(tmp_path):
    path = write(tmp_path, "cms.csv", "code,note\r\nA,café …\r\n".encode("cp1252"))

    assert read_table(path).rows[0].text("note") == "café …"


def test_a_byte_no_encoding_reads_names_its_line(tmp_path):
    path = write(tmp_path, "bad.csv", b"code\nA\nB\x81\n")

    with pytest.raises(ImportFileError, match=r"bad\.csv, line 3: byte 0x81 is not text"):
        read_table(path)


def test_fixed_width_records_are_padded_and_a_longer_line_is_refused(tmp_path):
    path = write(tmp_path, "fixed.txt", b"AB\r\n\r\nABCD  \r\nABCDEF\r\n")

    with pytest.raises(ImportFileError, match=r"fixed\.txt, line 4, field record: is 6 characters"):
        for number, record in read_fixed_width(path, 4):
            assert (number, record) in [(1, "AB  "), (3, "ABCD")]


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(ImportFileError, match=r"missing\.csv: No such file or directory"):
        read_table(tmp_path / "missing.csv")


@pytest.mark.parametrize("raw", ["2021123", "202112311", "2021-12-3", "20211331"])
def test_a_malformed_date_names_line_and_field(raw):
    with pytest.raises(ImportFileError, match=rf"f\.txt, line 7, field end date: '{raw}' is not"):
        parse_date(raw, "f.txt", 7, "end date")


def test_a_date_is_read_and_a_blank_one_is_none():
    assert parse_date("20260101", "f.txt", 1, "d") == date(2026, 1, 1)
    assert parse_date("        ", "f.txt", 1, "d") is None


def test_xz_files_are_read_decompressed_with_their_line_numbers(tmp_path):
    import lzma

    from importing.xml_tree import read_xml

    table = write(tmp_path, "index.csv.xz", lzma.compress(b"code,term\nN20.0,kidney\n"))
    tree = write(tmp_path, "index.xml.xz", lzma.compress(b"<root>\n<term>kidney</term>\n</root>"))

    assert list(read_records(table)) == [(1, ["code", "term"]), (2, ["N20.0", "kidney"])]
    assert read_xml(tree, "root").all("term")[0].line == 2


def test_a_damaged_xz_file_is_refused_by_name(tmp_path):
    path = write(tmp_path, "index.csv.xz", b"not xz at all")

    with pytest.raises(ImportFileError, match=r"index\.csv\.xz: not a readable \.xz file"):
        list(read_records(path))


def test_a_data_file_is_found_compressed_or_not_and_must_be_alone(tmp_path):
    from importing.reading import data_file

    write(tmp_path, "hcc_2026.tsv.xz", b"")
    assert data_file(tmp_path, "hcc_[0-9][0-9][0-9][0-9].tsv").name == "hcc_2026.tsv.xz"
    write(tmp_path, "hcc_2027.tsv", "")
    with pytest.raises(ImportFileError, match=r"found hcc_2026\.tsv\.xz, hcc_2027\.tsv"):
        data_file(tmp_path, "hcc_[0-9][0-9][0-9][0-9].tsv")
