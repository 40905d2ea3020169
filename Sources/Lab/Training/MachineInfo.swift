import Foundation

/// The machine a run ran on.
public struct MachineInfo: Codable, Equatable, Sendable {
    public var cores: Int
    public var cpuModel: String
    public var operatingSystem: String
    public var memoryGiB: Double

    public init(cores: Int, cpuModel: String, operatingSystem: String, memoryGiB: Double) {
        self.cores = cores; self.cpuModel = cpuModel; self.operatingSystem = operatingSystem; self.memoryGiB = memoryGiB
    }

    /// This machine: active cores, `/proc/cpuinfo` model name, `/etc/os-release` pretty name.
    public static var current: MachineInfo {
        let info = ProcessInfo.processInfo
        let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))
            .flatMap { field("model name", in: $0, separator: ":") } ?? "unknown"
        let os = (try? String(contentsOfFile: "/etc/os-release", encoding: .utf8))
            .flatMap { field("PRETTY_NAME", in: $0, separator: "=") }
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) } ?? info.operatingSystemVersionString
        return MachineInfo(cores: info.activeProcessorCount, cpuModel: cpu, operatingSystem: os,
                           memoryGiB: (Double(info.physicalMemory) / 1_073_741_824 * 10).rounded() / 10)
    }

    /// The value of the first `key<separator>value` line.
    static func field(_ key: String, in text: String, separator: Character) -> String? {
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: separator, maxSplits: 1)
            if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == key {
                return parts[1].trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }
}
