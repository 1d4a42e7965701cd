from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.dispatch import Signal
from django.utils import timezone

from .mailboxes import canonical_mailbox

# Sent after QuerySet.update() changed accounts (with `user_ids`), which sends no post_save:
# the cached readers of those accounts must go (receivers.py).
users_updated = Signal()


class UserQuerySet(models.QuerySet):
    def update(self, **fields) -> int:
        user_ids = list(self.values_list("pk", flat=True))
        count = super().update(**fields)
        users_updated.send(sender=User, user_ids=user_ids)
        return count


class EmailUserManager(UserManager):
    """Creates users identified by email address; there is no username."""

    def get_queryset(self) -> UserQuerySet:
        return UserQuerySet(self.model, using=self._db)

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        """An administrator (`manage.py createsuperuser`) whose address counts as verified:
        whoever runs the command owns the site, so they log in to /admin/ at once."""
        from allauth.account.models import EmailAddress

        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        user = self._create_user(email, password, **extra_fields)
        EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
        return user


class User(AbstractUser):
    """A CodeAtlas account. The email address is the login."""

    class Plan(models.TextChoices):
        FREE = "free", "Free"
        PREMIUM = "premium", "Premium"

    username = None
    email = models.EmailField("email address", unique=True)
    # One account per mailbox (accounts/mailboxes.py), enforced here whatever races. Empty
    # only for accounts that shared a mailbox with an older one before this was enforced.
    mailbox = models.CharField(  # noqa: DJ001 (NULL, unlike "", may repeat under UNIQUE)
        max_length=254,
        unique=True,
        null=True,
        editable=False,
        help_text="The mailbox the address reaches: lower case, no +tag, no Gmail dots, the "
        "domain as DNS spells it (xn--).",
    )
    plan = models.CharField(
        max_length=10,
        choices=Plan.choices,
        default=Plan.FREE,
        help_text="Premium accounts open any number of code pages.",
    )
    extra_views = models.PositiveIntegerField(
        default=0, help_text="Code page views granted by support on top of the free allowance."
    )
    # A plain key rather than a foreign key: the account knows no fee table (fees/ reads it).
    medicare_locality = models.CharField(
        "Medicare locality",
        max_length=8,
        blank=True,
        editable=False,
        help_text="The Medicare payment locality chosen for fee sections, as its state and "
        "locality number (NY-01); empty: national payments only.",
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = EmailUserManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_unique_ignoring_case"),
        ]

    def __str__(self) -> str:
        return self.email

    @classmethod
    def from_db(cls, db, field_names, values):
        user = super().from_db(db, field_names, values)
        user._stored_email = user.__dict__.get("email")
        return user

    def clean(self) -> None:
        super().clean()
        others = User.objects.filter(mailbox=canonical_mailbox(self.email)).exclude(pk=self.pk)
        if self.email and others.exists():
            raise ValidationError(
                {"email": "Another account already uses this mailbox (the address differs "
                 "only in capitals, a +tag, quotes, Gmail dots or the domain's spelling)."}
            )  # fmt: skip

    def save(self, *args, **kwargs):
        # Kept with the address: recomputed only when the address changes, so an account
        # left without one (see `mailbox`) keeps working.
        if self.email != getattr(self, "_stored_email", None):
            self.mailbox = canonical_mailbox(self.email)
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "mailbox"}
        super().save(*args, **kwargs)
        self._stored_email = self.email

    def get_session_auth_hash(self) -> str:
        # A reader rebuilt from the cache (readers.py) carries this hash, never the password
        # hash it is derived from.
        return self.__dict__.get("remembered_session_auth_hash") or super().get_session_auth_hash()

    @property
    def has_unlimited_views(self) -> bool:
        return self.is_staff or self.is_superuser or self.plan == self.Plan.PREMIUM


class Unlock(models.Model):
    """One code page opened by an identity (an account or a guest visitor): one view used.

    `slot` numbers the identity's views within the period (1, 2, ...): the unique constraint
    on it is what stops racing requests from unlocking more codes than the allowance.
    """

    user = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.CASCADE, related_name="unlocks"
    )
    visitor = models.UUIDField(
        null=True, blank=True, help_text="A guest's id, from its signed visitor cookie."
    )
    code = models.ForeignKey("lookup.Code", on_delete=models.CASCADE, related_name="+")
    period = models.CharField(max_length=10, help_text='"lifetime", or a month: "2026-11".')
    slot = models.PositiveSmallIntegerField()
    unlocked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-unlocked_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(user__isnull=True) ^ models.Q(visitor__isnull=True),
                name="unlock_has_one_identity",
            ),
            models.UniqueConstraint(
                fields=["user", "period", "code"],
                condition=models.Q(user__isnull=False),
                name="unlock_once_per_user_and_code",
            ),
            models.UniqueConstraint(
                fields=["user", "period", "slot"],
                condition=models.Q(user__isnull=False),
                name="unlock_one_code_per_user_slot",
            ),
            models.UniqueConstraint(
                fields=["visitor", "period", "code"],
                condition=models.Q(visitor__isnull=False),
                name="unlock_once_per_visitor_and_code",
            ),
            models.UniqueConstraint(
                fields=["visitor", "period", "slot"],
                condition=models.Q(visitor__isnull=False),
                name="unlock_one_code_per_visitor_slot",
            ),
        ]
        indexes = [models.Index(fields=["unlocked_at"])]

    def __str__(self) -> str:
        return f"{self.who} unlocked {self.code_id} ({self.period})"

    @property
    def who(self) -> str:
        return str(self.user) if self.user_id else f"guest {str(self.visitor)[:8]}"


class NetworkDay(models.Model):
    """Guest unlocks and signups seen from one network on one day.

    The network is an HMAC of the client address under a salt that changes every day, so
    no address is stored and rows of different days cannot be linked.
    """

    network = models.CharField(max_length=64)
    day = models.DateField()
    guest_unlocks = models.PositiveIntegerField(default=0)
    signups = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["network", "day"], name="one_row_per_network_and_day"),
        ]

    def __str__(self) -> str:
        return f"{self.network[:12]} on {self.day}"


class MembershipRequest(models.Model):
    """A free account asking for Premium from the upgrade page; staff grant it in the admin
    (payments are not taken online)."""

    class Status(models.TextChoices):
        OPEN = "open", "Waiting for staff"
        GRANTED = "granted", "Granted"
        DECLINED = "declined", "Declined"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="membership_requests")
    note = models.TextField(
        blank=True, max_length=1000, help_text="What the reader told us about their work."
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    asked_at = models.DateTimeField(default=timezone.now)
    handled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-asked_at"]
        constraints = [
            # One open request per account, whatever double clicks race.
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(status="open"),
                name="one_open_membership_request_per_user",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} asked for Premium on {self.asked_at:%Y-%m-%d}"
