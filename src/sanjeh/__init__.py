"""sanjeh (سنجه): evaluation and ranking of public-relations offices, with Persian media monitoring."""

__all__ = ["__version__"]

__version__ = "0.1.0"
