from django import template

from ..outcomes import label

register = template.Library()


@register.filter
def get(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def outcome_label(value):
    return label(value)
