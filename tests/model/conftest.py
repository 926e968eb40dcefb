from __future__ import annotations

import pytest

from tests.support import load_example


@pytest.fixture
def example():
    """``example(record_type)`` → a fresh dict of the published example."""
    return load_example
