"""stratdocs: strategy as code. Load, validate, index, check and render strategy docs."""

__version__ = "0.1.0"
