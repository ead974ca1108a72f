"""Appointments, officer working patterns, absences and interview room bookings (issue 4).

Imported at the end of records.py so every table is registered on Base.metadata."""

from __future__ import annotations
