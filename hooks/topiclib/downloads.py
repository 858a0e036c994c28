"""Word (.docx) files for every session script and every form, generated at build time."""

from __future__ import annotations

from dataclasses import dataclass

from .docx_export import to_docx
from .library import Library
from .party_document import form_document, session_document
from .uris import form_docx_uri, session_docx_uri


@dataclass(frozen=True)
class GeneratedFile:
    src_uri: str
    content: bytes


def generated_downloads(library: Library) -> list[GeneratedFile]:
    catalog = library.catalog
    files = [
        GeneratedFile(session_docx_uri(topic), to_docx(session_document(topic, catalog), topic.title))
        for topic in library.topics
        if topic.kind == "session"
    ]
    files.extend(
        GeneratedFile(form_docx_uri(form["id"]), to_docx(form_document(form, catalog), form["title"]))
        for form in catalog.forms
    )
    return files
