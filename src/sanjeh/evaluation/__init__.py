"""Seasonal evaluation of PR offices: periods, submissions, ratings, media indicators and immutable runs."""
