"""CasePilot answers from codes and full text alone: the sentence embeddings are gone (issue 22:
they did not raise the held-out hit rate). Each column is dropped in place, so the full-text
index and its triggers (0002) stay as they are."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("assistant", "0002_full_text_search"),
    ]

    operations = [
        migrations.RemoveField(model_name="indexedsection", name="embedded_hash"),
        migrations.RemoveField(model_name="indexedsection", name="embedding"),
    ]
