from django.apps import AppConfig


class GroupingConfig(AppConfig):
    name = "grouping"
    verbose_name = "MS-DRG and CMS-HCC grouping"
