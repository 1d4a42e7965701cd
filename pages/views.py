"""The composed pages: the home page and the code page, each rendered once per variant and
served from the shared page cache (shared_pages.py), and the account page."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from accounts.metering import Access, AccessLevel, codes_by_id
from accounts.requests import meter_request, metered_page, opened_code_ids_of, reader_reads
from assistant.prompts import examples_for, topics_for
from core.read_ahead import reading_ahead
from core.redirects import permanent_redirect
from fees.selectors import fee_section_for, physician_fee_edition
from grouping.sections import ms_drg_section_for, risk_adjustment_section_for
from lookup.date_of_service import DateOfService, date_of_service_for
from lookup.history import validity_on
from lookup.models import CodeHistory, CodeSystem, canonical_code, canonical_slug, is_cpt_code
from lookup.selectors import nearest_codes, recently_verified_codes

from .account_hub import account_hub
from .code_page import build_code_page
from .full_catalogue import still_loading
from .gates import code_gate, code_gate_reads, code_page_variant
from .payer_overview import payer_overview_for
from .selectors import CataloguePage, catalogue_page
from .shared_pages import render_shared

# How soon a reader may look again for a code the catalogue's background load may bring.
RETRY_WHILE_LOADING_SECONDS = 60


def home(request: HttpRequest) -> HttpResponse:
    # The same for every guest, and for every signed-in reader, until the catalogue changes.
    return render_shared(
        request,
        "pages/home.html",
        ("home", request.user.is_authenticated),
        lambda: {
            "systems": CodeSystem.objects.all(),
            "recent_codes": recently_verified_codes(),
        },
    )


@never_cache
@login_required
def account(request: HttpRequest) -> HttpResponse:
    """The account page: views used and left, what each tool has left, what the reader keeps."""
    return render(request, "accounts/account.html", {"hub": account_hub(request.user)})


@metered_page
def code_detail(request: HttpRequest, system_slug: str, code: str) -> HttpResponse:
    wanted = canonical_slug(system_slug), canonical_code(canonical_slug(system_slug), code)
    if wanted != (system_slug, code):
        return keeping_query(request, permanent_redirect("pages:code", *wanted))

    # The reader, their unlocks and the gate (unless this process holds it) in one round trip.
    with reading_ahead([*code_gate_reads(system_slug, code), *reader_reads(request)]):
        gate = code_gate(system_slug, code)
        access = meter_request(request, gate.metered) if gate is not None else None
    if gate is None:
        return code_not_found(request, system_slug, code)
    opened = wall_opened_codes(request, access)
    date_of_service = date_of_service_for(request)
    principal = request.GET.get("principal")
    variant = code_page_variant(gate, access, request.user, date_of_service, principal, opened)
    # The catalogue part of the gate's generation: the meter decided on what it holds.
    return render_shared(
        request,
        "pages/code_detail.html",
        variant,
        lambda: (
            code_page_context(
                request,
                catalogue_page(system_slug, code, gate.generation),
                access,
                date_of_service,
                principal,
            )
            | {"opened_codes": codes_by_id(opened)}
        ),
    )


@metered_page
def code_payers(request: HttpRequest, system_slug: str, code: str) -> HttpResponse:
    """A code's payer overview: part of its code page, behind the same gate and meter (a
    view of either is a view of the code)."""
    wanted = canonical_slug(system_slug), canonical_code(canonical_slug(system_slug), code)
    if wanted != (system_slug, code):
        return permanent_redirect("pages:code-payers", *wanted)
    gate = code_gate(system_slug, code)
    if gate is None:
        return code_not_found(request, system_slug, code)
    page = catalogue_page(system_slug, code, gate.generation)
    if not gate.has_fee_section:
        # Payer policies speak of procedures, services and supplies: CPT and HCPCS codes.
        context = {"code": page.code, "system": page.code.system}
        return render(request, "pages/payer_overview_none.html", context, status=404)
    access = meter_request(request, gate.metered)
    readable = access.can_read_gated
    fees = fee_section_for(page.code, request.user, readable=readable) if readable else None
    overview = payer_overview_for(page, fees, readable=readable)
    context = {
        "code": page.code,
        "system": page.code.system,
        "ancestors": page.ancestors,
        "access": access,
        "overview": overview,
        "view": {"locked": overview.parts},  # what the wall and locked blocks name
        "opened_codes": codes_by_id(wall_opened_codes(request, access)),
    }
    return render(request, "pages/payer_overview.html", context)


def wall_opened_codes(request: HttpRequest, access: Access) -> list[int]:
    """The ids of the codes a walled reader's views went to, which the wall names (none
    elsewhere)."""
    if access.level is not AccessLevel.WALL or access.network_capped:
        return []
    if access.opened_code_ids is not None:
        return list(access.opened_code_ids)
    return opened_code_ids_of(request)


def code_page_context(
    request: HttpRequest,
    page: CataloguePage,
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
        "added_in_its_place": page.added_in_its_place,
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
    systems = list(CodeSystem.objects.all())
    system = next((each for each in systems if each.slug == system_slug), None)
    context = {
        "system": system,
        "system_slug": system_slug,
        "wanted": code,
        "systems": systems if system is None else [],
        # CPT: what we hold is what the fee schedule and a licensed file list, not all of it.
        "cpt": {
            "shaped": is_cpt_code(code),
            "fee_schedule": physician_fee_edition(),
            "other_systems": [each for each in systems if each.slug != "cpt"],
        }
        if system_slug == "cpt" and system is not None
        else None,
        "suggestions": nearest_codes(system, code) if system else [],
        # A code added after the catalogue's edition: valid, though no title is loaded.
        "history": CodeHistory.objects.filter(code=code, fiscal_year_added__isnull=False).first()
        if system_slug == "icd-10-cm"
        else None,
    }
    if system is not None and (loading := still_loading()):
        # Not a final answer: the code may come with the catalogue's background load.
        response = render(
            request,
            "pages/code_not_found.html",
            context | {"catalogue_loading": loading},
            status=503,
        )
        response["Retry-After"] = str(RETRY_WHILE_LOADING_SECONDS)
        return response
    return render(request, "pages/code_not_found.html", context, status=404)
