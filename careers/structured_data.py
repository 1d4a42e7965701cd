"""A job page's schema.org JobPosting, with the properties Google's job posting guidelines
require (title, description, datePosted, validThrough, hiringOrganization, and jobLocation or,
for a fully remote job, jobLocationType and applicantLocationRequirements) and those it
recommends (baseSalary, employmentType, identifier, directApply)."""

import json

from django.utils.safestring import SafeString, mark_safe

from core.days import end_of_site_day
from core.states import STATE_NAMES

from .choices import CREDENTIAL_NAMES, EmploymentType
from .models import Job

EMPLOYMENT_TYPES = {
    EmploymentType.FULL_TIME: "FULL_TIME",
    EmploymentType.PART_TIME: "PART_TIME",
    EmploymentType.CONTRACT: "CONTRACTOR",
}
# Characters that could end the <script> element or start markup, escaped inside JSON strings.
HTML_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def job_posting(job: Job, page_url: str) -> dict:
    """The JobPosting of an open job as a dict, ready for JSON."""
    employer = job.employer
    organization = {"@type": "Organization", "name": employer.name}
    if employer.website:
        organization["sameAs"] = employer.website
    posting = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": job.title,
        "description": job.description.html,
        "datePosted": job.published_at.isoformat(),
        "validThrough": end_of_site_day(job.closes_on).isoformat(),
        "employmentType": EMPLOYMENT_TYPES[job.employment_type],
        "hiringOrganization": organization,
        "identifier": {"@type": "PropertyValue", "name": employer.name, "value": str(job.pk)},
        "url": page_url,
        "directApply": False,
        "baseSalary": {
            "@type": "MonetaryAmount",
            "currency": "USD",
            "value": {
                "@type": "QuantitativeValue",
                "minValue": float(job.salary_min),
                "maxValue": float(job.salary_max),
                "unitText": job.salary_period.upper(),
            },
        },
        "occupationalCategory": "29-2072.00 Medical Records Specialists",
        "experienceRequirements": (
            {
                "@type": "OccupationalExperienceRequirements",
                "monthsOfExperience": job.experience_years * 12,
            }
            if job.experience_years
            else "no requirements"
        ),
    }
    if job.credentials:
        posting["qualifications"] = [
            {
                "@type": "EducationalOccupationalCredential",
                "credentialCategory": "certification",
                "name": f"{code}, {CREDENTIAL_NAMES[code]}",
            }
            for code in job.credentials
        ]
    if job.is_remote:
        posting["jobLocationType"] = "TELECOMMUTE"
        posting["applicantLocationRequirements"] = [
            {"@type": "State", "name": STATE_NAMES[state]} for state in job.remote_states
        ] or {"@type": "Country", "name": "USA"}
    else:
        posting["jobLocation"] = {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": job.city,
                "addressRegion": job.state,
                "addressCountry": "US",
            },
        }
    return posting


def as_script_content(data: dict) -> SafeString:
    """JSON to put inside <script type="application/ld+json">: no text in it can close the
    element or open markup."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(HTML_SAFE))
