"""URL routes: the Django admin (registry editing), reports, jobs and the web app."""

from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from sanjeh.web import error_pages
from sanjeh.web.views import login_view

# Persian pages with a way back, never Django's bare English «Bad Request (400)» / «Not Found».
handler400 = error_pages.bad_request
handler403 = error_pages.permission_denied
handler404 = error_pages.page_not_found
handler500 = error_pages.server_error

admin.site.site_header = "سنجه — مدیریت"
admin.site.site_title = "سنجه"
admin.site.index_title = "ثبت دستگاه‌ها، مقامات و رسانه‌ها"

urlpatterns = [
    # The admin signs in through the app's login and its throttle, not a second, unthrottled form.
    path("admin/login/", login_view, name="admin_login"),
    path("admin/", admin.site.urls),
    # Browsers and PDF viewers ask for /favicon.ico whatever the page's <link rel="icon"> says.
    path("favicon.ico", RedirectView.as_view(url=static("sanjeh/favicon.svg"), permanent=True)),
    path("reports/", include("sanjeh.reports.urls")),
    path("jobs/", include("sanjeh.jobs.urls")),
    path("", include("sanjeh.web.urls")),
]
