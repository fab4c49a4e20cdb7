"""statement-archive: a static-site generator for archives of diplomatic statements."""

__version__ = "0.1.0"
