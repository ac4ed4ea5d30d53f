"""Settings for the IMRF portal, read from environment variables only.

Nothing set gives the embedded mode (SQLite, eager Celery, console e-mail) that `make run`
uses. DATABASE_URL and REDIS_URL switch to PostgreSQL and Redis; DEBUG=false turns on the
production hardening, which needs SECRET_KEY and ALLOWED_HOSTS.
"""

import os
import tempfile
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from imrf_portal.env import env_bool, env_int, env_list, env_networks, env_str, env_url
from imrf_portal.release import fingerprint

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", True)

_INSECURE_DEV_KEY = "django-insecure-embedded-mode-only-never-use-in-production"
SECRET_KEY = env_str("SECRET_KEY", required=not DEBUG) or _INSECURE_DEV_KEY
if not DEBUG and (len(SECRET_KEY) < 50 or SECRET_KEY == _INSECURE_DEV_KEY):
    raise ImproperlyConfigured(
        "The environment variable SECRET_KEY must be a random string of at least 50 characters "
        "when DEBUG is off."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("The environment variable ALLOWED_HOSTS is required when DEBUG is off.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# Where the portal is reached from outside; used in e-mails and feeds.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # Before the admin, so that its translated fields show there per language.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "csp",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # The portal's apps, lowest floor first: each depends only on those above it in this list.
    "core",
    "reference",
    "forums",
    "stakeholders",
    "verification",
    "side_events",
    "practices",
    "reviews",
    "declarations",
    "coalitions",
    "pledges",
    "summaries",
    "portal",
    "api",
    "follow",
]

MIDDLEWARE = [
    "core.proxies.TrustedProxyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    # Before anything that reads the database, the cache or the session: a NUL in an address
    # would reach PostgreSQL as a DataError.
    "core.control_characters.ControlCharacterMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.languages.PreferredLanguageMiddleware",
    # Each request reads a named cache version once (the page cache, the facet index, fragments).
    "core.cache_versions.RequestVersions",
    "core.page_cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # No facet index built yet: 503 with Retry-After while a worker builds it (never the request).
    "pledges.middleware.RegistryNotReadyMiddleware",
]

ROOT_URLCONF = "imrf_portal.urls"
FORM_RENDERER = "imrf_portal.forms.PortalFormRenderer"
WSGI_APPLICATION = "imrf_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "imrf_portal.context_processors.portal",
                "imrf_portal.context_processors.languages",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASE_URL = env_url("DATABASE_URL", schemes=("postgres", "postgresql", "pgsql", "sqlite"))
if DATABASE_URL is None:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
            # Writers queue for the lock instead of failing when two requests save at once.
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
            # A file, not memory, so that the tests' real Celery worker can open the test database;
            # one per test run, so that runs side by side do not share it.
            "TEST": {"NAME": str(Path(tempfile.gettempdir()) / f"imrf-test-{os.getpid()}.sqlite3")},
        }
    }
else:
    try:
        DATABASES = {"default": dj_database_url.parse(DATABASE_URL)}
    except ValueError as exc:
        raise ImproperlyConfigured(f"The environment variable DATABASE_URL is invalid: {exc}") from None
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # psycopg 3's pool replaces persistent connections; Django requires CONN_MAX_AGE=0 with it.
        DATABASES["default"]["CONN_MAX_AGE"] = 0
        DATABASES["default"]["OPTIONS"] = {
            "pool": {
                "min_size": env_int("DATABASE_POOL_MIN_SIZE", 1, minimum=0, maximum=100),
                "max_size": env_int("DATABASE_POOL_MAX_SIZE", 10, minimum=1, maximum=200),
                "timeout": env_int("DATABASE_POOL_TIMEOUT", 10, minimum=1, maximum=300),
            },
        }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: Celery broker and cache ---------------------------------------------------------
REDIS_URL = env_url("REDIS_URL", schemes=("redis", "rediss"))
# The cache may have a Redis of its own, bounded in memory and evicting the least recently used
# keys (docker-compose.yml), while the broker's never evicts: Celery must not lose a task.
CACHE_URL = env_url("CACHE_URL", schemes=("redis", "rediss")) or REDIS_URL

if REDIS_URL is None:
    CELERY_BROKER_URL = "memory://"
    CELERY_TASK_ALWAYS_EAGER = True
    CELERY_TASK_EAGER_PROPAGATES = True
else:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_TASK_ALWAYS_EAGER = False
# The release of the code this process runs: a commit where the deployment names one, else a
# fingerprint of the code's files.
RELEASE = env_str("RELEASE") or fingerprint(BASE_DIR)
if CACHE_URL is None:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        # The named versions (core.cache_versions) say to every process that the data changed: a
        # local-memory cache is per process, so a second process (a management command, a second
        # server) would change the data and nobody would know. Files are shared by every process
        # on the machine, which in embedded mode is the whole installation, and reading one costs
        # no database query.
        "versions": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": env_str("CACHE_VERSIONS_DIR", str(BASE_DIR / "var" / "cache-versions")),
        },
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "imrf_portal.cache.FallbackRedisCache",
            "LOCATION": CACHE_URL,
            # What the cache keeps was made by this release of the code (imrf_portal/release.py).
            "KEY_PREFIX": f"imrf:{RELEASE}",
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
    # The same Redis; the versions say what changed in the data, whichever release runs (during a
    # deployment both do), so their keys do not name it.
    CACHES["versions"] = dict(CACHES["default"], KEY_PREFIX="imrf")
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A task whose worker died unacknowledged goes back to the queue after this many seconds
# (generation takes seconds; retry countdowns stay below it so that nothing runs twice early).
CELERY_VISIBILITY_TIMEOUT = env_int("CELERY_VISIBILITY_TIMEOUT", 900, minimum=1)
# Public pages for anonymous visitors are kept this long at most (0: not cached); any change to
# the portal's data invalidates them at once (imrf_portal/page_cache.py).
# An invitation to join an organisation can be accepted for this long after it was sent.
INVITATION_VALID_DAYS = 14
# Delegates' grounds-pass data (passport name, nationality, date of birth, nomination letter,
# photo) is erased this many days after the forum's last day (stakeholders.tasks, daily).
DELEGATE_PERSONAL_DATA_RETENTION_DAYS = env_int(
    "DELEGATE_PERSONAL_DATA_RETENTION_DAYS", 90, minimum=0, maximum=3650
)
# What mails other people is limited (core/ratelimit.py): at most this many per user and per
# organisation (the one whose focal points receive the mail) in RATE_LIMIT_WINDOW_HOURS.
RATE_LIMIT_WINDOW_HOURS = 24
RATE_LIMITS = {
    "join_request": {"user": 5, "organization": 20},
    "membership_invitation": {"user": 20, "organization": 50},
    "partner_invitation": {"user": 20, "organization": 10},
    "co_organizer_invitation": {"user": 20, "organization": 10},
    "pledger_message": {"user": 10, "organization": 20},
    # Asking to join a coalition mails its convenor; an invitation mails the invited entity.
    "coalition_request": {"user": 10, "organization": 20},
    "coalition_invitation": {"user": 20, "organization": 10},
}
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300, minimum=0, maximum=86400)
# Parts of pages (core.fragments) are kept under the versions of what they show; this bounds how
# long one outlives a change the versions do not see (the date, in a page that counts days).
FRAGMENT_CACHE_SECONDS = env_int("FRAGMENT_CACHE_SECONDS", 3600, minimum=0, maximum=86400)
# Each process keeps the fragments it used last in its memory too, at most this many bytes
# (core.fragments; 0: none): a hit is a dict lookup instead of a round trip to the cache.
FRAGMENT_MEMO_BYTES = env_int("FRAGMENT_MEMO_BYTES", 4 * 2**20, minimum=0, maximum=256 * 2**20)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # A request that queues a task after its commit tries the broker once: when it is down the
    # work waits in the database for a beat sweep (core.queue), and the visitor does not wait.
    "max_retries": 0,
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
    "visibility_timeout": CELERY_VISIBILITY_TIMEOUT,
    "unacked_restore_interval": max(1, min(10, CELERY_VISIBILITY_TIMEOUT // 5)),
    "unacked_restore_throttle": 1,
}
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = "UTC"
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]

# --- E-mail -----------------------------------------------------------------------------------
EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1, maximum=65535)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
    if EMAIL_USE_TLS and EMAIL_USE_SSL:
        raise ImproperlyConfigured("EMAIL_USE_TLS and EMAIL_USE_SSL cannot both be true.")
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "IMRF Portal <no-reply@imrf-portal.example>")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# --- Passwords and authentication -------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "portal:dashboard"
# django-allauth: login by e-mail, which must be verified before the account can be used.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
# The sign-up form also asks for the language the person's e-mails are written in.
ACCOUNT_SIGNUP_FORM_CLASS = "core.forms.SignupForm"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
# allauth's rate limits (sign-ups, resets, confirmations, second factors) are on by default and
# stay on; they need a shared cache in production, which REDIS_URL provides. Failed sign-ins
# are counted by the portal's adapter instead (core.ratelimit), which keeps counting in the
# database while the cache is down.
# The adapter also names the portal (and SITE_URL's host) in allauth's mails, prefix translated.
ACCOUNT_ADAPTER = "imrf_portal.accounts.AccountAdapter"
ACCOUNT_PREVENT_ENUMERATION = True
# People are known by their e-mail address; the username is an internal detail.
ACCOUNT_USER_DISPLAY = "imrf_portal.accounts.display_name"
ACCOUNT_SESSION_REMEMBER = None
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "IMRF Portal"
# Staff reach the admin only after a second factor (allauth's TOTP). On in production; the
# embedded demo leaves it off so that a newcomer can look around with the printed login.
ADMIN_REQUIRE_2FA = env_bool("ADMIN_REQUIRE_2FA", not DEBUG)

# --- Internationalisation: the six official languages of the United Nations ------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("ar", _("Arabic")),
    ("zh-hans", _("Chinese")),
    ("en", _("English")),
    ("fr", _("French")),
    ("ru", _("Russian")),
    ("es", _("Spanish")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates as each language writes them (Django's formats), English as the UN writes it.
FORMAT_MODULE_PATH = ["imrf_portal.formats"]
# Content staff write (titles, descriptions, notes, summaries) and the official reference texts,
# per language; a field without a translation falls back to English (django-modeltranslation).
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
USE_I18N = True
USE_TZ = True
# The venue's time zone: the admin takes and shows times as they are in New York.
TIME_ZONE = "America/New_York"

# --- Static and uploaded files ----------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Delegates' grounds-pass documents (nomination letters, photos): files without a URL, served to
# the secretariat only through a view that checks permission (core.storage.private).
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(MEDIA_ROOT / "private")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "imrf_portal.static_files.StaticFilesStorage"
        )
    },
}
# In debug mode WhiteNoise serves straight from the apps' and project's static folders.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
# Uploads larger than this go to a temporary file instead of memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# --- Security ---------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# The TLS-terminating proxy's addresses (IPs or networks). Only requests from them may say they
# came over HTTPS (X-Forwarded-Proto) and from whom (X-Forwarded-For); from anyone else those
# headers are removed (core.proxies). Unset: no proxy is trusted and the header is never read.
TRUSTED_PROXIES = env_networks("TRUSTED_PROXIES")
if TRUSTED_PROXIES:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # /healthz is probed over plain HTTP inside the compose network.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# No inline script anywhere: scripts come from our own static files only. Inline style
# attributes (the Django admin uses some) are allowed; they cannot run code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# The open-data API (api/): read-only, public, JSON only. No authentication at all: a signed-in
# visitor reads exactly what an anonymous one does, and no session or CSRF is involved.
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_THROTTLE_CLASSES": [],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.errors.handler",
    "COERCE_DECIMAL_TO_STRING": False,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "IMRF Stakeholder Portal open data API",
    "DESCRIPTION": (
        "Read-only JSON of what the portal publishes: pledges with their indicators, values and "
        "progress reports, accredited organisations, forums and their programme, GCM objectives and "
        "guiding principles, summaries. Licence CC BY 4.0. Lists are paged: follow `next` until it is null."
    ),
    "VERSION": "1.0.0",
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {"Region": "reference.enums.Region", "SupportKind": "reference.enums.SupportKind"},
    "DISABLE_ERRORS_AND_WARNINGS": False,
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint narrates every rendering step at INFO.
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}
if CELERY_TASK_ALWAYS_EAGER:
    # Embedded mode runs each task inside the command that queues it: its "Task ... succeeded"
    # lines (and kombu's note on the in-memory broker's hostname) would drown what the command says.
    LOGGING["loggers"].update({"celery.app.trace": {"level": "WARNING"}, "kombu.connection": {"level": "ERROR"}})

# --- Portal -----------------------------------------------------------------------------------
# The largest background note staff may upload for a round table.
BACKGROUND_NOTE_MAX_BYTES = 10 * 1024 * 1024
LOGO_MAX_BYTES = 2 * 1024 * 1024
# A delegate's nomination letter (PDF) and photo for the UN grounds pass.
NOMINATION_LETTER_MAX_BYTES = 5 * 1024 * 1024
DELEGATE_PHOTO_MAX_BYTES = 5 * 1024 * 1024
