from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .metering import move_guest_unlocks


@receiver(user_logged_in)
def keep_codes_unlocked_as_guest(sender, request, user, **kwargs):
    if request is not None:
        move_guest_unlocks(request, user)
