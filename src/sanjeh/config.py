"""The one place sanjeh reads its settings: `SANJEH_*` environment variables over a `sanjeh.toml`.

Typed helpers keep every error specific (which variable, the bad value, what is allowed). Cores never
read settings; the Django project and the CLI read them here and pass options down.
"""

from __future__ import annotations

import contextlib
import ipaddress
import os
import re
import secrets
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from sanjeh.errors import SanjehError

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}
_QUEUE_NAME = re.compile(r"[A-Za-z0-9_]{1,64}")  # Huey drops anything else from its Redis keys


class ConfigError(SanjehError):
    """A setting has a value sanjeh cannot use (names the setting and what is allowed)."""


@dataclass(frozen=True, slots=True)
class Config:
    home: Path
    database_url: str
    debug: bool
    allowed_hosts: tuple[str, ...]
    time_zone: str
    max_upload_mb: int
    redis_url: str | None = None
    late_submissions: str = "reject"
    jobs: str = "inline"
    jobs_queue: str = "sanjeh"
    feeds: tuple[str, ...] = ()
    poll_minutes: int = 30
    job_lease_seconds: int = 120
    trusted_proxies: tuple[str, ...] = ()
    max_item_mb: int = 5
    max_feed_mb: int = 20
    raw_dir: Path | None = None  # None: SANJEH_HOME/raw
    sheet_max_rows: int = 20_000
    smtp_url: str = ""
    mail_from: str = "sanjeh@localhost"
    sms_url: str = ""
    sms_token: str = ""
    reminder_days: int = 3
    demo: bool = False
    # The governorate's letterhead on official PDFs (docs/reports.md) and the address in alert e-mails.
    letterhead_org: str = "استانداری"
    letterhead_unit: str = "دفتر روابط عمومی و اطلاع‌رسانی"
    letterhead_logo: Path | None = None
    letter_number_prefix: str = ""
    signatory_name: str = ""
    signatory_title: str = ""
    site_url: str = ""

    @property
    def allowed_hosts_are_local(self) -> bool:
        """Only loopback hosts: a development or demo instance served over plain HTTP."""
        return all(h in {"localhost", "127.0.0.1", "[::1]", "::1", "testserver"} for h in self.allowed_hosts)

    @property
    def is_postgres(self) -> bool:
        return self.database_url.startswith(("postgres://", "postgresql://"))


def smtp_settings(url: str) -> dict[str, object]:
    """Django's EMAIL_* settings from `smtp://USER:PASSWORD@HOST:PORT` (`smtps://` for implicit TLS;
    STARTTLS on port 587)."""
    parts = urlsplit(url)
    secure = parts.scheme == "smtps"
    port = parts.port or (465 if secure else 25)
    return {
        "EMAIL_HOST": parts.hostname or "",
        "EMAIL_PORT": port,
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_SSL": secure,
        "EMAIL_USE_TLS": not secure and port == 587,
    }


def default_home() -> Path:
    """`$XDG_DATA_HOME/sanjeh` (usually ~/.local/share/sanjeh): data lives outside the code."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "sanjeh"


def env_bool(name: str, value: str | None, default: bool) -> bool:
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ConfigError(f"{name}={value!r} is not a boolean; use one of {sorted(_TRUE | _FALSE - {''})}")


def env_int(name: str, value: str | None, default: int, *, minimum: int = 0) -> int:
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ConfigError(f"{name}={value!r} is not an integer") from None
    if number < minimum:
        raise ConfigError(f"{name}={number} is below the minimum {minimum}")
    return number


def env_choice(name: str, value: str | None, allowed: tuple[str, ...], *, default: str) -> str:
    if value is None or not value.strip():
        return default
    if value.strip().lower() not in allowed:
        raise ConfigError(f"{name}={value!r} is not allowed; use one of {', '.join(allowed)}")
    return value.strip().lower()


def env_networks(name: str, value: str | None) -> tuple[str, ...]:
    """Comma-separated IP addresses or networks (`10.0.0.1`, `10.0.0.0/8`, `::1`), normalized."""
    networks = []
    for part in (value or "").split(","):
        if not part.strip():
            continue
        try:
            networks.append(str(ipaddress.ip_network(part.strip(), strict=False)))
        except ValueError:
            raise ConfigError(
                f"{name}: {part.strip()!r} is not an IP address or network; use e.g. 127.0.0.1,10.0.0.0/8"
            ) from None
    return tuple(networks)


def env_file(name: str, value: str | None, suffixes: tuple[str, ...]) -> Path | None:
    """An existing file with one of `suffixes` (an image for the letterhead), or None when unset."""
    if not value or not value.strip():
        return None
    path = Path(value.strip()).expanduser()
    if path.suffix.lower() not in suffixes:
        raise ConfigError(f"{name}={value!r}: expected a file ending in {', '.join(suffixes)}")
    if not path.is_file():
        raise ConfigError(f"{name}={value!r}: no such file")
    return path.resolve()


def env_url(name: str, value: str | None, schemes: tuple[str, ...]) -> str:
    """A URL with one of `schemes` and a host, or "" when unset."""
    text = (value or "").strip()
    if not text:
        return ""
    parts = urlsplit(text)
    if parts.scheme not in schemes or not parts.hostname:
        allowed = " or ".join(f"{s}://HOST" for s in schemes)
        raise ConfigError(f"{name}={text!r} is not a URL sanjeh can use; expected {allowed}")
    return text


def _read_toml(path: Path) -> dict[str, object]:
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        return {}
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    section = data.get("sanjeh", data)
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: [sanjeh] must be a table")
    return section


def load_config(environ: Mapping[str, str] | None = None) -> Config:
    """Read settings: environment first, then `$SANJEH_HOME/sanjeh.toml`, then defaults.

    Keys in sanjeh.toml are the variable names without the `SANJEH_` prefix, lower-case
    (`database_url`, `debug`, `allowed_hosts`, `time_zone`, `max_upload_mb`, `max_item_mb`, …).
    """
    env = os.environ if environ is None else environ
    home = Path(env.get("SANJEH_HOME") or default_home()).expanduser().resolve()
    toml = _read_toml(home / "sanjeh.toml")

    def pick(key: str) -> str | None:
        value = env.get(f"SANJEH_{key.upper()}")
        if value is None and key == "database_url":
            value = env.get("DATABASE_URL")
        if value is None and key in toml:
            raw = toml[key]
            value = ",".join(map(str, raw)) if isinstance(raw, list) else str(raw)
        return value

    database_url = pick("database_url") or f"sqlite:///{home / 'sanjeh.sqlite3'}"
    if not database_url.startswith(("sqlite://", "postgres://", "postgresql://")):
        raise ConfigError(
            f"DATABASE_URL={database_url!r} is not supported; use sqlite:///PATH or postgresql://USER@HOST/DB"
        )
    hosts = pick("allowed_hosts") or "localhost,127.0.0.1,[::1]"
    redis_url = pick("redis_url") or None
    jobs = env_choice("SANJEH_JOBS", pick("jobs"), ("inline", "redis"), default="inline")
    if jobs == "redis" and not redis_url:
        raise ConfigError("SANJEH_JOBS=redis needs SANJEH_REDIS_URL (redis://HOST:6379/0)")
    queue = (pick("jobs_queue") or "sanjeh").strip()
    if not _QUEUE_NAME.fullmatch(queue):
        raise ConfigError(f"SANJEH_JOBS_QUEUE={queue!r}: use Latin letters, digits and '_' (at most 64)")
    return Config(
        home=home,
        database_url=database_url,
        debug=env_bool("SANJEH_DEBUG", pick("debug"), default=False),
        allowed_hosts=tuple(h.strip() for h in hosts.split(",") if h.strip()),
        time_zone=pick("time_zone") or "Asia/Tehran",
        max_upload_mb=env_int("SANJEH_MAX_UPLOAD_MB", pick("max_upload_mb"), default=10, minimum=1),
        redis_url=redis_url,
        late_submissions=env_choice(
            "SANJEH_LATE_SUBMISSIONS", pick("late_submissions"), ("reject", "flag"), default="reject"
        ),
        jobs=jobs,
        jobs_queue=queue,
        feeds=tuple(f.strip() for f in (pick("feeds") or "").split(",") if f.strip()),
        poll_minutes=env_int("SANJEH_POLL_MINUTES", pick("poll_minutes"), default=30, minimum=1),
        job_lease_seconds=env_int(
            "SANJEH_JOB_LEASE_SECONDS", pick("job_lease_seconds"), default=120, minimum=4
        ),
        trusted_proxies=env_networks("SANJEH_TRUSTED_PROXIES", pick("trusted_proxies")),
        max_item_mb=env_int("SANJEH_MAX_ITEM_MB", pick("max_item_mb"), default=5, minimum=1),
        max_feed_mb=env_int("SANJEH_MAX_FEED_MB", pick("max_feed_mb"), default=20, minimum=1),
        raw_dir=Path(raw).expanduser() if (raw := pick("raw_dir")) else None,
        sheet_max_rows=env_int("SANJEH_SHEET_MAX_ROWS", pick("sheet_max_rows"), default=20_000, minimum=10),
        smtp_url=env_url("SANJEH_SMTP_URL", pick("smtp_url"), ("smtp", "smtps")),
        mail_from=(pick("mail_from") or "sanjeh@localhost").strip(),
        sms_url=env_url("SANJEH_SMS_URL", pick("sms_url"), ("http", "https")),
        sms_token=(pick("sms_token") or "").strip(),
        reminder_days=env_int("SANJEH_REMINDER_DAYS", pick("reminder_days"), default=3, minimum=0),
        demo=env_bool("SANJEH_DEMO", pick("demo"), default=False),
        letterhead_org=(pick("letterhead_org") or "").strip() or "استانداری",
        letterhead_unit=(pick("letterhead_unit") or "").strip() or "دفتر روابط عمومی و اطلاع‌رسانی",
        letterhead_logo=env_file(
            "SANJEH_LETTERHEAD_LOGO", pick("letterhead_logo"), (".png", ".jpg", ".jpeg", ".svg")
        ),
        letter_number_prefix=(pick("letter_number_prefix") or "").strip(),
        signatory_name=(pick("signatory_name") or "").strip(),
        signatory_title=(pick("signatory_title") or "").strip(),
        site_url=env_url("SANJEH_SITE_URL", pick("site_url"), ("http", "https")).rstrip("/"),
    )


def mark_demo(home: Path) -> None:
    """Record in `home`'s sanjeh.toml that it is a demo instance (`demo = true`, read as SANJEH_DEMO), so
    `sanjeh serve` later still labels its synthetic data; a sanjeh.toml that already says `demo` is kept."""
    path = private_dir(home) / "sanjeh.toml"
    if "demo" in _read_toml(path):
        return
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    # Settings live under [sanjeh] when the file has that table, else at the top, before any table.
    header = re.search(r"^\[sanjeh\][ \t]*$", text, flags=re.MULTILINE)
    at = header.end() + 1 if header else 0
    text = f"{text[:at]}demo = true\n{text[at:]}"
    private_file(path).write_text(text, encoding="utf-8")


def private_dir(path: Path) -> Path:
    """Create `path` readable by the instance's user only (0700); missing parents get the usual mode.

    The data directory holds the database, the secret key and the agencies' uploads: other accounts on
    the machine must not read them. A directory that already exists keeps the mode its owner chose.
    """
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.mkdir(mode=0o700, exist_ok=True)
        path.chmod(0o700)  # mkdir's mode is masked by the umask
    return path


def private_file(path: Path) -> Path:
    """Create `path` empty with mode 0600 if it does not exist (SQLite accepts an empty file as a new
    database, and gives its -wal and -shm files the database file's mode)."""
    private_dir(path.parent)
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    return path


def ensure_secret_key(home: Path) -> str:
    """Return the instance's secret key, generating it into the data directory on first use (0600)."""
    path = home / "secret_key"
    if path.exists():
        return path.read_text(encoding="ascii").strip()
    private_dir(home)
    key = secrets.token_urlsafe(50)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process won the race; use its key
        return path.read_text(encoding="ascii").strip()
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key)
    return key
