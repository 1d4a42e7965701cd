"""The payers' pages: the list of payers, and each payer's page listing the codes its
policies cover, filtered by what they say of prior authorization."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from accounts.metering import reads_gated_facts

from .models import Payer, PolicyVersion
from .selectors import codes_with_policies

PRIOR_AUTHORIZATION = PolicyVersion.PriorAuthorization


def index(request: HttpRequest) -> HttpResponse:
    payers = Payer.objects.select_related("parent").order_by("kind", "name")
    return render(request, "payers/index.html", index_context(request, payers))


def index_context(request: HttpRequest, payers, **more) -> dict:
    return {
        "payers": payers,
        "kinds": Payer.Kind,
        "choices": PRIOR_AUTHORIZATION.choices,
        "reads_gated": reads_gated_facts(request.user),
    } | more


def find(request: HttpRequest) -> HttpResponse:
    """The filter form's answer: the chosen payer's page, filtered as asked."""
    payer = Payer.objects.filter(slug=request.GET.get("payer", "")).first()
    wanted = request.GET.get("prior_authorization", "")
    if payer is None:
        payers = Payer.objects.select_related("parent").order_by("kind", "name")
        error = "Choose a payer from the list."
        context = index_context(request, payers, payer_error=error, wanted=wanted)
        return render(request, "payers/index.html", context, status=400)
    url = reverse("payers:payer", args=[payer.slug])
    return redirect(
        f"{url}?prior_authorization={wanted}" if wanted in PRIOR_AUTHORIZATION.values else url
    )


def payer_page(request: HttpRequest, slug: str) -> HttpResponse:
    payer = get_object_or_404(Payer, slug=slug)
    reads_gated = reads_gated_facts(request.user)
    wanted = request.GET.get("prior_authorization", "")
    # What a policy says of prior authorization is a gated fact: no filtering on it unread.
    filtered = wanted in PRIOR_AUTHORIZATION.values and reads_gated
    rows = codes_with_policies(payer, prior_authorization=wanted if filtered else None)
    page = Paginator(rows, settings.BROWSE_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "payer": payer,
        "page": page,
        "reads_gated": reads_gated,
        "wanted": PRIOR_AUTHORIZATION(wanted) if filtered else None,
        "choices": PRIOR_AUTHORIZATION.choices,
        "has_samples": any(row.version.policy.is_sample for row in page),
    }
    return render(request, "payers/payer.html", context)
