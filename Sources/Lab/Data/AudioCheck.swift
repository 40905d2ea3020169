import Foundation

/// Decodes every file of a corpus to find corrupt or truncated audio (in parallel, with a progress bar).
public enum AudioCheck {
    /// Files that fail to decode, as `.corruptAudio` issues. With `skip == false` the first
    /// failure is thrown as the `InputError` naming the file.
    public static func decodeAll(_ urls: [URL], skip: Bool, label: String = "decode check") throws -> [CorpusReport.Issue] {
        let progress = Progress(label, total: urls.count)
        let lock = NSLock()
        var issues: [CorpusReport.Issue] = []
        DispatchQueue.concurrentPerform(iterations: urls.count) { i in
            do { _ = try AudioFile.read(urls[i]) } catch let e as InputError {
                lock.lock(); issues.append(.init(kind: .corruptAudio, file: urls[i].path, row: nil, detail: e.reason)); lock.unlock()
            } catch {
                lock.lock(); issues.append(.init(kind: .corruptAudio, file: urls[i].path, row: nil, detail: "\(error)")); lock.unlock()
            }
            progress.advance()
        }
        progress.finish()
        issues.sort { $0.file < $1.file }
        if !skip, let first = issues.first {
            throw InputError(file: first.file, "\(first.detail) (\(issues.count) unreadable file(s); rerun with --on-error skip to leave them out)")
        }
        return issues
    }
}
