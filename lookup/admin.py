from django.contrib import admin
from django.db import models

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
