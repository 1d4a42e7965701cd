"""Premium membership: a free account asks for it on the upgrade page, staff grant it in the
admin. Payments are not taken online."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import MembershipRequest, User


def open_request_of(user: User) -> MembershipRequest | None:
    """The account's request still waiting for staff, if any."""
    return user.membership_requests.filter(status=MembershipRequest.Status.OPEN).first()


def membership_request_create(*, user: User, note: str) -> MembershipRequest:
    """Record that `user` asks for Premium; asking again while a request waits changes
    nothing (a unique constraint holds against racing submissions)."""
    try:
        with transaction.atomic():
            return MembershipRequest.objects.create(user=user, note=note)
    except IntegrityError:
        return open_request_of(user)


def membership_grant(*, membership_request: MembershipRequest) -> None:
    """Give the asker the Premium plan and close the request."""
    with transaction.atomic():
        User.objects.filter(pk=membership_request.user_id).update(plan=User.Plan.PREMIUM)
        membership_request.status = MembershipRequest.Status.GRANTED
        membership_request.handled_at = timezone.now()
        membership_request.save(update_fields=["status", "handled_at"])


def membership_decline(*, membership_request: MembershipRequest) -> None:
    membership_request.status = MembershipRequest.Status.DECLINED
    membership_request.handled_at = timezone.now()
    membership_request.save(update_fields=["status", "handled_at"])
