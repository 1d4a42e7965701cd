from django.conf import settings


def site(request):
    """Values every template may print: the site's name, the views verifying an account adds
    (the signup pages say what verifying unlocks), and the name of the time zone whose
    midnight limits reset at."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "METER_FREE_VIEWS": settings.METER_FREE_VIEWS,
        "SITE_TIME_ZONE_NAME": settings.SITE_TIME_ZONE_NAME,
    }
