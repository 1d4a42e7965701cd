from allauth.account.auth_backends import AuthenticationBackend

from .readers import remembered_reader


class AccountBackend(AuthenticationBackend):
    """allauth's email login; loads the reader with whether one of its addresses is verified,
    from the reader cache where it is shared, so a code page needs no query about its reader
    (accounts/readers.py)."""

    def get_user(self, user_id):
        user = remembered_reader(user_id)
        if user is None or not self.user_can_authenticate(user):
            return None
        return user
