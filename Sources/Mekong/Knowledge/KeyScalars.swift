/// Per-scalar answers for the alias keys' hot loops, for every scalar below U+2100 (Latin with
/// Vietnamese's U+1Exx letters, Greek, Cyrillic, dashes and quotes, …), worked out once from the
/// Unicode tables.
/// A key is then built scalar by scalar, without `String.lowercased()` or a normalization call
/// per name; a scalar outside the tables, or one whose answer is not one scalar (`İ`, `ß`),
/// sends the whole key down the general path.
enum KeyScalars {
    static let limit: UInt32 = 0x2100
    /// The answer meaning "take the general path".
    static let general = UInt32.max

    /// Scalar → its lower case when that is one scalar.
    static let lower: [UInt32] = (0..<limit).map { v in
        guard let s = Unicode.Scalar(v) else { return general }
        let mapped = s.properties.lowercaseMapping.unicodeScalars
        return mapped.count == 1 ? mapped.first!.value : general
    }

    /// The first scalar of `s` in lower case (the whole of it for all but a few, like `İ`).
    @inline(__always) static func lowerFirst(_ s: Unicode.Scalar) -> UInt32 {
        if s.value < limit, case let l = lower[Int(s.value)], l != general { return l }
        return s.properties.lowercaseMapping.unicodeScalars.first?.value ?? s.value
    }

    /// Scalar → what folding leaves of it: the base letter, 0 for a mark that folding drops.
    static let fold: [UInt32] = (0..<limit).map { v in
        guard let s = Unicode.Scalar(v) else { return general }
        let kept = AliasKey.generalFold(String(s)).unicodeScalars
        if kept.isEmpty { return 0 }
        return kept.count == 1 ? kept.first!.value : general
    }

    /// Scalar → whether folding leaves it as it is, or as a scalar canonically equal to it
    /// (`;` for the Greek question mark), as string comparison counts.
    static let foldKeeps: [Bool] = fold.enumerated().map { v, f in
        guard f != general, f != 0, let s = Unicode.Scalar(UInt32(v)), let t = Unicode.Scalar(f) else { return false }
        return f == s.value || String(s) == String(t)
    }
}
