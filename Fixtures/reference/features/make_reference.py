#!/usr/bin/env python3
"""Reference vectors for the Swift front ends (Sources/Lab/Features) and decoding/resampling.

Produced with: Python 3.11.7, numpy 2.4.6, librosa 0.11.0, soxr 1.1.0 (libsoxr 0.1.3),
soundfile 0.14.0 (libsndfile 1.2.2), torch 2.15.0 (CPU) with
torchaudio/compliance/kaldi.py loaded by path (torchaudio's own import is broken here).

Run from this folder:  python3 make_reference.py
It writes the test clips (small synthetic signals, deterministic) and, for each, .npy outputs:

  clip32k.wav            32 kHz mono 16-bit, 2.5 s
    clip32k_mel_default.npy   librosa.feature.melspectrogram(y, sr=32000) .T  [frames, 128]
    clip32k_mel_1024_320.npy  same with n_fft=1024, hop_length=320           .T
    clip32k_mel_db_cnn.npy    the study's CNN input [320, 128] in [0, 1]
    clip32k_fbank.npy         Bird-MAE normalized Kaldi fbank [512, 128]
  clip44k_stereo.wav     44.1 kHz stereo 16-bit, 1 s
  clip48k.wav            48 kHz mono float32, 1 s
  clip44k_stereo.mp3     44.1 kHz stereo mp3 (libsndfile + LAME), 1 s
    <name>_load32k.npy        librosa.load(path, sr=32000) (mono, soxr_hq)       [n]
    <name>_mel_load32k.npy    librosa.feature.melspectrogram of that             .T
  real-mini windows (only if ../shared/audio/real-mini/raw exists; not redistributable audio,
  so only the derived mel is stored):
    real_<stem>_mel_load32k.npy   melspectrogram(librosa.load(path, sr=32000, offset=1, duration=2))
"""
import os
import sys
import types
import importlib.util

import numpy as np
import librosa
import soundfile as sf
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
SR = 32000


def load_kaldi():
    """torchaudio.compliance.kaldi without importing torchaudio itself."""
    sys.modules.setdefault("torchaudio", types.ModuleType("torchaudio"))
    path = os.path.join(os.path.dirname(torch.__file__), "..", "torchaudio", "compliance", "kaldi.py")
    spec = importlib.util.spec_from_file_location("kaldi", os.path.normpath(path))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def synth(sr, seconds, seed, channels=1):
    """Chirp + harmonic stack + a trill + band noise, a quiet stretch, amplitude < 0.6."""
    rng = np.random.RandomState(seed)
    t = np.arange(int(sr * seconds)) / sr
    chirp = 0.25 * np.sin(2 * np.pi * (1500 * t + 2500 * t ** 2))
    stack = sum(0.08 / k * np.sin(2 * np.pi * 620 * k * t + k) for k in range(1, 8))
    trill = 0.15 * np.sin(2 * np.pi * 4300 * t) * (np.sin(2 * np.pi * 18 * t) > 0.3)
    noise = 0.02 * rng.standard_normal(len(t))
    y = chirp + stack + trill + noise
    quiet = (t > 0.6 * seconds) & (t < 0.75 * seconds)
    y[quiet] *= 1e-3
    if channels == 1:
        return y
    right = 0.7 * y + 0.05 * rng.standard_normal(len(t))
    return np.stack([y, right], axis=1)


def save(name, array):
    np.save(os.path.join(HERE, name), np.ascontiguousarray(array, dtype=np.float32))


def mel(y, **kwargs):
    return librosa.feature.melspectrogram(y=y, sr=SR, **kwargs).T


def mel_db_cnn(y):
    y = y / np.max(np.abs(y))
    db = librosa.power_to_db(librosa.feature.melspectrogram(y=y, sr=SR), ref=np.max, amin=1e-10, top_db=80)
    x = np.clip((db + 80) / 80, 0, 1).T
    return np.pad(x, ((0, 320 - x.shape[0]), (0, 0)))


def bird_mae_fbank(kaldi, y):
    w = torch.from_numpy(y.astype(np.float32))
    w = w - w.mean()
    fb = kaldi.fbank(w.unsqueeze(0), htk_compat=True, sample_frequency=SR, use_energy=False,
                     window_type="hanning", num_mel_bins=128, dither=0.0, frame_shift=10)
    fb = torch.nn.functional.pad(fb, (0, 0, 0, 512 - fb.shape[0]), value=fb.min().item())
    return ((fb - (-7.2)) / (4.43 * 2)).numpy()


def main():
    kaldi = load_kaldi()

    clip = synth(SR, 2.5, seed=1)
    sf.write(os.path.join(HERE, "clip32k.wav"), clip, SR, subtype="PCM_16")
    y, sr = librosa.load(os.path.join(HERE, "clip32k.wav"), sr=None)
    assert sr == SR
    save("clip32k_mel_default.npy", mel(y))
    save("clip32k_mel_1024_320.npy", mel(y, n_fft=1024, hop_length=320))
    save("clip32k_mel_db_cnn.npy", mel_db_cnn(y))
    save("clip32k_fbank.npy", bird_mae_fbank(kaldi, y))

    sf.write(os.path.join(HERE, "clip44k_stereo.wav"), synth(44100, 1.0, seed=2, channels=2), 44100, subtype="PCM_16")
    sf.write(os.path.join(HERE, "clip48k.wav"), synth(48000, 1.0, seed=3), 48000, subtype="FLOAT")
    sf.write(os.path.join(HERE, "clip44k_stereo.mp3"), synth(44100, 1.0, seed=4, channels=2), 44100,
             format="MP3", subtype="MPEG_LAYER_III")
    for name in ["clip44k_stereo.wav", "clip48k.wav", "clip44k_stereo.mp3"]:
        y, sr = librosa.load(os.path.join(HERE, name), sr=SR)
        stem = os.path.splitext(name)[0] + ("_mp3" if name.endswith(".mp3") else "")
        save(f"{stem}_load32k.npy", y)
        save(f"{stem}_mel_load32k.npy", mel(y))

    raw = os.path.normpath(os.path.join(HERE, "..", "..", "..", "..", "shared", "audio", "real-mini", "raw"))
    if not os.path.isdir(raw):
        raw = "/work/shared/audio/real-mini/raw"
    for name in ["GWWA_XC135601.mp3", "Accipiter-striatus-XC497793.wav", "robin_FS456440.hq.ogg"]:
        path = os.path.join(raw, name)
        if os.path.exists(path):
            y, _ = librosa.load(path, sr=SR, offset=1.0, duration=2.0)
            save(f"real_{os.path.splitext(name)[0]}_mel_load32k.npy", mel(y))

    total = sum(os.path.getsize(os.path.join(HERE, f)) for f in os.listdir(HERE))
    print(f"wrote {len(os.listdir(HERE))} files, {total / 2**20:.2f} MiB")


if __name__ == "__main__":
    main()
