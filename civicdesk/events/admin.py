"""Rooms of the libraries, kept by the administrator (events pick them)."""

from django.contrib import admin

from .models import Room


@admin.register(Room)
class RoomAdmin(admin.ModelAdmin):
    list_display = ["name", "library", "capacity"]
    list_filter = ["library__network"]
    search_fields = ["name", "library__name"]
