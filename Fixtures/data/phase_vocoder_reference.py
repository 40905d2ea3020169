"""Reference outputs for Sources/Lab/Audio/PhaseVocoder.swift (time stretch, pitch shift).

Produced with: python 3.11, numpy 2.4, librosa 0.11.0, soxr 1.1.0 (librosa's default res_type
"soxr_hq"). Run: python3 Fixtures/data/phase_vocoder_reference.py > Fixtures/data/phase_vocoder_reference.json
Values are rounded to 7 decimals. The test signal is computed in float64 and cast to float32, the same formula as the Swift test.
"""
import json
import sys

import librosa
import numpy as np
import soxr

SR = 32000
N = 8000


def signal():
    n = np.arange(N, dtype=np.float64)
    t = n / SR
    x = 0.5 * np.sin(2 * np.pi * (600 * t + 3000 * t * t)) + 0.25 * np.sin(2 * np.pi * 2500 * t) * np.exp(-4 * t)
    return x.astype(np.float32)


x = signal()
def r(v):
    return np.round(v.astype(np.float64), 7).tolist()


out = {
    "versions": {"python": sys.version.split()[0], "numpy": np.__version__, "librosa": librosa.__version__, "soxr": soxr.__version__},
    "sample_rate": SR,
    "count": N,
    "stretch_0_8": r(librosa.effects.time_stretch(x, rate=0.8)),
    "stretch_1_2": r(librosa.effects.time_stretch(x, rate=1.2)),
    "pitch_up_0_5": r(librosa.effects.pitch_shift(x, sr=SR, n_steps=0.5)),
    "pitch_down_0_5": r(librosa.effects.pitch_shift(x, sr=SR, n_steps=-0.5)),
}
json.dump(out, sys.stdout, separators=(",", ":"))
