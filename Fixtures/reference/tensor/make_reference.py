#!/usr/bin/env python3
"""Reference values for the Swift tensor engine (Tests/LabTests/Tensor/TorchReferenceTests.swift).

Produced with torch 2.15.0 (CPU, float64 math on float32-representable inputs), numpy 2.4, python 3.11.
Run:  python3 Fixtures/reference/tensor/make_reference.py  -> writes reference.json next to this file.

Each case stores its inputs, the upstream gradient `gy` (for a backward check), the forward
output `y` and the input/parameter gradients of sum(gy * y). Inputs are rounded to float32 so
Swift sees the exact same numbers; the computation itself runs in float64 so the reference is
not limited by float32 rounding.
"""
import json
import math
import os

import torch
import torch.nn.functional as F

torch.manual_seed(20250527)
D = torch.float64


def rnd(*shape, lo=-1.0, hi=1.0):
    return (torch.rand(*shape, dtype=torch.float32) * (hi - lo) + lo).to(D)


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def case(inputs, fn, names):
    """inputs: dict name -> tensor (float64, leaf); fn returns output; names of inputs needing grads."""
    for n in names:
        inputs[n].requires_grad_(True)
    y = fn(**inputs)
    gy = rnd(*y.shape)
    (y * gy).sum().backward()
    out = {"shapes": {k: list(v.shape) for k, v in inputs.items()}}
    out["inputs"] = {k: flat(v) for k, v in inputs.items()}
    out["gy"] = flat(gy)
    out["y"] = flat(y)
    out["y_shape"] = list(y.shape)
    out["grads"] = {n: flat(inputs[n].grad) for n in names}
    return out


ref = {"produced_by": f"torch {torch.__version__} CPU, float64 math on float32-rounded inputs; make_reference.py"}

# conv2d 3x3 stride 2 padding 1
ref["conv2d"] = case(
    {"x": rnd(2, 3, 7, 6), "w": rnd(4, 3, 3, 3, lo=-0.5, hi=0.5), "b": rnd(4)},
    lambda x, w, b: F.conv2d(x, w, b, stride=2, padding=1), ["x", "w", "b"])

# pointwise conv 1x1
ref["conv2d_1x1"] = case(
    {"x": rnd(3, 5, 4, 3), "w": rnd(6, 5, 1, 1), "b": rnd(6)},
    lambda x, w, b: F.conv2d(x, w, b), ["x", "w", "b"])

# depthwise conv 5x5 stride 2 padding 2, no bias
ref["depthwise"] = case(
    {"x": rnd(2, 4, 9, 8), "w": rnd(4, 1, 5, 5, lo=-0.5, hi=0.5)},
    lambda x, w: F.conv2d(x, w, None, stride=2, padding=2, groups=4), ["x", "w"])

# BatchNorm training (batch statistics, running-statistics update) then eval with the updated stats
rm0, rv0 = rnd(3, lo=-0.2, hi=0.2), rnd(3, lo=0.8, hi=1.2)
bn_rm, bn_rv = rm0.clone(), rv0.clone()
ref["batchnorm_train"] = case(
    {"x": rnd(4, 3, 5, 5, lo=-2, hi=3), "g": rnd(3, lo=0.5, hi=1.5), "b": rnd(3)},
    lambda x, g, b: F.batch_norm(x, bn_rm, bn_rv, g, b, training=True, momentum=0.1, eps=1e-5), ["x", "g", "b"])
ref["batchnorm_train"]["running_mean_before"] = flat(rm0)
ref["batchnorm_train"]["running_var_before"] = flat(rv0)
ref["batchnorm_train"]["running_mean_after"] = flat(bn_rm)
ref["batchnorm_train"]["running_var_after"] = flat(bn_rv)
ref["batchnorm_eval"] = case(
    {"x": rnd(2, 3, 4, 4, lo=-2, hi=3), "g": rnd(3, lo=0.5, hi=1.5), "b": rnd(3)},
    lambda x, g, b: F.batch_norm(x, bn_rm, bn_rv, g, b, training=False, eps=1e-5), ["x", "g", "b"])
ref["batchnorm_eval"]["running_mean"] = flat(bn_rm)
ref["batchnorm_eval"]["running_var"] = flat(bn_rv)

# LayerNorm eps 1e-6 (ViT)
ref["layernorm"] = case(
    {"x": rnd(2, 5, 16, lo=-2, hi=2), "g": rnd(16, lo=0.5, hi=1.5), "b": rnd(16)},
    lambda x, g, b: F.layer_norm(x, (16,), g, b, eps=1e-6), ["x", "g", "b"])


# multi-head self-attention on packed qkv (timm Attention layout), 3 heads of 8
def attn(qkv):
    B, T, C3 = qkv.shape
    H, D = 3, C3 // 3
    q, k, v = qkv.reshape(B, T, 3, H, D // H).permute(2, 0, 3, 1, 4).unbind(0)
    o = F.scaled_dot_product_attention(q, k, v)  # [B, H, T, dh]
    return o.transpose(1, 2).reshape(B, T, D)


ref["attention"] = case({"qkv": rnd(2, 7, 72, lo=-2, hi=2)}, attn, ["qkv"])
ref["attention"]["heads"] = 3

# exact GELU and SiLU
ref["gelu"] = case({"x": torch.linspace(-6, 6, 97, dtype=torch.float32).to(D)}, lambda x: F.gelu(x), ["x"])
ref["silu"] = case({"x": torch.linspace(-8, 8, 97, dtype=torch.float32).to(D)}, lambda x: F.silu(x), ["x"])

# two AdamW steps (decoupled weight decay, bias correction) on a [3, 4] parameter
p0, g1, g2 = rnd(3, 4), rnd(3, 4), rnd(3, 4)
p = p0.clone().requires_grad_(True)
opt = torch.optim.AdamW([p], lr=1e-2, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.05)
p.grad = g1.clone(); opt.step(); p1 = p.detach().clone()
p.grad = g2.clone(); opt.step(); p2 = p.detach().clone()
ref["adamw"] = {"lr": 1e-2, "betas": [0.9, 0.999], "eps": 1e-8, "weight_decay": 0.05, "shape": [3, 4],
                "p0": flat(p0), "g1": flat(g1), "g2": flat(g2), "p1": flat(p1), "p2": flat(p2),
                "exp_avg": flat(opt.state[p]["exp_avg"]), "exp_avg_sq": flat(opt.state[p]["exp_avg_sq"])}

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "reference.json")
with open(path, "w") as f:
    json.dump(ref, f, separators=(",", ":"))
print(path, os.path.getsize(path), "bytes")
