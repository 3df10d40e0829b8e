from django.apps import AppConfig
from django.http import multipartparser

#: Largest header block of one part of a multipart form. Django's 1 KiB answers a file whose name is
#: longer than about 450 Persian letters (two bytes each) with a bare 400 before any view runs; with
#: 16 KiB the upload arrives and `attach_file` shortens the name (docs/web.md). Still a bound: each part's
#: headers are read into memory, and the number of parts is capped by DATA_UPLOAD_MAX_NUMBER_FIELDS/FILES.
MULTIPART_HEADER_BYTES = 16 * 1024


class WebConfig(AppConfig):
    name = "sanjeh.web"
    label = "web"
    verbose_name = "وب‌گاه سنجه"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Django has no setting for this limit; its parser reads the module constant on every request.
        multipartparser.MAX_TOTAL_HEADER_SIZE = max(
            multipartparser.MAX_TOTAL_HEADER_SIZE, MULTIPART_HEADER_BYTES
        )
