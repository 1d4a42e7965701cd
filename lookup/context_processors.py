from django.conf import settings


def site(request):
    """Values every template may print: the site's name."""
    return {"SITE_NAME": settings.SITE_NAME}
