import Foundation

/// The report's figures as gnuplot scripts plus data files, rendered from run records only:
/// training curves (mean over seeds), ablation deltas against the parent with 95 % error bars
/// per evaluation set, and per-class AUC per evaluation set.
public enum GnuplotFigures {
    public static func make(suite: String, rows: [ReportRow]) -> [PlotFigure] {
        guard !rows.isEmpty else { return [] }
        var figures = [curves(suite: suite, rows: rows)]
        let sets = Array(Set(rows.flatMap { $0.ordered.flatMap { $0.results.map(\.set) } })).sorted()
        if rows.contains(where: { $0.parent != nil }) {
            figures += sets.map { deltas(suite: suite, rows: rows, set: $0) }
        }
        figures += sets.map { perClassAUC(suite: suite, rows: rows, set: $0) }
        return figures
    }

    /// Train loss and validation samples F1 @0.5 per epoch, mean over seeds, one line per row.
    static func curves(suite: String, rows: [ReportRow]) -> PlotFigure {
        var data = "# epoch  mean train loss  mean validation samples F1 @0.5 — one block per row\n"
        for (i, row) in rows.enumerated() {
            if i > 0 { data += "\n\n" }
            data += "# \(row.number) \(row.spec.name)\n"
            let epochs = Set(row.ordered.flatMap { $0.epochs.map(\.epoch) }).sorted()
            for e in epochs {
                let at = row.ordered.compactMap { $0.epochs.first { $0.epoch == e } }
                let loss = at.map(\.trainLoss).reduce(0, +) / Double(at.count)
                let f1 = at.map(\.validationSamplesF1).reduce(0, +) / Double(at.count)
                data += "\(e) \(number(loss)) \(number(f1))\n"
            }
        }
        func plot(column: Int) -> String {
            "plot " + rows.enumerated().map { i, row in
                "'curves.dat' index \(i) using 1:\(column) with linespoints lw 2 title \"\(quoted(row.number + " " + row.spec.name))\""
            }.joined(separator: ", \\\n     ")
        }
        let body = """
        set multiplot layout 1,2 title "Training curves, mean over seeds (suite \(suite))"
        set grid
        set key outside bottom center horizontal
        set xlabel 'epoch'
        set xtics 1
        set ylabel 'train loss'
        set title 'train loss'
        \(plot(column: 2))
        set ylabel 'samples F1 @0.5'
        set title 'validation samples F1 @0.5 (model selection)'
        \(plot(column: 3))
        unset multiplot
        """
        return PlotFigure(name: "curves", title: "Training curves", script: PlotFigure.script(name: "curves", width: 1200, height: 520, body: body),
                          data: ["curves.dat": data])
    }

    /// Δ vs parent of samples F1 @tuned, micro F1 @tuned, macro AUC and cmAP on `set`, with the
    /// paired 95 % t-interval as error bars.
    static func deltas(suite: String, rows: [ReportRow], set: EvaluationSet) -> PlotFigure {
        let metrics = [ReportMetric(.samplesF1, .tunedOnValidation), ReportMetric(.microF1, .tunedOnValidation),
                       ReportMetric(.macroAUC), ReportMetric(.cmAP)]
        let name = "deltas-\(set.rawValue)"
        var data = "# x  label  then per metric (\(metrics.map(\.key).joined(separator: ", "))): mean delta, low, high\n"
        var x = 0
        for row in rows {
            guard let parentName = row.parent, let parent = rows.first(where: { $0.spec.name == parentName }) else { continue }
            x += 1
            var fields = ["\(x)", "\"\(quoted(row.number + " " + row.spec.name + " vs " + parent.number))\""]
            for metric in metrics {
                if let d = PairedDelta(row: row.values(metric, on: set), parent: parent.values(metric, on: set)) {
                    fields += [number(d.mean), number(d.interval?.lowerBound ?? d.mean), number(d.interval?.upperBound ?? d.mean)]
                } else {
                    fields += ["NaN", "NaN", "NaN"]
                }
            }
            data += fields.joined(separator: " ") + "\n"
        }
        let offsets = [-0.24, -0.08, 0.08, 0.24]
        let series = metrics.enumerated().map { i, metric in
            "'\(name).dat' using ($1\(offsets[i] < 0 ? "" : "+")\(offsets[i])):\(3 + 3 * i):\(4 + 3 * i):\(5 + 3 * i)\(i == 0 ? ":xtic(2)" : "") with yerrorbars pt 7 lw 2 title 'Δ \(metric.title)'"
        }.joined(separator: ", \\\n     ")
        let body = """
        set title "Δ vs parent on \(set.label), 95 % paired t-interval over seeds (suite \(suite))"
        set grid ytics
        set key outside bottom center horizontal
        set xrange [0.5:\(x).5]
        set xtics rotate by -20
        set ylabel 'Δ metric (row − parent)'
        set xzeroaxis lt -1
        plot \(series)
        """
        return PlotFigure(name: name, title: "Ablation deltas on \(set.label)", script: PlotFigure.script(name: name, width: 1100, height: 560, body: body),
                          data: ["\(name).dat": data])
    }

    /// Per-class ROC AUC on `set`, mean over seeds, one line per row; classes in model order.
    static func perClassAUC(suite: String, rows: [ReportRow], set: EvaluationSet) -> PlotFigure {
        let name = "per-class-auc-\(set.rawValue)"
        let classes = rows.lazy.compactMap { $0.ordered.first?.data.classes }.first ?? []
        var data = "# class index  class  then mean AUC per row (\(rows.map(\.spec.name).joined(separator: ", "))); NaN = not scorable\n"
        for (c, label) in classes.enumerated() {
            var fields = ["\(c + 1)", "\"\(quoted(label))\""]
            for row in rows {
                let values = row.ordered.compactMap { r -> Double? in
                    guard let m = r.results.first(where: { $0.set == set })?.metrics, c < m.perClassAUC.count else { return nil }
                    return m.perClassAUC[c]
                }
                fields.append(values.isEmpty ? "NaN" : number(values.reduce(0, +) / Double(values.count)))
            }
            data += fields.joined(separator: " ") + "\n"
        }
        let xtics = classes.count <= 60 ? ":xtic(2)" : ""
        let series = rows.enumerated().map { i, row in
            "'\(name).dat' using 1:\(3 + i)\(i == 0 ? xtics : "") with linespoints pt 7 ps 0.6 title \"\(quoted(row.number + " " + row.spec.name))\""
        }.joined(separator: ", \\\n     ")
        let body = """
        set title "Per-class ROC AUC on \(set.label), mean over seeds (suite \(suite))"
        set grid
        set key outside bottom center horizontal
        set xrange [0:\(classes.count + 1)]
        set yrange [*:1.02]
        set xtics rotate by -60 font ",7"
        set ylabel 'ROC AUC'
        set datafile missing 'NaN'
        plot \(series)
        """
        return PlotFigure(name: name, title: "Per-class AUC on \(set.label)", script: PlotFigure.script(name: name, width: 1200, height: 560, body: body),
                          data: ["\(name).dat": data])
    }

    /// Shortest round-trip text of a finite double; "NaN" otherwise.
    static func number(_ x: Double) -> String { x.isFinite ? "\(x)" : "NaN" }
    static func quoted(_ s: String) -> String { s.replacingOccurrences(of: "\"", with: "'") }
}
