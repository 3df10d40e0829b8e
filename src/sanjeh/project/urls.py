"""URL routes: the Django admin (registry editing) for now; the web app mounts here later."""

from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "سنجه — مدیریت"
admin.site.site_title = "سنجه"
admin.site.index_title = "ثبت دستگاه‌ها، مقامات و رسانه‌ها"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("reports/", include("sanjeh.reports.urls")),
    path("jobs/", include("sanjeh.jobs.urls")),
    path("", include("sanjeh.web.urls")),
]
