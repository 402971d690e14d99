"""The document library of §3.1.2: legal acts of state and local level, development
programs and plans of the territory, and the center's own normative documents (§1.7).

A long act is kept as its articles (or sections), so that a search hit names the act
and the article. State acts imported from the national corpus have no network: every
network on the server shares them; everything else belongs to one network.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from civicdesk.org.models import Network

from .numbers import number_key


class Document(models.Model):
    class Kind(models.TextChoices):
        LAW = "law", _("law")
        CODE = "code", _("code of laws")
        DECREE = "decree", _("decree of the President")
        RESOLUTION = "resolution", _("resolution of the Cabinet of Ministers")
        ORDER = "order", _("order")
        COUNCIL = "council", _("local council decision")
        EXECUTIVE = "executive", _("executive committee decision")
        PROGRAM = "program", _("development program")
        PLAN = "plan", _("plan")
        REGULATION = "regulation", _("regulation")
        OTHER = "other", _("other")

    class Level(models.TextChoices):
        STATE = "state", _("state")
        REGIONAL = "regional", _("regional")
        LOCAL = "local", _("local")

    class Status(models.TextChoices):
        IN_FORCE = "in_force", _("in force")
        LOST_FORCE = "lost_force", _("lost force")
        DRAFT = "draft", _("draft")

    class Collection(models.TextChoices):
        ACTS = "acts", _("legal acts and local documents")
        CENTER = "center", _("the center's own documents")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, null=True, blank=True,
                                related_name="documents", verbose_name=_("network"))
    collection = models.CharField(_("collection"), max_length=10, choices=Collection.choices,
                                  default=Collection.ACTS)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.LAW)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices,
                             default=Level.STATE)
    issuer = models.CharField(_("issuing body"), max_length=200, blank=True)
    number = models.CharField(_("number"), max_length=60, blank=True)
    # The number as search compares it: "2939-VI", "2939-17" and "№ 2939-VI" alike.
    number_key = models.CharField(max_length=60, blank=True, db_index=True, editable=False)
    adopted_on = models.DateField(_("date adopted"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=500)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.IN_FORCE)
    in_force_from = models.DateField(_("in force from"), null=True, blank=True)
    lost_force_on = models.DateField(_("lost force on"), null=True, blank=True)
    source_url = models.URLField(_("source (URL)"), max_length=500, blank=True)
    territory = models.CharField(_("territory / community"), max_length=200, blank=True)
    tags = models.CharField(_("tags"), max_length=300, blank=True,
                            help_text=_("Comma-separated."))
    is_published = models.BooleanField(
        _("published on the portal"), default=True,
        help_text=_("Citizens see only published documents; staff see all."))
    text_layer_missing = models.BooleanField(
        _("scanned, no text"), default=False,
        help_text=_("A scanned file without a text layer: type or correct the text."))
    text_checked = models.BooleanField(_("text checked by a person"), default=False)
    related = models.ManyToManyField("self", through="Relation", symmetrical=False,
                                     related_name="related_from", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    # The search index version this document was indexed with ("" = not yet).
    indexed_version = models.CharField(max_length=40, blank=True, editable=False)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-adopted_on", "title"]
        indexes = [models.Index(fields=["network", "collection", "kind"]),
                   models.Index(fields=["adopted_on"])]

    def __str__(self):
        return self.display_title

    def save(self, *args, **kwargs):
        self.number_key = number_key(self.number)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("documents:detail", args=[self.pk])

    @property
    def display_title(self) -> str:
        return self.title or self.short_name or self.number


class Relation(models.Model):
    """One act changes another: "amends" or "repeals" (the other side reads "amended by",
    "repealed by")."""

    class Kind(models.TextChoices):
        AMENDS = "amends", _("amends")
        REPEALS = "repeals", _("repeals")

    source = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="relations")
    target = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="relations_in")
    kind = models.CharField(_("relation"), max_length=10, choices=Kind.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["source", "target", "kind"],
                                               name="documents_relation_once")]

    def __str__(self):
        return f"{self.source} — {self.get_kind_display()} — {self.target}"


class Article(models.Model):
    """An article or section of a document: what a search hit points at. A short
    document is one article with an empty ref."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="articles")
    position = models.PositiveIntegerField(default=0)
    ref = models.CharField(max_length=40, blank=True)  # "art20", "sec3"; "" = whole text
    title = models.CharField(max_length=1000, blank=True)  # "Стаття 20. Строк розгляду …"
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["document", "position"]
        indexes = [models.Index(fields=["document", "position"])]

    def __str__(self):
        return self.title or self.ref


def _upload_to(instance, filename):
    return f"documents/{instance.document_id or 'new'}/{filename}"


class DocumentFile(models.Model):
    """An original file of a document, as uploaded; its text is extracted once."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to=_upload_to, max_length=300)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64, db_index=True)
    encoding = models.CharField(max_length=20, blank=True)  # for text files
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")

    def __str__(self):
        return self.original_name


class Synonym(models.Model):
    """Words a citizen uses for what the acts call otherwise, and abbreviations:
    "ЦНАП" = "центр надання адміністративних послуг". Applied at query time. A row
    with no network is the shipped seed; a network's own rows add to it."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, null=True, blank=True,
                                related_name="synonyms")
    term = models.CharField(_("word or abbreviation"), max_length=100)
    means = models.CharField(_("means the same as"), max_length=300,
                             help_text=_("Other words or phrases, separated by semicolons."))

    class Meta:
        verbose_name = _("synonym")
        verbose_name_plural = _("synonyms and abbreviations")
        ordering = ["term"]
        constraints = [models.UniqueConstraint(fields=["network", "term"],
                                               name="documents_synonym_once")]

    def __str__(self):
        return f"{self.term} = {self.means}"


class SearchMiss(models.Model):
    """A search that found nothing (the query text only): for the needs list (§2.2)."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, null=True, blank=True,
                                related_name="+")
    text = models.CharField(max_length=200)
    text_key = models.CharField(max_length=200)
    public = models.BooleanField(default=False)
    times = models.PositiveIntegerField(default=1)
    first_at = models.DateTimeField(auto_now_add=True)
    last_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["network", "text_key"],
                                               name="documents_searchmiss_once")]

    def __str__(self):
        return self.text


class ImportBatch(models.Model):
    """A bulk import run in the background: progress and its report."""

    class State(models.TextChoices):
        QUEUED = "queued", _("waiting")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed, nothing imported")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, null=True, blank=True,
                                related_name="+")
    source = models.CharField(max_length=255)  # file name as uploaded
    kind = models.CharField(max_length=20)  # "zip", "corpus"
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    report = models.JSONField(default=dict, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")

    def __str__(self):
        return self.source


class IndexPart(models.Model):
    """The searchable form of (a part of) an article: its words reduced to lemmas, in
    order, so that phrases still match. Long articles are split into parts (PostgreSQL's
    tsvector holds at most 1 MB and positions up to 16,383). The full-text index over
    these rows is SQLite FTS5 (table documents_fts) or a PostgreSQL tsvector column
    (documents_indexpart.tsv, GIN); see civicdesk/documents/indexing.py."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="+")
    part = models.PositiveSmallIntegerField(default=0)
    title_terms = models.TextField(blank=True)  # the article's heading
    act_terms = models.TextField(blank=True)  # the document's title and short name
    body_terms = models.TextField(blank=True)
    length = models.PositiveIntegerField(default=0)  # terms in title and body

    class Meta:
        indexes = [models.Index(fields=["article"]), models.Index(fields=["document"])]

    def __str__(self):
        return f"{self.article_id}/{self.part}"


class TermStat(models.Model):
    """In how many index parts a term occurs (document frequency), for ranking the same
    way on SQLite and PostgreSQL."""

    term = models.CharField(max_length=100, primary_key=True)
    parts = models.PositiveIntegerField(default=0)
    # PostgreSQL, a term in many parts: the least impact on its TermTop list (a part of
    # a document indexed later joins the list when it weighs at least this); None: no
    # list (civicdesk/documents/toplists.py)
    top_floor = models.FloatField(null=True, blank=True)

    def __str__(self):
        return self.term


class TermTop(models.Model):
    """On PostgreSQL, for a term in many index parts: the parts where it weighs most
    (the one-word share of the search score), so that a search for common words ranks
    those instead of every match. See civicdesk/documents/toplists.py."""

    term = models.CharField(max_length=100)
    # An IndexPart's id. Not a Django foreign key, so that deleting parts stays one
    # statement; on PostgreSQL a foreign key ON DELETE CASCADE (migration 0004) takes a
    # deleted part off every list.
    part_id = models.BigIntegerField()
    impact = models.FloatField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["part_id", "term"],
                                               name="termtop_part_term")]
        indexes = [models.Index("term", models.F("impact").desc(), name="termtop_term_impact")]

    def __str__(self):
        return f"{self.term}: {self.part_id}"
