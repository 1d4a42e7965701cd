from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from core.days import site_today

from .models import (
    Code,
    CodeRelation,
    CodeSystem,
    Modifier,
    SearchSynonym,
    Section,
    SourceReference,
)


@admin.register(CodeSystem)
class CodeSystemAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "edition", "position"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["source_file"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class SectionInline(admin.StackedInline):
    model = Section
    extra = 0
    fields = ["position", "kind", "title", "gated", "source", "body"]
    readonly_fields = ["source"]
    ordering = ["position", "id"]


class SourceInline(admin.TabularInline):
    model = SourceReference
    extra = 0
    fields = ["position", "title", "publisher", "url", "edition", "supports"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    verbose_name_plural = (
        "sources & references (official files the page imports are cited without listing)"
    )


class RelationInline(admin.TabularInline):
    model = CodeRelation
    fk_name = "from_code"
    extra = 0
    autocomplete_fields = ["to_code"]
    verbose_name = "related code"
    verbose_name_plural = "related codes (each also shows on the other code's page)"


@admin.register(Code)
class CodeAdmin(admin.ModelAdmin):
    list_display = [
        "code",
        "short_descriptor",
        "system",
        "level",
        "billable",
        "status",
        "updated_at",
    ]
    list_filter = ["system", "status", "billable", "level"]
    search_fields = ["code", "short_descriptor", "long_descriptor"]
    list_select_related = ["system"]
    autocomplete_fields = ["parent"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [SectionInline, SourceInline, RelationInline]

    class Media:
        css = {"all": ["css/admin-code-form.css"]}

    # What a reader reads of the page: its "Verified" date vouches for these.
    TEXT_FIELDS = ["short_descriptor", "long_descriptor", "description"]
    TEXT_INLINES = (Section, SourceReference)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        text_changed = any(name in form.changed_data for name in self.TEXT_FIELDS) or any(
            formset.has_changed() for formset in formsets if formset.model in self.TEXT_INLINES
        )
        if change and text_changed and "verified_on" not in form.changed_data:
            self.offer_to_renew_verification(request, form.instance)

    def offer_to_renew_verification(self, request: HttpRequest, code: Code) -> None:
        """After an editor changed the page's text: offer to date its verification today."""
        still = (
            f"; the page still says Verified {code.verified_on:%b} {code.verified_on.day}, "
            f"{code.verified_on.year}"
            if code.verified_on
            else ""
        )
        self.message_user(
            request,
            format_html(
                'You changed the text of the page of {}{}. <a href="{}">Renew its Verified date '
                "to today</a> once you have checked the page against its sources.",
                code,
                still,
                reverse("admin:lookup_code_verify", args=[code.pk]),
            ),
            messages.WARNING,
        )

    def get_urls(self):
        verify = self.admin_site.admin_view(self.verify_view)
        return [
            path("<int:pk>/verify/", verify, name="lookup_code_verify"),
            *super().get_urls(),
        ]

    def verify_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """Ask, then record that an editor checked the page against its sources today."""
        code = get_object_or_404(Code.objects.select_related("system"), pk=pk)
        if not self.has_change_permission(request, code):
            raise PermissionDenied
        today = site_today()  # the editor's day, as the page's readers count days
        if request.method == "POST":
            code.verified_on = today
            code.save(update_fields=["verified_on", "updated_at"])
            self.message_user(request, f"{code} is marked verified today.", messages.SUCCESS)
            return redirect("admin:lookup_code_change", code.pk)
        context = self.admin_site.each_context(request) | {
            "title": f"Renew the Verified date of {code}",
            "code": code,
            "today": today,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/lookup/code/verify.html", context)

    def save_formset(self, request, form, formset, change):
        # An imported section an editor rewrites becomes theirs: the next import leaves it.
        if formset.model is Section:
            for section_form in formset.forms:
                section = section_form.instance
                if section.source == Section.Source.IMPORT and "body" in section_form.changed_data:
                    section.source = Section.Source.EDITOR
        super().save_formset(request, form, formset, change)

    fieldsets = [
        (None, {"fields": ["system", "code", "level", "parent"]}),
        ("Descriptors", {"fields": ["short_descriptor", "long_descriptor", "description"]}),
        ("Status", {"fields": ["billable", "status", "effective_date", "end_date"]}),
        ("Verification", {"fields": ["verified_on"]}),
        ("History", {"fields": ["created_at", "updated_at"]}),
    ]


@admin.register(Modifier)
class ModifierAdmin(admin.ModelAdmin):
    list_display = ["code", "short_descriptor", "system", "status", "updated_at"]
    list_filter = ["system", "status"]
    search_fields = ["code", "short_descriptor", "long_descriptor"]


@admin.register(SearchSynonym)
class SearchSynonymAdmin(admin.ModelAdmin):
    """The search dictionary: what coders and patients type, and the code sets' words for it."""

    list_display = ["term", "expansion", "kind", "enabled", "source", "updated_at"]
    list_editable = ["enabled"]
    list_filter = ["kind", "enabled", "source"]
    search_fields = ["term", "expansion"]
    readonly_fields = ["source", "updated_at"]
    fields = ["term", "expansion", "kind", "enabled", "source", "updated_at"]

    def save_model(self, request, obj, form, change):
        # An entry an editor adds or changes is theirs: the seed loader never touches it.
        obj.source = SearchSynonym.Source.EDITOR
        super().save_model(request, obj, form, change)

    def has_delete_permission(self, request, obj=None):
        # A deleted seed entry would come back with the next seed load: untick "enabled".
        if obj is not None and obj.source == SearchSynonym.Source.SEED:
            return False
        return super().has_delete_permission(request, obj)
