"""main.py as a store owner runs it: the self-test, and clear words for what is wrong."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ci import in_ci
from ui import virtual_display

REPO = Path(__file__).resolve().parent.parent


def run(*args: str, home: Path, display: bool = True,
        drop: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", *drop)}
    env["PATRON_HOME"] = str(home)
    if display:
        env["QT_QPA_PLATFORM"] = "offscreen"
    return subprocess.run([sys.executable, "main.py", *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120)


def test_cashier_demo_self_test_is_healthy(tmp_path):
    result = run("--role", "cashier", "--demo", "--self-test", home=tmp_path, display=False)
    assert result.returncode == 0, result.stdout + result.stderr
    parts = {line.split()[0] + (" " + line.split()[1] if line.startswith(("window", "device")) else "")
             for line in result.stdout.splitlines() if line.strip()}
    assert {"database", "schema", "integrity", "ledger", "wallets", "window cashier",
            "device scale",
            "device printer", "device scanner", "device card_reader", "self-test"} <= parts
    assert "FAIL" not in result.stdout
    assert (tmp_path / "demo.db").exists()


def test_unreachable_database_fails_the_self_test(tmp_path):
    result = run("--role", "cashier", "--db", "postgresql://nobody@127.0.0.1:1/none",
                 "--self-test", home=tmp_path)
    assert result.returncode == 3
    assert "database" in result.stdout and "FAIL" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_broken_config_file_is_one_clear_line(tmp_path):
    cfg = tmp_path / "till.toml"
    cfg.write_text("[terminal]\nrole = cashier\n", encoding="utf-8")  # unquoted string
    result = run("--config", str(cfg), "--self-test", home=tmp_path)
    assert result.returncode == 2
    assert str(cfg) in result.stderr and "not valid TOML" in result.stderr
    assert "Traceback" not in result.stderr


def test_no_display_says_how_to_get_one(tmp_path):
    result = run("--role", "cashier", "--demo", home=tmp_path, display=False)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    commands = [line.strip() for line in result.stderr.splitlines() if "xvfb-run -a" in line]
    assert commands == ["xvfb-run -a -s '-screen 0 1920x1080x24' "
                        f"{virtual_display.uv_command()} run python main.py --role cashier --demo"]


@pytest.mark.skipif(shutil.which("xvfb-run") is None and not in_ci(),
                    reason="xvfb-run not installed (make demo installs it as root)")
def test_the_printed_command_runs_as_printed(tmp_path):
    result = run("--role", "cashier", "--demo", home=tmp_path, display=False)
    [command] = [line.strip() for line in result.stderr.splitlines() if "xvfb-run -a" in line]
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["PATRON_HOME"] = str(tmp_path)
    # As pasted into a shell in the repository, plus --self-test so that it ends by itself.
    # Under xvfb-run Qt opens its xcb plugin for real: a missing library aborts the start.
    ran = subprocess.run(["bash", "-c", command + " --self-test"], cwd=REPO, env=env,
                         capture_output=True, text=True, timeout=300)
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert "window cashier" in ran.stdout and "FAIL" not in ran.stdout
    assert ran.stdout.rstrip().endswith("healthy")


def test_no_display_command_from_another_directory_keeps_relative_paths(tmp_path):
    text = virtual_display.message(["--config", "my till.toml"], cwd=tmp_path, uv="uv",
                                   have_xvfb=True)
    main_py = REPO / "main.py"
    assert (f"xvfb-run -a -s '-screen 0 1920x1080x24' uv run --project {REPO} python {main_py} "
            "--config 'my till.toml'") in text.splitlines()[2]


def test_no_display_without_xvfb_says_what_to_install(tmp_path):
    text = virtual_display.message(["--demo"], cwd=REPO, uv="uv", have_xvfb=False)
    assert "apt-get install -y xvfb libxcb-cursor0" in text
    assert "make demo" in text


def test_setup_installs_the_packages_the_message_names():
    setup = (REPO / "scripts" / "setup.sh").read_text(encoding="utf-8")
    [line] = [ln for ln in setup.splitlines() if ln.startswith("XVFB_PACKAGES=")]
    assert tuple(line.split("(", 1)[1].rstrip(")").split()) == virtual_display.XVFB_PACKAGES
    assert "libzbar0" in setup  # the ZBar decoding pass (hardware/barcode/zbar_pass.py)


def test_unknown_terminal_fails_the_self_test_clearly(tmp_path):
    run("--role", "cashier", "--demo", "--self-test", home=tmp_path, display=False)
    result = run("--role", "cashier", "--demo", "--terminal", "NOPE", "--self-test", home=tmp_path)
    assert result.returncode != 0
    assert "NOPE" in result.stdout + result.stderr and "Traceback" not in result.stdout


def test_config_value_of_the_wrong_type_is_one_clear_line(tmp_path):
    cfg = tmp_path / "till.toml"
    for text, setting in (("[terminal]\ncode = 5\n", "[terminal] code"),
                          ('[terminal]\nfullscreen = "false"\n', "[terminal] fullscreen")):
        cfg.write_text(text, encoding="utf-8")
        result = run("--config", str(cfg), "--self-test", home=tmp_path)
        assert result.returncode == 2, result.stdout + result.stderr
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"patron: {cfg}: {setting} must be")
        assert "Traceback" not in result.stdout + result.stderr


def test_demo_makes_its_own_private_key_file_on_first_start(tmp_path):
    import stat

    result = run("--role", "cashier", "--demo", "--self-test", home=tmp_path,
                 drop=("PATRON_SIGNING_KEYS",))
    assert result.returncode == 0, result.stdout + result.stderr
    keys = tmp_path / "demo-keys.toml"
    assert stat.S_IMODE(keys.stat().st_mode) == 0o600
    line = next(ln for ln in result.stdout.splitlines() if ln.startswith("signing keys"))
    assert "ok" in line and str(keys) in line
    assert not (tmp_path / "keys.toml").exists()  # a real till's key file is never invented
    import tomllib

    key_hex = next(iter(tomllib.loads(keys.read_text())["keys"].values()))
    for db_file in tmp_path.glob("demo.db*"):  # the database, its WAL: no key material
        data = db_file.read_bytes()
        assert key_hex.encode() not in data and bytes.fromhex(key_hex) not in data
        assert b"code_secret" not in data


def test_a_till_without_signing_keys_says_where_to_put_them(tmp_path):
    result = run("--role", "cashier", "--db", f"sqlite:///{tmp_path}/till.db", home=tmp_path,
                 drop=("PATRON_SIGNING_KEYS",))
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr.strip() == (
        f"patron: no signing keys: {tmp_path / 'keys.toml'} does not exist and "
        "PATRON_SIGNING_KEYS is not set (copy the coalition's key file there, mode 600)")


def test_the_devices_screen_starts_before_keys_are_installed(tmp_path):
    result = run("--role", "devices", "--db", f"sqlite:///{tmp_path}/till.db", "--self-test",
                 home=tmp_path, drop=("PATRON_SIGNING_KEYS",))
    assert "signing keys" not in result.stdout + result.stderr
    assert "window devices" in result.stdout, result.stdout + result.stderr


def test_run_jobs_runs_the_points_expiry_once_and_exits(tmp_path):
    """`main.py --run-jobs` (cron) binds the database like a till and runs the due jobs."""
    done = run("--demo", "--run-jobs", home=tmp_path, display=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("expire_points: ")
    again = run("--demo", "--run-jobs", home=tmp_path, display=False)
    assert again.returncode == 0 and "0 points expired" in again.stdout


def test_backoffice_demo_self_test_is_healthy(tmp_path):
    result = run("--role", "backoffice", "--demo", "--self-test", home=tmp_path, display=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "window backoffice" in result.stdout and "FAIL" not in result.stdout
