"""Shared pytest configuration for the methodengine test suite."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "slow: builds wheels and installs them into a fresh virtual environment (deselect with -m 'not slow')",
    )
