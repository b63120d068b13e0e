"""Code that only Sphinx imports: the book's extensions and its landing page."""
