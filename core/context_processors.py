from django.conf import settings


def site(request):
    """Values every template may print: the site's name, and the views verifying an account
    adds (the signup pages say what verifying unlocks)."""
    return {"SITE_NAME": settings.SITE_NAME, "METER_FREE_VIEWS": settings.METER_FREE_VIEWS}
