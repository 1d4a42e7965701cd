"""The code page a coder reads in seconds: the summary card under the title, one fee section,
the CasePilot box after the descriptions, one wall block for what a guest may not read, and
the header's search box on every page."""

import re

import pytest

from lookup.models import Code
from tests.conftest import make_code, make_section, make_user

GATED_KINDS = ["guidelines", "documentation", "modifiers", "ncci", "faq"]


@pytest.fixture
def priced_biopsy(cpt, fee_data):
    """CPT 27323 under a named range, with the CMS fee excerpts loaded and five gated
    sections, one public one and the editors' fee notes."""
    surgery = make_code(
        "20100-29999", cpt, level=Code.Level.RANGE, short_descriptor="Musculoskeletal surgery"
    )
    thigh = make_code(
        "27301-27599",
        cpt,
        level=Code.Level.RANGE,
        parent=surgery,
        short_descriptor="Femur and knee joint",
    )
    code = make_code("27323", cpt, parent=thigh, description="An open biopsy.")
    make_section(code, "coverage", gated=False, body="PUBLIC-COVERAGE-TEXT", position=0)
    for position, kind in enumerate(GATED_KINDS, start=1):
        make_section(code, kind, position=position, body=f"GATED-{kind.upper()}-TEXT")
    make_section(code, "fees", position=9, body="FEE-NOTES-TEXT: 8.23 x 33.4009 = $274.89.")
    return code


def summary_card_of(html: str) -> str:
    start = html.index('class="summary-card"')
    return html[start : html.index("</div>\n", html.index("</dl>", start))]


def test_reader_who_may_see_fees_gets_the_figures_under_the_title_each_linking_to_its_section(
    client, coder, priced_biopsy
):
    client.force_login(coder)

    html = client.get("/codes/cpt/27323/").content.decode()

    card = summary_card_of(html)
    assert (
        html.index("<h1>")
        < html.index('class="summary-card"')
        < html.index('id="official-heading"')
    )
    assert '<a href="#medicare-payment">$274.89</a>' in card
    assert '<a href="#rvus">8.23</a>' in card
    assert '<a href="#global-period">10</a>' in card
    assert '<a href="/codes/cpt/27301-27599/">Femur and knee joint</a>' in card
    for anchor in ["medicare-payment", "rvus", "global-period"]:
        assert f'id="{anchor}"' in html


def test_guest_sees_the_cards_labels_with_the_register_prompt_and_no_figure(client, priced_biopsy):
    html = client.get("/codes/cpt/27323/").content.decode()

    card = summary_card_of(html)
    for label in ["Medicare national", "Total RVUs", "Global days", "Region or specialty"]:
        assert label in card
    assert "Register free account</a> to see Medicare payment, RVUs and global days" in html
    for figure in ["274.89", "8.23", "157.65", "4.72"]:
        assert figure not in html


def test_fee_figures_appear_in_one_fee_section_listed_on_this_page(client, coder, priced_biopsy):
    client.force_login(coder)

    html = client.get("/codes/cpt/27323/").content.decode()

    headings = re.findall(r"<h2 [^>]*>([^<]*)</h2>", html)
    assert headings.count("Medicare payment and RVUs") == 1
    assert "Fees and RVUs" not in headings
    fee_section = html[html.index('<section id="medicare-payment"') :]
    fee_section = fee_section[: fee_section.index("</section>")]
    assert "FEE-NOTES-TEXT" in fee_section and 'id="fees"' in fee_section
    contents = html[html.index('aria-labelledby="toc-heading"') :]
    contents = contents[: contents.index("</nav>")]
    assert contents.count('href="#medicare-payment"') == 1


def test_casepilot_box_follows_the_descriptions_with_topic_chips_that_fill_the_question(
    client, coder, priced_biopsy
):
    client.force_login(coder)

    html = client.get("/codes/cpt/27323/").content.decode()

    box = html.index('id="ask-casepilot"')
    assert html.index("Plain-language description") < box < html.index('id="coverage"')
    chips = re.findall(r'<a class="topic-chip" href="([^"]+)" data-casepilot-fill="([^"]+)">', html)
    assert len(chips) >= 6
    assert "Which modifiers apply to 27323?" in [fill for _url, fill in chips]
    for url, fill in chips:
        assert url.startswith("/assistant/?q=") and "code=cpt%3A27323" in url
        assert "27323" in fill
    assert "“What is 27323?”" in html


def test_icd_pages_offer_diagnosis_topics_and_examples_not_modifiers_or_ncci(client, icd):
    make_code("S72.001A", icd, short_descriptor="Fracture of right femur neck")

    html = client.get("/codes/icd-10-cm/S72.001A/").content.decode()

    box = html[html.index('id="ask-casepilot"') :]
    box = box[: box.index("</section>")]
    for topic in ["Excludes notes", "Code first", "7th character"]:
        assert f">{topic}</a>" in box
    for procedure_prompt in ["Modifiers", "modifier", "NCCI", "billed with", "pay"]:
        assert procedure_prompt not in box


def test_guest_meets_one_wall_block_naming_what_registering_unlocks(client, priced_biopsy):
    html = client.get("/codes/cpt/27323/").content.decode()

    assert html.count('class="panel locked locked-parts"') == 1
    main = html[html.index('<main id="main"') :]
    assert main.count(">Register free account</a>") == 2  # the card's prompt and the wall
    wall = main[main.index('class="panel locked locked-parts"') :]
    wall = wall[: wall.index("</section>")]
    for title in ["Coding guidelines", "Modifiers", "NCCI edits", "Medicare payment and RVUs"]:
        assert title in wall
    # Links to any locked section land on the wall block.
    for anchor in [*GATED_KINDS, "medicare-payment", "fees"]:
        assert f'id="{anchor}"' in wall
    assert "PUBLIC-COVERAGE-TEXT" in html
    for kind in GATED_KINDS:
        assert f"GATED-{kind.upper()}-TEXT" not in html
    assert "FEE-NOTES-TEXT" not in html


def test_browser_awaiting_verification_is_asked_to_verify_not_to_register(client, priced_biopsy):
    session = client.session
    session["awaiting_email_verification"] = True
    session.save()

    html = client.get("/codes/cpt/27323/").content.decode()

    assert "Verify your email address to read the rest of this page" in html
    assert "Register free to read the rest of this page" not in html
    assert "GATED-GUIDELINES-TEXT" not in html


@pytest.mark.parametrize(
    "path", ["/", "/search/?q=biopsy", "/codes/cpt/27323/", "/assistant/", "/no-such-page/"]
)
def test_every_page_has_the_header_search_box_submitting_to_case2code(client, priced_biopsy, path):
    html = client.get(path).content.decode()

    header = html[html.index('<header class="site-header">') : html.index("</header>")]
    assert 'action="/search/"' in header and 'name="q"' in header
    assert 'data-suggest-url="/search/suggest"' in header


def test_header_links_a_signed_in_reader_to_the_account_page(client, coder, priced_biopsy):
    client.force_login(coder)

    html = client.get("/").content.decode()

    header = html[html.index('<header class="site-header">') : html.index("</header>")]
    assert '<a class="site-header__user" href="/account/"' in header


def test_fee_table_numbers_are_marked_for_right_alignment(client, coder, priced_biopsy):
    client.force_login(coder)

    html = client.get("/codes/cpt/27323/").content.decode()

    assert '<td class="num">8.23</td>' in html
    assert '<td class="num">$1,687.37' in html


def test_pages_link_our_icon_and_favicon_ico_leads_to_it(client, db):
    html = client.get("/").content.decode()
    response = client.get("/favicon.ico")

    assert '<link rel="icon" href="/static/img/logo.svg" type="image/svg+xml">' in html
    assert '<img class="brand__mark" src="/static/img/logo.svg"' in html
    assert response.status_code == 302 and response["Location"] == "/static/img/favicon.png"


def test_walled_reader_sees_no_source_count_or_figures(client, cpt, priced_biopsy):
    other = make_code("27324", cpt)
    make_section(other, "guidelines", gated=True)
    client.get("/codes/cpt/27324/")  # the guest's one view

    html = client.get("/codes/cpt/27323/").content.decode()

    assert "You have used your 1 code page view" in html
    assert 'href="#sources"' not in html
    assert "274.89" not in html


def test_free_account_out_of_views_is_told_what_comes_next(client, cpt, priced_biopsy):
    client.force_login(make_user("busy@example.org"))
    for number in range(6):
        code = make_code(f"2800{number}", cpt)
        make_section(code, "guidelines", gated=True)
        client.get(f"/codes/cpt/{code.code}/")

    html = client.get("/codes/cpt/27323/").content.decode()

    assert "What comes next" in html
    assert 'href="/account/upgrade/">Upgrade to Premium</a>' in html
    assert "The codes you have opened stay readable" in html


def test_icd_card_states_cc_mcc_and_hcc_for_readers_who_may_see_them(client, coder, icd_grouping):
    client.force_login(coder)

    member = client.get("/codes/icd-10-cm/E11.9/").content.decode()
    client.logout()
    guest = client.get("/codes/icd-10-cm/E11.9/").content.decode()

    card = summary_card_of(member)
    assert '<a href="#ms-drg">Neither</a>' in card
    assert '<a href="#risk-adjustment">V28: HCC 38</a>' in card
    locked_card = summary_card_of(guest)
    assert "CC/MCC" in locked_card and "CMS-HCC" in locked_card
    assert "HCC 38" not in guest and "Neither" not in locked_card


def test_icd_page_cites_the_history_and_grouping_tables_it_shows(client, coder, icd_grouping):
    client.force_login(coder)

    html = client.get("/codes/icd-10-cm/E11.9/").content.decode()

    sources = html[html.index('<section id="sources"') :]
    assert "Supports: Code history" in sources
    assert "MS-DRG v43 (FY2026)" in sources and "Supports: MS-DRG: CC and MCC" in sources
    assert "payment year 2026" in sources and "Supports: Risk adjustment: CMS-HCC" in sources


def test_diagnosis_card_asks_a_guest_to_register_for_what_it_locks(client, icd_grouping):
    html = client.get("/codes/icd-10-cm/E11.9/").content.decode()

    assert "Register free account</a> to see CC/MCC and CMS-HCC." in html
    assert "Medicare payment" not in summary_card_of(html)
