"""End-to-end walks through the real windows, simulated hardware and the real database: the
same till rig as tests/ui (tests/till_rig.py); walks marked ``both_databases`` run on SQLite
and on PostgreSQL."""

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
