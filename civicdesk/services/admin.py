from django.contrib import admin

from .models import Service, ServiceGroup


@admin.register(ServiceGroup)
class ServiceGroupAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "network", "position"]
    list_filter = ["network"]


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "group", "is_paid", "is_archived"]
    list_filter = ["network", "is_paid", "is_archived"]
    search_fields = ["name"]

    def has_delete_permission(self, request, obj=None):
        # A used service is archived, never deleted; the staff page decides which.
        return False
