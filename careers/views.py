"""The public board: the list with its filters, job pages, apply links and the Atom feed."""

from dataclasses import replace

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from core.days import site_today
from core.opening import may_spend_a_view
from core.site_url import absolute_url

from . import selectors, services
from .feeds import JobFeed
from .filters import NATIONWIDE, JobFilters, JobSearchForm
from .models import Job
from .structured_data import as_script_content, job_posting


@require_safe
def board(request: HttpRequest) -> HttpResponse:
    """/careers/: open jobs, newest first, filtered by GET parameters, with counts."""
    form = JobSearchForm(request.GET)
    valid = form.is_valid()
    filters = form.filters() if valid else JobFilters()
    counts = selectors.board_counts(filters)
    form.label_with_counts(counts.by_filter)
    context = {
        "form": form,
        "filters": filters,
        "nationwide": nationwide_offer(filters, counts),
        "query": filters.query_string(),
        "chips": [
            (label, filters.without(name).query_string()) for name, label in filters.labels()
        ],
    }
    if not valid:
        return render(request, "careers/board.html", context, status=400)
    paginator = Paginator(selectors.job_list(filters), settings.CAREERS_PAGE_SIZE)
    paginator.count = counts.matching  # counted already: no COUNT query
    page = paginator.get_page(request.GET.get("page"))
    jobs = list(page.object_list)
    return render(
        request,
        "careers/board.html",
        context
        | {
            "page": page,
            "jobs": jobs,
            "saved_job_ids": selectors.saved_job_ids(request.user, jobs),
            "search_saved": selectors.search_is_saved(request.user, context["query"]),
        },
    )


def nationwide_offer(filters: JobFilters, counts: selectors.BoardCounts) -> tuple[int, str]:
    """With a state chosen: how many remote jobs open anywhere in the US the list leaves
    out, and the query that lists them instead ((0, "") when none or no state)."""
    if not filters.state or filters.state == NATIONWIDE:
        return 0, ""
    return counts.by_filter["state"][NATIONWIDE], replace(filters, state=NATIONWIDE).query_string()


@require_safe
def job_feed(request: HttpRequest) -> HttpResponse:
    """/careers/feed/: the newest open jobs matching the same filters, as Atom."""
    form = JobSearchForm(request.GET)
    if not form.is_valid():
        problems = "; ".join(f"{name}: {' '.join(errors)}" for name, errors in form.errors.items())
        return HttpResponseBadRequest(f"Bad filter ({problems})", content_type="text/plain")
    return JobFeed(form.filters())(request)


def job_without_slug(request: HttpRequest, job_id: int) -> HttpResponse:
    job = get_object_or_404(Job.objects.only("pk", "slug"), pk=job_id)
    return redirect(job, permanent=True)


@require_safe
def job_detail(request: HttpRequest, job_id: int, slug: str) -> HttpResponse:
    """A job page; a job no longer open answers 410 with similar open jobs."""
    job = selectors.job_for_page(job_id)
    if job is None or (job.published_at is None and not owns(request, job)):
        return job_not_found(request, job_id)
    if slug != job.slug:
        return redirect(job, permanent=True)
    is_open = job.is_open(site_today())
    if not is_open and not owns(request, job):
        return job_gone(request, job)
    if not owns(request, job) and may_spend_a_view(request):
        services.job_count_view(job=job)
    page_url = absolute_url(job.get_absolute_url())
    return render(
        request,
        "careers/job_detail.html",
        {
            "job": job,
            "is_owner": owns(request, job),
            "is_saved": job.pk in selectors.saved_job_ids(request.user, [job]),
            "structured_data": as_script_content(job_posting(job, page_url)) if is_open else None,
        },
    )


@require_safe
def apply(request: HttpRequest, job_id: int) -> HttpResponse:
    """Counts an apply click, then sends the seeker to the employer's page or address."""
    job = selectors.job_for_page(job_id)
    if job is None or not job.is_open():
        raise Http404("No open job with that number.")
    if not owns(request, job) and may_spend_a_view(request):
        services.job_count_apply_click(job=job)
    if job.apply_url:
        return redirect(job.apply_url)
    response = render(request, "careers/apply_by_email.html", {"job": job})
    response["X-Robots-Tag"] = "noindex"
    return response


def owns(request: HttpRequest, job: Job) -> bool:
    return request.user.is_authenticated and job.employer.user_id == request.user.pk


def job_not_found(request: HttpRequest, job_id: int) -> HttpResponse:
    return render(request, "careers/job_not_found.html", {"job_id": job_id}, status=404)


def job_gone(request: HttpRequest, job: Job) -> HttpResponse:
    """410: the job closed (its title stays, with similar open jobs) or staff removed it."""
    return render(
        request,
        "careers/job_gone.html",
        {"job": job, "removed": job.hidden_at is not None, "similar": selectors.similar_jobs(job)},
        status=410,
    )
