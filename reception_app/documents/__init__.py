"""ReportLab documents: letters and report PDFs from domain dataclasses."""
