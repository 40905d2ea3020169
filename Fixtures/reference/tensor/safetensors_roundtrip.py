#!/usr/bin/env python3
"""safetensors interoperability fixtures (safetensors 0.8, numpy 2.4, python 3.11).

1. `python3 safetensors_roundtrip.py write` writes python_written.safetensors: tensors of several
   shapes and dtypes (F32, F64, F16, BF16 as stored by safetensors' numpy/torch writers) plus
   metadata; the Swift test SafetensorsTests reads it and checks every value.
2. `python3 safetensors_roundtrip.py check FILE` opens a file written by the Swift engine with
   the Python `safetensors` package and prints every tensor's name, dtype, shape and sum, plus the
   metadata. Its output for swift_written.safetensors is committed as swift_written.check.txt;
   SafetensorsTests checks that the Swift writer still produces swift_written.safetensors byte for byte.
"""
import os
import sys

import numpy as np
from safetensors import safe_open
from safetensors.numpy import save_file as save_numpy

HERE = os.path.dirname(os.path.abspath(__file__))


def write():
    tensors = {
        "blocks.0.attn.qkv.weight": np.arange(24, dtype=np.float32).reshape(6, 4) / 8 - 1,
        "cls_token": np.array([[[0.5, -0.25, 0.125]]], dtype=np.float32),
        "scalar_like": np.array([3.5], dtype=np.float32),
        "as_f64": np.array([1.0 / 3, -2.5], dtype=np.float64),
        "as_f16": np.array([0.1, -65504.0, 1.5], dtype=np.float16),
    }
    path = os.path.join(HERE, "python_written.safetensors")
    save_numpy(tensors, path, metadata={"format": "pt", "note": "written by safetensors_roundtrip.py"})
    import torch  # only the writer needs torch (bfloat16); `check` runs with safetensors + numpy
    from safetensors.torch import save_file as save_torch

    bf = os.path.join(HERE, "python_written_bf16.safetensors")
    save_torch({"w": torch.tensor([1.0, -2.0, 0.3], dtype=torch.bfloat16)}, bf)
    print(path, bf)


def check(path):
    with safe_open(path, framework="numpy") as f:
        print("metadata", sorted((f.metadata() or {}).items()))
        for k in f.keys():
            t = f.get_tensor(k)
            print(k, t.dtype, list(t.shape), f"{float(t.astype(np.float64).sum()):.6f}")


if __name__ == "__main__":
    if sys.argv[1] == "write":
        write()
    else:
        check(sys.argv[2])
