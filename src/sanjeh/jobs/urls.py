from django.urls import path

from sanjeh.jobs import views

app_name = "jobs"

urlpatterns = [
    path("<int:pk>/", views.status, name="status"),
    path("evaluate/<str:period>/", views.evaluate, name="evaluate"),
]
