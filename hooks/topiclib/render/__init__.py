"""Renderers: each takes data (a document model, a page's content) and returns HTML or file bytes."""
