#include "CKernels.h"
#include <stdint.h>
#include <string.h>

// One definition per kernel, cloned for AVX-512, AVX2+FMA and baseline x86-64; the loader picks
// the best clone for the CPU (ifunc). Other architectures get the plain definition.
#if defined(__x86_64__) && defined(__clang__)
#define MULTIVERSION __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define MULTIVERSION
#endif

// 16 floats as one value: a zmm register in the AVX-512 clone, 2 ymm / 4 xmm in the others.
// Reductions keep 16 lane sums (lane l takes elements ≡ l mod 16) combined in a fixed order.
typedef float v16 __attribute__((vector_size(64)));
typedef float v8 __attribute__((vector_size(32)));
// (Macros, not functions: passing these vector types by value would change the ABI per clone.)
#define load16(p) ({ v16 v_; memcpy(&v_, (p), 64); v_; })
#define store16(p, v) do { v16 t_ = (v); memcpy((p), &t_, 64); } while (0)
#define load8(p) ({ v8 v_; memcpy(&v_, (p), 32); v_; })
#define store8(p, v) do { v8 t_ = (v); memcpy((p), &t_, 32); } while (0)
#define hsum16(a) ({ float l_[16]; v16 a_ = (a); memcpy(l_, &a_, 64); \
    for (int w_ = 8; w_ >= 1; w_ /= 2) for (int k_ = 0; k_ < w_; k_++) l_[k_] += l_[k_ + w_]; l_[0]; })

// e^x, relative error ≈ 1e-7 on [-87, 88]
// (round-to-nearest by the 1.5·2²³ trick, degree-7 Taylor on |f| ≤ ½ ln 2, scale by 2^n).
static inline __attribute__((always_inline)) float ck_exp(float x) {
    float c = x < -87.0f ? -87.0f : x;
    c = c > 88.0f ? 88.0f : c;
    float t = c * 1.44269504f;
    float shifted = t + 12582912.0f;
    float n = shifted - 12582912.0f;
    float f = (t - n) * 0.69314718f;
    float p = 1.0f / 5040;
    p = p * f + 1.0f / 720;
    p = p * f + 1.0f / 120;
    p = p * f + 1.0f / 24;
    p = p * f + 1.0f / 6;
    p = p * f + 0.5f;
    p = p * f + 1;
    p = p * f + 1;
    int32_t sb, magic, bits;
    float m = 12582912.0f, scale;
    memcpy(&sb, &shifted, 4);
    memcpy(&magic, &m, 4);
    bits = ((sb - magic) + 127) << 23;
    memcpy(&scale, &bits, 4);
    return p * scale;
}

static inline __attribute__((always_inline)) float ck_sigmoid(float x) { return 1.0f / (1.0f + ck_exp(-x)); }

// erf(x) by Abramowitz–Stegun 7.1.26 (|error| ≤ 1.5e-7); also returns e^(−x²) through `gauss`.
static inline __attribute__((always_inline)) float ck_erf_gauss(float x, float *gauss) {
    float a = x < 0 ? -x : x;
    float t = 1.0f / (1.0f + 0.3275911f * a);
    float p = 1.061405429f;
    p = p * t - 1.453152027f;
    p = p * t + 1.421413741f;
    p = p * t - 0.284496736f;
    p = p * t + 0.254829592f;
    float e = ck_exp(-a * a);
    *gauss = e;
    float r = 1.0f - p * t * e;
    return x < 0 ? -r : r;
}

static inline __attribute__((always_inline)) float ck_erf(float x) { float e; return ck_erf_gauss(x, &e); }

// GELU'(v) = Φ(v) + v·φ(v), with φ(v) = e^(−v²/2)/√(2π) = e^(−(v/√2)²)/√(2π): the exponential erf computes.
static inline __attribute__((always_inline)) float ck_gelu_derivative(float v) {
    float e, erf = ck_erf_gauss(v * 0.70710678f, &e);
    return 0.5f * (1.0f + erf) + v * 0.39894228f * e;
}

MULTIVERSION void ck_gelu_forward(const float *restrict x, float *restrict y, long n) {
    for (long i = 0; i < n; i++) { float v = x[i]; y[i] = 0.5f * v * (1.0f + ck_erf(v * 0.70710678f)); }
}

MULTIVERSION void ck_gelu_backward(const float *restrict x, const float *restrict gy, float *restrict gx, long n, int accumulate) {
    if (accumulate) { for (long i = 0; i < n; i++) gx[i] += gy[i] * ck_gelu_derivative(x[i]); }
    else { for (long i = 0; i < n; i++) gx[i] = gy[i] * ck_gelu_derivative(x[i]); }
}

MULTIVERSION void ck_silu_forward(const float *restrict x, float *restrict y, long n) {
    for (long i = 0; i < n; i++) { float v = x[i]; y[i] = v * ck_sigmoid(v); }
}

MULTIVERSION void ck_silu_backward(const float *restrict x, const float *restrict gy, float *restrict gx, long n, int accumulate) {
    if (accumulate) {
        for (long i = 0; i < n; i++) { float v = x[i], s = ck_sigmoid(v); gx[i] += gy[i] * (s * (1 + v * (1 - s))); }
    } else {
        for (long i = 0; i < n; i++) { float v = x[i], s = ck_sigmoid(v); gx[i] = gy[i] * (s * (1 + v * (1 - s))); }
    }
}

MULTIVERSION void ck_sigmoid_forward(const float *restrict x, float *restrict y, long n) {
    for (long i = 0; i < n; i++) y[i] = ck_sigmoid(x[i]);
}

static inline __attribute__((always_inline)) float ck_max_row(const float *x, long n) {
    long i = 0;
    float m = x[0];
    if (n >= 16) {
        v16 acc = load16(x);
        for (i = 16; i + 16 <= n; i += 16) { v16 v = load16(x + i); acc = __builtin_elementwise_max(acc, v); }
        float lanes[16];
        memcpy(lanes, &acc, 64);
        for (int l = 0; l < 16; l++) m = m > lanes[l] ? m : lanes[l];
    }
    for (; i < n; i++) m = m > x[i] ? m : x[i];
    return m;
}

static inline __attribute__((always_inline)) float ck_sum_row(const float *x, long n) {
    v16 acc = {0};
    long i = 0;
    for (; i + 16 <= n; i += 16) acc += load16(x + i);
    float s = hsum16(acc);
    for (; i < n; i++) s += x[i];
    return s;
}

static inline __attribute__((always_inline)) float ck_dot_row(const float *x, const float *y, long n) {
    v16 acc = {0};
    long i = 0;
    for (; i + 16 <= n; i += 16) acc += load16(x + i) * load16(y + i);
    float s = hsum16(acc);
    for (; i < n; i++) s += x[i] * y[i];
    return s;
}

MULTIVERSION float ck_sum(const float *x, long n) { return ck_sum_row(x, n); }

static inline __attribute__((always_inline)) float ck_ssd_row(const float *x, float c, long n) {
    v16 acc = {0};
    long i = 0;
    for (; i + 16 <= n; i += 16) { v16 d = load16(x + i) - c; acc += d * d; }
    float s = hsum16(acc);
    for (; i < n; i++) { float d = x[i] - c; s += d * d; }
    return s;
}

MULTIVERSION float ck_sum_squared_deviation(const float *x, float c, long n) { return ck_ssd_row(x, c, n); }

MULTIVERSION float ck_dot(const float *restrict x, const float *restrict y, long n) { return ck_dot_row(x, y, n); }

MULTIVERSION void ck_softmax_rows(const float *x, float *out, long rows, long d, float scale) {
    for (long r = 0; r < rows; r++) {
        const float *v = x + r * d;
        float *o = out + r * d;
        float m = ck_max_row(v, d);
#pragma clang loop vectorize(assume_safety)  // o may be v (in place): element i reads only v[i]
        for (long i = 0; i < d; i++) o[i] = ck_exp(scale * (v[i] - m));
        float inv = 1.0f / ck_sum_row(o, d);
        for (long i = 0; i < d; i++) o[i] *= inv;
    }
}

MULTIVERSION void ck_softmax_backward_rows(const float *y, const float *gy, float *gx, long rows, long d, float scale, int accumulate) {
    for (long r = 0; r < rows; r++) {
        const float *p = y + r * d, *g = gy + r * d;
        float *o = gx + r * d;
        float dot = ck_dot_row(g, p, d);
        if (accumulate) { for (long i = 0; i < d; i++) o[i] += scale * p[i] * (g[i] - dot); }
        else { for (long i = 0; i < d; i++) o[i] = scale * p[i] * (g[i] - dot); }
    }
}

MULTIVERSION void ck_affine(const float *restrict x, float *restrict y, long n, float scale, float shift, int silu) {
    if (silu) { for (long i = 0; i < n; i++) { float z = x[i] * scale + shift; y[i] = z * ck_sigmoid(z); } }
    else { for (long i = 0; i < n; i++) y[i] = x[i] * scale + shift; }
}

MULTIVERSION void ck_batchnorm_input_grad(const float *x, const float *dz, float *gx, long n, float scale, float mean, float mdz, float k2, int accumulate) {
    if (accumulate) { for (long i = 0; i < n; i++) gx[i] += scale * (dz[i] - mdz - (x[i] - mean) * k2); }
    else { for (long i = 0; i < n; i++) gx[i] = scale * (dz[i] - mdz - (x[i] - mean) * k2); }
}

// Depthwise planes work on a zero-padded copy of the input plane in `scratch`, so every kernel
// tap reads a full, contiguous run of inputs for every output column (no edge cases):
// stride 1: rows of the padded width wp = w + 2·pw; stride 2: each padded row split into its
// even columns then its odd columns, so output ox with tap j reads index ox + j/2 of the phase
// row j mod 2.
long ck_depthwise_scratch_count(long h, long w, long pw) { return h * (w + 2 * pw + 2); }

static inline __attribute__((always_inline)) long padded_width(long w, long pw) { return w + 2 * pw; }

// Padded column c of a row holds input column c − pw (0 outside [0, w)).
static inline __attribute__((always_inline)) void pad_phase_row(const float *src, long w, long pw, long first, long count, float *dst) {
    // dst[q] = padded column 2q + first (first = 0: even columns, 1: odd columns), q < count.
    long lo = (pw - first + 1) / 2;                 // smallest q with 2q + first − pw ≥ 0
    if (lo < 0) lo = 0;
    long hi = (w - 1 + pw - first) / 2 + 1;         // one past the largest q with 2q + first − pw ≤ w − 1
    if (w - 1 + pw - first < 0) hi = 0;
    if (hi > count) hi = count;
    if (lo > hi) lo = hi;
    for (long q = 0; q < lo; q++) dst[q] = 0;
    const float *s = src + first - pw;              // s[2q] = input column 2q + first − pw
    for (long q = lo; q < hi; q++) dst[q] = s[2 * q];
    for (long q = hi; q < count; q++) dst[q] = 0;
}

static inline __attribute__((always_inline)) void pad_plane(const float *x, long h, long w, long sw, long pw, float *scratch) {
    long wp = padded_width(w, pw), ew = (wp + 1) / 2;
    for (long iy = 0; iy < h; iy++) {
        const float *src = x + iy * w;
        float *row = scratch + iy * wp;
        if (sw == 1) {
            for (long c = 0; c < pw; c++) row[c] = 0;
            memcpy(row + pw, src, (size_t)w * sizeof(float));
            for (long c = pw + w; c < wp; c++) row[c] = 0;
        } else {
            pad_phase_row(src, w, pw, 0, ew, row);
            pad_phase_row(src, w, pw, 1, wp / 2, row + ew);
        }
    }
}

// The padded inputs feeding outputs 0, 1, … of row iy for kernel column j.
static inline __attribute__((always_inline)) const float *tap_row(const float *scratch, long wp, long sw, long iy, long j) {
    const float *row = scratch + iy * wp;
    if (sw == 1) return row + j;
    return (j & 1) ? row + (wp + 1) / 2 + (j >> 1) : row + (j >> 1);
}

// One output row of a depthwise plane. Kernel rows accumulate in separate registers (KH
// independent FMA chains) and are added in order at the end; KH, KW are compile-time constants
// in the 3×3 and 5×5 instances (fully unrolled) and runtime values in the generic one.
static inline __attribute__((always_inline)) void depthwise_row(const float *scratch, long wp, long h, long oy, long KH, long KW,
                                                                long sh, long sw, long ph, long wo, const float *wt, float bias,
                                                                float *dst, int accumulate) {
    enum { MAXR = 8 };
    long done = 0;
    // Blocks of 16 (then 8) outputs; a last partial block is recomputed overlapping the
    // previous one and only its new lanes are written.
    while (done < wo && wo >= 8) {
        int wide = wo - done >= 16 || (wo >= 16 && wo - done < 8);
        long width = wide ? 16 : 8;
        long ox = done + width <= wo ? done : wo - width;
        float lanes[16];
        if (wide) {
            v16 acc[MAXR];
            for (long i = 0; i < KH && i < MAXR; i++) acc[i] = (v16){0};
            v16 rest = {0};
            for (long i = 0; i < KH; i++) {
                long iy = oy * sh - ph + i;
                if (iy < 0 || iy >= h) continue;
                v16 a = {0};
                for (long j = 0; j < KW; j++) a += wt[i * KW + j] * load16(tap_row(scratch, wp, sw, iy, j) + ox);
                if (i < MAXR) acc[i] = a; else rest += a;
            }
            v16 sum = acc[0];
            for (long i = 1; i < KH && i < MAXR; i++) sum += acc[i];
            sum += rest;
            memcpy(lanes, &sum, 64);
        } else {
            v8 sum = {0};
            for (long i = 0; i < KH; i++) {
                long iy = oy * sh - ph + i;
                if (iy < 0 || iy >= h) continue;
                for (long j = 0; j < KW; j++) sum += wt[i * KW + j] * load8(tap_row(scratch, wp, sw, iy, j) + ox);
            }
            memcpy(lanes, &sum, 32);
        }
        if (done == ox && wide) {
            v16 v;
            memcpy(&v, lanes, 64);
            if (accumulate) store16(dst + ox, load16(dst + ox) + v); else store16(dst + ox, v + bias);
        } else {
            for (long e = done - ox; e < width; e++) dst[ox + e] = accumulate ? dst[ox + e] + lanes[e] : lanes[e] + bias;
        }
        done = ox + width;
    }
    for (long ox = done; ox < wo; ox++) {
        float acc = 0;
        for (long i = 0; i < KH; i++) {
            long iy = oy * sh - ph + i;
            if (iy < 0 || iy >= h) continue;
            for (long j = 0; j < KW; j++) acc += wt[i * KW + j] * tap_row(scratch, wp, sw, iy, j)[ox];
        }
        dst[ox] = accumulate ? dst[ox] + acc : acc + bias;
    }
}

MULTIVERSION void ck_depthwise_plane(const float *x, long h, long w, long kh, long kw, long sh, long sw, long ph, long pw,
                                     long ho, long wo, const float *wt, float bias, float *out, int accumulate, float *scratch) {
    pad_plane(x, h, w, sw, pw, scratch);
    long wp = padded_width(w, pw);
    for (long oy = 0; oy < ho; oy++) {
        float *dst = out + oy * wo;
        if (kh == 3 && kw == 3) depthwise_row(scratch, wp, h, oy, 3, 3, sh, sw, ph, wo, wt, bias, dst, accumulate);
        else if (kh == 5 && kw == 5) depthwise_row(scratch, wp, h, oy, 5, 5, sh, sw, ph, wo, wt, bias, dst, accumulate);
        else depthwise_row(scratch, wp, h, oy, kh, kw, sh, sw, ph, wo, wt, bias, dst, accumulate);
    }
}

// dw[i, ·] for one kernel row i: the KW taps accumulate in separate registers over all rows.
static inline __attribute__((always_inline)) void depthwise_weight_grad_row(const float *scratch, long wp, long h, long i, long KW,
                                                                            long sh, long sw, long ph, long ho, long wo,
                                                                            const float *gy, float *dw) {
    enum { MAXJ = 8 };
    for (long j0 = 0; j0 < KW; j0 += MAXJ) {
        long nj = KW - j0 < MAXJ ? KW - j0 : MAXJ;
        v16 acc[MAXJ];
        v8 acc8[MAXJ];
        float tail[MAXJ];
        for (long j = 0; j < nj; j++) { acc[j] = (v16){0}; acc8[j] = (v8){0}; tail[j] = 0; }
        for (long oy = 0; oy < ho; oy++) {
            long iy = oy * sh - ph + i;
            if (iy < 0 || iy >= h) continue;
            const float *g = gy + oy * wo;
            long k = 0;
            for (; k + 16 <= wo; k += 16) {
                v16 gv = load16(g + k);
                for (long j = 0; j < nj; j++) acc[j] += gv * load16(tap_row(scratch, wp, sw, iy, j0 + j) + k);
            }
            if (k + 8 <= wo) {  // the 8-wide rows of the last stages (wo = 8, 24, …)
                v8 gv = load8(g + k);
                for (long j = 0; j < nj; j++) acc8[j] += gv * load8(tap_row(scratch, wp, sw, iy, j0 + j) + k);
                k += 8;
            }
            for (; k < wo; k++)
                for (long j = 0; j < nj; j++) tail[j] += g[k] * tap_row(scratch, wp, sw, iy, j0 + j)[k];
        }
        for (long j = 0; j < nj; j++) {
            float l8[8];
            memcpy(l8, &acc8[j], 32);
            float s8 = ((l8[0] + l8[4]) + (l8[2] + l8[6])) + ((l8[1] + l8[5]) + (l8[3] + l8[7]));
            dw[i * KW + j0 + j] += hsum16(acc[j]) + s8 + tail[j];
        }
    }
}

MULTIVERSION void ck_depthwise_weight_grad(const float *x, long h, long w, long kh, long kw, long sh, long sw, long ph, long pw,
                                           long ho, long wo, const float *gy, float *dw, float *scratch) {
    pad_plane(x, h, w, sw, pw, scratch);
    long wp = padded_width(w, pw);
    for (long i = 0; i < kh; i++) {
        if (kw == 3) depthwise_weight_grad_row(scratch, wp, h, i, 3, sh, sw, ph, ho, wo, gy, dw);
        else if (kw == 5) depthwise_weight_grad_row(scratch, wp, h, i, 5, sh, sw, ph, ho, wo, gy, dw);
        else depthwise_weight_grad_row(scratch, wp, h, i, kw, sh, sw, ph, ho, wo, gy, dw);
    }
}

MULTIVERSION void ck_batchnorm_backward_sums(const float *x, const float *gy, float *dz, long n, float scale, float shift, float mean,
                                             int silu, float *sums) {
    v16 a1 = {0}, a2 = {0};
    float t1 = 0, t2 = 0;
    long i = 0;
    if (silu) {
        for (; i + 16 <= n; i += 16) {
            v16 v = load16(x + i), z = v * scale + shift, s;
            float zs[16], ss[16];
            memcpy(zs, &z, 64);
            for (int l = 0; l < 16; l++) ss[l] = ck_sigmoid(zs[l]);
            memcpy(&s, ss, 64);
            v16 d = load16(gy + i) * s * (1 + z * (1 - s));
            store16(dz + i, d);
            a1 += d; a2 += d * (v - mean);
        }
        for (; i < n; i++) {
            float z = x[i] * scale + shift, s = ck_sigmoid(z), d = gy[i] * s * (1 + z * (1 - s));
            dz[i] = d; t1 += d; t2 += d * (x[i] - mean);
        }
    } else {
        for (; i + 16 <= n; i += 16) { v16 d = load16(gy + i); a1 += d; a2 += d * (load16(x + i) - mean); }
        for (; i < n; i++) { t1 += gy[i]; t2 += gy[i] * (x[i] - mean); }
    }
    sums[0] = hsum16(a1) + t1;
    sums[1] = hsum16(a2) + t2;
}

MULTIVERSION void ck_column_sums(const float *g, long rows, long ld, long lo, long hi, float *out, int accumulate) {
    enum { BLOCK = 128 };  // columns per pass over the rows: 8 zmm accumulators
    for (long j0 = lo; j0 < hi; j0 += BLOCK) {
        long nj = hi - j0 < BLOCK ? hi - j0 : BLOCK;
        float acc[BLOCK];
        for (long j = 0; j < nj; j++) acc[j] = accumulate ? out[j0 + j] : 0.0f;
        for (long r = 0; r < rows; r++) {
            const float *row = g + r * ld + j0;
            for (long j = 0; j < nj; j++) acc[j] += row[j];
        }
        for (long j = 0; j < nj; j++) out[j0 + j] = acc[j];
    }
}

long ck_depthwise_input_grad_scratch_count(long h, long w, long kw, long ho, long wo) {
    long margin = kw + 32;
    return ho * (wo + 2 * margin) + 2 * (w + 32);
}

// Gather form: for input row iy and column phase q (ix = sw·m + q), every tap (i, j) with
// iy = oy·sh − ph + i and j ≡ q + pw (mod sw) reads the contiguous gy run starting at output
// column m + (q + pw − j)/sw. gy rows are copied once with zero margins (≥ 32 floats beyond any
// run), so runs are read 16 at a time without bounds checks; lanes past the row are discarded.
MULTIVERSION void ck_depthwise_input_grad_strided(const float *gy, long h, long w, long kh, long kw, long sh, long sw, long ph, long pw,
                                                  long ho, long wo, const float *wt, float *gx, int accumulate, float *scratch) {
    long margin = kw + 32, gw = wo + 2 * margin, stride = w + 32;
    float *gpad = scratch;                          // [ho, gw], row oy at gpad + oy·gw + margin
    float *phase = scratch + ho * gw;               // sw phase rows of `stride` floats
    for (long oy = 0; oy < ho; oy++) {
        float *row = gpad + oy * gw;
        memset(row, 0, (size_t)margin * sizeof(float));
        memcpy(row + margin, gy + oy * wo, (size_t)wo * sizeof(float));
        memset(row + margin + wo, 0, (size_t)margin * sizeof(float));
    }
    for (long iy = 0; iy < h; iy++) {
        for (long q = 0; q < sw; q++) {
            long width = (w - q + sw - 1) / sw;     // columns ix = sw·m + q inside the row
            float *acc = phase + q * stride;
            for (long m = 0; m < width; m += 16) store16(acc + m, (v16){0});
            for (long i = 0; i < kh; i++) {
                long t = iy + ph - i;
                if (t < 0) continue;
                long oy = sh == 1 ? t : sh == 2 ? (t & 1 ? -1 : t >> 1) : (t % sh ? -1 : t / sh);
                if (oy < 0 || oy >= ho) continue;
                const float *src = gpad + oy * gw + margin;
                for (long j = (sw == 1 ? 0 : ((q + pw) & 1)); j < kw; j += sw) {
                    long shift = sw == 1 ? pw - j : (q + pw - j) >> 1;  // exact: q + pw − j is even
                    float a = wt[i * kw + j];
                    const float *g = src + shift;
                    for (long m = 0; m < width; m += 16) store16(acc + m, load16(acc + m) + a * load16(g + m));
                }
            }
        }
        float *d = gx + iy * w;
        if (sw == 1) {
            const float *e = phase;
            if (accumulate) { for (long k = 0; k < w; k++) d[k] += e[k]; } else { memcpy(d, e, (size_t)w * sizeof(float)); }
        } else {
            const float *e = phase, *o = phase + stride;
            if (accumulate) {
                for (long k = 0; k < w / 2; k++) { d[2 * k] += e[k]; d[2 * k + 1] += o[k]; }
                if (w & 1) d[w - 1] += e[w / 2];
            } else {
                for (long k = 0; k < w / 2; k++) { d[2 * k] = e[k]; d[2 * k + 1] = o[k]; }
                if (w & 1) d[w - 1] = e[w / 2];
            }
        }
    }
}

MULTIVERSION void ck_add(long n, const float *restrict x, float *restrict y) {
    for (long i = 0; i < n; i++) y[i] += x[i];
}

MULTIVERSION void ck_layernorm_rows(const float *x, float *y, long rows, long d, const float *gamma, const float *beta, float eps, float *stats) {
    for (long r = 0; r < rows; r++) {
        const float *v = x + r * d;
        float *o = y + r * d;
        float mu = ck_sum_row(v, d) / (float)d;
        float rstd = 1.0f / __builtin_sqrtf(ck_ssd_row(v, mu, d) / (float)d + eps);
        for (long i = 0; i < d; i++) o[i] = (v[i] - mu) * rstd * gamma[i] + beta[i];
        stats[2 * r] = mu;
        stats[2 * r + 1] = rstd;
    }
}

MULTIVERSION void ck_layernorm_backward_rows(const float *x, const float *gy, const float *gamma, const float *stats, float *gx,
                                             long rows, long d, int accumulate) {
    for (long r = 0; r < rows; r++) {
        const float *v = x + r * d, *g = gy + r * d;
        float *o = gx + r * d;
        float mu = stats[2 * r], rstd = stats[2 * r + 1];
        // mean(dx̂) and mean(dx̂·x̂)·σ⁻¹ with dx̂ = g·γ
        v16 a1 = {0}, a2 = {0};
        long i = 0;
        for (; i + 16 <= d; i += 16) {
            v16 dxh = load16(g + i) * load16(gamma + i);
            a1 += dxh; a2 += dxh * (load16(v + i) - mu);
        }
        float sg = hsum16(a1), sgx = hsum16(a2);
        for (; i < d; i++) { float dxh = g[i] * gamma[i]; sg += dxh; sgx += dxh * (v[i] - mu); }
        sg /= (float)d;
        sgx = sgx * rstd / (float)d;
        if (accumulate) { for (i = 0; i < d; i++) o[i] += rstd * (g[i] * gamma[i] - sg - (v[i] - mu) * rstd * sgx); }
        else { for (i = 0; i < d; i++) o[i] = rstd * (g[i] * gamma[i] - sg - (v[i] - mu) * rstd * sgx); }
    }
}

MULTIVERSION void ck_layernorm_param_grads(const float *x, const float *gy, const float *stats, long rows, long d, long lo, long hi,
                                           float *dgamma, float *dbeta) {
    enum { BLOCK = 64 };
    for (long j0 = lo; j0 < hi; j0 += BLOCK) {
        long nj = hi - j0 < BLOCK ? hi - j0 : BLOCK;
        float ag[BLOCK], ab[BLOCK];
        for (long j = 0; j < nj; j++) { ag[j] = 0; ab[j] = 0; }
        for (long r = 0; r < rows; r++) {
            const float *v = x + r * d + j0, *g = gy + r * d + j0;
            float mu = stats[2 * r], rstd = stats[2 * r + 1];
            for (long j = 0; j < nj; j++) { ag[j] += g[j] * ((v[j] - mu) * rstd); ab[j] += g[j]; }
        }
        for (long j = 0; j < nj; j++) { dgamma[j0 + j] = ag[j]; dbeta[j0 + j] = ab[j]; }
    }
}

MULTIVERSION void ck_exp_forward(const float *restrict x, float *restrict y, long n) {
    for (long i = 0; i < n; i++) y[i] = ck_exp(x[i]);
}

// The k-th smallest of a[0..n) (0-based), rearranging a: Hoare's selection (Wirth's variant).
// On return every a[i] with i < k is ≤ a[k] and every a[i] with i > k is ≥ a[k].
static float select_kth(float *a, long n, long k) {
    long lo = 0, hi = n - 1;
    while (lo < hi) {
        float pivot = a[k];
        long i = lo, j = hi;
        do {
            while (a[i] < pivot) i++;
            while (pivot < a[j]) j--;
            if (i <= j) { float t = a[i]; a[i] = a[j]; a[j] = t; i++; j--; }
        } while (i <= j);
        if (j < k) lo = i;
        if (k < i) hi = j;
    }
    return a[k];
}

void ck_band_median_subtract(float *x, long frames, long bins, float *scratch) {
    if (frames <= 0) return;
    long k = frames / 2;
    for (long f = 0; f < bins; f++) {
        for (long t = 0; t < frames; t++) scratch[t] = x[t * bins + f];
        float upper = select_kth(scratch, frames, k);
        float m = upper;
        if (frames % 2 == 0) {
            float lower = scratch[0];
            for (long t = 1; t < k; t++) lower = scratch[t] > lower ? scratch[t] : lower;
            m = (lower + upper) / 2;
        }
        for (long t = 0; t < frames; t++) x[t * bins + f] -= m;
    }
}
