from functools import cache

from allauth.account.auth_backends import AuthenticationBackend
from allauth.account.models import EmailAddress

from fees.models import ChosenLocality

from .models import User


class AccountBackend(AuthenticationBackend):
    """allauth's email login; loads the user with whether one of its addresses is verified
    and the fee locality it chose, so a code page needs no other query about its reader."""

    def get_user(self, user_id):
        found = list(User._default_manager.raw(reader_sql(), [user_id]))
        user = found[0] if found else None
        if user is None or not self.user_can_authenticate(user):
            return None
        user.has_verified_email = bool(user.has_verified_email)
        return user


@cache
def reader_sql() -> str:
    """The user of every signed-in request, with its verified address and chosen locality.
    Plain SQL: the ORM's version took longer to compile than the query takes to run, on
    every request of every signed-in reader."""
    user, address, chosen = User._meta, EmailAddress._meta, ChosenLocality._meta
    columns = ", ".join(f'u."{field.column}"' for field in user.concrete_fields)
    return (
        f"SELECT {columns},"
        f' EXISTS(SELECT 1 FROM "{address.db_table}" a'
        f' WHERE a."user_id" = u."id" AND a."verified") AS has_verified_email,'
        f' (SELECT c."locality_id" FROM "{chosen.db_table}" c WHERE c."user_id" = u."id")'
        " AS chosen_locality_pk"
        f' FROM "{user.db_table}" u WHERE u."id" = %s'
    )
