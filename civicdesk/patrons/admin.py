from django.contrib import admin

from .models import CardFormat, SocialCategory


@admin.register(SocialCategory)
class SocialCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "position", "is_active"]


@admin.register(CardFormat)
class CardFormatAdmin(admin.ModelAdmin):
    list_display = ["library", "prefix", "digits"]
