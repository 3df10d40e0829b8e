from django.urls import path

from sanjeh.reports import views, views_official

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
    path(
        "evaluation/<str:period>/press-release.<str:fmt>",
        views_official.press_release_file,
        name="press_release_file",
    ),
    path(
        "evaluation/<str:period>/agencies/<slug:code>/certificate.pdf",
        views_official.certificate,
        name="certificate",
    ),
    path("methodology/", views_official.methodology_page, name="methodology_default"),
    path("methodology.pdf", views_official.methodology_pdf, name="methodology_default_pdf"),
    path("evaluation/<str:period>/methodology/", views_official.methodology_page, name="methodology"),
    path("evaluation/<str:period>/methodology.pdf", views_official.methodology_pdf, name="methodology_pdf"),
]
