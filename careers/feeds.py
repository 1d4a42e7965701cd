"""An Atom feed per search: /careers/feed/ takes the board's filters."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from .filters import JobFilters
from .models import Job
from .selectors import job_list

FEED_ENTRIES = 50


class JobFeed(Feed):
    feed_type = Atom1Feed

    def __init__(self, filters: JobFilters):
        super().__init__()
        self.filters = filters

    def title(self) -> str:
        return f"CareerCenter jobs: {self.filters.describe()}"

    def subtitle(self) -> str:
        return "Medical coding jobs, newest first."

    def link(self) -> str:
        query = self.filters.query_string()
        return reverse("careers:list") + (f"?{query}" if query else "")

    def items(self) -> list[Job]:
        return list(job_list(self.filters)[:FEED_ENTRIES])

    def item_title(self, job: Job) -> str:
        return f"{job.title}, {job.employer.name}"

    def item_description(self, job: Job) -> str:
        credentials = ", ".join(job.credentials) or "no credential asked"
        return (
            f"{job.location_label}. {job.pay_label}. {job.get_specialty_display()}; {credentials}."
        )

    def item_pubdate(self, job: Job):
        return job.published_at

    def item_updateddate(self, job: Job):
        return job.updated_at

    def item_author_name(self, job: Job) -> str:
        return job.employer.name
