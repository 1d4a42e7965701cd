from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from core.states import state_label

from .forms import LocalityForm
from .selectors import chosen_locality_of
from .services import chosen_locality_set


def safe_next_url(request: HttpRequest) -> str:
    """Where to go back to: a local `next` URL, or the home page."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return wanted if allowed else "/"


@login_required(login_url="account_login")
@require_http_methods(["GET", "POST"])
def choose_locality(request: HttpRequest) -> HttpResponse:
    """Pick a state, then one of its localities; works as plain forms without JavaScript."""
    chosen = chosen_locality_of(request.user)
    # A choice a new GPCI file retired is not offered again: the user is asked to choose anew.
    current = chosen if chosen and not chosen.is_retired else None
    retired = chosen if chosen and chosen.is_retired else None
    state = request.POST.get("state") or request.GET.get("state") or (chosen and chosen.state)
    state = (state or "").strip().upper()[:2]
    next_url = safe_next_url(request)
    if request.method == "POST":
        form = LocalityForm(request.POST, state=state)
        if form.is_valid():
            chosen_locality_set(user=request.user, locality=form.cleaned_data["locality"])
            return redirect(next_url)
    else:
        form = LocalityForm(initial={"state": state, "locality": current}, state=state)
    return render(
        request,
        "fees/choose_locality.html",
        {
            "form": form,
            "state": state,
            "state_name": state_label(state),
            "current": current,
            "retired_locality": retired,
            "next_url": next_url,
            "state_known": state in dict(form.fields["state"].choices),
        },
    )
