"""SANJEH_JOBS and its companions: checked values, one-line errors."""

from __future__ import annotations

import pytest

from sanjeh.config import ConfigError, load_config


def test_jobs_default_to_inline(tmp_path) -> None:
    config = load_config({"SANJEH_HOME": str(tmp_path)})
    assert (config.jobs, config.jobs_queue, config.feeds, config.poll_minutes) == ("inline", "sanjeh", (), 30)


def test_redis_jobs_need_a_redis_url(tmp_path) -> None:
    with pytest.raises(ConfigError, match="SANJEH_JOBS=redis needs SANJEH_REDIS_URL"):
        load_config({"SANJEH_HOME": str(tmp_path), "SANJEH_JOBS": "redis"})
    config = load_config({"SANJEH_HOME": str(tmp_path), "SANJEH_JOBS": "Redis",
                          "SANJEH_REDIS_URL": "redis://127.0.0.1:6379/0"})  # fmt: skip
    assert config.jobs == "redis"
    with pytest.raises(ConfigError, match="use one of inline, redis"):
        load_config({"SANJEH_HOME": str(tmp_path), "SANJEH_JOBS": "celery"})


def test_queue_name_feeds_and_poll_interval(tmp_path) -> None:
    (tmp_path / "sanjeh.toml").write_text(
        'feeds = ["https://example.ir/rss", "/srv/feeds/local.xml"]\npoll_minutes = 15\n', encoding="utf-8"
    )
    config = load_config({"SANJEH_HOME": str(tmp_path), "SANJEH_JOBS_QUEUE": "sanjeh_lorestan"})
    assert config.feeds == ("https://example.ir/rss", "/srv/feeds/local.xml") and config.poll_minutes == 15
    assert config.jobs_queue == "sanjeh_lorestan"
    with pytest.raises(ConfigError, match="SANJEH_JOBS_QUEUE='a-b'"):
        load_config({"SANJEH_HOME": str(tmp_path), "SANJEH_JOBS_QUEUE": "a-b"})
    with pytest.raises(ConfigError, match="SANJEH_POLL_MINUTES=0 is below the minimum 1"):
        load_config({"SANJEH_HOME": str(tmp_path), "SANJEH_POLL_MINUTES": "0"})


def test_size_limits_are_settings_with_a_minimum() -> None:
    env = {"SANJEH_MAX_ITEM_MB": "2", "SANJEH_MAX_FEED_MB": "3", "SANJEH_SHEET_MAX_ROWS": "500"}
    config = load_config(env)
    assert (config.max_item_mb, config.max_feed_mb, config.sheet_max_rows) == (2, 3, 500)
    defaults = load_config({})
    assert (defaults.max_item_mb, defaults.max_feed_mb, defaults.sheet_max_rows) == (5, 20, 20_000)
    with pytest.raises(ConfigError, match="SANJEH_MAX_ITEM_MB=0 is below the minimum 1"):
        load_config({"SANJEH_MAX_ITEM_MB": "0"})
