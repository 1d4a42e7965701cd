from lookup.markdown import render_markdown
from tests.conftest import make_code, make_section


def test_markdown_renders_lists_and_tables():
    html = render_markdown("- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |")

    assert "<li>one</li>" in html
    assert "<table>" in html and "<td>1</td>" in html


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
