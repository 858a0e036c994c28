"""Word (.docx) files for every session script and every form, generated at build time from their paper models."""

from __future__ import annotations

from dataclasses import dataclass

from .library import Library
from .papers import field_specs, form_document, meeting_for, script_document
from .render.docx import docx_bytes
from .uris import form_docx_uri, session_docx_uri


@dataclass(frozen=True)
class GeneratedFile:
    src_uri: str
    content: bytes


def generated_downloads(library: Library) -> list[GeneratedFile]:
    catalog = library.catalog
    fields = field_specs(catalog)
    fmt = catalog.print_format
    files = [
        GeneratedFile(
            session_docx_uri(topic),
            docx_bytes(
                script_document(meeting_for(topic, library.by_slug.get(topic.guide), catalog), catalog), fields, fmt
            ),
        )
        for topic in library.topics
        if topic.kind == "session"
    ]
    files.extend(
        GeneratedFile(form_docx_uri(form["id"]), docx_bytes(form_document(form, catalog), fields, fmt))
        for form in catalog.forms
    )
    return files
