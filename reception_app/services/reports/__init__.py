"""Reading a managers' report's records: one module per section's rows.

``ReportService`` (services/report_service.py) opens the transaction, reads the office's facts
and each section's rows through these modules, and hands them to domain.reports.
"""
