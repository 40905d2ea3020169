import Foundation

/// Throughput of the engine's GEMM-bound ops next to raw `cblas_sgemm` on the very GEMM shapes
/// each op issues, and memory over a steady training loop (`ablations bench ops`).
public enum OpsBenchmark {
    /// One measured op: forward+backward GFLOP/s of the op and of its bare GEMMs.
    public struct Row: Sendable {
        public var name: String
        public var gflop: Double          // GEMM flops per call (forward or backward)
        public var opSeconds: Double
        public var sgemmSeconds: Double
        public var opGFLOPs: Double { gflop / opSeconds }
        public var sgemmGFLOPs: Double { gflop / sgemmSeconds }
        public var ratio: Double { sgemmSeconds / opSeconds }
    }

    /// A GEMM shape as the op calls it.
    struct Gemm {
        var ta = false
        var tb = false
        var m: Int, n: Int, k: Int, lda: Int, ldb: Int, ldc: Int
        var count = 1
        /// The op runs its `count` products as one pool job, each product whole on one thread
        /// (attention's per-(batch, head) products); the reference does the same.
        var perThread = false
    }

    /// Best-of time of `body` (repeats until ~0.4 s or 20 runs, after one warm-up).
    static func time(_ body: () -> Void) -> Double {
        body()
        var best = Double.infinity, total = 0.0, runs = 0
        while total < 0.4 && runs < 20 {
            let t0 = DispatchTime.now().uptimeNanoseconds
            body()
            let dt = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
            best = min(best, dt); total += dt; runs += 1
        }
        return best
    }

    /// Times the bare GEMMs (fresh buffers of the right sizes, contents irrelevant).
    static func timeGemms(_ gemms: [Gemm]) -> Double {
        let buffers = gemms.map { g -> (Storage, Storage, Storage) in
            (Storage(count: g.m * max(g.lda, g.k) + g.k * g.lda), Storage(count: max(g.k, g.n) * g.ldb + g.n * g.ldb),
             Storage(count: g.m * g.ldc * (g.perThread ? Threads.count : 1)))   // one C per thread
        }
        for (a, b, c) in buffers { for s in [a, b, c] { s.pointer.update(repeating: 0.01, count: s.count) } }
        return time {
            for (g, (a, b, c)) in zip(gemms, buffers) {
                let one = { (worker: Int) in
                    sgemm(transA: g.ta, transB: g.tb, m: g.m, n: g.n, k: g.k, a.pointer, lda: g.lda, b.pointer, ldb: g.ldb,
                          c.pointer + worker * g.m * g.ldc, ldc: g.ldc)
                }
                if g.perThread { poolRun(g.count) { _, worker in one(worker) } } else { for _ in 0 ..< g.count { one(0) } }
            }
        }
    }

    static func flops(_ gemms: [Gemm]) -> Double { gemms.reduce(0) { $0 + 2 * Double($1.m * $1.n * $1.k * $1.count) } / 1e9 }

    static func random(_ shape: [Int], _ rng: inout SeededGenerator) -> Tensor {
        let t = Tensor(uninitialized: shape)
        for i in 0 ..< t.count { t.data[i] = rng.uniformFloat(-1, 1) }
        return t
    }

    /// Forward and backward rows for one op; `make` builds the output from leaf inputs.
    static func measure(_ name: String, inputs: [Tensor], forward: [Gemm], backward: [Gemm], _ make: ([Tensor]) -> Tensor) -> [Row] {
        let fwd = time { Autograd.noGrad { _ = make(inputs) } }
        for t in inputs { t.isLeafRequiringGrad = true }
        // Backward alone: build the graph outside the timed region each time.
        var backwardBest = Double.infinity
        for _ in 0 ..< 6 {
            let y = make(inputs)
            let seed = Tensor(shape: y.shape, repeating: 0.001)
            for t in inputs { t.grad = nil }
            let t0 = DispatchTime.now().uptimeNanoseconds
            y.backward(seed: seed)
            backwardBest = min(backwardBest, Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
        }
        for t in inputs { t.isLeafRequiringGrad = false; t.grad = nil }
        return [
            Row(name: "\(name) fwd", gflop: flops(forward), opSeconds: fwd, sgemmSeconds: timeGemms(forward)),
            Row(name: "\(name) bwd", gflop: flops(backward), opSeconds: backwardBest, sgemmSeconds: timeGemms(backward)),
        ]
    }

    /// The GEMM-bound ops at the shapes of the study's CPU models (batch 32).
    public static func gemmRows(batch b: Int = 32) -> [Row] {
        var rng = SeededGenerator(seed: 1)
        var rows: [Row] = []
        // ViT-tiny MLP fc1: [B·257, 192] → 768.
        let n = b * 257
        do {
            let x = random([b, 257, 192], &rng), w = random([768, 192], &rng), bias = random([768], &rng)
            rows += measure("linear 192→768 (ViT mlp.fc1)", inputs: [x, w, bias],
                            forward: [Gemm(tb: true, m: n, n: 768, k: 192, lda: 192, ldb: 192, ldc: 768)],
                            backward: [Gemm(m: n, n: 192, k: 768, lda: 768, ldb: 192, ldc: 192), Gemm(ta: true, m: 768, n: 192, k: n, lda: 768, ldb: 192, ldc: 192)]) {
                linear($0[0], weight: $0[1], bias: $0[2])
            }
        }
        // Attention: 3 heads of 64 over 257 tokens.
        do {
            let t = 257, h = 3, dh = 64, d = 192
            let qkv = random([b, t, 3 * d], &rng)
            let per = b * h
            rows += measure("attention 3×64, T=257", inputs: [qkv],
                            forward: [Gemm(tb: true, m: t, n: t, k: dh, lda: 3 * d, ldb: 3 * d, ldc: t, count: per, perThread: true),
                                      Gemm(m: t, n: dh, k: t, lda: t, ldb: 3 * d, ldc: d, count: per, perThread: true)],
                            backward: [Gemm(tb: true, m: t, n: t, k: dh, lda: d, ldb: 3 * d, ldc: t, count: per, perThread: true),
                                       Gemm(m: t, n: dh, k: t, lda: t, ldb: 3 * d, ldc: 3 * d, count: per, perThread: true),
                                       Gemm(ta: true, m: t, n: dh, k: t, lda: t, ldb: 3 * d, ldc: 3 * d, count: 2 * per, perThread: true)]) {
                attention(qkv: $0[0], heads: h)
            }
        }
        // ViT patch embedding: 16×16 stride 16 on [B, 1, 512, 128] → 192.
        do {
            let x = random([b, 1, 512, 128], &rng), w = random([192, 1, 16, 16], &rng), bias = random([192], &rng)
            rows += measure("conv 16×16/16 1→192 (patch embed)", inputs: [x, w, bias],
                            forward: [Gemm(m: 192, n: 256 * 4, k: 256, lda: 256, ldb: 256 * 4, ldc: 256 * 4, count: b / 4)],
                            backward: [Gemm(tb: true, m: 192, n: 256, k: 1024, lda: 1024, ldb: 1024, ldc: 256, count: b / 4),
                                       Gemm(ta: true, m: 256, n: 1024, k: 192, lda: 256, ldb: 1024, ldc: 1024, count: b / 4)]) {
                conv2d($0[0], weight: $0[1], bias: $0[2], stride: (16, 16))
            }
        }
        // EfficientNet pointwise expand at stage 2: [B, 24, 32, 64] → 144 (1×1, per-sample GEMMs).
        do {
            let l = 32 * 64
            let x = random([b, 24, 32, 64], &rng), w = random([144, 24, 1, 1], &rng)
            rows += measure("conv 1×1 24→144 @32×64", inputs: [x, w],
                            forward: [Gemm(m: 144, n: l, k: 24, lda: 24, ldb: l, ldc: l, count: b)],
                            backward: [Gemm(tb: true, m: 144, n: 24, k: l, lda: l, ldb: l, ldc: 24, count: b),
                                       Gemm(ta: true, m: 24, n: l, k: 144, lda: 24, ldb: l, ldc: l, count: b)]) {
                conv2d($0[0], weight: $0[1], bias: nil)
            }
        }
        // EfficientNet pointwise at the last stage: [B, 1152, 4, 8] → 192 (samples packed).
        do {
            let l = 32, pack = min(b, 1024 / l), cols = pack * l, groups = (b + pack - 1) / pack
            let x = random([b, 1152, 4, 8], &rng), w = random([192, 1152, 1, 1], &rng)
            rows += measure("conv 1×1 1152→192 @4×8", inputs: [x, w],
                            forward: [Gemm(m: 192, n: cols, k: 1152, lda: 1152, ldb: cols, ldc: cols, count: groups)],
                            backward: [Gemm(tb: true, m: 192, n: 1152, k: cols, lda: cols, ldb: cols, ldc: 1152, count: groups),
                                       Gemm(ta: true, m: 1152, n: cols, k: 192, lda: 1152, ldb: cols, ldc: cols, count: groups)]) {
                conv2d($0[0], weight: $0[1], bias: nil)
            }
        }
        // EfficientNet head conv 3×3 would be im2col; the stem is 3×3 s2 1→32 on [B, 1, 128, 256].
        do {
            let l = 64 * 128
            let x = random([b, 1, 128, 256], &rng), w = random([32, 1, 3, 3], &rng)
            rows += measure("conv 3×3/2 1→32 (stem)", inputs: [x, w],
                            forward: [Gemm(m: 32, n: l, k: 9, lda: 9, ldb: l, ldc: l, count: b)],
                            backward: [Gemm(tb: true, m: 32, n: 9, k: l, lda: l, ldb: l, ldc: 9, count: b)]) {
                conv2d($0[0], weight: $0[1], bias: nil, stride: (2, 2), padding: (1, 1))
            }
        }
        return rows
    }

    /// Direct (non-GEMM) kernels: depthwise conv and BatchNorm+SiLU at EfficientNet shapes, in GFLOP/s and GB/s.
    public static func directRows(batch b: Int = 32) -> [(name: String, forward: Double, backward: Double, gflop: Double)] {
        var rng = SeededGenerator(seed: 2)
        var out: [(String, Double, Double, Double)] = []
        func run(_ name: String, _ inputs: [Tensor], gflop: Double, _ f: ([Tensor]) -> Tensor) {
            let rows = measure(name, inputs: inputs, forward: [], backward: [], f)
            out.append((name, rows[0].opSeconds, rows[1].opSeconds, gflop))
        }
        let x = random([b, 96, 64, 128], &rng)
        run("depthwise 3×3/2 96ch @64×128", [x, random([96, 1, 3, 3], &rng)], gflop: 2 * Double(b * 96 * 32 * 64 * 9) / 1e9) {
            depthwiseConv2d($0[0], weight: $0[1], bias: nil, stride: (2, 2), padding: (1, 1))
        }
        let y = random([b, 240, 16, 32], &rng)
        run("depthwise 5×5/1 240ch @16×32", [y, random([240, 1, 5, 5], &rng)], gflop: 2 * Double(b * 240 * 16 * 32 * 25) / 1e9) {
            depthwiseConv2d($0[0], weight: $0[1], bias: nil, stride: (1, 1), padding: (2, 2))
        }
        run("silu 96ch @64×128", [x], gflop: 0) { silu($0[0]) }
        run("x·2+1 96ch @64×128 (bandwidth)", [x], gflop: 0) { affine($0[0], scale: 2, shift: 1) }
        let g = random([96], &rng), bt = random([96], &rng)
        run("batchnorm+silu 96ch @64×128", [x, g, bt], gflop: 0) {
            batchNorm($0[0], gamma: $0[1], beta: $0[2], runningMean: Tensor(zeros: [96]), runningVar: Tensor(shape: [96], repeating: 1), training: true, activation: .silu)
        }
        return out
    }

    /// Memory over `steps` training steps of a small conv + attention model: (step, RSS bytes,
    /// pool bytes, pool high-water bytes, system allocations) at a few checkpoints.
    public static func memoryRun(steps: Int = 1000) -> [(step: Int, rss: Int, poolBytes: Int, highWater: Int, allocations: Int)] {
        var rng = SeededGenerator(seed: 3)
        let conv = Conv2d(1, 16, kernel: 3, stride: 2, padding: 1, bias: false, rng: &rng)
        let bn = BatchNorm2d(16, activation: .silu)
        let dw = Conv2d(16, 16, kernel: 3, padding: 1, groups: 16, bias: false, rng: &rng)
        let qkv = Linear(16, 48, rng: &rng), proj = Linear(16, 16, rng: &rng), norm = LayerNorm(16)
        let head = Linear(16, 10, rng: &rng)
        let stream = RandomStream(rng.split("drop"))
        let params = [("conv", conv), ("bn", bn), ("dw", dw), ("qkv", qkv), ("proj", proj), ("norm", norm), ("head", head)] as [(String, any Module)]
        let named = params.flatMap { p in p.1.namedParameters(prefix: p.0 + ".") }
        let opt = AdamW([ParameterGroup(named, lr: 1e-3, weightDecay: 0.01)])
        let x = random([16, 1, 32, 32], &rng), t = Tensor(zeros: [16, 10])
        for i in 0 ..< 16 { t.data[i * 10 + i % 10] = 1 }
        var report: [(Int, Int, Int, Int, Int)] = []
        BufferPool.shared.resetHighWater()
        for step in 1 ... steps {
            let h = dw(bn(conv(x)))                                            // [16, 16, 16, 16]
            let tokens = h.reshaped([16, 16, 256]).transposed(1, 2)            // [16, 256, 16]
            let a = tokens + proj(attention(qkv: qkv(norm(tokens)), heads: 2))  // [16, 256, 16]
            let logits = head(dropout(mean(a, axis: 1), p: 0.1, training: true, rng: &stream.generator))
            let loss = bceWithLogits(logits, t)
            loss.backward()
            clipGradNorm(named.map(\.1), maxNorm: 1)
            opt.step(); opt.zeroGrad()
            if [1, 10, 100, 250, 500, 750, 1000].contains(step) || step == steps {
                let pool = BufferPool.shared
                report.append((step, residentBytes(), pool.liveBytes + pool.cachedBytes, pool.highWaterBytes, pool.systemAllocations))
            }
        }
        return report
    }

    /// Resident set size of this process from /proc/self/statm (0 where unavailable).
    public static func residentBytes() -> Int {
        guard let s = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let parts = s.split(separator: " ")
        guard parts.count > 1, let pages = Int(parts[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// Peak resident set size (VmHWM) from /proc/self/status (0 where unavailable).
    public static func peakResidentBytes() -> Int {
        guard let s = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in s.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let kb = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
            return kb * 1024
        }
        return 0
    }
}
