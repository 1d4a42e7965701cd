"""Editors keep payers and their policies here. A policy's versions are never edited: a
change is saved as a new version (its form starts from the latest one), so each old version
stays readable with its dates."""

from django.contrib import admin
from django.db import models
from django.urls import reverse
from django.utils.html import format_html

from .models import Payer, PayerPolicy, PolicyVersion

VERSION_FIELDS = [
    "policy", "codes", "prior_authorization", "prior_authorization_condition",
    "coverage_criteria", "documentation", "modifier_rules", "site_of_service_rules",
    "effective_on", "review_on", "url", "verified_by", "verified_on", "change_note",
]  # fmt: skip
# Links an editor types without a scheme are the payers' sites: https.
HTTPS_LINKS = {models.URLField: {"assume_scheme": "https"}}
# What a new version copies from the latest: everything but what the editor checks anew.
COPIED_FIELDS = [name for name in VERSION_FIELDS if name not in {"policy", "verified_on"}]


@admin.register(Payer)
class PayerAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "state", "on_every_overview"]
    list_filter = ["kind", "on_every_overview"]
    search_fields = ["name", "aliases"]
    prepopulated_fields = {"slug": ["name"]}
    formfield_overrides = HTTPS_LINKS


class VersionInline(admin.TabularInline):
    """The policy's versions, read only: each links to its page."""

    model = PolicyVersion
    fields = ["effective_on", "review_on", "prior_authorization", "verified_on", "change_note"]
    readonly_fields = fields
    show_change_link = True
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(PayerPolicy)
class PayerPolicyAdmin(admin.ModelAdmin):
    list_display = ["name", "payer", "number", "line_of_business", "is_sample"]
    list_filter = ["is_sample", "line_of_business", "payer__kind"]
    search_fields = ["name", "number", "payer__name"]
    autocomplete_fields = ["payer"]
    readonly_fields = ["new_version"]
    inlines = [VersionInline]

    @admin.display(description="Change what it says")
    def new_version(self, policy: PayerPolicy) -> str:
        if policy.pk is None:
            return "Save the policy, then add its first version."
        url = reverse("admin:payers_policyversion_add") + f"?policy={policy.pk}"
        return format_html('<a href="{}">Add a new version</a>', url)


@admin.register(PolicyVersion)
class PolicyVersionAdmin(admin.ModelAdmin):
    fields = VERSION_FIELDS
    list_display = ["policy", "effective_on", "review_on", "prior_authorization", "verified_on"]
    list_filter = ["prior_authorization", "policy__payer"]
    search_fields = ["policy__name", "policy__number", "codes"]
    autocomplete_fields = ["policy"]
    date_hierarchy = "effective_on"
    formfield_overrides = HTTPS_LINKS

    def has_change_permission(self, request, obj=None) -> bool:
        # Saved versions are history: read only, for every editor.
        return False

    def get_changeform_initial_data(self, request) -> dict:
        """A new version of a policy starts as a copy of its latest one."""
        initial = super().get_changeform_initial_data(request)
        policy = initial.get("policy")
        latest = PolicyVersion.objects.filter(policy=policy).first() if policy else None
        if latest is not None:
            initial |= {name: getattr(latest, name) for name in COPIED_FIELDS}
        return initial
