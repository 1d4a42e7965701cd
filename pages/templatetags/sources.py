from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()


@register.simple_tag
def cited(numbers: list[int]) -> str:
    """ " Sources 2, 3." linking to the page's "Sources & references" entries; "" for none."""
    if not numbers:
        return ""
    links = format_html_join(", ", '<a href="#source-{0}">{0}</a>', ((n,) for n in numbers))
    return format_html(" Source{} {}.", "s" if len(numbers) > 1 else "", links)
