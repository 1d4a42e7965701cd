"""The Atom feed per search and the sitemap: open jobs only."""

from xml.etree import ElementTree

from tests.careers.conftest import make_job

ATOM = "{http://www.w3.org/2005/Atom}"


def entries(response) -> list[str]:
    feed = ElementTree.fromstring(response.content)
    return [entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry")]


def test_feed_takes_the_boards_filters(client, employer):
    make_job(employer, title="CRC coder", credentials=["CRC"])
    make_job(employer, title="CPC coder", credentials=["CPC"])

    response = client.get("/careers/feed/?credential=CRC")

    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/atom+xml")
    assert entries(response) == ["CRC coder, Juniper Coding Group"]
    feed = ElementTree.fromstring(response.content)
    assert feed.findtext(f"{ATOM}title") == "CareerCenter jobs: CRC"


def test_feed_lists_open_jobs_only_newest_first(client, employer, new_employer):
    make_job(employer, title="Older")
    make_job(employer, title="Newer")
    make_job(employer, status="closed", title="Closed")
    make_job(employer, status="hidden", title="Hidden")
    make_job(new_employer, status="waiting", title="Waiting")

    titles = entries(client.get("/careers/feed/"))

    assert titles == ["Newer, Juniper Coding Group", "Older, Juniper Coding Group"]


def test_feed_with_a_bad_filter_says_which(client, db):
    response = client.get("/careers/feed/?state=ZZ")

    assert response.status_code == 400
    assert "state: Select a valid choice." in response.content.decode()


def test_sitemap_lists_open_job_pages_only(client, employer, new_employer):
    open_job = make_job(employer, title="Open")
    closed = make_job(employer, status="closed")
    hidden = make_job(employer, status="hidden")
    waiting = make_job(new_employer, status="waiting")

    index = client.get("/sitemap.xml").content.decode()
    jobs = client.get("/sitemap-jobs.xml").content.decode()

    assert "sitemap-jobs.xml" in index
    assert f"http://testserver{open_job.get_absolute_url()}" in jobs
    assert "<lastmod>" in jobs
    for job in [closed, hidden, waiting]:
        assert f"/careers/{job.pk}-" not in jobs


def test_robots_txt_keeps_crawlers_off_apply_links_and_private_pages(client, db):
    text = client.get("/robots.txt").content.decode()

    for path in [
        "/careers/*/apply/",
        "/careers/employer/",
        "/careers/saved/",
        "/careers/unsubscribe/",
    ]:
        assert f"Disallow: {path}" in text
