from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from .forms import MembershipRequestForm
from .membership import membership_request_create, open_request_of
from .metering import Tier, tier_of


@never_cache
def upgrade(request: HttpRequest) -> HttpResponse:
    """What Premium gives and how to ask for it: open to guests (who register first), a form
    for free accounts, their request's state once asked."""
    user = request.user
    tier = tier_of(user)
    form = MembershipRequestForm(request.POST or None)
    if request.method == "POST":
        if tier is not Tier.FREE:
            return redirect("upgrade")
        if form.is_valid():
            membership_request_create(user=user, note=form.cleaned_data["note"])
            messages.success(
                request,
                "Thank you: we have your request. Your account page will say Premium "
                "once our staff have granted it.",
            )
            return redirect("upgrade")
    return render(
        request,
        "accounts/upgrade.html",
        {
            "tier": tier,
            "form": form,
            "membership_request": open_request_of(user) if user.is_authenticated else None,
            "free_views": settings.METER_GUEST_VIEWS + settings.METER_FREE_VIEWS,
        },
    )
