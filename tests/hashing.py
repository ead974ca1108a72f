"""The tests' password hasher, in a module of its own so a race test's desk process can use it
without importing pytest and the fixtures (tests/race_work.py)."""

from __future__ import annotations

from argon2 import PasswordHasher

TEST_HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
"""Still argon2id, at the lowest cost it allows: a first password in microseconds, not 330 ms."""
