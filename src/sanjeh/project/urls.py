"""URL routes: the Django admin (registry editing), reports, jobs and the web app."""

from django.contrib import admin
from django.urls import include, path

from sanjeh.web.views import bad_request, login_view

handler400 = bad_request  # Persian, never Django's bare «Bad Request (400)»

admin.site.site_header = "سنجه — مدیریت"
admin.site.site_title = "سنجه"
admin.site.index_title = "ثبت دستگاه‌ها، مقامات و رسانه‌ها"

urlpatterns = [
    # The admin signs in through the app's login and its throttle, not a second, unthrottled form.
    path("admin/login/", login_view, name="admin_login"),
    path("admin/", admin.site.urls),
    path("reports/", include("sanjeh.reports.urls")),
    path("jobs/", include("sanjeh.jobs.urls")),
    path("", include("sanjeh.web.urls")),
]
