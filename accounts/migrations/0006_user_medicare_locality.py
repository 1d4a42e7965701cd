from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_membership_requests"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="medicare_locality",
            field=models.CharField(
                blank=True,
                editable=False,
                help_text="The Medicare payment locality chosen for fee sections, as its state "
                "and locality number (NY-01); empty: national payments only.",
                max_length=8,
                verbose_name="Medicare locality",
            ),
        ),
    ]
