"""The migration that restems `search_text` of a database made before stemming (monitoring 0004)."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from sanjeh.monitoring.models import Article
from sanjeh.monitoring.search import search_stories

pytestmark = pytest.mark.django_db
restem = importlib.import_module("sanjeh.monitoring.migrations.0006_stemmed_search_text").restem


def test_old_folded_text_is_restemmed_and_the_index_follows() -> None:
    article = Article.objects.create(
        raw_digest="a" * 64,
        source="t",
        locator="t1",
        kind="text",
        title="گازرسانی به روستاهای میراث فرهنگی",
        search_text="گازرسانی به روستاهای میراثفرهنگی",  # what the old fold stored (ZWNJ and spaces joined)
    )
    assert search_stories("روستا").total_articles == 0 and search_stories("میراث").total_articles == 0
    restem(apps, None)
    restem(apps, None)  # re-running writes the same values
    article.refresh_from_db()
    assert article.search_text == "گازرسانی به روستا میراث فرهنگی"
    assert search_stories("روستا").total_articles == search_stories("میراث فرهنگی").total_articles == 1
