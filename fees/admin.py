from django.contrib import admin

from .models import Edition, FacilityRate, Locality, PhysicianFee


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    list_display = ["kind", "title", "source_file", "row_count", "imported_at"]


@admin.register(PhysicianFee)
class PhysicianFeeAdmin(admin.ModelAdmin):
    list_display = ["hcpcs", "modifier", "status", "nonfacility_total_rvu", "global_days"]
    search_fields = ["hcpcs"]
    list_filter = ["status"]


@admin.register(Locality)
class LocalityAdmin(admin.ModelAdmin):
    list_display = [
        "state", "number", "name", "mac", "work_gpci", "pe_gpci", "mp_gpci", "retired_on",
    ]  # fmt: skip
    list_filter = ["state", ("retired_on", admin.EmptyFieldListFilter)]


@admin.register(FacilityRate)
class FacilityRateAdmin(admin.ModelAdmin):
    list_display = ["hcpcs", "setting", "indicator", "apc", "payment_rate"]
    search_fields = ["hcpcs"]
    list_filter = ["setting"]
