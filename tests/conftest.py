"""Session-wide test set-up: offscreen Qt, the shared test data, fresh databases."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
TESTDATA = REPO.parent / "shared" / "testdata"


def pytest_sessionstart(session):
    """The compiled translations are built, not committed: build them if a bare `pytest` runs
    before the set-up command did."""
    if not (REPO / "resources" / "i18n" / "patron_zh_CN.qm").exists():
        import subprocess
        import sys

        subprocess.run([sys.executable, str(REPO / "scripts" / "build_translations.py"),
                        "--release-only"], check=True)


@pytest.fixture(scope="session")
def testdata() -> Path:
    """The shared real test data (faces, barcodes, scale frames); never copied into the repo."""
    if not TESTDATA.is_dir():
        pytest.fail(f"shared test data not found at {TESTDATA}")
    return TESTDATA


@pytest.fixture(scope="session", autouse=True)
def signing_keys_env():
    """A test signing key for every test, and for the tills and workers tests start (they
    inherit the environment): keys live on the terminal, not in the database."""
    import secrets

    from app import signing_keys

    old = os.environ.get(signing_keys.ENV_VAR)
    os.environ[signing_keys.ENV_VAR] = f"t1:{secrets.token_hex(32)}"
    signing_keys.forget()
    yield os.environ[signing_keys.ENV_VAR]
    if old is None:
        os.environ.pop(signing_keys.ENV_VAR, None)
    else:
        os.environ[signing_keys.ENV_VAR] = old
    signing_keys.forget()


# -- databases -------------------------------------------------------------------------------
import shutil  # noqa: E402
import sys  # noqa: E402
import uuid as _uuid  # noqa: E402

sys.path.insert(0, str(REPO / "scripts"))
from pgserver import PostgresServer, admin_sql  # noqa: E402

from tests.ci import pytest_runtest_makereport, skip_or_fail  # noqa: E402, F401  (the hook)


@pytest.fixture(scope="session")
def pg_admin_url():
    server = PostgresServer()
    url = server.start()
    if url is None:
        skip_or_fail("PostgreSQL is not installed (apt-get install postgresql)")
    yield url
    server.stop()


@pytest.fixture
def own_server(pg_admin_url):  # noqa: ARG001  (skips or fails like every PostgreSQL test)
    """A private PostgreSQL cluster a test may stop and restart (reconnect tests)."""
    server = PostgresServer(own=True)
    if server.start() is None:
        pytest.fail("initdb is not installed: cannot start a private PostgreSQL server")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def pg_template(pg_admin_url):
    """A migrated database that each PostgreSQL test copies (fast) instead of migrating."""
    from app.db import open_database
    from app.migrations import migrate

    name = "patron_template"
    admin_sql(pg_admin_url, f"DROP DATABASE IF EXISTS {name}")
    admin_sql(pg_admin_url, f"CREATE DATABASE {name}")
    db = open_database(pg_admin_url.rsplit("/", 1)[0] + "/" + name)
    db.connect()
    migrate(db)
    db.close()
    return name


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory):
    from app.db import open_database
    from app.migrations import migrate

    path = tmp_path_factory.mktemp("tpl") / "template.db"
    db = open_database(str(path))
    db.connect()
    migrate(db)
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path


def _seed_demo(url: str, home: Path) -> None:
    """Build the minimal demo world into ``url`` (PATRON_HOME kept in ``home`` meanwhile)."""
    from app.db import is_sqlite
    from app.demo import seed_minimal

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PATRON_HOME", str(home))
        binding = bound_to(url)
        bound = next(binding)
        try:
            seed_minimal()
            if is_sqlite():  # the copies are taken of the file alone
                bound.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            next(binding, None)


@pytest.fixture(scope="session")
def seeded_sqlite_template(sqlite_template, tmp_path_factory):
    """The migrated SQLite template with the minimal demo world in it (seeded once)."""
    folder = tmp_path_factory.mktemp("seeded")
    path = folder / "seeded.db"
    shutil.copy(sqlite_template, path)
    _seed_demo(str(path), folder / "home")
    return path


@pytest.fixture(scope="session")
def seeded_pg_template(pg_admin_url, pg_template, tmp_path_factory):
    """The migrated PostgreSQL template with the minimal demo world in it (seeded once)."""
    name = "patron_seeded"
    admin_sql(pg_admin_url, f"DROP DATABASE IF EXISTS {name}")
    admin_sql(pg_admin_url, f"CREATE DATABASE {name} TEMPLATE {pg_template}")
    _seed_demo(pg_admin_url.rsplit("/", 1)[0] + "/" + name, tmp_path_factory.mktemp("home"))
    return name


def _make_db_url(kind: str, request, tmp_path, *, seeded: bool = False) -> str:
    """A fresh database copied from the migrated template (or the seeded one)."""
    if kind == "sqlite":
        path = tmp_path / "patron.db"
        template = "seeded_sqlite_template" if seeded else "sqlite_template"
        shutil.copy(request.getfixturevalue(template), path)
        return str(path)
    admin = request.getfixturevalue("pg_admin_url")
    template = request.getfixturevalue("seeded_pg_template" if seeded else "pg_template")
    name = f"t_{_uuid.uuid4().hex[:12]}"
    admin_sql(admin, f"CREATE DATABASE {name} TEMPLATE {template}")
    request.addfinalizer(lambda: admin_sql(admin, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    return admin.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request, tmp_path) -> str:
    """A fresh, migrated, empty database URL — once on SQLite, once on PostgreSQL."""
    return _make_db_url(request.param, request, tmp_path)


@pytest.fixture
def sqlite_url(request, tmp_path) -> str:
    return _make_db_url("sqlite", request, tmp_path)


@pytest.fixture
def seeded_sqlite_url(request, tmp_path) -> str:
    """A fresh SQLite database holding the minimal demo world (a copy, not seeded per test)."""
    return _make_db_url("sqlite", request, tmp_path, seeded=True)


@pytest.fixture
def seeded_pg_url(request, tmp_path) -> str:
    """A fresh PostgreSQL database holding the minimal demo world (a copy of a template)."""
    return _make_db_url("postgres", request, tmp_path, seeded=True)


@pytest.fixture
def pg_url(request, tmp_path, bind_for_test) -> str:
    """A fresh, migrated PostgreSQL database, bound in this process for the test's own checks
    (the race tests hand the URL to their worker processes)."""
    url = _make_db_url("postgres", request, tmp_path)
    bind_for_test(url)
    return url


@pytest.fixture
def bind_for_test(request):
    """``bind_for_test(url)``: the models bound to ``url`` until this test ends. Request it
    after the URL's fixture, so the models let go before that database is dropped."""

    def bind_url(url: str):
        binding = bound_to(url)
        bound = next(binding)
        request.addfinalizer(lambda: next(binding, None))
        return bound

    return bind_url


@pytest.fixture
def db(db_url):
    """The models bound to a fresh database (SQLite and PostgreSQL)."""
    yield from bound_to(db_url)


@pytest.fixture
def sqlite_db(sqlite_url):
    """The models bound to a fresh SQLite database only."""
    yield from bound_to(sqlite_url)


def bound_to(url: str):
    """Bind the models to ``url`` for one test, then unbind (and forget the code secret)."""
    from app import codes
    from app.db import bind, database

    codes.forget_secret()
    bound = bind(url)
    yield bound
    bound.close()
    database.initialize(None)
    codes.forget_secret()


@pytest.fixture
def world(db):
    """A small coalition: two merchants with a store, terminal, staff and products each."""
    from app.demo import seed_minimal

    return seed_minimal()


# -- the cashier window (tests/ui, tests/e2e) ------------------------------------------------
from tests.till_rig import (  # noqa: E402, F401  (fixtures)
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
    """Tests marked ``both_databases`` run on SQLite and on PostgreSQL (tests/till_rig.py)."""
    both_databases(metafunc)
