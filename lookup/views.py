import re
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render

from accounts.metering import Access, decide_access, metered_page
from assistant.prompts import examples_for, topics_for
from fees.selectors import fee_section_for
from grouping.sections import ms_drg_section_for, risk_adjustment_section_for

from . import selectors
from .code_page import build_code_page, code_gate, code_page_variant
from .date_of_service import DateOfService, date_of_service_for
from .history import validity_on
from .models import CodeHistory, CodeSystem, canonical_code
from .search import Scope, search_codes, suggest_codes
from .shared_pages import render_shared


def home(request: HttpRequest) -> HttpResponse:
    # The same for every guest, and for every signed-in reader, until the catalogue changes.
    return render_shared(
        request,
        "lookup/home.html",
        ("home", request.user.is_authenticated),
        lambda: {
            "systems": CodeSystem.objects.all(),
            "recent_codes": selectors.recently_updated_codes(),
        },
    )


def canonical_slug(system_slug: str) -> str:
    """A system's slug as URLs spell it: lower case, no spaces."""
    return "".join(system_slug.split()).lower()


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
    if not modifiers:
        raise Http404("This code system has no modifiers.")
    return render(request, "lookup/modifiers.html", {"system": system, "modifiers": modifiers})


def permanent_redirect(url_name: str, *args: str) -> HttpResponse:
    """One 301 to a canonical URL; a spelling that is nothing but spaces is a 404."""
    if not all(args):
        raise Http404("No such page.")
    return redirect(url_name, *args, permanent=True)


def without_slash(request: HttpRequest, system_slug: str, code: str = "") -> HttpResponse:
    """A page's URL without its final slash, in any spelling: one hop to the canonical URL
    (Django's slash-appending would answer with a second redirect to come)."""
    slug = canonical_slug(system_slug)
    if not code:
        return permanent_redirect("lookup:system", slug)
    if code.strip().lower() == "modifiers":
        return permanent_redirect("lookup:modifiers", slug)
    return permanent_redirect("lookup:code", slug, canonical_code(slug, code))


@metered_page
def code_detail(request: HttpRequest, system_slug: str, code: str) -> HttpResponse:
    wanted = canonical_slug(system_slug), canonical_code(canonical_slug(system_slug), code)
    if wanted != (system_slug, code):
        return keeping_query(request, permanent_redirect("lookup:code", *wanted))

    gate = code_gate(system_slug, code)
    if gate is None:
        return code_not_found(request, system_slug, code)

    access = decide_access(request, gate.metered)
    date_of_service = date_of_service_for(request)
    principal = request.GET.get("principal")
    variant = code_page_variant(gate, access, request.user, date_of_service, principal)
    # The catalogue part of the gate's generation: the meter decided on what it holds.
    return render_shared(
        request,
        "lookup/code_detail.html",
        variant,
        lambda: code_page_context(
            request,
            selectors.catalogue_page(system_slug, code, gate.generation),
            access,
            date_of_service,
            principal,
        ),
    )


def code_page_context(
    request: HttpRequest,
    page: selectors.CataloguePage,
    access: Access,
    date_of_service: DateOfService,
    principal: str | None,
) -> dict:
    """What the code page template shows `access`'s reader (code_page_variant names it)."""
    readable, shown = access.can_read_gated, access.shows_content
    fees = fee_section_for(page.code, request.user, readable=readable) if shown else None
    # Gated like the page's in-depth sections: locked (no fact in them) unless readable.
    ms_drg = ms_drg_section_for(page.code, readable=readable, principal=principal)
    risk_adjustment = risk_adjustment_section_for(page.code, readable=readable)
    view = build_code_page(page, access, fees, [each for each in [ms_drg, risk_adjustment] if each])
    return {
        "code": page.code,
        "system": page.code.system,
        "ancestors": page.ancestors,
        "view": view,
        "children": page.children,
        "related": page.related if shown else [],
        "index_terms": page.index_terms,
        "access": access,
        "catalogue_generation": page.generation,
        "page_cache_seconds": settings.CODE_PAGE_CACHE_SECONDS,
        "paywalled": not shown or bool(view.locked),
        "fees": fees,
        "casepilot": {
            "topics": topics_for(page.code),
            "examples": examples_for(page.code, [each.code for each in page.related]),
        },
        "history": page.history,
        "ms_drg": ms_drg,
        "risk_adjustment": risk_adjustment,
        "date_of_service": date_of_service,
        "validity": validity_on(date_of_service.day, page.code, page.history)
        if date_of_service.day
        else None,
    }


def keeping_query(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """A redirect to another spelling of the same page, with the request's query string
    (its date of service) kept."""
    if request.META.get("QUERY_STRING"):
        response["Location"] += "?" + request.META["QUERY_STRING"]
    return response


def code_not_found(request: HttpRequest, system_slug: str, code: str) -> HttpResponse:
    system = CodeSystem.objects.filter(slug=system_slug).first()
    context = {
        "system": system,
        "system_slug": system_slug,
        "wanted": code,
        "systems": CodeSystem.objects.all() if system is None else [],
        "suggestions": selectors.nearest_codes(system, code) if system else [],
        # A code added after the catalogue's edition: valid, though no title is loaded.
        "history": CodeHistory.objects.filter(code=code, fiscal_year_added__isnull=False).first()
        if system_slug == "icd-10-cm"
        else None,
    }
    return render(request, "lookup/code_not_found.html", context, status=404)


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
    outcome = search_codes(query, scope, page) if "q" in request.GET else None
    if outcome and outcome.exact:
        return redirect(outcome.exact)
    # The search's own parameters, kept when the reader changes the date or the page.
    keeps = [
        (name, request.GET[name])
        for name in ["q", "system", "billable", "deleted", "valid"]
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
    slug = request.GET.get("system")
    system = CodeSystem.objects.filter(slug=slug).first() if slug else None
    codes = suggest_codes(request.GET.get("q", ""), system)
    return JsonResponse(
        {
            "suggestions": [
                {
                    "code": code.code,
                    "title": code.list_title,
                    "system": code.system.name,
                    "url": code.get_absolute_url(),
                }
                for code in codes
            ]
        }
    )


def sources(request: HttpRequest) -> HttpResponse:
    return render(request, "lookup/sources.html", {"systems": CodeSystem.objects.all()})
