from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def absolute_url(context, path: str) -> str:
    """The full URL of a site path, for canonical links and shared links."""
    return context["request"].build_absolute_uri(path)
