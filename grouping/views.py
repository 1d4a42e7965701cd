from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import cache_control
from django.views.decorators.vary import vary_on_cookie

from accounts.metering import reads_gated_facts, tier_of
from lookup.models import CodeSystem

from . import selectors
from .models import Edition, HccCategory


def hcc_index(request: HttpRequest) -> HttpResponse:
    """The CMS-HCC categories of both models, with how many codes map to each."""
    categories = list(selectors.hcc_categories())
    return render(
        request,
        "grouping/hcc_index.html",
        {
            "system": CodeSystem.objects.filter(slug="icd-10-cm").first(),
            "edition": Edition.objects.filter(system__slug="icd-10-cm").first(),
            "models": [
                (label, [each for each in categories if each.model == model])
                for model, label in HccCategory.Model.choices
            ],
        },
    )


@vary_on_cookie
@cache_control(private=True)
def hcc_category(request: HttpRequest, model: str, number: int) -> HttpResponse:
    """The codes that map to one category: for readers of gated content only, as on a code
    page's risk adjustment section; others see the category and how to get the list."""
    category = get_object_or_404(HccCategory, model=model.upper(), number=number)
    readable = reads_gated_facts(request.user)
    page = None
    if readable:
        rows = selectors.hcc_category_rows(category)
        page = Paginator(rows, settings.BROWSE_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "grouping/hcc_category.html",
        {
            "system": CodeSystem.objects.filter(slug="icd-10-cm").first(),
            "category": category,
            "page": page,
            "tier": tier_of(request.user),
        },
    )
