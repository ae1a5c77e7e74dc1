"""Serial scales: protocol parsers (Mettler Toledo 8217, CAS ECR), the polling driver with
stable-weight detection, pty simulators, and the config factory :func:`make_scale`."""

from hardware.scale.cas import CasEcr
from hardware.scale.driver import Scale
from hardware.scale.factory import make_protocol, make_scale
from hardware.scale.protocol import FrameError, ScaleFlag, ScaleProtocol, ScaleReading
from hardware.scale.sim import CasEcrSimulator, ScaleSimulator, Toledo8217Simulator
from hardware.scale.toledo import Toledo8217

__all__ = [
    "CasEcr",
    "CasEcrSimulator",
    "FrameError",
    "Scale",
    "ScaleFlag",
    "ScaleProtocol",
    "ScaleReading",
    "ScaleSimulator",
    "Toledo8217",
    "Toledo8217Simulator",
    "make_protocol",
    "make_scale",
]
