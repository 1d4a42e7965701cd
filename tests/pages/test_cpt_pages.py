"""A page for every CPT code the Medicare fee schedule lists, without the AMA descriptor.

The fee file of these tests carries made-up descriptors in its DESCRIPTION column, the same
text as the licensed-file fixture's descriptor column: a page that leaked the file's text
would hold it."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from fees.importers.facility_rates import import_asc_file, import_opps_file
from fees.importers.gpci import import_gpci_file
from fees.importers.pfs_rvu import import_pfs_rvu_file
from fees.models import Locality
from fees.services import chosen_locality_set
from lookup.importers.cpt import import_cpt_file
from lookup.models import Code
from tests.conftest import make_code, make_user
from tests.fees.conftest import ASC, GPCI, OPPS, PPRRVU_DESCRIBED
from tests.fees.test_pfs_cpt_codes import CPT_CODES_LISTED
from tests.lookup.conftest import LICENSED_CPT, licensed_descriptors

# The figures to check (CMS PFS July 2026, conversion factor 33.4009): total RVUs and
# national payment of the headline setting (office, or facility where CMS pays no office
# rate), the global period, and for 20610 its bilateral rule.
FIGURES = [
    ("99213", "2.85", "$95.19", "Does not apply", "99213 has no global period"),
    ("99214", "4.06", "$135.61", "Does not apply", "99214 has no global period"),
    ("27447", "34.71", "$1,159.35", "90", "27447 has a 90-day global period"),
    ("20610", "2.06", "$68.81", "0", "20610 has a 0-day global period"),
]


@pytest.fixture
def fee_schedule(db):
    """The fee files as a first run loads them: CPT codes come from the PFS file alone."""
    import_pfs_rvu_file(PPRRVU_DESCRIBED)
    import_gpci_file(GPCI)
    import_opps_file(OPPS)
    import_asc_file(ASC)


@pytest.fixture
def member(db):
    """A Premium reader: every page in full, however many are read."""
    return make_user("member@example.org", plan="premium")


def descriptor_texts() -> list[bytes]:
    """Every descriptor of the licensed file, as raw bytes and as HTML would escape it."""
    texts = licensed_descriptors().values()
    return [each.encode() for each in texts] + [escape(each).encode() for each in texts]


def card_of(html: str) -> str:
    start = html.index('class="summary-card"')
    return html[start : html.index("</dl>", start)]


def fee_section_of(html: str) -> str:
    start = html.index('id="medicare-payment"')
    return html[start : html.index("</section>", start)]


def test_every_listed_cpt_code_has_a_page_holding_no_descriptor_text(fee_schedule, member):
    reader = Client()
    reader.force_login(member)

    for code in sorted(CPT_CODES_LISTED):
        as_guest, as_member = Client().get(f"/codes/cpt/{code}/"), reader.get(f"/codes/cpt/{code}/")
        for response in [as_guest, as_member]:
            assert response.status_code == 200, code
            assert not [text for text in descriptor_texts() if text in response.content], code
        assert b"appears here once a licensed CPT file is loaded" in as_member.content


def test_a_licensed_file_brings_the_descriptor_the_page_held_back(
    client, member, fee_schedule, django_capture_on_commit_callbacks
):
    client.force_login(member)
    before = client.get("/codes/cpt/99213/").content

    with django_capture_on_commit_callbacks(execute=True):
        import_cpt_file(LICENSED_CPT)

    after = client.get("/codes/cpt/99213/").content
    descriptor = licensed_descriptors()["99213"].encode()
    assert descriptor not in before and descriptor in after
    assert b"appears here once a licensed CPT file is loaded" not in after


@pytest.mark.parametrize(("code", "total_rvu", "payment", "global_days", "rule"), FIGURES)
def test_the_checked_codes_show_their_figures(
    client, coder, fee_schedule, code, total_rvu, payment, global_days, rule
):
    client.force_login(coder)

    html = client.get(f"/codes/cpt/{code}/").content.decode()

    card = card_of(html)
    assert f'<a href="#medicare-payment">{payment}</a>' in card
    assert f'<a href="#rvus">{total_rvu}</a>' in card
    assert f'<a href="#global-period">{global_days}</a>' in card
    section = fee_section_of(html)
    assert payment in section and total_rvu in section and rule in section
    assert f"Status (A)</dt><dd>{code} is active: Medicare pays it separately" in section


def test_20610_says_its_bilateral_rule(client, coder, fee_schedule):
    client.force_login(coder)

    section = fee_section_of(client.get("/codes/cpt/20610/").content.decode())

    assert "Bilateral surgery (1)" in section
    assert "20610 may be billed as bilateral" in section and "150% of its fee" in section


@pytest.mark.parametrize(("code", "total_rvu", "payment", "global_days", "rule"), FIGURES)
def test_a_guest_sees_no_figure_a_registered_user_unlocks(
    client, fee_schedule, code, total_rvu, payment, global_days, rule
):
    html = client.get(f"/codes/cpt/{code}/").content.decode()

    assert "Register free account</a> to see Medicare payment" in html
    for figure in [payment, total_rvu, rule, "33.4009", "Bilateral surgery"]:
        assert figure not in html


def test_card_and_fee_section_follow_the_readers_locality(client, coder, fee_schedule):
    chosen_locality_set(user=coder, locality=Locality.objects.get(state="TX", number="99"))
    client.force_login(coder)

    html = client.get("/codes/cpt/27323/").content.decode()

    # (2.27 x 1.000 + 5.66 x 0.900 + 0.30 x 0.934) x 33.4009 = 255.32
    card = card_of(html)
    assert "<dt>Medicare, Rest of Texas</dt>" in card and "$255.32" in card
    assert "<dt>Medicare national</dt>" in card and "$274.89" in card
    assert card.index("$255.32") < card.index("$274.89")
    assert "Rest of Texas (TX), non-facility</dt><dd>$255.32" in fee_section_of(html)


def test_a_locality_named_without_its_state_is_said_with_it(client, coder, fee_schedule):
    chosen_locality_set(user=coder, locality=Locality.objects.get(state="NY", number="01"))
    client.force_login(coder)

    card = card_of(client.get("/codes/cpt/27323/").content.decode())

    assert "<dt>Medicare, Manhattan (NY)</dt>" in card


def test_page_links_to_how_the_descriptor_is_loaded(client, fee_schedule):
    html = client.get("/codes/cpt/99213/").content.decode()

    assert (
        "The AMA's descriptor of 99213 appears here once a licensed CPT file is loaded with "
        "<code>import_cpt</code>"
    ) in html
    assert 'href="/sources/#cpt-descriptors"' in html
    sources = client.get("/sources/").content.decode()
    assert 'id="cpt-descriptors"' in sources and "manage.py import_cpt" in sources


def test_page_names_the_range_it_sits_in(client, fee_schedule):
    html = client.get("/codes/cpt/99213/").content.decode()

    assert "<h1>" in html and "Office and outpatient visits (AMA descriptor not loaded)" in html
    assert (
        'Where it sits: <a href="/codes/cpt/99202-99499/">Evaluation and management</a> '
        '(99202-99499) \u203a <a href="/codes/cpt/99202-99215/">Office and outpatient visits</a> '
        "(99202-99215)."
    ) in html


def test_an_editors_description_shows_as_on_any_page(client, fee_schedule):
    code = Code.objects.get(system__slug="cpt", code="99213")
    code.description = "An established patient's visit, in **our** words."
    code.save()  # in a test's transaction: the cached pages are not renewed on commit
    cache.clear()

    html = client.get("/codes/cpt/99213/").content.decode()

    assert "An established patient's visit, in <strong>our</strong> words." in html


def test_sources_cite_the_fee_schedule_file_and_its_release(client, coder, fee_schedule):
    client.force_login(coder)

    html = client.get("/codes/cpt/27323/").content.decode()

    sources = html[html.index('<section id="sources"') :]
    assert "2026 National Physician Fee Schedule Relative Value File July Release" in sources
    assert "file PPRRVU-with-descriptions.csv" in sources
    assert "Supports: The code (its AMA descriptor is not loaded here)" in sources
    # The OPPS and ASC rates are excerpts, and their sources say so.
    assert sources.count("(excerpt: rows checked against published figures)") == 2


def test_lists_title_codes_by_their_range(client, fee_schedule):
    html = client.get("/codes/cpt/99202-99215/").content.decode()

    assert (
        '<span class="code-list__code">99213</span> <span class="code-list__title">'
        "Office and outpatient visits (AMA descriptor not loaded)</span>"
    ) in html


def test_a_ranges_page_costs_the_same_queries_however_many_codes_it_lists(client, fee_schedule):
    def queries() -> int:
        client.get("/")  # the session, once
        with CaptureQueriesContext(connection) as context:
            response = client.get("/codes/cpt/99202-99215/")
        assert response.status_code == 200 and "99213" in response.content.decode()
        return len(context)

    few = queries()
    office_visits = Code.objects.get(code="99202-99215")
    for number in range(99203, 99213):
        blank = {"short_descriptor": "", "long_descriptor": "", "description": ""}
        make_code(str(number), office_visits.system, parent=office_visits, **blank)
    cache.clear()

    assert queries() == few


def test_payment_rules_are_sentences_about_the_code(client, member, fee_schedule):
    client.force_login(member)

    endoscopy = fee_section_of(client.get("/codes/cpt/43239/").content.decode())
    imaging = fee_section_of(client.get("/codes/cpt/70450/").content.decode())

    assert "Multiple procedures (3)</dt><dd>43239 is an endoscopy" in endoscopy
    assert 'valued from their base endoscopy, <a href="/codes/cpt/43235/">43235</a>' in endoscopy
    assert "Diagnostic imaging family (88)</dt><dd>70450 belongs to the diagnostic imaging" in (
        imaging
    )
    assert "PC/TC (1)</dt><dd>70450 is a diagnostic test with a professional and a" in imaging
