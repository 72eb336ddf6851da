/// FNV-1a, the 64-bit hash the hot loops use to compare words, keys and abbreviations as
/// numbers instead of strings: start from `seed`, `mix` in each code point, byte or code.
enum FNV1a {
    static let seed: UInt64 = 0xCBF2_9CE4_8422_2325

    @inline(__always) static func mix(_ h: UInt64, _ v: UInt64) -> UInt64 { (h ^ v) &* 0x0000_0100_0000_01B3 }
    @inline(__always) static func mix(_ h: UInt64, _ s: Unicode.Scalar) -> UInt64 { mix(h, UInt64(s.value)) }
    @inline(__always) static func mix(_ h: UInt64, _ b: UInt8) -> UInt64 { mix(h, UInt64(b)) }

    /// The hash of a string's UTF-8 bytes.
    static func hash(utf8Of s: String) -> UInt64 {
        var s = s
        return s.withUTF8 { $0.reduce(seed, mix) }
    }
}
