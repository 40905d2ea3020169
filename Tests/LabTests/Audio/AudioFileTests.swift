import Foundation
import Testing
@testable import Lab

@Suite struct AudioFileTests {
    @Test func missingFileNamesThePath() {
        let url = URL(fileURLWithPath: "/nonexistent/clip.ogg")
        #expect(throws: InputError.self) { try AudioFile.read(url) }
    }
}
