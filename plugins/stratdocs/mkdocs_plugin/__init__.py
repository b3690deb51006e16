"""The MkDocs plugin: a thin adapter that runs the pipeline and places rendered pages in the site."""
