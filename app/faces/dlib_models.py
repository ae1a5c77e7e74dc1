"""dlib's models for the face pipeline: the HOG detector, the 5-point landmark model and the
ResNet encoder — and never the 68-point landmark model.

The model files ship inside the ``face_recognition_models`` package. ``face_recognition``
itself is never imported: its module loads the 68-point predictor (non-commercial licence) at
import time. Paths are found without importing ``face_recognition_models`` either (its
``__init__`` pulls in the deprecated ``pkg_resources``).

dlib is imported inside the functions: a till that never enrols a face never pays for it.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path
from typing import Any

FIVE_POINT = "shape_predictor_5_face_landmarks.dat"
ENCODER = "dlib_face_recognition_resnet_model_v1.dat"
FORBIDDEN = "shape_predictor_68_face_landmarks.dat"  # non-commercial: never loaded


def models_dir() -> Path:
    spec = importlib.util.find_spec("face_recognition_models")
    if spec is None or not spec.submodule_search_locations:
        from app.errors import ConfigError

        raise ConfigError("faces.models_missing",
                          "the face models package (face_recognition_models) is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "models"


# Every model file this process has handed to dlib (the encoder process reports it, and the
# tests check that the 68-point file is never among them).
loaded: list[str] = []


def model_path(name: str) -> str:
    if name == FORBIDDEN or "68" in name:
        raise ValueError("the 68-point landmark model is licensed for non-commercial use only")
    path = str(models_dir() / name)
    loaded.append(path)
    return path


@lru_cache(maxsize=1)
def detector() -> Any:
    import dlib

    return dlib.get_frontal_face_detector()


@lru_cache(maxsize=1)
def shape_predictor() -> Any:
    import dlib

    return dlib.shape_predictor(model_path(FIVE_POINT))


@lru_cache(maxsize=1)
def face_encoder() -> Any:
    import dlib

    return dlib.face_recognition_model_v1(model_path(ENCODER))
