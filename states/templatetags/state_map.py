"""`{% state_map_small %}`: the compact state map for the home page (cached)."""

from django import template
from django.utils import timezone

register = template.Library()


@register.simple_tag
def state_map_small():
    from states.maps import state_map_html

    return state_map_html(today=timezone.localdate(), compact=True)
