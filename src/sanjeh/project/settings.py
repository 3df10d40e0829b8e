"""Django settings, built from `sanjeh.config.load_config()` (environment and sanjeh.toml)."""

from __future__ import annotations

from pathlib import Path

import dj_database_url

from sanjeh.config import ensure_secret_key, load_config, private_dir, private_file, smtp_settings

CONFIG = load_config()
SANJEH_HOME = private_dir(CONFIG.home)  # database, secret key, uploads: 0700, files in it 0600

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
    "sanjeh.notices",
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
    if DATABASES["default"]["NAME"] not in ("", ":memory:"):
        private_file(Path(DATABASES["default"]["NAME"]))  # before SQLite creates it with the umask's mode
    # WAL lets readers work while an ingest writes; IMMEDIATE avoids upgrade deadlocks on write.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;",
        "transaction_mode": "IMMEDIATE",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:dashboard"

# Login throttling and the run summaries share this cache, which every worker process must see (a lock
# counted in one gunicorn worker's memory would not stop the next attempt in another): Redis when
# SANJEH_REDIS_URL is set, otherwise a table in the database (`sanjeh init` and every migrate run
# `createcachetable`; the test database gets it from Django's test runner).
if CONFIG.redis_url:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CONFIG.redis_url}
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "sanjeh_cache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }

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

# Django's validators, with Persian messages (Django's catalogue; the minimum length's own, see
# sanjeh.web.passwords): `sanjeh user add`, the admin's user forms and password changes refuse short,
# common, all-digit and username-like passwords.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "sanjeh.web.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

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
FILE_UPLOAD_PERMISSIONS = 0o600  # agencies' documents: the instance's user only
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700

# Notices (sanjeh.notices, docs/settings.md): e-mail when SANJEH_SMTP_URL is set, short messages when
# SANJEH_SMS_URL is; reminders start SANJEH_REMINDER_DAYS before the evidence deadline.
if CONFIG.smtp_url:
    _smtp = smtp_settings(CONFIG.smtp_url)
    EMAIL_HOST, EMAIL_PORT = _smtp["EMAIL_HOST"], _smtp["EMAIL_PORT"]
    EMAIL_HOST_USER, EMAIL_HOST_PASSWORD = _smtp["EMAIL_HOST_USER"], _smtp["EMAIL_HOST_PASSWORD"]
    EMAIL_USE_SSL, EMAIL_USE_TLS = _smtp["EMAIL_USE_SSL"], _smtp["EMAIL_USE_TLS"]
DEFAULT_FROM_EMAIL = CONFIG.mail_from
NOTICE_EMAIL = bool(CONFIG.smtp_url)
NOTICE_SMS_URL = CONFIG.sms_url
NOTICE_SMS_TOKEN = CONFIG.sms_token
NOTICE_REMINDER_DAYS = CONFIG.reminder_days

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
