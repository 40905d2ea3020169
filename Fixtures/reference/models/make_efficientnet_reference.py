"""Reference forward pass of EfficientNet (timm `efficientnet_b0` layout) in eval mode.

Writes effnet_small.safetensors next to this script: the state dict (timm names: conv_stem, bn1,
blocks.{stage}.{block}.{conv_pw,bn1,conv_dw,bn2,se.conv_reduce,se.conv_expand,conv_pwl,bn3}, conv_head,
bn2, classifier; BatchNorm running statistics included, num_batches_tracked dropped) of a small
variant (width 0.25, depth 0.25, 1 input channel, 7 classes) with random weights and random
running statistics, plus `io.input` [2, 1, 64, 48] and `io.logits` [2, 7] in eval mode.
Also prints the parameter count of B0 with 1 input channel and 206 classes (4,270,858 = timm's
efficientnet_b0(in_chans=1, num_classes=206)).

Plain PyTorch transliteration of timm's EfficientNet builder (timm is not installed here):
round_channels = make_divisible(c·width, 8, round_limit 0.9); repeats = ceil(r·depth);
SE width = round(0.25 · block input channels); padding (k−1)//2; BN eps 1e-5.
Produced with python 3.11, torch 2.15.0, safetensors 0.8. Run: python3 make_efficientnet_reference.py
"""
import math
import os

import torch
import torch.nn as nn
import torch.nn.functional as F
from safetensors.torch import save_file

HERE = os.path.dirname(os.path.abspath(__file__))
STAGES = [(1, 3, 1, 16, 1), (6, 3, 2, 24, 2), (6, 5, 2, 40, 2), (6, 3, 2, 80, 3),
          (6, 5, 1, 112, 3), (6, 5, 2, 192, 4), (6, 3, 1, 320, 1)]


def make_divisible(v, divisor=8, round_limit=0.9):
    new_v = max(divisor, int(v + divisor / 2) // divisor * divisor)
    if new_v < round_limit * v:
        new_v += divisor
    return new_v


def drop_path(x, p, training):
    """timm drop_path: drops whole samples of a residual branch with probability p."""
    if p == 0.0 or not training:
        return x
    keep = x.new_empty((x.shape[0],) + (1,) * (x.ndim - 1)).bernoulli_(1 - p)
    return x * keep / (1 - p)


class SqueezeExcite(nn.Module):
    def __init__(self, chs, rd):
        super().__init__()
        self.conv_reduce = nn.Conv2d(chs, rd, 1, bias=True)
        self.conv_expand = nn.Conv2d(rd, chs, 1, bias=True)

    def forward(self, x):
        s = x.mean((2, 3), keepdim=True)
        return x * torch.sigmoid(self.conv_expand(F.silu(self.conv_reduce(s))))


class DepthwiseSeparable(nn.Module):
    def __init__(self, cin, cout, k, s):
        super().__init__()
        self.conv_dw = nn.Conv2d(cin, cin, k, s, (k - 1) // 2, groups=cin, bias=False)
        self.bn1 = nn.BatchNorm2d(cin)
        self.se = SqueezeExcite(cin, round(cin * 0.25))
        self.conv_pw = nn.Conv2d(cin, cout, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.skip = s == 1 and cin == cout
        self.drop_path_rate = 0.0

    def forward(self, x):
        h = self.bn2(self.conv_pw(self.se(F.silu(self.bn1(self.conv_dw(x))))))
        return x + drop_path(h, self.drop_path_rate, self.training) if self.skip else h


class InvertedResidual(nn.Module):
    def __init__(self, cin, cout, e, k, s):
        super().__init__()
        mid = make_divisible(cin * e)
        self.conv_pw = nn.Conv2d(cin, mid, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(mid)
        self.conv_dw = nn.Conv2d(mid, mid, k, s, (k - 1) // 2, groups=mid, bias=False)
        self.bn2 = nn.BatchNorm2d(mid)
        self.se = SqueezeExcite(mid, round(cin * 0.25))
        self.conv_pwl = nn.Conv2d(mid, cout, 1, bias=False)
        self.bn3 = nn.BatchNorm2d(cout)
        self.skip = s == 1 and cin == cout
        self.drop_path_rate = 0.0

    def forward(self, x):
        h = F.silu(self.bn1(self.conv_pw(x)))
        h = self.se(F.silu(self.bn2(self.conv_dw(h))))
        h = self.bn3(self.conv_pwl(h))
        return x + drop_path(h, self.drop_path_rate, self.training) if self.skip else h


class EfficientNet(nn.Module):
    def __init__(self, in_chans=1, num_classes=206, width=1.0, depth=1.0, drop_rate=0.2, drop_path_rate=0.2):
        super().__init__()
        stem = make_divisible(32 * width)
        self.conv_stem = nn.Conv2d(in_chans, stem, 3, 2, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(stem)
        cin, stages = stem, []
        for e, k, s, c, r in STAGES:
            cout = make_divisible(c * width)
            blocks = []
            for j in range(int(math.ceil(r * depth))):
                stride = s if j == 0 else 1
                blocks.append(DepthwiseSeparable(cin, cout, k, stride) if e == 1 else InvertedResidual(cin, cout, e, k, stride))
                cin = cout
            stages.append(nn.Sequential(*blocks))
        self.blocks = nn.Sequential(*stages)
        flat = [b for stage in stages for b in stage]
        for i, b in enumerate(flat):  # timm: drop-path rate · block index / block count
            b.drop_path_rate = drop_path_rate * i / len(flat)
        head = make_divisible(1280 * width)
        self.conv_head = nn.Conv2d(cin, head, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(head)
        self.drop_rate = drop_rate
        self.classifier = nn.Linear(head, num_classes)

    def forward(self, x):
        x = F.silu(self.bn1(self.conv_stem(x)))
        x = self.blocks(x)
        x = F.silu(self.bn2(self.conv_head(x))).mean((2, 3))
        x = F.dropout(x, self.drop_rate, self.training)
        return self.classifier(x)


def main():
    b0 = EfficientNet(in_chans=1, num_classes=206)
    print("B0, 1 channel, 206 classes:", sum(p.numel() for p in b0.parameters()), "parameters")
    torch.manual_seed(0)
    model = EfficientNet(in_chans=1, num_classes=7, width=0.25, depth=0.25)
    with torch.no_grad():
        for name, p in model.named_parameters():
            fan_in = p[0].numel() if p.dim() > 1 else 1
            p.copy_(torch.randn_like(p) / math.sqrt(fan_in) * (1.0 if p.dim() > 1 else 0.3) + (1.0 if "bn" in name and name.endswith("weight") else 0.0))
        for m in model.modules():
            if isinstance(m, nn.BatchNorm2d):
                m.running_mean.copy_(torch.randn_like(m.running_mean) * 0.2)
                m.running_var.copy_(torch.rand_like(m.running_var) + 0.5)
    model.eval()
    x = torch.randn(2, 1, 64, 48)
    with torch.no_grad():
        logits = model(x)
    sd = {k: v.contiguous() for k, v in model.state_dict().items() if not k.endswith("num_batches_tracked")}
    sd["io.input"] = x
    sd["io.logits"] = logits
    save_file(sd, os.path.join(HERE, "effnet_small.safetensors"),
              metadata={"producer": "make_efficientnet_reference.py", "torch": torch.__version__,
                        "config": "width=0.25 depth=0.25 in_chans=1 classes=7 input=[2,1,64,48] eval"})
    print("small variant:", sum(p.numel() for p in model.parameters()), "parameters; logits[0]:", logits[0].tolist())


if __name__ == "__main__":
    main()
