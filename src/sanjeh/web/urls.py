from django.urls import path

from sanjeh.web import views

app_name = "web"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("search/", views.search, name="search"),
    path("articles/<int:pk>/", views.article_detail, name="article"),
    path("agencies/<slug:code>/", views.agency_detail, name="agency"),
    path("evaluation/", views.periods, name="periods"),
    path("evaluation/<str:period>/", views.ranking_view, name="ranking"),
    path("evaluation/<str:period>/agencies/<slug:code>/", views.scorecard_view, name="scorecard"),
    path("tone-audit/", views.tone_audit, name="tone_audit"),
    path("tone-audit/<int:pk>/decide/", views.tone_decide, name="tone_decide"),
]
