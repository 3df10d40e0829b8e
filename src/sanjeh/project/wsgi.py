"""WSGI entry point for production servers (gunicorn sanjeh.project.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sanjeh.project.settings")
application = get_wsgi_application()
