// swift-tools-version:6.0
import PackageDescription

/// Release builds drop overflow and exclusivity checks in numeric loops; debug keeps them.
let fastMath: [SwiftSetting] = [
    .unsafeFlags(["-Ounchecked", "-wmo"], .when(configuration: .release)),
    .swiftLanguageMode(.v5),
]

let package = Package(
    name: "Birdlab",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "Lab", targets: ["Lab"]),
        .executable(name: "ablations", targets: ["Ablations"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.0"),
        // Spec files (YAML / JSON suites and rows): parsed into nodes with line marks.
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // Debian: libsndfile1-dev — decodes wav / flac / ogg (Vorbis, Opus) / mp3, writes ogg.
        .systemLibrary(name: "CSndfile", pkgConfig: "sndfile", providers: [.apt(["libsndfile1-dev"])]),
        // Debian: libfftw3-dev — single precision FFTW plus its threads library (thread-safe planner).
        .systemLibrary(name: "CFFTW", pkgConfig: "fftw3f", providers: [.apt(["libfftw3-dev"])]),
        // Debian: libopenblas-dev — cblas_sgemm for every matrix product.
        .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        // Debian: libsoxr-dev — band-limited resampling to 32 kHz.
        .systemLibrary(name: "CSoxr", pkgConfig: "soxr", providers: [.apt(["libsoxr-dev"])]),
        // Vectorised float kernels (elementwise, softmax, normalisation, depthwise convolution),
        // each cloned for AVX-512 / AVX2+FMA / baseline x86-64 and picked at load time.
        .target(
            name: "CKernels",
            cSettings: [.unsafeFlags(["-O3"])]
        ),
        .target(
            name: "Lab",
            dependencies: [
                "CSndfile", "CFFTW", "COpenBLAS", "CSoxr", "CKernels",
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: fastMath
        ),
        .executableTarget(
            name: "Ablations",
            dependencies: ["Lab", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: fastMath
        ),
        .testTarget(
            name: "LabTests",
            dependencies: ["Lab"],
            resources: [],
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
    ]
)
