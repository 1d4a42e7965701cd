import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.metering import email_verified
from assistant.ratelimit import take_question

from .answers import answer_thread
from .email_text import email_text
from .forms import AnswerForm, AskForm, ReplyForm, TryInboundForm
from .hours import time_left
from .inbound import InboundEmail, confirm_held_email, held_email_for, receive_email
from .intake import ask
from .models import Thread
from .selectors import (
    code_history,
    is_consultant,
    latest_draft,
    thread_messages,
    user_threads,
    waiting_queue,
)
from .threads import AllowanceSpent, allowance_renewal, close_thread, threads_left


@never_cache
def home(request: HttpRequest) -> HttpResponse:
    """CaseConsultant: how it works; for a coder, their threads and a form to ask."""
    context = {"consultant_address": settings.CONSULTANT_ADDRESS}
    if not request.user.is_authenticated:
        return render(request, "consultant/home.html", context)
    user = request.user
    verified = email_verified(user)
    form = AskForm(request.POST or None)
    if request.method == "POST" and verified and form.is_valid() and within_rate(request, form):
        try:
            message = ask(
                user,
                text=form.cleaned_data["question"],
                subject=form.cleaned_data["subject"],
                wants_person=form.cleaned_data["wants_person"],
            )
        except AllowanceSpent:
            form.add_error(None, allowance_spent_text())
        else:
            return redirect(message.thread)
    context |= {
        "form": form,
        "verified": verified,
        "threads": user_threads(user),
        "threads_left": threads_left(user),
        "renewal": allowance_renewal(),
    }
    return render(request, "consultant/home.html", context, status=400 if form.errors else 200)


def within_rate(request: HttpRequest, form) -> bool:
    """CasePilot's per-minute limits (per account and per network) hold here too: each
    question or reply starts a draft and an email."""
    if take_question(request):
        return True
    form.add_error(
        None, "You have sent many questions in a short time. Wait a minute, then send again."
    )
    return False


def allowance_spent_text() -> str:
    return (
        f"You have asked all the questions your plan allows this month; more open on "
        f"{allowance_renewal()}. You can still reply in your open conversations."
    )


def own_thread(request: HttpRequest, thread_id: int) -> Thread:
    """The coder's own thread; another account's is a 404, as if it did not exist."""
    return get_object_or_404(Thread, pk=thread_id, user=request.user)


@never_cache
@login_required
def thread(request: HttpRequest, thread_id: int) -> HttpResponse:
    """One conversation: the coder's messages, CasePilot's and consultants' answers, a reply."""
    conversation = own_thread(request, thread_id)
    form = ReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and within_rate(request, form):
        ask(
            request.user,
            text=form.cleaned_data["question"],
            wants_person=form.cleaned_data["wants_person"],
            thread=conversation,
        )
        messages.info(request, "Your reply is sent. The answer will appear here and in your inbox.")
        return redirect(conversation)
    context = {"thread": conversation, "messages_list": thread_messages(conversation), "form": form}
    return render(request, "consultant/thread.html", context, status=400 if form.errors else 200)


@never_cache
@login_required
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """A question held because its sender was not authenticated: the member reads its subject
    and sends it with a POST (a mail scanner following the link sends nothing)."""
    held = held_email_for(request.user, token)
    if held is None:
        return render(request, "consultant/confirm.html", {"held": None}, status=404)
    if request.method == "POST":
        _, message = confirm_held_email(held)
        if message is not None:
            return redirect(message.thread)
        messages.info(request, "Your question was not taken: the email we sent says why.")
        return redirect("consultant:home")
    return render(request, "consultant/confirm.html", {"held": held})


@require_POST
@login_required
def close(request: HttpRequest, thread_id: int) -> HttpResponse:
    conversation = own_thread(request, thread_id)
    close_thread(conversation)
    messages.info(request, "The conversation is closed. Reply to it any time to open it again.")
    return redirect(conversation)


def consultant_only(request: HttpRequest) -> None:
    if not request.user.is_authenticated:
        raise Http404
    if not is_consultant(request.user):
        raise PermissionDenied("The queue is for CaseConsultant's consultants.")


@never_cache
def queue(request: HttpRequest) -> HttpResponse:
    """The consultants' queue: waiting threads, oldest first, with the time left."""
    consultant_only(request)
    return render(request, "consultant/queue.html", {"entries": waiting_queue()})


@never_cache
def work(request: HttpRequest, thread_id: int) -> HttpResponse:
    """A waiting thread as a consultant answers it: the conversation, CasePilot's draft and
    citations, the asker's code history, and the answer form."""
    consultant_only(request)
    conversation = get_object_or_404(Thread.objects.select_related("user"), pk=thread_id)
    conversation_messages = thread_messages(conversation)
    draft = latest_draft(conversation_messages)
    form = AnswerForm(request.POST or None, draft=draft)
    if request.method == "POST" and form.is_valid():
        answer_thread(
            conversation,
            consultant=request.user,
            markdown=form.cleaned_data["body"],
            quote_urls=form.cleaned_data["quotes"],
        )
        messages.info(request, f"Your answer to #{conversation.pk} is on its way to the coder.")
        return redirect("consultant:queue")
    question_codes = [entry["code"] for entry in (draft or {}).get("codes", [])]
    context = {
        "thread": conversation,
        "messages_list": conversation_messages,
        "draft": draft,
        "form": form,
        "history": code_history(conversation.user, question_codes),
        "question_codes": question_codes,
        "time_left": time_left(conversation.due_at, timezone.now()) if conversation.due_at else "",
    }
    return render(request, "consultant/work.html", context, status=400 if form.errors else 200)


@never_cache
def try_inbound(request: HttpRequest) -> HttpResponse:
    """Development only (DEBUG): deliver an email as a provider's webhook would."""
    if not settings.DEBUG:
        raise Http404
    form = TryInboundForm(request.POST or None)
    outcome = None
    if request.method == "POST" and form.is_valid():
        outcome = receive_email(
            InboundEmail(
                provider="local",
                provider_id=str(uuid.uuid4()),
                sender=form.cleaned_data["sender"],
                subject=form.cleaned_data["subject"],
                text=email_text(text=form.cleaned_data["text"], html="", stripped_text=None),
                recipients=[form.cleaned_data["to"]],
                authenticated=True,  # as if the provider's verdicts vouched for the sender
            )
        )
    return render(request, "consultant/try_inbound.html", {"form": form, "outcome": outcome})
