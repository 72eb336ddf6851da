/// What the `quantities` layer writes for tools: `value`, `min` and `max` are numbers or absent;
/// dates, times and durations carry their normal form in `normal`, in the annotation
/// guidelines' shape — dates `YYYY-MM-DD` with `X` for what the text leaves open (`XXXX-02-09`,
/// `2024-XX-XX`, `196X-XX-XX`), times `T07:00`, durations ISO 8601 (`P3M`) — and durations a
/// number and a unit word (`year` … `second`).
extension Quantity {
    /// The normal form of a date, time or duration (or of a range of them), else nil.
    public var normal: String? {
        guard let iso else { return nil }
        let ofDates = kind == .date || (kind == .range && rangeOf == .date)
        guard ofDates else { return iso }
        return iso.split(separator: "/", omittingEmptySubsequences: false).map { Self.guidelineDate(String($0)) }.joined(separator: "/")
    }

    /// A duration's unit word and how many of it one designator is (a decade is ten years).
    static func durationUnit(_ designator: String) -> (word: String, factor: Double)? {
        switch designator {
        case "Y": return ("year", 1)
        case "M": return ("month", 1)
        case "W": return ("week", 1)
        case "D": return ("day", 1)
        case "H": return ("hour", 1)
        case "MIN": return ("minute", 1)
        case "S": return ("second", 1)
        case "DECADE": return ("year", 10)
        case "CENTURY": return ("year", 100)
        default: return nil
        }
    }

    /// An ISO 8601 date with parts left open (`--02-09`, `2025-02`, `1998`, `192X`, `---03`,
    /// `--02`) in the guidelines' shape (`XXXX-02-09`, `2025-02-XX`, `1998-XX-XX`, `192X-XX-XX`,
    /// `XXXX-XX-03`, `XXXX-02-XX`).
    static func guidelineDate(_ iso: String) -> String {
        if iso.hasPrefix("---") { return "XXXX-XX-" + iso.dropFirst(3) }
        if iso.hasPrefix("--") {
            let rest = iso.dropFirst(2).split(separator: "-")
            return "XXXX-" + (rest.first.map(String.init) ?? "XX") + "-" + (rest.count > 1 ? String(rest[1]) : "XX")
        }
        let parts = iso.split(separator: "-").map(String.init)
        guard let year = parts.first, year.count == 4 else { return iso }
        return year + "-" + (parts.count > 1 ? parts[1] : "XX") + "-" + (parts.count > 2 ? parts[2] : "XX")
    }
}
