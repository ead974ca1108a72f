"""Read-only package data: office profiles, styles, icons (installed as reception_app.resources)."""
