"""What a phone or tablet camera does to a printed label, as deterministic image operations.

The handheld and the kiosk read retail codes from camera frames, not from a laser scanner:
the label is small or large in the frame, tilted, seen at an angle, out of focus, dim or
faded, caught by a reflection, noisy and JPEG-compressed. Tests and benchmarks apply these
to real barcode images to compare decoders (bench/bench_decode_1d.py). Every operation takes
and returns an 8-bit grayscale or BGR numpy image; randomness only comes from a seed.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

WHITE = 255


def scale(img: np.ndarray, factor: float) -> np.ndarray:
    """The label nearer (>1) or farther (<1) from the lens."""
    h, w = img.shape[:2]
    size = (max(8, round(w * factor)), max(8, round(h * factor)))
    interp = cv2.INTER_AREA if factor < 1 else cv2.INTER_LINEAR
    return cv2.resize(img, size, interpolation=interp)


def rotate(img: np.ndarray, degrees: float) -> np.ndarray:
    """The phone held at an angle; the canvas grows so nothing is cut off."""
    h, w = img.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    cos, sin = abs(m[0, 0]), abs(m[0, 1])
    nw, nh = int(h * sin + w * cos), int(h * cos + w * sin)
    m[0, 2] += nw / 2 - w / 2
    m[1, 2] += nh / 2 - h / 2
    return cv2.warpAffine(img, m, (nw, nh), flags=cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_CONSTANT, borderValue=_white(img))


def perspective(img: np.ndarray, tilt: float) -> np.ndarray:
    """The label seen from the side: the far edge shrinks by ``tilt`` (0..0.5) of the height."""
    h, w = img.shape[:2]
    d = tilt * h / 2
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    dst = np.float32([[0, 0], [w, d], [w, h - d], [0, h]])
    m = cv2.getPerspectiveTransform(src, dst)
    return cv2.warpPerspective(img, m, (w, h), flags=cv2.INTER_LINEAR,
                               borderMode=cv2.BORDER_CONSTANT, borderValue=_white(img))


def blur(img: np.ndarray, sigma: float) -> np.ndarray:
    """Out of focus (the lens focused on the hand, or the label too close)."""
    return img if sigma <= 0 else cv2.GaussianBlur(img, (0, 0), sigma)


def lighting(img: np.ndarray, contrast: float, brightness: int = 0) -> np.ndarray:
    """Faded print or a dim aisle: the range shrinks to ``contrast`` around mid-grey,
    then shifts by ``brightness`` grey levels."""
    out = 128 + (img.astype(np.float32) - 128) * contrast + brightness
    return _u8(out)


def shading(img: np.ndarray, strength: float) -> np.ndarray:
    """Uneven light across the label: darker on the left by up to ``strength`` (0..1)."""
    h, w = img.shape[:2]
    ramp = np.linspace(1 - strength, 1, w, dtype=np.float32)[None, :]
    if img.ndim == 3:
        ramp = ramp[..., None]
    return _u8(img.astype(np.float32) * ramp)


def glare(img: np.ndarray, strength: float, x: float = 0.5, y: float = 0.5,
          radius: float = 0.25) -> np.ndarray:
    """A reflection on glossy packaging: a bright spot adding up to ``strength`` grey levels,
    centred at (x, y) in fractions of the image, ``radius`` a fraction of its width."""
    h, w = img.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    r2 = ((xx - x * w) / (radius * w)) ** 2 + ((yy - y * h) / (2.4 * radius * h)) ** 2
    spot = strength * np.exp(-r2)
    if img.ndim == 3:
        spot = spot[..., None]
    return _u8(img.astype(np.float32) + spot)


def noise(img: np.ndarray, sigma: float, seed: int) -> np.ndarray:
    """Sensor noise in poor light."""
    if sigma <= 0:
        return img
    rng = np.random.default_rng(seed)
    return _u8(img.astype(np.float32) + rng.normal(0, sigma, img.shape).astype(np.float32))


def jpeg(img: np.ndarray, quality: int) -> np.ndarray:
    """The frame as a phone app receives it."""
    ok, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, int(quality)])
    if not ok:
        raise ValueError("JPEG encoding failed")
    flags = cv2.IMREAD_GRAYSCALE if img.ndim == 2 else cv2.IMREAD_COLOR
    return cv2.imdecode(buf, flags)


@dataclass(frozen=True, slots=True)
class Shot:
    """One simulated phone shot of a label: every parameter of the chain below."""

    scale: float
    degrees: float
    tilt: float
    sigma: float
    contrast: float
    brightness: int
    shade: float
    glare: float
    glare_x: float
    noise: float
    quality: int  # JPEG quality; 100 = not compressed
    seed: int

    @classmethod
    def random(cls, seed: int) -> Shot:
        """A hand-held shot at a till or a shelf: arm's length to close up, up to 20° off
        and 25% foreshortened, half the shots slightly out of focus, labels from faded to
        crisp under uneven light, a reflection in half the shots, a cheap sensor's noise and
        an app's JPEG compression. Several of these at once is what makes a phone hard."""
        rng = np.random.default_rng(seed)
        return cls(
            scale=float(rng.uniform(0.6, 1.6)),
            degrees=float(rng.uniform(-20, 20)),
            tilt=float(rng.uniform(0, 0.25)),
            sigma=float(rng.choice([0.0, rng.uniform(0.5, 2.0)])),
            contrast=float(rng.uniform(0.3, 1.0)),
            brightness=int(rng.integers(-30, 31)),
            shade=float(rng.uniform(0, 0.4)),
            glare=float(rng.choice([0.0, rng.uniform(60, 200)])),
            glare_x=float(rng.uniform(0.2, 0.8)),
            noise=float(rng.uniform(0, 8)),
            quality=int(rng.integers(50, 96)),
            seed=seed,
        )

    @classmethod
    def clean(cls, seed: int = 0, **changes: float) -> Shot:
        """A perfect shot (the label as printed) with only ``changes`` applied, to measure
        one condition at a time."""
        base = dict(scale=1.0, degrees=0.0, tilt=0.0, sigma=0.0, contrast=1.0, brightness=0,
                    shade=0.0, glare=0.0, glare_x=0.5, noise=0.0, quality=100, seed=seed)
        base.update(changes)
        return cls(**base)  # type: ignore[arg-type]

    def apply(self, img: np.ndarray) -> np.ndarray:
        out = scale(img, self.scale)
        out = perspective(out, self.tilt)
        out = rotate(out, self.degrees)
        out = blur(out, self.sigma)
        out = lighting(out, self.contrast, self.brightness)
        out = shading(out, self.shade)
        out = glare(out, self.glare, x=self.glare_x)
        out = noise(out, self.noise, self.seed)
        return out if self.quality >= 100 else jpeg(out, self.quality)


def _white(img: np.ndarray) -> int | tuple[int, int, int]:
    return WHITE if img.ndim == 2 else (WHITE, WHITE, WHITE)


def _u8(a: np.ndarray) -> np.ndarray:
    return np.clip(a, 0, 255).astype(np.uint8)
