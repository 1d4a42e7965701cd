"""The search dictionary: the shipped seed, its loader, and editors keeping it in the admin."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from lookup.models import SearchSynonym
from lookup.search.synonyms import SEED_FILE, expand_words, load_seed_synonyms, read_seed
from tests.conftest import make_user


@pytest.fixture
def editor(db):
    user = make_user("editor@example.org", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def test_the_seed_holds_a_few_hundred_entries_of_every_kind():
    entries = read_seed(SEED_FILE)
    assert len(entries) >= 300
    assert {kind for _, _, kind in entries} == set(SearchSynonym.Kind.values)
    meanings = {(term, expansion) for term, expansion, _ in entries}
    for pair in [
        ("ashd", "atherosclerotic heart disease"),
        ("gib", "gastrointestinal hemorrhage"),
        ("afo", "ankle foot orthosis"),
        ("arm", "upper limb"),
        ("mcl", "medial collateral ligament"),
        ("rt", "right"),
        ("lt", "left"),
        ("bilat", "bilateral"),
    ]:
        assert pair in meanings


def test_loading_the_seed_twice_adds_nothing_the_second_time(db):
    out = StringIO()
    call_command("load_search_synonyms", stdout=out)
    count = SearchSynonym.objects.count()
    assert f"{count} added" in out.getvalue()
    assert load_seed_synonyms() == (0, 0)
    assert SearchSynonym.objects.count() == count


def test_the_seed_never_overwrites_an_editors_change(client, editor):
    load_seed_synonyms()
    ashd = SearchSynonym.objects.get(term="ashd")
    client.force_login(editor)
    response = client.post(
        f"/admin/lookup/searchsynonym/{ashd.pk}/change/",
        {"term": "ashd", "expansion": "atherosclerotic heart disease native",
         "kind": "abbreviation", "enabled": ""},
    )  # fmt: skip
    assert response.status_code == 302
    load_seed_synonyms()
    entries = list(
        SearchSynonym.objects.filter(term="ashd").values_list("expansion", "enabled", "source")
    )
    assert entries == [("atherosclerotic heart disease native", False, "editor")]


def test_editors_add_entries_and_disable_seed_ones_but_cannot_delete_them(client, editor):
    load_seed_synonyms()
    client.force_login(editor)
    response = client.post(
        "/admin/lookup/searchsynonym/add/",
        {"term": "  Kidney  Stones ", "expansion": "calculus of kidney", "kind": "lay",
         "enabled": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    added = SearchSynonym.objects.get(term="kidney stones")
    assert added.source == SearchSynonym.Source.EDITOR
    seeded = SearchSynonym.objects.get(term="mcl")
    assert client.get(f"/admin/lookup/searchsynonym/{seeded.pk}/delete/").status_code == 403
    assert client.get(f"/admin/lookup/searchsynonym/{added.pk}/delete/").status_code == 200
    listing = client.get("/admin/lookup/searchsynonym/", {"q": "mcl"}).content.decode()
    assert "medial collateral ligament" in listing


def test_words_group_by_the_longest_term_with_noise_words_left_out(db):
    load_seed_synonyms()
    groups = expand_words(["ringing", "in", "the", "ears", "of", "rt", "ear"])
    assert [group.typed for group in groups] == ["ringing in the ears", "rt", "ear"]
    assert groups[0].alternatives == [("ringing", "ears"), ("tinnitus",)]
    assert groups[1].meanings[("right",)] == "rt = right"


def test_a_newer_seed_adds_meanings_to_terms_only_the_seed_wrote(db, tmp_path):
    seed = tmp_path / "synonyms.tsv"
    seed.write_text("shot\tinjection\tlay\nrt\tright\tlaterality\n", encoding="utf-8")
    assert load_seed_synonyms(seed) == (2, 0)
    SearchSynonym.objects.filter(term="rt").update(source=SearchSynonym.Source.EDITOR)
    seed.write_text(
        "shot\tinjection\tlay\nshot\tadministration of vaccine\tlay\n"
        "rt\tright\tlaterality\nrt\tright side\tlaterality\n",
        encoding="utf-8",
    )
    assert load_seed_synonyms(seed) == (1, 0)
    assert set(SearchSynonym.objects.filter(term="shot").values_list("expansion", flat=True)) == {
        "injection",
        "administration of vaccine",
    }
    assert list(SearchSynonym.objects.filter(term="rt").values_list("expansion", flat=True)) == [
        "right"
    ]


def test_a_newer_seed_removes_the_entries_it_dropped_but_never_an_editors(db, tmp_path):
    seed = tmp_path / "synonyms.tsv"
    seed.write_text(
        "shot\tinjection\tlay\nshot\tvaccination\tlay\nrt\tright\tlaterality\n"
        "lt\tleft\tlaterality\n",
        encoding="utf-8",
    )
    load_seed_synonyms(seed)
    SearchSynonym.objects.filter(term="rt").update(source=SearchSynonym.Source.EDITOR)
    seed.write_text("shot\tinjection\tlay\n", encoding="utf-8")

    assert load_seed_synonyms(seed) == (0, 2)
    assert sorted(SearchSynonym.objects.values_list("term", "expansion")) == [
        ("rt", "right"),
        ("shot", "injection"),
    ]
    assert expand_words(["lt"])[0].alternatives == [("lt",)]
