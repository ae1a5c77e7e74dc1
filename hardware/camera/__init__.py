"""Cameras: OpenCV capture and a simulator, each on its own thread; newest frame wins."""

from hardware.camera.base import Camera
from hardware.camera.factory import CAMERA_KINDS, make_camera
from hardware.camera.frames import FpsMeter, LatestFrame

__all__ = ["CAMERA_KINDS", "Camera", "FpsMeter", "LatestFrame", "make_camera"]
