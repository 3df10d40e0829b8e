"""Full-text search over pre-normalized article text: SQLite FTS5, or a PostgreSQL GIN tsvector ('simple').

The indexed column is `search_text` (normalized, ZWNJ removed, one digit form), so a query normalized the
same way matches whatever ی/ک, ZWNJ or digit forms either side was written with.
"""

from django.db import migrations

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE monitoring_article_fts USING fts5(
        search_text, content='monitoring_article', content_rowid='id', tokenize='unicode61 remove_diacritics 0')""",
    """CREATE TRIGGER monitoring_article_fts_ai AFTER INSERT ON monitoring_article BEGIN
        INSERT INTO monitoring_article_fts(rowid, search_text) VALUES (new.id, new.search_text); END""",
    """CREATE TRIGGER monitoring_article_fts_ad AFTER DELETE ON monitoring_article BEGIN
        INSERT INTO monitoring_article_fts(monitoring_article_fts, rowid, search_text)
        VALUES ('delete', old.id, old.search_text); END""",
    """CREATE TRIGGER monitoring_article_fts_au AFTER UPDATE OF search_text ON monitoring_article BEGIN
        INSERT INTO monitoring_article_fts(monitoring_article_fts, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
        INSERT INTO monitoring_article_fts(rowid, search_text) VALUES (new.id, new.search_text); END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS monitoring_article_fts_au",
    "DROP TRIGGER IF EXISTS monitoring_article_fts_ad",
    "DROP TRIGGER IF EXISTS monitoring_article_fts_ai",
    "DROP TABLE IF EXISTS monitoring_article_fts",
]
POSTGRES_FORWARD = [
    "CREATE INDEX monitoring_article_search_gin ON monitoring_article "
    "USING GIN (to_tsvector('simple', search_text))",
]
POSTGRES_BACKWARD = ["DROP INDEX IF EXISTS monitoring_article_search_gin"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
