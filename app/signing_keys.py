"""The keys that sign codes (member QR, coupons, point codes), kept on the terminal.

The keys never live in the shared database: every merchant's till can read that database, and
whoever holds a key can mint codes that carry value. A terminal reads them from, first found:

1. the environment: ``PATRON_SIGNING_KEYS="k2:<hex>,k1:<hex>"`` — the first is the current key;
2. its key file (config ``[security] key_file``, default ``keys.toml`` in the data directory),
   readable by the till's user only (mode 0600)::

       current = "k2"        # signs new codes
       [keys]                # every key still verifies the codes it signed
       k2 = "<64 hex digits>"
       k1 = "<64 hex digits>"

Every code names the key that signed it, so keys rotate without reprinting: add a key, make it
current on every terminal, and drop the old one once the codes it signed have expired.

    python -m app.signing_keys new PATH [KEY_ID]    # write a fresh key file (mode 0600)
"""

from __future__ import annotations

import os
import re
import secrets
import stat
import sys
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from app.errors import ConfigError

ENV_VAR = "PATRON_SIGNING_KEYS"
KEY_ID = re.compile(r"[a-z0-9]{1,8}", re.ASCII)
MIN_KEY_BYTES = 16  # 128 bits; new keys get 32


@dataclass(frozen=True)
class KeyRing:
    """The keys this terminal knows; ``current`` signs, any of them verifies."""

    current: str
    keys: Mapping[str, bytes]
    source: str  # where they came from, for messages (never the key itself)

    def key(self, key_id: str) -> bytes | None:
        return self.keys.get(key_id)

    @property
    def current_key(self) -> bytes:
        return self.keys[self.current]


def _key_bytes(key_id: str, text: object, source: str) -> bytes:
    if not isinstance(key_id, str) or not KEY_ID.fullmatch(key_id):
        raise ConfigError("keys.bad_id", "{source}: key id {key_id} is not 1–8 lower-case "
                          "letters or digits", source=source, key_id=repr(key_id)[:20])
    try:
        key = bytes.fromhex(text) if isinstance(text, str) else b""
    except ValueError:
        key = b""
    if len(key) < MIN_KEY_BYTES:
        raise ConfigError("keys.bad_key", "{source}: key {key_id} must be at least {digits} "
                          "hex digits", source=source, key_id=key_id, digits=MIN_KEY_BYTES * 2)
    return key


def parse_env(text: str) -> KeyRing:
    """``"k2:<hex>,k1:<hex>"`` → a key ring whose current key is the first."""
    source = f"${ENV_VAR}"
    keys: dict[str, bytes] = {}
    for item in (part.strip() for part in text.split(",")):
        key_id, sep, hexkey = item.partition(":")
        if not sep:
            raise ConfigError("keys.bad_env", "{source} must read kid:hex,kid:hex (the first "
                              "is the current key)", source=source)
        keys[key_id.strip()] = _key_bytes(key_id.strip(), hexkey.strip(), source)
    current = text.split(",", 1)[0].partition(":")[0].strip()
    return KeyRing(current, keys, source)


def read_key_file(path: Path) -> KeyRing:
    """The key ring in ``path``; refuses a file that other users can read."""
    source = str(path)
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise ConfigError("keys.missing", "no signing keys: {path} does not exist and {env} is "
                          "not set (copy the coalition's key file there, mode 600)",
                          path=source, env=ENV_VAR) from None
    except OSError as exc:
        raise ConfigError("keys.unreadable", "key file {path} cannot be read: {reason}",
                          path=source, reason=exc.strerror or str(exc)) from None
    if os.name == "posix" and mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise ConfigError("keys.too_open", "key file {path} is readable by other users "
                          "(mode {mode}); run: chmod 600 {path}",
                          path=source, mode=oct(stat.S_IMODE(mode)))
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError("keys.unreadable", "key file {path} cannot be read: {reason}",
                          path=source, reason=str(exc)) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError("keys.not_toml", "key file {path} is not valid TOML: {reason}",
                          path=source, reason=str(exc)) from None
    table, current = raw.get("keys"), raw.get("current")
    if not isinstance(table, dict) or not table:
        raise ConfigError("keys.no_keys", "key file {path} needs a [keys] table with at least "
                          "one key", path=source)
    keys = {key_id: _key_bytes(key_id, value, source) for key_id, value in table.items()}
    if not isinstance(current, str) or current not in keys:
        raise ConfigError("keys.no_current", "key file {path}: current = {current} names none "
                          "of its [keys]", path=source, current=repr(current)[:20])
    return KeyRing(current, keys, source)


def new_key_file(path: Path, key_id: str = "k1") -> KeyRing:
    """Write a fresh key file readable by this user only; never overwrites one."""
    key = secrets.token_bytes(32)
    ring = KeyRing(key_id, {key_id: _key_bytes(key_id, key.hex(), str(path))}, str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    text = ("# Patron signing keys: keep readable by the till's user only (chmod 600).\n"
            "# Every terminal of the coalition needs the same keys.\n"
            f'current = "{key_id}"\n\n[keys]\n{key_id} = "{key.hex()}"\n')
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)
    return ring


# -- the terminal's key ring -------------------------------------------------------------------
_key_file: Path | None = None
_ring: KeyRing | None = None


def default_key_file() -> Path:
    from app.config import data_dir

    return data_dir() / "keys.toml"


def use_key_file(path: Path | None, *, create: bool = False) -> KeyRing:
    """Read this terminal's keys (the environment wins over ``path``) and keep them for
    :func:`active`. ``create`` writes a fresh key file when there is none (the demo)."""
    global _key_file, _ring
    _key_file, _ring = path, None
    target = path or default_key_file()
    if create and not os.environ.get(ENV_VAR) and not target.exists():
        new_key_file(target)
    return active()


def active() -> KeyRing:
    """The terminal's key ring, read once. ConfigError if it has none."""
    global _ring
    if _ring is None:
        env = os.environ.get(ENV_VAR, "").strip()
        _ring = parse_env(env) if env else read_key_file(_key_file or default_key_file())
    return _ring


def forget() -> None:
    """Drop the cached keys (tests, and a terminal re-reading its key file)."""
    global _ring
    _ring = None


def main(argv: list[str]) -> int:
    if len(argv) not in (2, 3) or argv[0] != "new":
        sys.stderr.write("usage: python -m app.signing_keys new PATH [KEY_ID]\n")
        return 2
    try:
        ring = new_key_file(Path(argv[1]), *argv[2:])
    except FileExistsError:
        sys.stderr.write(f"{argv[1]} exists; not overwritten\n")
        return 1
    except ConfigError as exc:
        sys.stderr.write(f"{exc}\n")
        return 2
    sys.stdout.write(f"wrote {argv[1]} with key {ring.current} (mode 600)\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
