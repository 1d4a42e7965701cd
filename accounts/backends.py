from allauth.account.auth_backends import AuthenticationBackend

from .readers import remembered_reader


class AccountBackend(AuthenticationBackend):
    """allauth's email login; loads the user with whether one of its addresses is verified
    and the fee locality it chose, so a code page needs no other query about its reader
    (accounts/readers.py)."""

    def get_user(self, user_id):
        user = remembered_reader(user_id)
        if user is None or not self.user_can_authenticate(user):
            return None
        return user
