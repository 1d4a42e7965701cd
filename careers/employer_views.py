"""Employers: their profile, their jobs with views and apply clicks, posting and editing."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import selectors, services
from .forms import EmployerProfileForm, JobForm
from .limits import take_job_change
from .models import EmployerProfile, Job

TOO_MANY_CHANGES = (
    "You have posted or edited many jobs in a short time. Nothing was saved: wait an hour, "
    "then send this form again."
)


def profile_of(request: HttpRequest) -> EmployerProfile | None:
    return EmployerProfile.objects.filter(user=request.user).first()


@never_cache
# A guest who wants to post a job most likely has no account yet: signup (it links to login).
@login_required(login_url="account_signup")
def dashboard(request: HttpRequest) -> HttpResponse:
    """/careers/employer/: the employer's jobs, their state, views and apply clicks."""
    profile = profile_of(request)
    if profile is None:
        return redirect("careers:employer-profile")
    return render(
        request,
        "careers/employer/dashboard.html",
        {
            "profile": profile,
            "jobs": selectors.employer_jobs(profile),
            "renew_days": settings.CAREERS_JOB_DAYS,
        },
    )


@never_cache
@login_required
def edit_profile(request: HttpRequest) -> HttpResponse:
    profile = profile_of(request) or EmployerProfile(user=request.user)
    form = EmployerProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        services.employer_profile_save(profile=form.instance)
        messages.success(request, "Your employer profile is saved.")
        return redirect("careers:employer")
    return render(request, "careers/employer/profile_form.html", {"form": form})


@never_cache
@login_required(login_url="account_signup")
def post_job(request: HttpRequest) -> HttpResponse:
    profile = profile_of(request)
    if profile is None:
        messages.info(request, "Tell job seekers who you are first: then post your job.")
        return redirect("careers:employer-profile")
    return job_form(request, JobForm(request.POST or None, instance=Job(employer=profile)))


@never_cache
@login_required
def edit_job(request: HttpRequest, job_id: int) -> HttpResponse:
    job = get_object_or_404(
        Job.objects.select_related("employer"), pk=job_id, employer__user=request.user
    )
    return job_form(request, JobForm(request.POST or None, instance=job))


def job_form(request: HttpRequest, form: JobForm) -> HttpResponse:
    """Shows the form; on a valid POST within the rate limits, saves the job."""
    creating = form.instance.pk is None
    context = {"form": form, "creating": creating}
    if request.method != "POST" or not form.is_valid():
        return render(request, "careers/employer/job_form.html", context)
    if not take_job_change(request):
        context["limit_error"] = TOO_MANY_CHANGES
        return render(request, "careers/employer/job_form.html", context, status=429)
    description = form.cleaned_data["description"]
    if creating:
        job = services.job_post(job=form.instance, description=description)
    else:
        job = services.job_save(job=form.instance, description=description)
    if not creating:
        messages.success(request, f"Your changes to “{job.title}” are saved.")
    elif job.published_at is None:
        messages.success(
            request,
            f"“{job.title}” is saved. Our staff check an employer's first job before it is "
            "listed: it is published once approved, and your later jobs at once.",
        )
    else:
        messages.success(request, f"“{job.title}” is published.")
    return redirect("careers:employer")


@login_required
@require_POST
def renew_job(request: HttpRequest, job_id: int) -> HttpResponse:
    job = get_object_or_404(Job, pk=job_id, employer__user=request.user)
    if services.job_renew(job=job):
        messages.success(request, f"“{job.title}” is open until {job.closes_on:%B %-d, %Y}.")
    else:
        messages.error(request, f"“{job.title}” cannot be renewed: it is not published.")
    return redirect("careers:employer")
