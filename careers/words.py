"""The words of a job that the board's `q` matches, and how a query word finds them.

Each job's distinct words are stored in JobWord (a B-tree index on the word), so a query
word is a range lookup there, "audit" finding "audit", "auditor" and "auditing", on SQLite
and PostgreSQL alike, without scanning the jobs' descriptions.
"""

import re
import unicodedata

from django.db import connection
from django.db.models import BooleanField, Exists, OuterRef, Q, QuerySet
from django.db.models.expressions import RawSQL

from core.states import STATE_NAMES

from .models import Job, JobWord

ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz"
WORD = re.compile(r"[a-z0-9]+")
# Longer words are cut to this length (stored and queried alike).
LONGEST_WORD = 40
# Query words shorter than this match too much to narrow anything: they are ignored.
SHORTEST_QUERY_WORD = 2


def words_of(text: str) -> list[str]:
    """Lower-case words of letters and digits, accents removed, in order."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return [word[:LONGEST_WORD] for word in WORD.findall(plain)]


def query_words(text: str) -> list[str]:
    return [word for word in words_of(text) if len(word) >= SHORTEST_QUERY_WORD]


def job_words(job: Job, description: str) -> set[str]:
    """Every word a seeker may search the job by."""
    parts = [
        job.title,
        job.employer.name,
        job.city,
        STATE_NAMES.get(job.state, ""),
        *(STATE_NAMES[state] for state in job.remote_states),
        job.get_workplace_display(),
        job.get_specialty_display(),
        *job.credentials,
        description,
    ]
    return set(words_of(" ".join(parts)))


def index_words(job: Job, description: str) -> None:
    """Replace the job's stored words with those of its current text."""
    JobWord.objects.filter(job=job).delete()
    JobWord.objects.bulk_create(JobWord(job=job, word=word) for word in job_words(job, description))


def next_prefix(word: str) -> str | None:
    """The first string after every word starting with `word` ("audiu" for "audit", "ac"
    for "abz"), spelt in ALPHABET only; None when no such string exists ("zz")."""
    stem = word.rstrip(ALPHABET[-1])
    if not stem:
        return None
    return stem[:-1] + ALPHABET[ALPHABET.index(stem[-1]) + 1]


def starting_with(word: str, words: QuerySet[JobWord]) -> QuerySet[JobWord]:
    """The rows of `words` whose word starts with `word`: a range of the index, not a LIKE,
    so that the B-tree serves it on both databases. Words hold only ALPHABET's characters,
    which sort the same in SQLite's binary order and PostgreSQL's language collations
    (which ignore punctuation, so a bound such as "ab:" would not work there)."""
    words = words.filter(word__gte=word)
    following = next_prefix(word)
    return words if following is None else words.filter(word__lt=following)


def has_words_starting(typed: list[str], *, counting: bool = False) -> Q | RawSQL:
    """Jobs with a word starting with each of `typed`.

    One subquery, driven by the longest typed word (likely the rarest: "auditor" before
    "remote"), each other word an index-only probe of the (job, word) index: a list newest
    first then stops after a page of jobs (PostgreSQL hashed every word's jobs first).
    `counting` every matching job, PostgreSQL reads the jobs several words leave by their
    key, the subquery run once, rather than scanning all jobs against it.
    """
    first, *others = sorted(typed, key=len, reverse=True)
    words = starting_with(first, JobWord.objects.all())
    for other in others:
        words = words.filter(
            Exists(starting_with(other, JobWord.objects.filter(job_id=OuterRef("job_id"))))
        )
    job_ids = words.values("job_id")
    if counting and others and connection.vendor == "postgresql":
        sql, params = job_ids.query.sql_with_params()
        job = f'"{Job._meta.db_table}"."{Job._meta.pk.column}"'
        return RawSQL(f"{job} = ANY(ARRAY({sql}))", params, output_field=BooleanField())
    return Q(pk__in=job_ids)
