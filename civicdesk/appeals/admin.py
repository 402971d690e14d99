"""The administrator keeps the deadline rules and the calendar's single days here."""

from django import forms
from django.contrib import admin

from . import deadlines
from .models import CalendarDay, DeadlineRule


class DeadlineRuleForm(forms.ModelForm):
    class Meta:
        model = DeadlineRule
        fields = ["code", "title", "amount", "unit", "starts", "basis"]

    def clean(self):
        cleaned = super().clean()
        rule = DeadlineRule(amount=cleaned.get("amount"))
        try:
            deadlines.check_rule(rule)
        except forms.ValidationError as exc:
            self.add_error("amount", exc.message_dict["amount"])
        return cleaned


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(admin.ModelAdmin):
    form = DeadlineRuleForm
    list_display = ["code", "title", "amount", "unit", "starts", "basis"]


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ["day", "is_working", "note"]
    date_hierarchy = "day"
