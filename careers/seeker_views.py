"""What registered job seekers keep: saved jobs, saved searches and their email digests."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from . import selectors, services
from .digests import search_from_token
from .filters import filters_from_query
from .models import Job, SavedSearch


def back_to(request: HttpRequest, default: str) -> str:
    """The page the form came from (`next`), when it is on this site."""
    target = request.POST.get("next", "")
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if allowed else default


@never_cache
@login_required
def saved(request: HttpRequest) -> HttpResponse:
    """/careers/saved/: the seeker's saved jobs and saved searches."""
    return render(
        request,
        "careers/saved.html",
        {
            "saved_jobs": selectors.saved_jobs_of(request.user),
            "searches": selectors.named_saved_searches_of(request.user),
        },
    )


@login_required
@require_POST
def toggle_saved_job(request: HttpRequest, job_id: int) -> HttpResponse:
    """Save an open job, or forget a saved one (whatever became of it)."""
    job = get_object_or_404(Job, pk=job_id)
    if not job.is_open() and job.pk not in selectors.saved_job_ids(request.user, [job]):
        raise Http404("No open job with that number.")
    if services.saved_job_toggle(user=request.user, job=job):
        messages.success(request, f"Saved “{job.title}”: find it under Saved jobs.")
    else:
        messages.success(request, f"Removed “{job.title}” from your saved jobs.")
    return redirect(back_to(request, job.get_absolute_url()))


@login_required
@require_POST
def save_search(request: HttpRequest) -> HttpResponse:
    filters = filters_from_query(request.POST.get("query", ""))
    try:
        services.saved_search_create(user=request.user, filters=filters)
    except services.SavedSearchLimitReached:
        messages.error(
            request,
            f"You keep {services.MAX_SAVED_SEARCHES} searches already: delete one under "
            "Saved jobs first.",
        )
    else:
        messages.success(
            request, f"Saved “{filters.describe()}”: we email you new matches once a day."
        )
    query = filters.query_string()
    return redirect(reverse("careers:list") + (f"?{query}" if query else ""))


@login_required
@require_POST
def change_search(request: HttpRequest, search_id: int) -> HttpResponse:
    """Stop or restart a saved search's emails, or delete it."""
    search = get_object_or_404(SavedSearch, pk=search_id, user=request.user)
    name = filters_from_query(search.query).describe()
    action = request.POST.get("action")
    if action == "delete":
        search.delete()
        messages.success(request, f"Deleted the search “{name}”.")
    elif action == "unsubscribe":
        services.saved_search_unsubscribe(search=search)
        messages.success(request, f"No more emails for “{name}”.")
    elif action == "resubscribe":
        services.saved_search_resubscribe(search=search)
        messages.success(request, f"We will email new matches for “{name}” again.")
    return redirect("careers:saved")


# Mail clients send RFC 8058's one-click POST without our CSRF token: the signed token in
# the link is what authorises it.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """One click from the digest email stops it; the page offers to start it again."""
    search = search_from_token(token)
    if search is None:
        return render(request, "careers/unsubscribe_invalid.html", status=404)
    if request.POST.get("action") == "resubscribe":
        services.saved_search_resubscribe(search=search)
    else:
        services.saved_search_unsubscribe(search=search)
    return render(
        request,
        "careers/unsubscribed.html",
        {"search": search, "name": filters_from_query(search.query).describe(), "token": token},
    )
