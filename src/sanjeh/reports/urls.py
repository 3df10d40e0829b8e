from django.urls import path

from sanjeh.reports import views

app_name = "reports"

urlpatterns = [
    path("agencies/<slug:code>/media.<str:fmt>", views.agency_media, name="agency_media"),
    path("evaluation/<str:period>/ranking.<str:fmt>", views.season_report, name="season"),
    path(
        "evaluation/<str:period>/agencies/<slug:code>/scorecard.<str:fmt>",
        views.scorecard_report,
        name="scorecard",
    ),
    path("evaluation/<str:period>/press-release/", views.press_release, name="press_release"),
]
