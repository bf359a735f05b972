"""Have pytest rewrite the assertions in ``_support``, as it does in the test modules that call it."""

import pytest

pytest.register_assert_rewrite("_support")
