"""Cashier-window fixtures (tests/till_rig.py): a seeded database (SQLite, or both SQLite and
PostgreSQL for tests marked ``both_databases``), the device hub on simulated devices, the real
role and window."""

from __future__ import annotations

from tests.till_rig import (  # noqa: F401  (fixtures)
    both_databases,
    cashier_cfg,
    database_kind,
    drain,
    hub,
    make_role,
    rig,
    seeded_url,
)


def pytest_generate_tests(metafunc):
    both_databases(metafunc)
