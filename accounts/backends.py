from allauth.account.auth_backends import AuthenticationBackend
from allauth.account.models import EmailAddress
from django.db.models import Exists, OuterRef

from .models import User


class AccountBackend(AuthenticationBackend):
    """allauth's email login; loads the user with whether one of its addresses is verified
    and the fee locality it chose, so a code page needs no other query about its reader."""

    def get_user(self, user_id):
        verified = EmailAddress.objects.filter(user=OuterRef("pk"), verified=True)
        user = (
            User._default_manager.annotate(has_verified_email=Exists(verified))
            .select_related("chosen_locality")
            .filter(pk=user_id)
            .first()
        )
        return user if user is not None and self.user_can_authenticate(user) else None
