from urllib.parse import urlsplit

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_delete, post_migrate, post_save
from django.dispatch import receiver

from .metering import move_guest_unlocks
from .models import Unlock, User, users_updated
from .readers import forget_reader
from .unlocks import forget_unlocks
from .visitors import visitor_of


@receiver(user_logged_in)
def keep_codes_unlocked_as_guest(sender, request, user, **kwargs):
    if request is not None:
        move_guest_unlocks(visitor_of(request), user)


@receiver([post_save, post_delete], sender=Unlock)
def forget_changed_unlock(sender, instance, **kwargs):
    """A reset meter, a deleted account or an admin's change: no cached copy may keep a code
    unlocked that the ledger no longer holds."""
    forget_unlocks(instance.period, instance.user_id, instance.visitor)


@receiver([post_save, post_delete], sender=User)
def forget_changed_reader(sender, instance, **kwargs):
    forget_reader(instance.pk)


@receiver(users_updated)
def forget_updated_readers(sender, user_ids, **kwargs):
    for user_id in user_ids:
        forget_reader(user_id)


@receiver([post_save, post_delete], sender=EmailAddress)
def forget_reader_of_changed_part(sender, instance, **kwargs):
    """Whether an address is verified is part of the cached reader."""
    forget_reader(instance.user_id)


@receiver(post_migrate)
def name_the_site_from_settings(sender, using, **kwargs):
    """Keep the Sites framework's site named from SITE_NAME and SITE_URL, so that allauth's
    emails say "CodeAtlas", not the host a request came in on. Runs at every migrate, after
    the sites app made its default site (accounts migrates after it)."""
    if sender.name != "accounts":
        return
    from django.contrib.sites.models import Site

    Site.objects.using(using).update_or_create(
        pk=settings.SITE_ID,
        defaults={"domain": urlsplit(settings.SITE_URL).netloc, "name": settings.SITE_NAME},
    )
