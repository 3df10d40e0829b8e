"""Articles (one published copy each), stories (syndication clusters), mentions of agencies, quarantine."""

from __future__ import annotations

from django.db import models

from sanjeh.monitoring.choices import Genre, ItemKind, Prominence, Tone
from sanjeh.registry.models import Agency, Official, Outlet

SEARCH_COVER_INDEX = "article_search_cover"


class Story(models.Model):
    """A syndication cluster: the same story carried by several outlets."""

    key = models.CharField("کلید", max_length=80, unique=True)
    first_published = models.DateTimeField("نخستین انتشار", null=True, blank=True)
    origin_agency = models.ForeignKey(
        Agency,
        verbose_name="منبع (روابط عمومی)",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="originated_stories",
    )
    from_pr_office = models.BooleanField("از روابط عمومی دستگاه", default=False)

    class Meta:
        verbose_name = "داستان خبری"
        verbose_name_plural = "داستان‌های خبری"

    def __str__(self) -> str:
        return self.key


class Article(models.Model):
    """One published copy: one URL, file or archive record; identical content is one article."""

    raw_digest = models.CharField("نشانی محتوا", max_length=64, unique=True)
    url = models.URLField("نشانی", max_length=1000, null=True, blank=True, unique=True)
    source = models.CharField("منبع", max_length=1000)
    locator = models.CharField("جایگاه در منبع", max_length=1000, db_index=True)
    kind = models.CharField("نوع", max_length=8, choices=ItemKind.choices)
    title = models.TextField("تیتر", blank=True)
    kicker = models.TextField("روتیتر", blank=True)
    lead = models.TextField("لید", blank=True)
    body = models.TextField("متن", blank=True)
    search_text = models.TextField("متن جست‌وجو", blank=True)  # pre-normalized, folded
    outlet = models.ForeignKey(
        Outlet,
        verbose_name="رسانه",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
    )
    outlet_name = models.CharField("نام رسانه در متن", max_length=200, blank=True)
    byline = models.CharField("نویسنده", max_length=200, blank=True)
    genre = models.CharField("گونه", max_length=16, choices=Genre.choices, default=Genre.NEWS)
    published = models.DateTimeField("تاریخ انتشار", null=True, blank=True, db_index=True)
    end_marker = models.BooleanField("نشان پایان", default=False)
    source_attribution = models.CharField("به نقل از", max_length=300, blank=True)
    story = models.ForeignKey(
        Story,
        verbose_name="داستان",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
    )
    signature = models.BinaryField("امضای MinHash", blank=True, default=b"")
    analysis = models.JSONField("تحلیل", default=dict)
    reader_version = models.CharField("نسخه خواننده", max_length=32, blank=True)
    created = models.DateTimeField("ثبت", auto_now_add=True)

    class Meta:
        ordering = ("-published", "-id")
        verbose_name = "خبر"
        verbose_name_plural = "اخبار"
        indexes = [
            # Search counts and groups every match by story: read from this narrow index, not from the
            # rows (whose story_id sits behind the long text columns); see monitoring/search.py.
            models.Index(fields=["id", "story", "published", "outlet", "genre"], name=SEARCH_COVER_INDEX),
        ]

    def __str__(self) -> str:
        return self.title or self.locator


class CurrentMentionManager(models.Manager["Mention"]):
    """Mentions the latest reading of the news still finds: what counts, lists and samples see."""

    def get_queryset(self) -> models.QuerySet[Mention]:
        return super().get_queryset().filter(superseded_at__isnull=True)


class Mention(models.Model):
    """An agency referenced in an article, with where (prominence), how (tone) and who spoke for it.

    A mention is evidence: stored evaluation runs cite it by id and a tone audit decides its tone. So
    re-analysis updates it in place (same article and agency, same id) and never deletes it; one the
    reader no longer finds is marked `superseded_at` and hidden from `objects`, still reachable through
    `all_objects`. The auditor's tone (`tone_audited`) outlives re-analysis and wins over the model's.
    """

    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="mentions")
    agency = models.ForeignKey(
        Agency, verbose_name="دستگاه", on_delete=models.PROTECT, related_name="mentions"
    )
    prominence = models.PositiveSmallIntegerField(
        "برجستگی", choices=Prominence.choices, default=Prominence.BODY
    )
    count = models.PositiveIntegerField("دفعات", default=1)
    tone = models.CharField("لحن", max_length=16, choices=Tone.choices, default=Tone.NEUTRAL)
    tone_confidence = models.FloatField("اطمینان مدل به لحن", default=1.0)
    tone_evidence = models.JSONField("شواهد لحن", default=list, blank=True)
    tone_audited = models.CharField("لحن ممیزی‌شده", max_length=16, choices=Tone.choices, blank=True)
    audited_by = models.CharField("ممیز", max_length=150, blank=True)
    audited_at = models.DateTimeField("زمان ممیزی", null=True, blank=True)
    superseded_at = models.DateTimeField("کنارگذاشته در بازخوانی", null=True, blank=True)
    read_at = models.DateTimeField("آخرین خوانش", null=True, blank=True)  # changes on every re-read
    matched = models.JSONField("عبارت‌های یافته", default=list, blank=True)
    spans = models.JSONField("جایگاه‌ها", default=list, blank=True)
    quoted_officials = models.ManyToManyField(Official, verbose_name="مقامات نقل‌قول‌شده", blank=True)

    all_objects = models.Manager()
    objects = CurrentMentionManager()

    class Meta:
        default_manager_name = "objects"
        base_manager_name = "all_objects"
        verbose_name = "اشاره"
        verbose_name_plural = "اشاره‌ها"
        constraints = [models.UniqueConstraint(fields=("article", "agency"), name="mention_once_per_article")]

    def __str__(self) -> str:
        return f"{self.agency} در {self.article}"

    @property
    def effective_tone(self) -> str:
        """The auditor's tone where a human decided it, otherwise the model's."""
        return self.tone_audited or self.tone


class QuarantinedItem(models.Model):
    """An item that could not be read; kept with its reason and bytes, never silently dropped."""

    source = models.CharField("منبع", max_length=1000)
    locator = models.CharField("جایگاه در منبع", max_length=1000)
    reason = models.TextField("علت")
    raw_digest = models.CharField("نشانی محتوا", max_length=64, blank=True)
    attempts = models.PositiveIntegerField("تلاش‌ها", default=1)
    created = models.DateTimeField("ثبت", auto_now_add=True)
    resolved = models.BooleanField("رفع‌شده", default=False)

    class Meta:
        ordering = ("-created",)
        verbose_name = "مورد قرنطینه"
        verbose_name_plural = "قرنطینه"
        constraints = [models.UniqueConstraint(fields=("source", "locator"), name="quarantine_once_per_item")]

    def __str__(self) -> str:
        return f"{self.locator}: {self.reason}"


class FeedCheck(models.Model):
    """HTTP validators of a feed's last fetch, for the next conditional GET."""

    url = models.URLField(max_length=1000, unique=True)
    etag = models.CharField(max_length=500, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    checked = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "خوراک"
        verbose_name_plural = "خوراک‌ها"

    def __str__(self) -> str:
        return self.url


class ReanalysisRun(models.Model):
    """One re-reading of the archive, cut into partitions so that a crash resumes where it stopped.

    A run is resumed by the next `sanjeh reanalyze` with the same reader version; a partition is done
    or not (its articles and its `done` mark are written in one transaction).
    """

    reader_version = models.CharField("نسخه خواننده", max_length=40)
    started = models.DateTimeField("آغاز", auto_now_add=True)
    finished = models.DateTimeField("پایان", null=True, blank=True)

    class Meta:
        ordering = ("-started",)
        verbose_name = "بازخوانی بایگانی"
        verbose_name_plural = "بازخوانی‌های بایگانی"

    def __str__(self) -> str:
        return f"{self.reader_version} {self.started:%Y-%m-%d %H:%M}"


class ReanalysisPartition(models.Model):
    """A contiguous range of article ids of one run."""

    run = models.ForeignKey(ReanalysisRun, on_delete=models.CASCADE, related_name="partitions")
    first_id = models.BigIntegerField()
    last_id = models.BigIntegerField()
    done = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("run", "first_id")
        constraints = [models.UniqueConstraint(fields=("run", "first_id"), name="reanalysis_partition_once")]

    def __str__(self) -> str:
        return f"{self.first_id}–{self.last_id}"


class SyndicationBucket(models.Model):
    """One article in one bucket of the syndication index (one row per band).

    The index lives in the database, not in a process: every ingest worker on every machine sees the
    same buckets; writers that share a bucket take turns (`monitoring.syndication`), and rows are
    dropped some weeks after they were written, when no copy of their story is still to come.
    """

    band = models.PositiveSmallIntegerField()
    slot = models.IntegerField()
    bucket = models.BigIntegerField(db_index=True)
    digest = models.CharField(max_length=64)  # the article's raw_digest
    created = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"{self.band}/{self.slot}/{self.bucket}"
