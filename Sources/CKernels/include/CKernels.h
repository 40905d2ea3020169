#ifndef CKERNELS_H
#define CKERNELS_H

#include "Pool.h"

/// Vectorised float kernels for the tensor engine's elementwise, softmax, normalisation and
/// depthwise-convolution loops. Each function exists in AVX-512, AVX2+FMA and baseline x86-64
/// builds, chosen once at load time from the running CPU (clang `target_clones`); every build
/// performs the same operations in the same order (the vector builds may fuse a·b + c into one
/// FMA, so results can differ from the baseline build in the last bits). `accumulate` non-zero
/// means "add into the output", zero means "overwrite it".

/// y[i] = GELU(x[i]) (exact erf form, erf by Abramowitz–Stegun 7.1.26).
void ck_gelu_forward(const float *x, float *y, long n);
/// gx[i] (+)= gy[i] · GELU'(x[i]).
void ck_gelu_backward(const float *x, const float *gy, float *gx, long n, int accumulate);
/// y[i] = x[i] · σ(x[i]).
void ck_silu_forward(const float *x, float *y, long n);
/// gx[i] (+)= gy[i] · SiLU'(x[i]).
void ck_silu_backward(const float *x, const float *gy, float *gx, long n, int accumulate);
/// y[i] = e^x[i] (relative error ≈ 1e-7 on [−87, 88], inputs clamped to it).
void ck_exp_forward(const float *x, float *y, long n);
/// y[i] = σ(x[i]).
void ck_sigmoid_forward(const float *x, float *y, long n);

/// out[r, :] = softmax(scale · x[r, :]) for rows r in [0, rows), rows of length d.
void ck_softmax_rows(const float *x, float *out, long rows, long d, float scale);
/// gx[r, :] (+)= scale · y ∘ (gy − Σ gy∘y), per row.
void ck_softmax_backward_rows(const float *y, const float *gy, float *gx, long rows, long d, float scale, int accumulate);

/// y[i] = x[i]·scale + shift, then SiLU when `silu` is non-zero.
void ck_affine(const float *x, float *y, long n, float scale, float shift, int silu);
/// gx[i] (+)= scale · (dz[i] − mdz − (x[i] − mean)·k2) (BatchNorm's input gradient).
void ck_batchnorm_input_grad(const float *x, const float *dz, float *gx, long n, float scale, float mean, float mdz, float k2, int accumulate);

/// Σ x[i] with 16 partial sums (fixed order).
float ck_sum(const float *x, long n);
/// Σ (x[i] − c)² with 16 partial sums (fixed order).
float ck_sum_squared_deviation(const float *x, float c, long n);
/// One pass of BatchNorm's backward over a plane: dz = gy (or, when `silu`, dz = gy ·
/// SiLU'(x·scale + shift), written to `dz`); sums[0] = Σ dz, sums[1] = Σ dz·(x − mean).
void ck_batchnorm_backward_sums(const float *x, const float *gy, float *dz, long n, float scale, float shift, float mean,
                                int silu, float *sums);
/// Σ x[i]·y[i] with 16 partial sums (fixed order).
float ck_dot(const float *x, const float *y, long n);
/// y[i] += x[i].
void ck_add(long n, const float *x, float *y);

/// Floats of scratch the depthwise plane kernels need for an h×w input plane with column padding pw.
long ck_depthwise_scratch_count(long h, long w, long pw);
/// One plane of a depthwise convolution (column stride sw = 1 or 2):
/// out[oy, ox] = bias + Σ_{i, j} wt[i, j] · x[oy·sh − ph + i, ox·sw − pw + j] (x = 0 outside the
/// h×w plane), or out += Σ … (no bias) when `accumulate`. `scratch` holds
/// `ck_depthwise_scratch_count(h, w, pw)` floats (a zero-padded copy of the plane).
void ck_depthwise_plane(const float *x, long h, long w, long kh, long kw, long sh, long sw, long ph, long pw,
                        long ho, long wo, const float *wt, float bias, float *out, int accumulate, float *scratch);
/// dw[i, j] += Σ_{oy, ox} gy[oy, ox] · x[oy·sh − ph + i, ox·sw − pw + j]: the weight gradient of
/// `ck_depthwise_plane` for one plane (same geometry and scratch).
void ck_depthwise_weight_grad(const float *x, long h, long w, long kh, long kw, long sh, long sw, long ph, long pw,
                              long ho, long wo, const float *gy, float *dw, float *scratch);
/// Floats of scratch `ck_depthwise_input_grad_strided` needs.
long ck_depthwise_input_grad_scratch_count(long h, long w, long kw, long ho, long wo);
/// gx (+)= the input gradient of `ck_depthwise_plane` (column stride sw = 1 or 2, any row stride)
/// for one plane, gathered per input row and column phase: each gx element is written once,
/// Σ over kernel rows i then columns j. `scratch` holds `ck_depthwise_input_grad_scratch_count` floats.
void ck_depthwise_input_grad_strided(const float *gy, long h, long w, long kh, long kw, long sh, long sw, long ph, long pw,
                                     long ho, long wo, const float *wt, float *gx, int accumulate, float *scratch);

/// out[j] = (accumulate ? out[j] : 0) + Σ_r g[r·ld + j] for j in [lo, hi), each column summed over
/// the rows in order (so the result does not depend on how columns are split among threads).
void ck_column_sums(const float *g, long rows, long ld, long lo, long hi, float *out, int accumulate);

/// Layer normalisation of `rows` rows of length d: y = (x − μ)·σ⁻¹·γ + β with σ = √(var + eps)
/// (biased variance, two passes over each row); stats[2r] = μ, stats[2r + 1] = σ⁻¹.
void ck_layernorm_rows(const float *x, float *y, long rows, long d, const float *gamma, const float *beta, float eps, float *stats);
/// gx (+)= the input gradient of `ck_layernorm_rows` for upstream gradient gy.
void ck_layernorm_backward_rows(const float *x, const float *gy, const float *gamma, const float *stats, float *gx,
                                long rows, long d, int accumulate);
/// dgamma[j] = Σ_r gy[r, j]·x̂[r, j], dbeta[j] = Σ_r gy[r, j] for columns j in [lo, hi), summed over
/// the rows in order (independent of how columns are split among threads).
void ck_layernorm_param_grads(const float *x, const float *gy, const float *stats, long rows, long d, long lo, long hi,
                              float *dgamma, float *dbeta);


/// Subtracts from each column f of x ([frames, bins], row-major) its median over the frames
/// (numpy's median: the mean of the two middle values for an even count). scratch holds `frames` floats.
void ck_band_median_subtract(float *x, long frames, long bins, float *scratch);

#endif
