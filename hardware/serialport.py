"""Serial ports opened by a stable path, with unplug detection.

A USB-serial adapter gets a new ``/dev/ttyUSBn`` every time it is plugged in, so a terminal's
config names the stable udev link instead (``/dev/serial/by-id/usb-...``), and simulators
publish a symlink to their pty the same way. :class:`SerialPort` resolves that link when it
opens, remembers what it resolved to, and treats any of these as an unplug (``DeviceLost``):

* pyserial raising on read/write (``EIO`` once a pty's master side or a USB adapter is gone,
  or "readiness to read but returned no data" — a ``read()`` of ``b''`` after ``select()``
  said readable, which is how a hung-up tty looks);
* ``select()``/``ioctl`` failing on the descriptor;
* the stable path vanishing or pointing at another device while the old descriptor still looks
  open (checked whenever a read times out, at most every ``check_interval_s``).

Every call runs on the owning device's thread; only :meth:`cancel_read` may be called from
another thread (it is how ``Device.stop()`` interrupts a blocking read).
"""

from __future__ import annotations

import logging
import os
import stat
import termios
import threading
import time

import serial

from hardware.device import DeviceLost, DeviceUnavailable

log = logging.getLogger(__name__)

_PARITIES = {
    "N": serial.PARITY_NONE,
    "E": serial.PARITY_EVEN,
    "O": serial.PARITY_ODD,
    "M": serial.PARITY_MARK,
    "S": serial.PARITY_SPACE,
}
_STOPBITS = {1: serial.STOPBITS_ONE, 2: serial.STOPBITS_TWO}
# What a vanished or broken descriptor raises through pyserial: SerialException (an OSError),
# termios.error (not an OSError) from tcflush/tcsetattr, and TypeError/ValueError when pyserial
# works on an fd that was closed underneath it.
_IO_ERRORS = (serial.SerialException, OSError, termios.error, TypeError, ValueError)


def resolve_port(path: str) -> str:
    """Follow symlinks (``/dev/serial/by-id/...``) to the device node; DeviceUnavailable if absent."""
    real = os.path.realpath(path)
    try:
        st = os.stat(real)
    except OSError as exc:
        raise DeviceUnavailable(f"{path}: not present") from exc
    if not stat.S_ISCHR(st.st_mode):
        raise DeviceUnavailable(f"{path}: {real} is not a character device")
    return real


def is_pty(rdev: int) -> bool:
    """A Unix98 pty slave (/dev/pts/N: major 136-143), i.e. a simulator, not a UART."""
    return 136 <= os.major(rdev) <= 143


class SerialPort:
    """One serial line, reopened as often as its device needs. Raises only the typed
    ``DeviceUnavailable`` (open) and ``DeviceLost`` (use) errors."""

    def __init__(
        self,
        path: str,
        *,
        baudrate: int = 9600,
        bytesize: int = 8,
        parity: str = "N",
        stopbits: int = 1,
        xonxoff: bool = False,
        rtscts: bool = False,
        read_slice_s: float = 0.05,
        write_timeout_s: float = 1.0,
        check_interval_s: float = 0.5,
        exclusive: bool = True,
        stop_event: threading.Event | None = None,
    ) -> None:
        if not path:
            raise ValueError("serial port path is empty")
        if parity.upper() not in _PARITIES:
            raise ValueError(f"parity must be one of {sorted(_PARITIES)}, not {parity!r}")
        if stopbits not in _STOPBITS:
            raise ValueError(f"stopbits must be 1 or 2, not {stopbits!r}")
        if bytesize not in (5, 6, 7, 8):
            raise ValueError(f"bytesize must be 5..8, not {bytesize!r}")
        self.path = path
        self.baudrate = baudrate
        self.bytesize = bytesize
        self.parity = parity.upper()
        self.stopbits = stopbits
        self.xonxoff = xonxoff
        self.rtscts = rtscts
        self._slice = read_slice_s
        self._write_timeout = write_timeout_s
        self._check_interval = check_interval_s
        self._exclusive = exclusive
        self.stop_event = stop_event
        self._ser: serial.Serial | None = None
        self._real: str | None = None
        self._rdev: int | None = None
        self._buf = bytearray()
        self._last_check = 0.0

    def __repr__(self) -> str:
        state = f"open on {self._real}" if self._ser is not None else "closed"
        return f"SerialPort({self.path!r}, {self.baudrate} {self.bytesize}{self.parity}{self.stopbits}, {state})"

    # -- life cycle --------------------------------------------------------------------------
    @property
    def is_open(self) -> bool:
        return self._ser is not None

    @property
    def real_path(self) -> str | None:
        """The device node the stable path resolved to when the port was opened."""
        return self._real

    def open(self) -> None:
        if self._ser is not None:
            return
        real = resolve_port(self.path)
        try:
            st = os.stat(real)
            try:
                ser = self._serial(real, self.bytesize, self.parity)
            except _IO_ERRORS:
                if not is_pty(st.st_rdev) or (self.bytesize, self.parity) == (8, "N"):
                    raise
                # A pty (a simulator) carries bytes, not bits on a wire: Linux forces it to
                # CS8 without parity and may refuse 7E1 with EINVAL. Framing is moot there.
                ser = self._serial(real, 8, "N")
        except _IO_ERRORS as exc:
            raise DeviceUnavailable(f"{self.path}: cannot open: {exc}") from exc
        self._ser, self._real, self._rdev = ser, real, st.st_rdev
        self._buf.clear()
        self._last_check = time.monotonic()
        log.debug("opened %s (%s)", self.path, real)

    def _serial(self, real: str, bytesize: int, parity: str) -> serial.Serial:
        return serial.Serial(
            real,
            baudrate=self.baudrate,
            bytesize=bytesize,
            parity=_PARITIES[parity],
            stopbits=_STOPBITS[self.stopbits],
            xonxoff=self.xonxoff,
            rtscts=self.rtscts,
            timeout=self._slice,
            write_timeout=self._write_timeout,
            exclusive=self._exclusive,
        )

    def close(self) -> None:
        ser, self._ser = self._ser, None
        self._buf.clear()
        if ser is not None:
            try:
                ser.close()
            except Exception:  # closing a vanished device may fail in many ways; it is gone anyway
                log.debug("closing %s failed", self.path, exc_info=True)

    def cancel_read(self) -> None:
        """Interrupt a read in progress (safe from any thread)."""
        ser = self._ser
        if ser is not None:
            try:
                ser.cancel_read()
            except Exception:
                log.debug("cancel_read on %s failed", self.path, exc_info=True)

    # -- presence ----------------------------------------------------------------------------
    def check_present(self) -> None:
        """Raise DeviceLost if the stable path no longer leads to the device we opened."""
        if self._real is None:
            raise DeviceLost(f"{self.path}: not open")
        real = os.path.realpath(self.path)
        try:
            st = os.stat(real)
        except OSError as exc:
            raise DeviceLost(f"{self.path}: device vanished") from exc
        if real != self._real or st.st_rdev != self._rdev:
            raise DeviceLost(f"{self.path}: now points at another device ({real})")

    def _maybe_check_present(self) -> None:
        now = time.monotonic()
        if now - self._last_check >= self._check_interval:
            self._last_check = now
            self.check_present()

    # -- I/O ---------------------------------------------------------------------------------
    def _require(self) -> serial.Serial:
        if self._ser is None:
            raise DeviceLost(f"{self.path}: not open")
        return self._ser

    def _stopping(self) -> bool:
        return self.stop_event is not None and self.stop_event.is_set()

    def _read_slice(self) -> bytes:
        """One read of whatever is waiting, blocking at most one slice."""
        ser = self._require()
        try:
            waiting = ser.in_waiting
            data = ser.read(max(1, min(waiting, 4096)))
        except _IO_ERRORS as exc:
            raise DeviceLost(f"{self.path}: {exc}") from exc
        if not data:
            self._maybe_check_present()
        return bytes(data)

    def read_some(self, timeout_s: float) -> bytes:
        """Wait up to ``timeout_s`` for data; return everything available (``b''`` if none)."""
        if self._buf:
            out = bytes(self._buf)
            self._buf.clear()
            return out
        deadline = time.monotonic() + timeout_s
        while True:
            data = self._read_slice()
            if data or self._stopping() or time.monotonic() >= deadline:
                return data

    def read_until(self, terminators: bytes, max_len: int, timeout_s: float) -> bytes:
        """Read up to and including the first byte found in ``terminators``.

        Returns early with what was read when ``max_len`` bytes arrive without a terminator,
        when the timeout passes, or when the device is stopping (the caller then decides that
        the partial frame is garbled). Bytes after the terminator stay buffered.
        """
        deadline = time.monotonic() + timeout_s
        while True:
            for i, byte in enumerate(self._buf):
                if byte in terminators or i + 1 >= max_len:
                    out = bytes(self._buf[: i + 1])
                    del self._buf[: i + 1]
                    return out
            if self._stopping() or time.monotonic() >= deadline:
                out = bytes(self._buf)
                self._buf.clear()
                return out
            self._buf += self._read_slice()

    def read_exact(self, n: int, timeout_s: float) -> bytes:
        """Read ``n`` bytes, or fewer if the timeout passes first."""
        deadline = time.monotonic() + timeout_s
        while len(self._buf) < n:
            if self._stopping() or time.monotonic() >= deadline:
                break
            self._buf += self._read_slice()
        out = bytes(self._buf[:n])
        del self._buf[:n]
        return out

    def write(self, data: bytes) -> None:
        ser = self._require()
        try:
            ser.write(data)
        except serial.SerialTimeoutException as exc:
            raise DeviceLost(f"{self.path}: write timed out") from exc
        except _IO_ERRORS as exc:
            raise DeviceLost(f"{self.path}: {exc}") from exc

    def reset_input(self) -> None:
        """Drop anything received and not yet read (resynchronise after a bad frame)."""
        self._buf.clear()
        ser = self._require()
        try:
            ser.reset_input_buffer()
        except _IO_ERRORS as exc:
            raise DeviceLost(f"{self.path}: {exc}") from exc


def port_from_config(cfg: dict[str, object], defaults: dict[str, object]) -> SerialPort:
    """Build a SerialPort from a plain config dict (``port``, ``baudrate``, ``bytesize``,
    ``parity``, ``stopbits``, ``xonxoff``, ``rtscts``), falling back to ``defaults``."""

    def get(key: str) -> object:
        return cfg.get(key, defaults.get(key))

    port = get("port")
    if not isinstance(port, str) or not port:
        raise ValueError("config needs 'port': the device path, e.g. /dev/serial/by-id/...")
    return SerialPort(
        port,
        baudrate=_int(get("baudrate"), 9600),
        bytesize=_int(get("bytesize"), 8),
        parity=str(get("parity") or "N"),
        stopbits=_int(get("stopbits"), 1),
        xonxoff=bool(get("xonxoff") or False),
        rtscts=bool(get("rtscts") or False),
    )


def _int(value: object, default: int) -> int:
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValueError(f"expected an integer, got {value!r}")
    return int(value)


SERIAL_KEYS = frozenset({"port", "baudrate", "bytesize", "parity", "stopbits", "xonxoff", "rtscts"})


def config_seconds(cfg: dict[str, object], key: str, default_ms: int) -> float:
    """A duration given in integer milliseconds in config (``poll_interval_ms``) as seconds."""
    value = _int(cfg.get(key), default_ms)
    if value < 0:
        raise ValueError(f"{key} must not be negative")
    return value / 1000


def check_config_keys(cfg: dict[str, object], allowed: frozenset[str], family: str) -> None:
    """Reject unknown keys, so a typo in a terminal's config fails loudly at start-up."""
    unknown = sorted(set(cfg) - allowed)
    if unknown:
        raise ValueError(f"{family} config: unknown key(s) {unknown}; known: {sorted(allowed)}")
