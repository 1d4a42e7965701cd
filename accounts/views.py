from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .metering import meter_summary


@login_required
def account(request: HttpRequest) -> HttpResponse:
    """The account page: plan, views used and remaining, and the codes unlocked."""
    return render(request, "accounts/account.html", {"meter": meter_summary(request.user)})
