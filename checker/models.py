from django.conf import settings
from django.db import models


class DailyRows(models.Model):
    """Rows an account checked with the bulk checker on one of the site's days, against its
    allowance."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="checked_rows"
    )
    day = models.DateField()
    rows = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name_plural = "daily rows"
        constraints = [
            models.UniqueConstraint(fields=["user", "day"], name="one_row_count_per_user_and_day"),
        ]

    def __str__(self) -> str:
        return f"{self.user} checked {self.rows} rows on {self.day}"
