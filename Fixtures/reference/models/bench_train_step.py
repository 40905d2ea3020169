"""One full training step (forward, BCE-with-logits loss, backward, AdamW) of the two benchmark
models on random inputs, in PyTorch on the CPU — the reference for `ablations bench train-step`.

  effnet-b0: EfficientNet-B0 (timm layout, see make_efficientnet_reference.py), 1 input channel,
             206 classes, input [B, 1, 128, 256], dropout 0.2, drop-path 0.2 (linear in block index)
  vit-tiny:  ViT patch 16, width 192, depth 4, 3 heads, MLP ratio 4, input [B, 1, 512, 128],
             fixed sin-cos position embedding, CLS token, fc_norm(mean of patch tokens) + Linear(192, 206)
  vit-default:    the `default` suite's ViT: width 64, depth 2, 2 heads, input [B, 1, 256, 64], head
                  Linear(64, 64) → GELU → Linear(64, 32) → GELU → Linear(32, 24)
  effnet-default: the `default` suite's EfficientNet: width 0.25, depth 0.25, input [B, 1, 256, 64], 24 classes

Usage: python3 bench_train_step.py --model effnet-b0 --batch 32 --threads 2 --steps 5 [--warmup 1]
Prints one JSON line: {"model", "batch", "threads", "samples_per_s" (median over timed steps), "cpu_seconds_per_step" (process CPU time, all threads),
"step_seconds": [...], "peak_rss_mib" (VmHWM of this process)}.

With --serve the script builds the model, prints {"ready": true, "torch": ...} and then runs one step per
"step" line read on stdin, answering each with {"seconds", "cpu_seconds"}; at end of input it prints
{"peak_rss_mib"}. `ablations bench train-step` uses this to alternate its own steps with PyTorch's
(paired measurements: a machine whose speed drifts slows both sides of a pair alike).
Written for torch 2.15.0 (CPU), python 3.11.
"""
import argparse
import json
import os
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_efficientnet_reference import EfficientNet  # noqa: E402
from make_vit_reference import get_2d_sincos_pos_embed  # noqa: E402


class Block(nn.Module):
    def __init__(self, d, heads, mlp=4):
        super().__init__()
        self.heads = heads
        self.norm1 = nn.LayerNorm(d, eps=1e-6)
        self.qkv = nn.Linear(d, 3 * d)
        self.proj = nn.Linear(d, d)
        self.norm2 = nn.LayerNorm(d, eps=1e-6)
        self.fc1 = nn.Linear(d, mlp * d)
        self.fc2 = nn.Linear(mlp * d, d)

    def forward(self, x):
        b, t, d = x.shape
        q, k, v = self.qkv(self.norm1(x)).reshape(b, t, 3, self.heads, d // self.heads).permute(2, 0, 3, 1, 4).unbind(0)
        a = ((q @ k.transpose(-2, -1)) * (d // self.heads) ** -0.5).softmax(-1) @ v
        x = x + self.proj(a.transpose(1, 2).reshape(b, t, d))
        return x + self.fc2(F.gelu(self.fc1(self.norm2(x))))


class ViT(nn.Module):
    def __init__(self, frames=512, bins=128, patch=16, d=192, depth=4, heads=3, classes=206, head_widths=()):
        super().__init__()
        self.proj = nn.Conv2d(1, d, patch, patch)
        self.cls_token = nn.Parameter(torch.zeros(1, 1, d))
        pe = get_2d_sincos_pos_embed(d, (frames // patch, bins // patch))
        self.register_buffer("pos_embed", torch.from_numpy(pe).float().unsqueeze(0))
        self.blocks = nn.ModuleList([Block(d, heads) for _ in range(depth)])
        self.fc_norm = nn.LayerNorm(d, eps=1e-6)
        layers, fan_in = [], d
        for w in head_widths:  # the study's head: Linear → GELU per hidden width, then Linear(C)
            layers += [nn.Linear(fan_in, w), nn.GELU()]
            fan_in = w
        self.head = nn.Sequential(*layers, nn.Linear(fan_in, classes))

    def forward(self, x):
        x = self.proj(x).flatten(2).transpose(1, 2) + self.pos_embed[:, 1:]
        x = torch.cat([(self.cls_token + self.pos_embed[:, :1]).expand(x.shape[0], -1, -1), x], dim=1)
        for blk in self.blocks:
            x = blk(x)
        return self.head(self.fc_norm(x[:, 1:].mean(1)))


def peak_rss_mib():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def make(a):
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    if a.model == "effnet-b0":
        model, shape, classes = EfficientNet(in_chans=1, num_classes=206), (a.batch, 1, 128, 256), 206
    elif a.model == "effnet-default":  # the default suite's EfficientNet
        model, shape, classes = EfficientNet(in_chans=1, num_classes=24, width=0.25, depth=0.25), (a.batch, 1, 256, 64), 24
    elif a.model == "vit-default":  # the default suite's ViT
        model, shape, classes = ViT(frames=256, bins=64, d=64, depth=2, heads=2, classes=24, head_widths=(64, 32)), (a.batch, 1, 256, 64), 24
    else:
        model, shape, classes = ViT(), (a.batch, 1, 512, 128), 206
    model.train()
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=0.01)
    x = torch.randn(shape)
    y = (torch.rand(a.batch, classes) < 0.05).float()

    def step():
        """One full step; returns (wall seconds, process CPU seconds)."""
        t0, c0 = time.perf_counter(), time.process_time()
        loss = F.binary_cross_entropy_with_logits(model(x), y)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        return time.perf_counter() - t0, time.process_time() - c0

    return step


def serve(step):
    print(json.dumps({"ready": True, "torch": torch.__version__}), flush=True)
    for line in sys.stdin:
        if line.strip() != "step":
            continue
        wall, cpu = step()
        print(json.dumps({"seconds": wall, "cpu_seconds": cpu}), flush=True)
    print(json.dumps({"peak_rss_mib": peak_rss_mib()}), flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", choices=["effnet-b0", "vit-tiny", "vit-default", "effnet-default"], required=True)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--steps", type=int, default=5)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--serve", action="store_true", help="one step per 'step' line on stdin (see above)")
    a = ap.parse_args()
    step = make(a)
    if a.serve:
        serve(step)
        return
    times, cpus = [], []
    for i in range(a.warmup + a.steps):
        wall, cpu = step()
        if i >= a.warmup:
            times.append(wall)
            cpus.append(cpu)
    med = statistics.median(times)
    print(json.dumps({"model": a.model, "batch": a.batch, "threads": a.threads, "samples_per_s": a.batch / med,
                      "step_seconds": times, "cpu_seconds_per_step": sum(cpus) / len(cpus), "peak_rss_mib": peak_rss_mib(),
                      "torch": torch.__version__}))


if __name__ == "__main__":
    main()
