import pytest
from django.core.cache import cache

from lookup.models import Section
from pages.demo import load_demo_data
from tests.conftest import make_code


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Question counters live in the cache, which outlives a test's database transaction."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def reader(client, coder):
    """The test client signed in as a registered coder."""
    client.force_login(coder)
    return client


@pytest.fixture
def demo(db):
    """The demo catalogue, indexed by the signals as an editor's saves would index it."""
    load_demo_data()


@pytest.fixture
def few_codes(cpt, icd):
    """A handful of codes for tests about reading questions (faster than the demo catalogue)."""
    for number in ["27323", "27324", "20206"]:
        make_code(number, cpt)
    make_code("S72.001A", icd)


@pytest.fixture
def marked_demo(demo) -> list[str]:
    """The demo catalogue with a unique marker at the end of every gated section's body."""
    markers = []
    for section in Section.objects.filter(gated=True).select_related("code"):
        marker = f"GATEDMARKER{section.pk}Z"
        section.body += f"\n\nThis fact is for registered readers only: {marker}."
        section.save()
        markers.append(marker)
    return markers


def ask(client, question: str, code: str = "", **headers):
    params = {"q": question} | ({"code": code} if code else {})
    return client.get("/assistant/", params, **headers)


def ask_json(client, question: str, code: str = ""):
    return ask(client, question, code, HTTP_ACCEPT="application/json")
