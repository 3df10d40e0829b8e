from django.urls import path

from sanjeh.web import views, views_search, views_workflow

app_name = "web"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("search/", views_search.search, name="search"),
    path("search/agencies/", views_search.agency_suggestions, name="search_agencies"),
    path("search/export.<str:fmt>", views_search.search_export, name="search_export"),
    path("search/saved/", views_search.save_search, name="search_save"),
    path("search/saved/<int:pk>/delete/", views_search.delete_saved_search, name="search_delete"),
    path("articles/<int:pk>/", views.article_detail, name="article"),
    path("agencies/<slug:code>/", views.agency_detail, name="agency"),
    path("evaluation/", views.periods, name="periods"),
    path("evaluation/<str:period>/", views.ranking_view, name="ranking"),
    path("evaluation/<str:period>/agencies/<slug:code>/", views.scorecard_view, name="scorecard"),
    path("tone-audit/", views.tone_audit, name="tone_audit"),
    path("tone-audit/<int:pk>/decide/", views.tone_decide, name="tone_decide"),
    path("workflow/", views_workflow.home, name="wf_home"),
    path("workflow/files/<int:pk>/", views_workflow.evidence_file, name="wf_file"),
    path("workflow/appeals/<int:pk>/", views_workflow.appeal_detail, name="wf_appeal"),
    path("workflow/<str:period>/", views_workflow.period_page, name="wf_period"),
    path("workflow/<str:period>/publish/", views_workflow.publish, name="wf_publish"),
    path("workflow/<str:period>/rating/", views_workflow.rating_queue, name="wf_rating"),
    path("workflow/<str:period>/rating/<slug:code>/", views_workflow.rating_agency, name="wf_rating_agency"),
    path("workflow/<str:period>/agencies/<slug:code>/sheet/", views_workflow.agency_sheet, name="wf_sheet"),
    path("workflow/<str:period>/agencies/<slug:code>/appeals/", views_workflow.appeals, name="wf_appeals"),
    path(
        "workflow/<str:period>/agencies/<slug:code>/evidence/<str:indicator>/",
        views_workflow.evidence,
        name="wf_evidence",
    ),
]
