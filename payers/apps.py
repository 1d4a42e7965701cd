from django.apps import AppConfig


class PayersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "payers"
    verbose_name = "Payer policies"
