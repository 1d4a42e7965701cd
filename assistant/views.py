from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.vary import vary_on_headers

from accounts.requests import meter_request, metered_page

from .answers import Answer, Asker, answer_for
from .prompts import general_topics
from .questions import QuestionError, clean_question, read_question
from .ratelimit import take_question

EXAMPLE_QUESTIONS = [
    "What is CPT code 27323?",
    "Which modifiers apply to 27323?",
    "Can 27323 be billed with 20206?",
    "What does 8.23 RVU pay?",
    "Guidelines for s72001a",
]
MAX_CONTEXT_LENGTH = 40


def wants_json(request: HttpRequest) -> bool:
    return request.GET.get("format") == "json" or "application/json" in request.headers.get(
        "Accept", ""
    )


@metered_page
@vary_on_headers("Accept")
def ask(request: HttpRequest) -> HttpResponse:
    """CasePilot: GET ?q=question[&code=system:code]; HTML by default, JSON when asked for."""
    raw = request.GET.get("q")
    context_value = request.GET.get("code", "")[:MAX_CONTEXT_LENGTH]
    context = {
        "query": raw or "",
        "code_value": context_value,
        "examples": EXAMPLE_QUESTIONS,
        "topics": general_topics(),
    }
    if raw is None:
        return respond(request, context)
    try:
        clean_question(raw)
    except QuestionError as error:
        return respond(request, context | {"error": str(error)}, status=400)
    if not take_question(request):
        message = "You have asked many questions in a short time. Wait a minute, then ask again."
        return respond(request, context | {"error": message}, status=429)
    question = read_question(raw, context_value)
    answer = answer_for(page_asker(request), question)
    return respond(request, context | {"query": question.text, "answer": answer})


def page_asker(request: HttpRequest) -> Asker:
    """The asker of a request, opening each code as its page does: the meter counts it."""
    return Asker(
        guest=not request.user.is_authenticated,
        open_code=lambda metered: meter_request(request, metered),
    )


def respond(request: HttpRequest, context: dict, status: int = 200) -> HttpResponse:
    if not wants_json(request):
        return render(request, "assistant/ask.html", context, status=status)
    html = render_to_string("assistant/answer.html", context, request=request)
    payload = {"error": context["error"]} if "error" in context else {}
    if "answer" in context:
        payload = answer_as_json(context["answer"])
    return JsonResponse(payload | {"html": html}, status=status)


def answer_as_json(answer: Answer) -> dict:
    def code_fields(code):
        return {"system": code.system.slug, "code": code.code}

    return {
        "question": answer.question.text,
        "shape": answer.question.shape,
        "found": answer.found,
        "sentences": [
            {"text": sentence.text, "citation": sentence.citation} for sentence in answer.sentences
        ],
        "sources": [
            (
                code_fields(source.code)
                if source.code
                else {"system": source.system.slug, "code": ""}
            )
            | {
                "number": source.number,
                "title": source.title,
                "url": source.url,
                "edition": source.edition,
            }
            for source in answer.sources
        ],
        "locked": [
            code_fields(locked.code)
            | {"title": locked.title, "url": locked.url, "needs_account": locked.needs_account}
            for locked in answer.locked
        ],
        "search_results": [
            code_fields(code) | {"title": title, "url": code.get_absolute_url()}
            for code, title in answer.search_listing
        ],
        "notices": answer.notices,
    }
