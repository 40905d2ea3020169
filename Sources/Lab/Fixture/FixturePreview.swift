import Foundation

/// Spectrogram figures of a corpus as gnuplot scripts plus matrix data: one call of every species
/// (a grid) and one soundscape with its true calls marked. Features come from the mel-dB front end.
public enum FixturePreview {
    /// A gnuplot script, the data files it reads and the images it writes (all in one folder).
    public struct Figure: Sendable {
        public var script: String
        public var scriptName: String
        /// File name → contents.
        public var data: [String: String]
        public var outputs: [String]
    }

    /// Front end of the call panels: mel-dB in [0, 1], 32 ms windows, 8 ms hop.
    static let callFrontEnd = FrontEnd(kind: .melDb, nFFT: 1024, hop: 256, fmin: 0, fmax: 16_000, frames: nil)
    /// Front end of the soundscape panel: 32 ms hop over the minute.
    static let soundscapeFrontEnd = FrontEnd(kind: .melDb, nFFT: 1024, hop: 1024, fmin: 0, fmax: 16_000, frames: nil)

    public static func figures(_ corpus: FixtureCorpus) -> [Figure] {
        [calls(corpus)] + (chosenSoundscape(corpus).map { [soundscape($0, corpus)] } ?? [])
    }

    /// Matrix text for gnuplot (`matrix nonuniform`): first row = x (seconds), first column = y (mel bin).
    static func matrixText(_ m: FeatureMatrix, secondsPerFrame: Double) -> String {
        var lines = [([String(m.frames)] + (0 ..< m.frames).map { String(format: "%.3f", Double($0) * secondsPerFrame) }).joined(separator: " ")]
        for bin in 0 ..< m.bins {
            var row = [String(bin)]
            for frame in 0 ..< m.frames { row.append(String(format: "%.3f", m.values[frame * m.bins + bin])) }
            lines.append(row.joined(separator: " "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One call of every species, each padded with silence to at least 1 s, in a grid.
    static func calls(_ corpus: FixtureCorpus) -> Figure {
        let rate = FixtureCorpus.sampleRate
        let species = corpus.species
        let columns = 5
        let rows = (species.count + columns - 1) / columns
        var data: [String: String] = [:]
        var body = "set multiplot layout \(rows),\(columns) title 'one call per species (mel-dB, 0–16 kHz), preset \(corpus.preset.name), seed \(corpus.seed)'\n"
        body += "set palette grey negative\nunset colorbox\nset xlabel 's'\nset ylabel 'mel bin'\nset yrange [0:127]\nset tics font ',7'\n"
        for (i, s) in species.enumerated() {
            let call = CallSynthesis.render(s.model, sampleRate: rate, seed: corpus.seed &+ UInt64(i))
            let pad = max(0.2, (1 - s.model.duration) / 2)
            let padding = [Float](repeating: 0, count: Int(pad * Double(rate)))
            var x = padding + call + padding
            SignalShaping.normalise(&x, rms: 0.1)
            let name = "call_\(s.label).dat"
            data[name] = matrixText(callFrontEnd(x), secondsPerFrame: Double(callFrontEnd.hop) / Double(rate))
            let tag = s.inList ? s.label : "\(s.label) (out of list)"
            body += "set title '\(tag): \(s.model.kind.rawValue)' font ',8'\nplot '\(name)' matrix nonuniform with image notitle\n"
        }
        body += "unset multiplot\n"
        return Figure(script: script(name: "calls", width: 300 * columns, height: 220 * rows, body: body),
                      scriptName: "calls.gp", data: data, outputs: ["calls.png"])
    }

    /// The mixed soundscape with the most class-list species.
    static func chosenSoundscape(_ corpus: FixtureCorpus) -> Soundscape? {
        corpus.soundscapes.max { a, b in
            let na = Set(a.calls.filter { corpus.species[$0.species].inList }.map(\.species)).count
            let nb = Set(b.calls.filter { corpus.species[$0.species].inList }.map(\.species)).count
            return (na, b.name) < (nb, a.name)
        }
    }

    /// The soundscape's spectrogram with its true calls marked above it (green: class list, red: out of list).
    static func soundscape(_ s: Soundscape, _ corpus: FixtureCorpus) -> Figure {
        let rate = FixtureCorpus.sampleRate
        let features = soundscapeFrontEnd(s.render(sampleRate: rate))
        let dataName = "soundscape_\(s.name).dat"
        var body = "set title '\(s.name) (\(s.weather.summary)) — marks: true calls, green = class list, red = out of list' noenhanced\n"
        body += "set palette grey negative\nset xlabel 's'\nset ylabel 'mel bin'\nset xrange [0:\(s.duration)]\nset yrange [0:140]\n"
        var seen = Set<Int>()
        for (i, c) in s.calls.enumerated() {
            let colour = corpus.species[c.species].inList ? "#1a9850" : "#d73027"
            let lane = 129 + Double(c.species % 4) * 2.5
            body += "set object \(i + 1) rect from \(c.start),\(lane) to \(min(c.end, s.duration)),\(lane + 2) fc rgb '\(colour)' fs solid noborder front\n"
            if seen.insert(c.species).inserted {
                body += "set label \(i + 1) '\(corpus.species[c.species].label)' at \(c.start),\(lane + 1) offset 0,0.1 font ',7' front\n"
            }
        }
        body += "plot '\(dataName)' matrix nonuniform with image notitle\n"
        let name = "soundscape"
        return Figure(script: script(name: name, width: 1600, height: 500, body: body), scriptName: "\(name).gp",
                      data: [dataName: matrixText(features, secondsPerFrame: Double(soundscapeFrontEnd.hop) / Double(rate))],
                      outputs: ["\(name).png"])
    }

    static func script(name: String, width: Int, height: Int, body: String) -> String {
        """
        # \(name).gp — written by `ablations fixture --preview`; run in this folder: gnuplot \(name).gp
        set encoding utf8
        set terminal pngcairo size \(width),\(height) font "DejaVu Sans,10" noenhanced
        set output '\(name).png'
        \(body)
        set output

        """
    }
}
