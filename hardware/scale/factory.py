"""Build a scale from a terminal's plain config dict."""

from __future__ import annotations

from hardware.scale.cas import CasEcr
from hardware.scale.driver import Scale
from hardware.scale.protocol import ScaleProtocol
from hardware.scale.sim import SIMULATORS, ScaleSimulator
from hardware.scale.toledo import Toledo8217
from hardware.serialport import (
    SERIAL_KEYS,
    check_config_keys,
    config_seconds,
    port_from_config,
)

KINDS = ("toledo8217", "cas_ecr", "simulator-toledo8217", "simulator-cas_ecr")
CONFIG_KEYS = SERIAL_KEYS | {
    "kind",
    "name",
    "unit",  # toledo8217: "auto" (3 decimals = kg, 2 = lb), "kg" or "lb"
    "handshake",  # cas_ecr: send ENQ and wait for ACK before each DC1 (default true)
    "poll_interval_ms",
    "response_timeout_ms",
    "lost_after_ms",
    "confirm_reads",
    "reconnect_min_ms",
    "reconnect_max_ms",
    "sim_grams",  # simulator: initial weight on the platform
    "sim_unit",  # simulator: "kg" or "lb"
}


def make_protocol(kind: str, cfg: dict[str, object] | None = None) -> ScaleProtocol:
    cfg = cfg or {}
    if kind == "toledo8217":
        return Toledo8217(unit=str(cfg.get("unit", "auto")))
    if kind == "cas_ecr":
        return CasEcr(handshake=bool(cfg.get("handshake", True)))
    raise ValueError(f"unknown scale protocol {kind!r}; known: {', '.join(KINDS)}")


def make_scale(cfg: dict[str, object]) -> Scale:
    """``{"kind": "toledo8217"|"cas_ecr"|"simulator-toledo8217"|"simulator-cas_ecr",
    "port": "/dev/serial/by-id/...", "baudrate": 9600, ...}`` -> a Scale (not yet started).

    A ``simulator-*`` kind starts a simulator speaking that protocol on a pty (at ``port`` if
    given, else in a temporary directory) and opens the real driver on it; the simulator is
    ``scale.simulator`` and stops with the scale.
    """
    check_config_keys(cfg, CONFIG_KEYS, "scale")
    kind = str(cfg.get("kind", ""))
    if kind not in KINDS:
        raise ValueError(f"unknown scale kind {kind!r}; known: {', '.join(KINDS)}")
    simulator: ScaleSimulator | None = None
    protocol_kind = kind.removeprefix("simulator-")
    if kind.startswith("simulator-"):
        grams = cfg.get("sim_grams", 0)
        if type(grams) is not int:
            raise ValueError("sim_grams must be integer grams")
        port_path = cfg.get("port")
        simulator = SIMULATORS[protocol_kind](
            link_path=str(port_path) if port_path else None,
            grams=grams,
            unit=str(cfg.get("sim_unit", "kg")),
        )
        simulator.start()
        cfg = {**cfg, "port": simulator.path}
    protocol = make_protocol(protocol_kind, cfg)
    try:
        port = port_from_config(cfg, protocol.serial_defaults)
        scale = Scale(
            protocol,
            port,
            name=str(cfg.get("name", "scale")),
            poll_interval_s=config_seconds(cfg, "poll_interval_ms", 50),
            response_timeout_s=config_seconds(cfg, "response_timeout_ms", 500),
            lost_after_s=config_seconds(cfg, "lost_after_ms", 2000),
            confirm_reads=int(str(cfg.get("confirm_reads", 1))),
            backoff_initial_s=config_seconds(cfg, "reconnect_min_ms", 200),
            backoff_max_s=config_seconds(cfg, "reconnect_max_ms", 5000),
        )
    except BaseException:
        if simulator is not None:
            simulator.close()
        raise
    if simulator is not None:
        scale.attach_simulator(simulator, owned=True)
    return scale
