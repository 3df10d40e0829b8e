"""sanjeh.news: the Persian news-article reader (plain text or HTML in, structured `Article` out).

Pure Python, no Django. `read_text`, `read_html` and `read_file` use a shared default `Reader`;
build your own `Reader()` to hold loaded lexicons for a batch.
"""

from sanjeh.news.errors import NewsError
from sanjeh.news.reader import Reader, read_file, read_html, read_text
from sanjeh.news.types import Article, DateMention, Organization, Person, Quote, Role

__all__ = [
    "Article",
    "DateMention",
    "NewsError",
    "Organization",
    "Person",
    "Quote",
    "Reader",
    "Role",
    "read_file",
    "read_html",
    "read_text",
]
