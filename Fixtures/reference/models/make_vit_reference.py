"""Reference forward pass of the Bird-MAE ViT encoder + the study's classifier head.

Writes (next to this script):
  vit_small_encoder.safetensors  random-weight encoder checkpoint with Bird-MAE tensor names
                                 (patch_embed.proj.*, cls_token, pos_embed, blocks.{i}.*, norm, fc_norm)
  vit_small_io.safetensors       input [2, 1, 64, 32], head.* weights, features [2, D] and logits [2, C]
                                 computed by the plain PyTorch implementation below (eval mode).
  vit_small_grads.safetensors    the gradients of BCE-with-logits (mean) of those logits against fixed
                                 targets, for every encoder and head parameter and the input (eval mode,
                                 so dropout is off): a reference for the whole model's backward pass.

A timm-style ViT written out in plain PyTorch (timm is not installed here): Conv2d patch embed
(stride 16), MAE's get_2d_sincos_pos_embed (numpy, float64; meshgrid(w, h) so the first half of
the vector encodes the frequency column, the second half the time row), CLS token, pre-norm
blocks (LayerNorm eps 1e-6, qkv bias, exact GELU), output fc_norm(mean of patch tokens).
Produced with python 3.11, torch 2.15.0, numpy 2.4, safetensors 0.8. Run: python3 make_vit_reference.py
"""
import os

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from safetensors.torch import save_file

HERE = os.path.dirname(os.path.abspath(__file__))
FRAMES, BINS, PATCH, WIDTH, DEPTH, HEADS, MLP, CLASSES = 64, 32, 16, 32, 2, 2, 4, 5
HEAD_WIDTHS = [24, 12]


def get_1d_sincos_pos_embed_from_grid(embed_dim, pos):
    omega = np.arange(embed_dim // 2, dtype=np.float64)
    omega /= embed_dim / 2.0
    omega = 1.0 / 10000 ** omega
    pos = pos.reshape(-1)
    out = np.einsum("m,d->md", pos, omega)
    return np.concatenate([np.sin(out), np.cos(out)], axis=1)


def get_2d_sincos_pos_embed(embed_dim, grid_size, cls_token=True):
    """MAE / AudioMAE (flexible): grid_size = (rows = time patches, columns = frequency patches)."""
    grid_h = np.arange(grid_size[0], dtype=np.float32)
    grid_w = np.arange(grid_size[1], dtype=np.float32)
    grid = np.meshgrid(grid_w, grid_h)  # w goes first
    grid = np.stack(grid, axis=0).reshape([2, 1, grid_size[0], grid_size[1]])
    emb_h = get_1d_sincos_pos_embed_from_grid(embed_dim // 2, grid[0])
    emb_w = get_1d_sincos_pos_embed_from_grid(embed_dim // 2, grid[1])
    emb = np.concatenate([emb_h, emb_w], axis=1)
    if cls_token:
        emb = np.concatenate([np.zeros([1, embed_dim]), emb], axis=0)
    return emb


class PatchEmbed(nn.Module):
    def __init__(self):
        super().__init__()
        self.proj = nn.Conv2d(1, WIDTH, PATCH, PATCH)

    def forward(self, x):
        return self.proj(x).flatten(2).transpose(1, 2)


class Attention(nn.Module):
    def __init__(self):
        super().__init__()
        self.qkv = nn.Linear(WIDTH, 3 * WIDTH)
        self.proj = nn.Linear(WIDTH, WIDTH)

    def forward(self, x):
        b, t, d = x.shape
        qkv = self.qkv(x).reshape(b, t, 3, HEADS, d // HEADS).permute(2, 0, 3, 1, 4)
        q, k, v = qkv.unbind(0)
        attn = (q @ k.transpose(-2, -1)) * (d // HEADS) ** -0.5
        x = attn.softmax(dim=-1) @ v
        return self.proj(x.transpose(1, 2).reshape(b, t, d))


class Mlp(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(WIDTH, WIDTH * MLP)
        self.fc2 = nn.Linear(WIDTH * MLP, WIDTH)

    def forward(self, x):
        return self.fc2(F.gelu(self.fc1(x)))


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.norm1 = nn.LayerNorm(WIDTH, eps=1e-6)
        self.attn = Attention()
        self.norm2 = nn.LayerNorm(WIDTH, eps=1e-6)
        self.mlp = Mlp()

    def forward(self, x):
        x = x + self.attn(self.norm1(x))
        return x + self.mlp(self.norm2(x))


class Encoder(nn.Module):
    def __init__(self):
        super().__init__()
        grid = (FRAMES // PATCH, BINS // PATCH)
        self.patch_embed = PatchEmbed()
        self.cls_token = nn.Parameter(torch.zeros(1, 1, WIDTH))
        self.pos_embed = nn.Parameter(torch.from_numpy(get_2d_sincos_pos_embed(WIDTH, grid)).float().unsqueeze(0),
                                      requires_grad=False)
        self.blocks = nn.ModuleList([Block() for _ in range(DEPTH)])
        self.norm = nn.LayerNorm(WIDTH, eps=1e-6)
        self.fc_norm = nn.LayerNorm(WIDTH, eps=1e-6)

    def forward(self, x):
        x = self.patch_embed(x) + self.pos_embed[:, 1:, :]
        cls = (self.cls_token + self.pos_embed[:, :1, :]).expand(x.shape[0], -1, -1)
        x = torch.cat([cls, x], dim=1)
        for blk in self.blocks:
            x = blk(x)
        return self.fc_norm(x[:, 1:, :].mean(dim=1))


def make_head():
    layers, fan_in = [], WIDTH
    for i, (out, p) in enumerate(zip(HEAD_WIDTHS + [CLASSES], [0.3, 0.2, 0.1])):
        if i > 0:
            layers.append(nn.GELU())
        layers += [nn.Dropout(p), nn.Linear(fan_in, out)]
        fan_in = out
    return nn.Sequential(*layers)


def main():
    torch.manual_seed(0)
    enc, head = Encoder(), make_head()
    with torch.no_grad():  # random weights everywhere (incl. LayerNorms) so every tensor matters
        for name, p in list(enc.named_parameters()) + list(head.named_parameters()):
            if name == "pos_embed":
                continue
            p.copy_(torch.randn_like(p) * (0.5 if "norm" in name else 0.15) + (1.0 if name.endswith("norm1.weight") or
                                                                                name.endswith("norm2.weight") or
                                                                                name in ("norm.weight", "fc_norm.weight") else 0.0))
    enc.eval(); head.eval()
    x = torch.randn(2, 1, FRAMES, BINS)
    with torch.no_grad():
        feats = enc(x)
        logits = head(feats)
    sd = {k: v.contiguous() for k, v in enc.state_dict().items()}
    save_file(sd, os.path.join(HERE, "vit_small_encoder.safetensors"),
              metadata={"producer": "make_vit_reference.py", "torch": torch.__version__})
    io = {"input": x, "features": feats, "logits": logits}
    io.update({"head." + k: v.contiguous() for k, v in head.state_dict().items()})
    save_file(io, os.path.join(HERE, "vit_small_io.safetensors"),
              metadata={"producer": "make_vit_reference.py", "torch": torch.__version__,
                        "config": f"frames={FRAMES} bins={BINS} patch={PATCH} width={WIDTH} depth={DEPTH} heads={HEADS} "
                                  f"mlp={MLP} classes={CLASSES} head={HEAD_WIDTHS}"})
    targets = torch.tensor([[1.0, 0, 0, 1, 0], [0, 0, 1, 0, 0]])
    xg = x.clone().requires_grad_(True)
    loss = F.binary_cross_entropy_with_logits(head(enc(xg)), targets)
    loss.backward()
    grads = {"targets": targets, "loss": loss.detach().reshape(1), "grad.input": xg.grad}
    grads.update({"grad." + k: p.grad.contiguous() for k, p in enc.named_parameters() if p.grad is not None})
    grads.update({"grad.head." + k: p.grad.contiguous() for k, p in head.named_parameters()})
    save_file(grads, os.path.join(HERE, "vit_small_grads.safetensors"),
              metadata={"producer": "make_vit_reference.py", "torch": torch.__version__})
    print("encoder tensors:", len(sd), "logits[0]:", logits[0].tolist(), "loss:", loss.item(), "grads:", len(grads) - 3)


if __name__ == "__main__":
    main()
