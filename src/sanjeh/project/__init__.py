"""The Django project that persists and presents what the pure cores compute."""
