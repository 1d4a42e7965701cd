from django.core.management.base import BaseCommand, CommandError

from accounts.metering import meter_grant, meter_reset, meter_summary
from accounts.models import User


class Command(BaseCommand):
    help = "Show an account's plan, views used and remaining and its unlocked codes; change them."

    def add_arguments(self, parser):
        parser.add_argument("email")
        change = parser.add_mutually_exclusive_group()
        change.add_argument("--grant", type=int, metavar="N", help="Add N views to its allowance.")
        change.add_argument("--reset", action="store_true", help="Forget this period's unlocks.")

    def handle(self, *args, email: str, grant: int | None, reset: bool, **options):
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No account with the email address {email}.")
        if grant is not None:
            if grant <= 0:
                raise CommandError("--grant takes a positive number of views.")
            meter_grant(user=user, views=grant)
            self.stdout.write(f"Granted {grant} extra view(s) to {user.email}.")
        if reset:
            deleted = meter_reset(user=user)
            self.stdout.write(f"Reset the meter of {user.email}: {deleted} unlock(s) forgotten.")
        self.print_meter(user)

    def print_meter(self, user: User) -> None:
        meter = meter_summary(user)
        unlimited = meter.allowance is None
        self.stdout.write(f"Account:   {user.email}")
        self.stdout.write(f"Plan:      {meter.plan} ({meter.tier.value})")
        self.stdout.write(f"Used:      {meter.used}")
        self.stdout.write(f"Remaining: {'unlimited' if unlimited else meter.remaining}")
        if meter.period_ends:
            self.stdout.write(f"Renews:    {meter.period_ends:%Y-%m-%d}")
        self.stdout.write("Unlocked codes:" if meter.unlocks else "Unlocked codes: none")
        for unlock in meter.unlocks:
            code = unlock.code
            self.stdout.write(
                f"  {code.system.name} {code.code}  {unlock.unlocked_at:%Y-%m-%d %H:%M}"
            )
