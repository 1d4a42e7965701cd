from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from .metering import meter_summary


@never_cache
@login_required
def account(request: HttpRequest) -> HttpResponse:
    """The account page: plan, views used and remaining, and the codes unlocked."""
    return render(request, "accounts/account.html", {"meter": meter_summary(request.user)})
