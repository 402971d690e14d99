from django.contrib import admin
from django.db import models

from .models import Closure, Library, Membership, Network, OpeningHours


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["name", "created_at"]
    search_fields = ["name"]


@admin.register(Library)
class LibraryAdmin(admin.ModelAdmin):
    list_display = ["name", "network", "kind", "parent", "has_center", "is_active"]
    list_filter = ["network", "kind", "has_center", "is_active"]
    search_fields = ["name", "settlement"]
    inlines = [OpeningHoursInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Closure)
class ClosureAdmin(admin.ModelAdmin):
    list_display = ["library", "starts_on", "ends_on", "reason"]
    list_filter = ["reason"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "library", "role"]
    list_filter = ["role", "library__network"]
    search_fields = ["user__username", "user__last_name"]
