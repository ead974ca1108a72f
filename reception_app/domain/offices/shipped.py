"""The profiles shipped in resources/offices/ (read once: they are read-only package data)."""

from __future__ import annotations

from importlib import resources

from reception_app.domain.errors import ProfileError
from reception_app.domain.offices.parsing import load_profile_text
from reception_app.domain.offices.profile import OfficeProfile


def shipped_profile_keys() -> list[str]:
    """Keys of the profiles shipped in resources/offices (file stem = key)."""
    folder = resources.files("reception_app.resources").joinpath("offices")
    return sorted(
        p.name.removesuffix(".toml") for p in folder.iterdir() if p.name.endswith(".toml")
    )


_SHIPPED: dict[str, OfficeProfile] = {}


def shipped_profile(key: str) -> OfficeProfile:
    """The profile shipped for ``key`` (read once; the files are read-only package data)."""
    if key not in _SHIPPED:
        keys = shipped_profile_keys()
        if key not in keys:
            raise ValueError(f"unknown office {key!r}; valid offices: {', '.join(keys)}")
        path = resources.files("reception_app.resources").joinpath("offices", f"{key}.toml")
        profile = load_profile_text(path.read_text(encoding="utf-8"), f"{key}.toml")
        if profile.key != key:
            raise ProfileError(f"{key}.toml: its key is '{profile.key}', expected '{key}'.")
        _SHIPPED[key] = profile
    return _SHIPPED[key]
