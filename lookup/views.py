import re
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render

from core.redirects import permanent_redirect

from . import selectors
from .cpt_modifiers import CPT_MODIFIERS
from .date_of_service import date_of_service_for
from .models import CodeSystem, canonical_code, canonical_slug
from .search import Scope, search_codes
from .search.suggestions import suggestions


def system_index(request: HttpRequest, system_slug: str) -> HttpResponse:
    if system_slug != canonical_slug(system_slug):
        return permanent_redirect("lookup:system", canonical_slug(system_slug))
    system = get_object_or_404(CodeSystem, slug=system_slug)
    page = Paginator(selectors.system_codes(system), settings.BROWSE_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "lookup/system.html",
        {
            "system": system,
            "roots": selectors.hierarchy_roots(system),
            "page": page,
            "has_modifiers": system.modifiers.exists(),
            "history_years": selectors.history_fiscal_years() if system.history_edition else [],
        },
    )


def modifier_list(request: HttpRequest, system_slug: str) -> HttpResponse:
    if system_slug != canonical_slug(system_slug):
        return permanent_redirect("lookup:modifiers", canonical_slug(system_slug))
    system = get_object_or_404(CodeSystem, slug=system_slug)
    modifiers = selectors.system_modifiers(system)
    # CPT's modifiers (HCPCS Level I) are listed beside Level II's, described in our words.
    cpt_modifiers = CPT_MODIFIERS if system.slug == "hcpcs" else ()
    if not modifiers and not cpt_modifiers:
        raise Http404("This code system has no modifiers.")
    return render(
        request,
        "lookup/modifiers.html",
        {"system": system, "modifiers": modifiers, "cpt_modifiers": cpt_modifiers},
    )


def without_slash(request: HttpRequest, system_slug: str, code: str = "") -> HttpResponse:
    """A page's URL without its final slash, in any spelling: one hop to the canonical URL
    (Django's slash-appending would answer with a second redirect to come)."""
    slug = canonical_slug(system_slug)
    if not code:
        return permanent_redirect("lookup:system", slug)
    if code.strip().lower() == "modifiers":
        return permanent_redirect("lookup:modifiers", slug)
    return permanent_redirect("pages:code", slug, canonical_code(slug, code))


def search(request: HttpRequest) -> HttpResponse:
    systems = list(CodeSystem.objects.all())
    date_of_service = date_of_service_for(request)
    valid_only = request.GET.get("valid") == "1" and date_of_service.day is not None
    scope = Scope(
        system=next((each for each in systems if each.slug == request.GET.get("system")), None),
        billable_only=request.GET.get("billable") == "1",
        include_deleted=request.GET.get("deleted") == "1",
        valid_on=date_of_service.day if valid_only else None,
    )
    query = request.GET.get("q", "")
    page = page_number(request.GET.get("page"))
    as_typed = request.GET.get("as_typed") == "1"
    outcome = search_codes(query, scope, page, as_typed=as_typed) if "q" in request.GET else None
    if outcome and outcome.exact:
        return redirect(outcome.exact)
    # The search's own parameters, kept when the reader changes the date or the page.
    keeps = [
        (name, request.GET[name])
        for name in ["q", "system", "billable", "deleted", "valid", "as_typed"]
        if request.GET.get(name)
    ]
    return render(
        request,
        "lookup/search.html",
        {
            "outcome": outcome,
            "query": query,
            "systems": systems,
            "scope": scope,
            "date_of_service": date_of_service,
            "date_of_service_keeps": keeps,
            "page_query": urlencode(keeps),
            "as_typed_query": urlencode([*keeps, ("as_typed", "1")] if not as_typed else keeps),
        },
    )


def page_number(raw: str | None) -> int:
    """A results page asked for in the URL: a whole number from 1, else the first page."""
    return int(raw) if raw and re.fullmatch(r"[0-9]{1,4}", raw) and int(raw) > 0 else 1


def whats_new_latest(request: HttpRequest) -> HttpResponse:
    years = selectors.history_fiscal_years()
    if not years:
        raise Http404("No ICD-10-CM code history is loaded.")
    return redirect("lookup:whats_new", years[0])


def whats_new(request: HttpRequest, fiscal_year: int) -> HttpResponse:
    """The ICD-10-CM codes added, deleted and retitled in one fiscal year's update."""
    system = get_object_or_404(CodeSystem, slug="icd-10-cm")
    years = selectors.history_fiscal_years()
    if fiscal_year not in years:
        raise Http404("We hold no ICD-10-CM changes for that fiscal year.")
    return render(
        request,
        "lookup/whats_new.html",
        {"system": system, "changes": selectors.whats_new(fiscal_year), "years": years},
    )


def suggest(request: HttpRequest) -> JsonResponse:
    """Autocomplete for the search box: code, short title, system and URL of up to ten codes."""
    found = suggestions(request.GET.get("q", ""), request.GET.get("system"))
    return JsonResponse({"suggestions": found})


def sources(request: HttpRequest) -> HttpResponse:
    return render(request, "lookup/sources.html", {"systems": CodeSystem.objects.all()})
