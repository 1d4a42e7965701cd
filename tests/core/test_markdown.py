from core.markdown import render_markdown
from tests.conftest import make_code, make_section


def test_markdown_renders_lists_and_tables():
    html = render_markdown("- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |")

    assert "<li>one</li>" in html
    assert "<table>" in html and '<td class="num">1</td>' in html


def test_numbers_in_tables_are_marked_for_right_alignment_and_words_are_not():
    html = render_markdown(
        "| a | b |\n|---|---|\n| Total RVU | **8.23** |\n| Rate | $1,687.37 |\n"
        "| 27323 or 20206 | 150% |"
    )

    assert '<td class="num"><strong>8.23</strong></td>' in html
    assert '<td class="num">$1,687.37</td>' in html
    assert '<td class="num">150%</td>' in html
    assert "<td>Total RVU</td>" in html and "<td>27323 or 20206</td>" in html


def test_script_tags_and_event_handlers_are_removed():
    html = render_markdown(
        'Hi <script>alert("x")</script><a href="javascript:alert(1)" onclick="steal()">link</a>'
        '<img src=x onerror="steal()"><p style="display:none">hidden</p>'
    )

    for forbidden in ["<script", "alert", "onclick", "onerror", "javascript:", "style=", "<img"]:
        assert forbidden not in html


def test_editor_script_never_reaches_the_code_page(client, coder, cpt):
    code = make_code("27323", cpt, description='<script>alert("description")</script>Safe text')
    make_section(code, "faq", body='<b onclick="steal()">Bold</b><script>alert("faq")</script>')
    client.force_login(coder)

    html = client.get("/codes/cpt/27323/").content.decode()

    assert "Safe text" in html and "Bold" in html
    assert 'alert("' not in html and "steal()" not in html
