"""Use-cases: one transaction per public method, domain dataclasses in and out."""
