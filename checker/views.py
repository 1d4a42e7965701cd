from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control

from accounts.metering import reads_gated_facts, tier_of
from core.days import site_today
from lookup.date_of_service import date_of_service_for

from .allowance import daily_allowance, receipt_for, rows_granted_by, rows_left, take_rows
from .checking import MAX_ROWS, as_csv, check_rows, rows_key
from .forms import CheckForm


@login_required
@cache_control(private=True, no_store=True)
def check(request: HttpRequest) -> HttpResponse:
    """Paste or upload up to MAX_ROWS codes; get each one's validity and grouping facts, as a
    table or CSV. Registered, verified accounts only; spends no code page view."""
    user, today = request.user, site_today()
    context = {"allowance": daily_allowance(user), "max_rows": MAX_ROWS, "tier": tier_of(user)}
    if not reads_gated_facts(user):
        return render(request, "checker/check.html", context)
    if request.method != "POST":
        form = CheckForm(initial={"date_of_service": date_of_service_for(request).iso})
        context |= {"form": form, "rows_left": rows_left(user, today)}
        return render(request, "checker/check.html", context)

    form = CheckForm(request.POST, request.FILES)
    if not form.is_valid():
        context |= {"form": form, "rows_left": rows_left(user, today)}
        return render(request, "checker/check.html", context, status=400)
    text, rows = form.cleaned_data["text"], form.cleaned_data["rows"]
    chosen_day = form.cleaned_data["date_of_service"]
    # A receipt covers these rows checked for this date of service, and no other.
    key = rows_key(rows, chosen_day or today)
    already = rows_granted_by(request.POST.get("receipt", ""), user, key, today)

    def grant(wanted: int) -> int:
        return min(wanted, already) if already is not None else take_rows(user, wanted, today)

    result = check_rows(rows, chosen_day or today, grant)
    if "csv" in request.POST:
        response = HttpResponse(as_csv(result), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="codes-checked-{today}.csv"'
        return response
    again = {"codes": text, "date_of_service": chosen_day.isoformat() if chosen_day else ""}
    return render(
        request,
        "checker/check.html",
        context
        | {
            "form": CheckForm(initial=again),
            "result": result,
            "again": again,
            "receipt": receipt_for(user, key, today, result.looked_up),
            "rows_left": rows_left(user, today),
        },
    )
