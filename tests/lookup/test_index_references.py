"""How the index importer follows "see" references (lookup/importers/icd10cm_index_tree.py)."""

from lookup.importers.icd10cm_index_tree import IndexNode, References


def term(title: str, *children: IndexNode, code: str = "", see: str = "") -> IndexNode:
    return IndexNode(
        title, line=1, see=see, codes=[("", code)] if code else [], children=list(children)
    )


def test_a_reference_to_a_term_that_is_itself_a_reference_is_followed():
    # The FY2025 index: Fracture, traumatic > hip, see Fracture, femur, neck, which is
    # itself "see Fracture, femur, upper end, neck".
    fracture = term(
        "Fracture, traumatic",
        term(
            "femur, femoral",
            term("neck", see="Fracture, femur, upper end, neck"),
            term("upper end", term("neck", code="S72.00-")),
        ),
    )
    assert References([fracture]).find("Fracture, femur, neck") == [("", "S72.00-")]


def test_nec_in_a_title_does_not_hide_it_from_a_reference():
    dependence = term("Dependence", term("drug NEC", term("nicotine", code="F17.200")))
    assert References([dependence]).find("Dependence, drug, nicotine") == [("", "F17.200")]


def test_a_left_out_subterm_is_read_through_the_largest_branch_unless_the_reader_chooses():
    diabetes = term(
        "Diabetes, diabetic",
        term("type 1", term("retinopathy", code="E10.319")),
        term(
            "type 2",
            term("nephropathy", code="E11.21"),
            term("neuropathy", code="E11.40"),
            term("retinopathy", code="E11.319"),
        ),
    )
    references = References([diabetes])
    assert references.find("Diabetes, retinopathy") == [("", "E11.319")]
    # "by type": the coder picks the branch, so the importer does not.
    assert references.find("Diabetes, by type, retinopathy") is None
    assert references.unresolved == 1
