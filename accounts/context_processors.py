from django.http import HttpRequest

from .metering import meter_terms


def meter(request: HttpRequest) -> dict:
    """The meter's rule (views a guest and an account have, whether they renew), which the
    banner, the wall and the account pages state."""
    return {"meter_terms": meter_terms()}
