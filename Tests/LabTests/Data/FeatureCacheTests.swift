import Foundation
import Testing
@testable import Lab

@Suite struct FeatureCacheTests {
    func maxError(_ a: [Float], _ b: [Float]) -> Float { zip(a, b).map { abs($0 - $1) }.max() ?? .infinity }

    @Test func cachedWindowsEqualTheFrontEndAndAreReused() throws {
        let root = try DataTestSupport.writeCorpus(at: DataTestSupport.temporaryFolder(), species: ["aaa": 2, "bbb": 1], seconds: 7)
        let corpus = try Corpus.load(root)
        let files = corpus.recordings.map(\.url)
        let cacheRoot = root.appendingPathComponent("cache")
        let cache = try FeatureCache(root: cacheRoot, frontEnd: .birdMAE)
        let first = try cache.build(files)
        #expect(first.filesComputed == 3 && first.windowsComputed == 6 && first.windowsReused == 0)  // 7 s → 2 windows
        #expect(first.bytesOnDisk == Int64(6 * 512 * 128 * 2))
        for url in files {
            for start in [0.0, 5.0] {
                let cached = try #require(cache.features(url, start: start))
                let direct = FrontEnd.birdMAE(try AudioFile.read(url, offset: start, duration: 5))
                #expect(cached.frames == 512 && cached.bins == 128)
                #expect(maxError(cached.values, direct.values) < 4e-3)  // float16 at |x| < 4
            }
            #expect(cache.features(url, start: 10) == nil)
            #expect(cache.features(url, start: 2.5) == nil)
        }
        // a new instance on the same folder reuses everything
        let again = try FeatureCache(root: cacheRoot, frontEnd: .birdMAE).build(files)
        #expect(again.windowsComputed == 0 && again.windowsReused == 6)
        // changing one file recomputes only that file
        try DataTestSupport.writeWav(DataTestSupport.tone(12, frequency: 3000), to: files[1])
        let reopened = try FeatureCache(root: cacheRoot, frontEnd: .birdMAE)
        let changed = try reopened.build(files)
        #expect(changed.filesComputed == 1 && changed.windowsComputed == 3 && changed.windowsReused == 4)
        let direct = FrontEnd.birdMAE(try AudioFile.read(files[1], offset: 10, duration: 5))
        #expect(maxError(try #require(reopened.features(files[1], start: 10)).values, direct.values) < 4e-3)
        #expect(maxError(try #require(reopened.features(files[0], start: 5)).values,
                         FrontEnd.birdMAE(try AudioFile.read(files[0], offset: 5, duration: 5)).values) < 4e-3)
        // a different front end lives in another folder and starts empty
        let cnn = try FeatureCache(root: cacheRoot, frontEnd: .studyCNN)
        #expect(cnn.folder != reopened.folder)
        #expect(cnn.features(files[0], start: 0) == nil)
    }

    @Test func corruptAndTruncatedAudioFailOrAreSkippedAndCounted() throws {
        let folder = DataTestSupport.temporaryFolder()
        let good = folder.appendingPathComponent("good.wav"), garbage = folder.appendingPathComponent("garbage.wav")
        let truncated = folder.appendingPathComponent("truncated.wav")
        try DataTestSupport.writeWav(DataTestSupport.tone(3, frequency: 800), to: good)
        try Data(repeating: 0x5A, count: 5000).write(to: garbage)
        try DataTestSupport.writeWav(DataTestSupport.tone(3, frequency: 800), to: truncated)
        let bytes = try Data(contentsOf: truncated)
        try bytes.prefix(bytes.count / 2).write(to: truncated)
        let cache = try FeatureCache(root: folder.appendingPathComponent("cache"), frontEnd: .studyCNN)
        #expect(throws: InputError.self) { try cache.build([good, garbage, truncated]) }
        let report = try cache.build([good, garbage, truncated], skipUnreadable: true)
        #expect(report.skipped.map(\.path) == [garbage.path, truncated.path])
        #expect(report.windowsComputed == 1)
        #expect(cache.features(good, start: 0) != nil)
        #expect(throws: InputError.self) { try AudioCheck.decodeAll([good, truncated], skip: false) }
        #expect(try AudioCheck.decodeAll([good, garbage, truncated], skip: true).count == 2)
    }

    @Test func realMiniSoundscapeWindows() throws {
        guard let mini = DataTestSupport.realMini else { return }
        let corpus = try Corpus.load(mini)
        let url = try #require(corpus.soundscapes.first { $0.lastPathComponent == "opensoundscape_metadata.ogg" })
        let cache = try FeatureCache(root: DataTestSupport.temporaryFolder(), frontEnd: .studyCNN)
        let r = try cache.build([url])
        #expect(r.windowsComputed == 3)  // 14.97 s: the last window is zero-padded
        let last = try #require(cache.features(url, start: 10))
        let direct = FrontEnd.studyCNN(try AudioFile.read(url, offset: 10, duration: 5))
        #expect(maxError(last.values, direct.values) < 1e-3)
    }
}
