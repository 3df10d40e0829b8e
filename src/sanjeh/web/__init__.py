"""The Persian RTL web application: roles, dashboards, search, articles (server-rendered, htmx)."""
