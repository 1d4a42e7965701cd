"""/consultant/: asking by form, the threads with their status, replying and closing; the
consultants' queue and their answers; the development inbound form."""

import pytest
from django.core import mail

from consultant.models import Message, Thread
from tests.conftest import make_user, run_worker

pytestmark = pytest.mark.django_db


def ask_by_form(client, question: str, **fields):
    return client.post("/consultant/", {"question": question, "subject": "", **fields})


def test_guest_is_asked_to_register(client):
    page = client.get("/consultant/").content.decode()

    assert "Register to ask" in page
    assert 'href="/account/signup/?next=/consultant/"' in page


def test_site_header_names_caseconsultant(client):
    page = client.get("/").content.decode()

    assert '<a href="/consultant/"><strong>CaseConsultant</strong>' in page


def test_form_question_is_answered_by_email_and_listed_with_its_status(client, asker, biopsy_pages):
    client.force_login(asker)
    response = ask_by_form(client, "What guidelines apply to 27323?")
    thread = Thread.objects.get()
    assert response.status_code == 302 and response.url == f"/consultant/{thread.pk}/"
    assert "CasePilot is drafting the answer" in client.get(response.url).content.decode()

    run_worker()

    assert "Report 27323 once per lesion" in mail.outbox[0].body
    page = client.get(f"/consultant/{thread.pk}/").content.decode()
    assert "Report 27323 once per lesion" in page
    listing = client.get("/consultant/").content.decode()
    assert 'status--answered">Answered</span>' in listing


def test_form_refuses_patient_identifiers_with_the_reason_and_stores_nothing(client, asker):
    client.force_login(asker)
    response = ask_by_form(client, "Pt John Smith DOB 03/14/1956 had 27323, which modifier?")

    assert response.status_code == 400
    page = response.content.decode()
    assert "Your question seems to contain a date of birth and a patient&#x27;s name" in page
    assert not Thread.objects.exists() and not Message.objects.exists()


def test_form_shows_the_allowance_and_refuses_past_it(client, settings, asker):
    settings.CONSULTANT_FREE_THREADS_PER_MONTH = 1
    client.force_login(asker)
    assert "You can open 1 more question this month" in client.get("/consultant/").content.decode()
    ask_by_form(client, "What is 27323?")

    response = ask_by_form(client, "What is 27324?")

    assert response.status_code == 400
    assert "You have asked all the questions your plan allows this month" in (
        response.content.decode()
    )
    assert Thread.objects.count() == 1


def test_monthly_questions_renew_at_midnight_eastern_on_the_first_not_utc(
    client, settings, asker, clock
):
    settings.CONSULTANT_FREE_THREADS_PER_MONTH = 1
    client.force_login(asker)
    clock.set("2026-06-30T19:00:00-04:00")  # 23:00 UTC
    ask_by_form(client, "What is 27323?")

    clock.set("2026-06-30T21:00:00-04:00")  # July 1 in UTC
    evening = ask_by_form(client, "What is 27324?")
    page = client.get("/consultant/").content.decode()
    clock.set("2026-07-01T00:00:01-04:00")
    next_month = ask_by_form(client, "What is 27325?")

    assert evening.status_code == 400
    assert "more open on July 1 at midnight Eastern time" in evening.content.decode()
    assert "(more on July 1 at midnight Eastern time)" in page
    assert next_month.status_code == 302
    assert Thread.objects.count() == 2


def test_coder_replies_and_closes_a_thread(client, asker, biopsy_pages):
    client.force_login(asker)
    ask_by_form(client, "What guidelines apply to 27323?")
    run_worker()
    thread = Thread.objects.get()

    client.post(f"/consultant/{thread.pk}/", {"question": "Thanks, and for a consultant?",
                                             "wants_person": "on"})  # fmt: skip
    run_worker()
    thread.refresh_from_db()
    assert thread.status == Thread.Status.WAITING
    assert thread.messages.filter(author="coder").count() == 2

    client.post(f"/consultant/{thread.pk}/close/")
    thread.refresh_from_db()
    assert thread.status == Thread.Status.CLOSED
    assert 'status--closed">Closed</span>' in client.get("/consultant/").content.decode()


def test_another_accounts_thread_is_not_found(client, asker, biopsy_pages):
    client.force_login(asker)
    ask_by_form(client, "What is 27323?")
    thread = Thread.objects.get()
    client.force_login(make_user("other@hospital.example.org"))

    assert client.get(f"/consultant/{thread.pk}/").status_code == 404
    assert client.post(f"/consultant/{thread.pk}/close/").status_code == 404


def test_queue_is_for_consultants_only(client, asker):
    assert client.get("/consultant/queue/").status_code == 404
    client.force_login(asker)
    assert client.get("/consultant/queue/").status_code == 403
    client.force_login(make_user("staff@codeatlas.example.org", is_staff=True))
    assert client.get("/consultant/queue/").status_code == 403


def test_consultant_sees_waiting_threads_oldest_first_and_answers_one(
    client, asker, consultant, biopsy_pages, django_assert_max_num_queries
):
    client.force_login(asker)
    ask_by_form(client, "What guidelines apply to 27323? A real person please.")
    ask_by_form(client, "How do I appeal a denied claim?")
    run_worker()
    first, second = Thread.objects.order_by("pk")
    client.force_login(consultant)

    with django_assert_max_num_queries(8):
        queue = client.get("/consultant/queue/").content.decode()
    assert queue.index(f"#{first.pk} ") < queue.index(f"#{second.pk} ")
    assert " left</span>" in queue

    work = client.get(f"/consultant/queue/{first.pk}/").content.decode()
    assert "Report 27323 once per lesion" in work  # CasePilot's draft
    assert "[1] CPT 27323: Coding guidelines" in work  # a citation to quote
    response = client.post(
        f"/consultant/queue/{first.pk}/",
        {"body": "Yes: **once per lesion**.<script>alert(1)</script>",
         "quotes": ["/codes/cpt/27323/#guidelines"]},
    )  # fmt: skip
    run_worker()

    assert response.status_code == 302
    first.refresh_from_db()
    assert first.status == Thread.Status.ANSWERED
    answer = mail.outbox[-1]
    html = answer.alternatives[0][0]
    assert "<strong>once per lesion</strong>" in html and "<script>" not in html
    assert "Report 27323 once per lesion" in answer.body
    assert "Dana of CaseConsultant answers" in answer.body
    queue = client.get("/consultant/queue/").content.decode()
    assert f'href="/consultant/queue/{first.pk}/"' not in queue
    assert f'href="/consultant/queue/{second.pk}/"' in queue


def test_consultant_sees_the_askers_code_history_with_the_questions_codes(
    client, asker, consultant, biopsy_pages
):
    client.force_login(asker)
    client.get("/codes/cpt/27323/")
    ask_by_form(client, "27323 guidelines, a real person please")
    run_worker()
    client.force_login(consultant)

    work = client.get(f"/consultant/queue/{Thread.objects.get().pk}/").content.decode()

    assert 'class="code-history__match"' in work
    assert "in this question" in work


def test_inbound_try_form_exists_only_with_debug(client, settings, asker, biopsy_pages):
    assert client.get("/consultant/inbound/try/").status_code == 404

    settings.DEBUG = True
    response = client.post(
        "/consultant/inbound/try/",
        {"sender": "coder@hospital.example.org", "to": "consultant@codeatlas.example.org",
         "subject": "Guidelines", "text": "What guidelines apply to 27323?\n\nThanks,\nJo"},
    )  # fmt: skip
    run_worker()

    assert "Received: Stored." in response.content.decode()
    assert Message.objects.get(author="coder").body == "What guidelines apply to 27323?"
    assert "Report 27323 once per lesion" in mail.outbox[0].body


def test_pages_need_as_many_queries_for_many_threads_as_for_one(
    client, settings, asker, consultant, biopsy_pages, django_assert_max_num_queries
):
    settings.CONSULTANT_FREE_THREADS_PER_MONTH = 10
    client.force_login(asker)
    for number in range(6):
        ask_by_form(client, f"Question {number} for a real person about 27323")
    run_worker()
    thread = Thread.objects.first()
    questions = [f"Question {number} for a real person about 27323" for number in range(6)]

    with django_assert_max_num_queries(7):
        mine = client.get("/consultant/")
    with django_assert_max_num_queries(6):
        conversation = client.get(f"/consultant/{thread.pk}/")
    client.force_login(consultant)
    with django_assert_max_num_queries(8):
        queue = client.get("/consultant/queue/")
    with django_assert_max_num_queries(10):
        answering = client.get(f"/consultant/queue/{thread.pk}/")

    # Each is the real page, with everything it lists, so that an error page can't pass.
    pages = [mine, conversation, queue, answering]
    assert [page.status_code for page in pages] == [200, 200, 200, 200]
    mine, conversation, queue, answering = (page.content.decode() for page in pages)
    assert all(question in mine and question in queue for question in questions)
    assert mine.count("Waiting for a consultant") == 6
    assert thread.subject in conversation and "Send reply" in conversation
    assert (
        thread.subject in answering
        and "This question is about: <strong>CPT 27323</strong>" in answering
    )
    assert "Send answer" in answering


def test_questions_by_form_share_casepilots_per_minute_limit(client, settings, asker):
    settings.ASSISTANT_QUESTIONS_PER_MINUTE = 2
    settings.CONSULTANT_FREE_THREADS_PER_MONTH = 10
    client.force_login(asker)
    ask_by_form(client, "What is 27323?")
    ask_by_form(client, "What is 27324?")

    response = ask_by_form(client, "What is 20206?")

    assert response.status_code == 400
    assert "You have sent many questions in a short time" in response.content.decode()
    assert Thread.objects.count() == 2
