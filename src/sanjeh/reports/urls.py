from django.urls import path

from sanjeh.reports import views

app_name = "reports"

urlpatterns = [
    path("agencies/<slug:code>/media.<str:fmt>", views.agency_media, name="agency_media"),
]
