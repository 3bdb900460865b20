"""The documents of the legal library, their articles, and the queue that keeps the embedded
search index behind the database, never ahead of it (search/embedded.py), and the PostgreSQL
engine's rows (search/postgres.py)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from comity.core.access import RestrictedQuerySet
from comity.library.rules import LibraryShelf
from comity.library.vocabulary import Access, DocumentType, InForce, PublicationKind


class Document(models.Model):
    """One piece of legislation, one judgment, or one publication."""

    access = LibraryShelf()

    key = models.CharField(
        max_length=120,
        unique=True,
        help_text="A stable identifier for import and export, e.g. gbr-cica-2003.",
    )
    type = models.CharField(max_length=16, choices=DocumentType.choices)
    title = models.CharField(max_length=500)
    country = models.ForeignKey(
        "geo.Country", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    language = models.CharField(max_length=8, help_text="ISO 639-1 code of the text.")
    date = models.DateField(null=True, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    source_url = models.URLField(max_length=1000, blank=True)
    source_name = models.CharField(max_length=300, blank=True)
    summary = models.TextField(blank=True)
    text = models.TextField(blank=True, help_text="The full text, typed or read from the file.")
    # Legislation
    citation = models.CharField(max_length=300, blank=True)
    eli = models.CharField(max_length=500, blank=True)
    in_force = models.CharField(max_length=20, choices=InForce.choices, blank=True)
    # Case law
    court = models.CharField(max_length=300, blank=True)
    case_number = models.CharField(max_length=200, blank=True)
    ecli = models.CharField(max_length=100, blank=True)
    parties = models.CharField(max_length=500, blank=True)
    outcome = models.TextField(blank=True)
    # Publications
    publication_kind = models.CharField(max_length=16, choices=PublicationKind.choices, blank=True)
    publisher = models.CharField(max_length=300, blank=True)
    topics = models.JSONField(default=list, blank=True)
    # Facets (codes of library.vocabulary and instrument codes of the treaties app)
    crime_types = models.JSONField(default=list, blank=True)
    cross_cutting = models.JSONField(default=list, blank=True)
    cooperation = models.JSONField(default=list, blank=True)
    instruments = models.JSONField(default=list, blank=True)
    # The original file, kept as uploaded; its text is in `text`.
    file = models.CharField(max_length=300, blank=True, help_text="Storage key of the file.")
    file_name = models.CharField(max_length=200, blank=True)
    file_type = models.CharField(max_length=100, blank=True)
    file_size = models.PositiveBigIntegerField(null=True, blank=True)
    # Who may read it
    visibility = models.CharField(max_length=16, choices=Access.choices, default=Access.PUBLIC)
    owner = models.ForeignKey(
        "directory.Authority",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="library_documents",
        help_text="The authority that added the document and keeps it.",
    )
    example = models.BooleanField(
        default=False, help_text="Synthetic or demonstration content, not a real document."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "title"]
        indexes = [models.Index(fields=["country", "type"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("library:document", args=[self.pk])

    @property
    def access_key(self) -> str:
        """Who may read it, as the search index stores it."""
        if self.visibility == Access.AUTHORITY:
            return f"authority:{self.owner_id}"
        return self.visibility


class Article(models.Model):
    """An article (section, paragraph) of a law: searchable with its law, linkable on its own."""

    access = LibraryShelf("document__")

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="articles")
    position = models.PositiveIntegerField(default=0)
    number = models.CharField(max_length=40)
    heading = models.CharField(max_length=500, blank=True)
    text = models.TextField(blank=True)
    implements = models.JSONField(
        default=list, blank=True, help_text=_('Treaty provisions it implements, e.g. "UNTOC 18".')
    )

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["document", "position"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="library_article_number")
        ]

    def __str__(self):
        return f"{self.document.title}, {self.number}"

    @property
    def anchor(self) -> str:
        return "art-" + "".join(c if c.isalnum() else "-" for c in self.number)


class PendingIndex(models.Model):
    """A document saved (or deleted) whose change the embedded index has not yet taken.

    Written in the same transaction as the document; removed only after the index has committed
    the change. A crash in between leaves the row, and the next write or search applies it again.
    """

    document_id = models.BigIntegerField(db_index=True)
    queued_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"document {self.document_id}"


class TermVector(models.TextField):
    """A tsvector on PostgreSQL (text elsewhere, where the column stays empty)."""

    def db_type(self, connection):
        return "tsvector" if connection.vendor == "postgresql" else "text"


class TextList(models.TextField):
    """A text[] on PostgreSQL (text elsewhere, where the column stays empty)."""

    def db_type(self, connection):
        return "text[]" if connection.vendor == "postgresql" else "text"


class SearchRow(models.Model):
    """What the PostgreSQL engine searches, one row per document, written in the document's
    transaction by search/postgres.py in SQL (the ORM never reads it). GIN indexes on `vector` and
    `facets` (migration 0002, PostgreSQL only)."""

    document = models.OneToOneField(
        Document, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    vector = TermVector()
    facets = TextList()
    access_key = models.CharField(max_length=60)
    year = models.IntegerField(null=True)
    day = models.IntegerField()

    class Meta:
        db_table = "library_searchrow"

    def __str__(self):
        return f"search row of document {self.document_id}"
