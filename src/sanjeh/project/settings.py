"""Django settings, built from `sanjeh.config.load_config()` (environment and sanjeh.toml)."""

from __future__ import annotations

import dj_database_url

from sanjeh.config import ensure_secret_key, load_config

CONFIG = load_config()
SANJEH_HOME = CONFIG.home

SECRET_KEY = ensure_secret_key(CONFIG.home)
DEBUG = CONFIG.debug
ALLOWED_HOSTS = list(CONFIG.allowed_hosts)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "sanjeh.audit",
    "sanjeh.registry",
    "sanjeh.monitoring",
    "sanjeh.evaluation",
    "sanjeh.web",
    "sanjeh.reports",
    "sanjeh.jobs",
    "huey.contrib.djhuey",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "sanjeh.web.middleware.SecurityHeadersMiddleware",  # CSP and Permissions-Policy, errors included
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "sanjeh.project.urls"
WSGI_APPLICATION = "sanjeh.project.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": dj_database_url.parse(CONFIG.database_url, conn_max_age=0)}
if not CONFIG.is_postgres:
    # WAL lets readers work while an ingest writes; IMMEDIATE avoids upgrade deadlocks on write.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;",
        "transaction_mode": "IMMEDIATE",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:dashboard"

# Login throttling and sessions share this cache: Redis in production (SANJEH_REDIS_URL), memory otherwise.
if CONFIG.redis_url:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CONFIG.redis_url}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "sanjeh"}}

# Background jobs (Huey, docs/settings.md): `inline` runs each job at once in the process that asks for it
# (no Redis, no worker: the demo and the tests); `redis` queues it for `sanjeh worker` processes.
if CONFIG.jobs == "redis":
    HUEY = {
        "huey_class": "huey.RedisHuey",
        "name": CONFIG.jobs_queue,
        "url": CONFIG.redis_url,
        "immediate": False,
        "results": False,  # a job's outcome lives in its Job row, not in Redis
    }
else:
    HUEY = {"huey_class": "huey.MemoryHuey", "name": CONFIG.jobs_queue, "immediate": True, "results": False}

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

LANGUAGE_CODE = "fa"
LANGUAGES = [("fa", "فارسی"), ("en", "English")]
TIME_ZONE = CONFIG.time_zone
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = CONFIG.home / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # `collectstatic` target; WhiteNoise expects it to exist
# WhiteNoise serves the bundled assets (fonts, htmx, Vega) straight from the package: no CDN, no web server
# configuration, the same under `sanjeh serve` and gunicorn.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = CONFIG.home / "uploads"  # outside the web root; served only through permission checks
DATA_UPLOAD_MAX_MEMORY_SIZE = CONFIG.max_upload_mb * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 60 * 60  # a working day
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = not DEBUG and not CONFIG.allowed_hosts_are_local
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"  # links out (evidence, news) never carry a page's address

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"sanjeh": {"handlers": ["console"], "level": "WARNING"}},
}
