"""The account page as a hub: the reader's meter, with what each tool has left for them and
what they keep there. Composed here, above the apps it reads (consultant, checker, fees,
careers), each through its own plain functions."""

from dataclasses import dataclass

from accounts.membership import open_request_of
from accounts.metering import MeterSummary, meter_summary
from accounts.models import MembershipRequest, User
from careers.models import SavedJob, SavedSearch
from careers.selectors import named_saved_searches_of, saved_jobs_of
from checker.allowance import daily_allowance, rows_left
from consultant.threads import allowance_renewal, thread_allowance, threads_left
from core.days import site_today
from fees.models import Locality
from fees.selectors import chosen_locality_of


@dataclass(frozen=True)
class Allowance:
    """What a tool has left for the reader: None for `total` when it is not limited."""

    left: int | None
    total: int | None


@dataclass(frozen=True)
class AccountHub:
    meter: MeterSummary
    membership_request: MembershipRequest | None
    consultant_threads: Allowance
    threads_renew_on: str
    checker_rows: Allowance
    locality: Locality | None
    saved_jobs: list[SavedJob]
    saved_searches: list[tuple[SavedSearch, str]]


def account_hub(user: User) -> AccountHub:
    return AccountHub(
        meter=meter_summary(user),
        membership_request=open_request_of(user),
        consultant_threads=Allowance(threads_left(user), thread_allowance(user)),
        threads_renew_on=allowance_renewal(),
        checker_rows=Allowance(rows_left(user, site_today()), daily_allowance(user)),
        locality=chosen_locality_of(user),
        saved_jobs=saved_jobs_of(user),
        saved_searches=named_saved_searches_of(user),
    )
