import CMekongSystem

/// ASCII-lower-cased bytes searched with `memmem`: class and id cues are checked against
/// dozens of patterns per element, and Foundation's `String.contains` is far too slow for it.
struct LowercasedBytes {
    let bytes: [UInt8]

    init(_ text: String) {
        bytes = text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }
    }

    init(bytes: [UInt8]) { self.bytes = bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 } }

    var isBlank: Bool { bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D } }

    func contains(_ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= bytes.count else { return needle.isEmpty }
        return bytes.withUnsafeBytes { h in
            needle.withUnsafeBytes { n in mk_memmem(h.baseAddress, h.count, n.baseAddress, n.count) != nil }
        }
    }

    func containsAny(_ needles: [[UInt8]]) -> Bool { needles.contains { contains($0) } }

    /// The offset of `needle` at or after `from`, or nil.
    func find(_ needle: [UInt8], from: Int = 0) -> Int? {
        guard from < bytes.count, needle.count <= bytes.count - from else { return nil }
        return bytes.withUnsafeBytes { h -> Int? in
            needle.withUnsafeBytes { n -> Int? in
                guard let p = mk_memmem(h.baseAddress! + from, h.count - from, n.baseAddress, n.count) else { return nil }
                return p - UnsafeRawPointer(h.baseAddress!)
            }
        }
    }
}
