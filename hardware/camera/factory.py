"""Build a camera from the terminal's config (plain dict)."""

from __future__ import annotations

from typing import Any

from hardware.camera.base import Camera

CAMERA_KINDS = ("opencv", "simulator")


def make_camera(cfg: dict[str, Any]) -> Camera:
    """``cfg``: ``{"kind": "opencv"|"simulator", "source": 0 | "rtsp://…" | "path",
    "fps": 25, "width": 1280, "height": 720}`` plus optional ``name``, ``loop``
    (simulator), ``backoff_max_s``. The camera is returned unstarted: call ``start()``."""
    kind = cfg.get("kind", "opencv")
    if "source" not in cfg:
        raise ValueError("camera config needs a 'source'")
    source = cfg["source"]
    width, height = cfg.get("width"), cfg.get("height")
    fps = cfg.get("fps")
    common: dict[str, Any] = {"width": width, "height": height}
    if "name" in cfg:
        common["name"] = str(cfg["name"])
    if "backoff_max_s" in cfg:
        common["backoff_max_s"] = cfg["backoff_max_s"]
    if kind == "simulator":
        from hardware.camera.simulator import SimulatedCamera

        return SimulatedCamera(
            str(source), fps=fps or 25, loop=bool(cfg.get("loop", True)), **common
        )
    if kind == "opencv":
        from hardware.camera.opencv import OpenCVCamera

        return OpenCVCamera(source, fps=fps, **common)
    raise ValueError(f"unknown camera kind {kind!r}; expected one of {CAMERA_KINDS}")
