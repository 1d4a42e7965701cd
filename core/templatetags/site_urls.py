from django import template

from core.site_url import absolute_url as site_absolute_url

register = template.Library()


@register.simple_tag
def absolute_url(path: str) -> str:
    """The full URL of a site path, for canonical links and shared links (from SITE_URL)."""
    return site_absolute_url(path)
