/// What the `normalize` stage does, option by option.
public struct NormalizationOptions: Sendable, Hashable {
    /// Unicode normalization form, or nil to leave the form as it is.
    public var form: ICU.NormalizationForm? = .nfc
    /// Where Vietnamese tone marks go, or nil to leave them where they are.
    public var vietnameseTones: VietnameseToneStyle? = .modern
    /// Unify spaces and line breaks, drop zero-width characters, BOMs, soft hyphens and
    /// control characters.
    public var whitespace = true
    /// Fold runs of spaces into one, and of blank lines into one blank line; trim the ends.
    public var collapseSpaces = true
    /// Typographic quotes to ASCII `"` and `'`.
    public var asciiQuotes = false
    /// Dashes and the minus sign to ASCII `-`.
    public var asciiDashes = false
    /// Legacy Vietnamese font encodings: detect, force one, or leave alone.
    public var legacy: LegacyMode = .auto

    public enum LegacyMode: String, Sendable, CaseIterable {
        case auto, off, tcvn3, vni
    }

    public init() {}
}

/// A normalized text, the map from it back to the input, and what was done.
public struct NormalizedText: Sendable {
    public var text: String
    public var map: OffsetMap
    /// The legacy encoding that was repaired, if any.
    public var legacy: LegacyVietnameseEncoding?
    /// How many pieces of the text were rewritten.
    public var changes: Int
}

/// Normalizes text in one pass over its code points, recording every change in an offset
/// map. The `normalize` stage and `mekong normalize` both call this.
///
/// The text is walked as alternating runs of separators (white space and invisible or
/// control characters) and units (everything between). A unit that is ASCII, or made only
/// of characters that are stable under NFC, is copied without calling ICU — most news text
/// is — so ICU normalizes only the units that need it.
public enum TextNormalizer {
    public static func normalize(_ text: String, options: NormalizationOptions = NormalizationOptions()) throws(ICU.Failure) -> NormalizedText {
        var source = text
        var legacyMap: OffsetMap?
        var legacy: LegacyVietnameseEncoding?
        switch options.legacy {
        case .off: break
        case .auto: legacy = LegacyVietnameseEncoding.mayBeMojibake(text) ? LegacyVietnameseEncoding.detect(Array(text.unicodeScalars)) : nil
        case .tcvn3: legacy = .tcvn3
        case .vni: legacy = .vni
        }
        if let legacy {
            let converted = legacy.convert(Array(text.unicodeScalars))
            var v = String.UnicodeScalarView()
            v.append(contentsOf: converted.scalars)
            source = String(v)
            legacyMap = converted.map
        }
        var utf8 = Array(source.utf8)
        let result = try utf8.withUnsafeMutableBufferPointer { buffer throws(ICU.Failure) in
            try normalizeUTF8(UnsafeBufferPointer(buffer), options: options)
        }
        utf8 = []
        var map = result.map
        if let legacyMap { map = map.composed(after: legacyMap) }
        let output = result.changes == 0 ? source : String(decoding: result.bytes, as: UTF8.self)
        return NormalizedText(text: output, map: map, legacy: legacy, changes: result.changes + (legacy == nil ? 0 : 1))
    }

    /// Decodes the scalar at byte `i` of valid UTF-8; returns it and its length in bytes.
    @inline(__always)
    static func decode(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> (Unicode.Scalar, Int) {
        let b0 = UInt32(p[i])
        if b0 < 0x80 { return (Unicode.Scalar(UInt8(b0)), 1) }
        if b0 < 0xE0 { return (Unicode.Scalar(((b0 & 0x1F) << 6) | (UInt32(p[i + 1]) & 0x3F))!, 2) }
        if b0 < 0xF0 {
            return (Unicode.Scalar(((b0 & 0x0F) << 12) | ((UInt32(p[i + 1]) & 0x3F) << 6) | (UInt32(p[i + 2]) & 0x3F))!, 3)
        }
        let v = ((b0 & 0x07) << 18) | ((UInt32(p[i + 1]) & 0x3F) << 12) | ((UInt32(p[i + 2]) & 0x3F) << 6) | (UInt32(p[i + 3]) & 0x3F)
        return (Unicode.Scalar(v)!, 4)
    }

    /// The main pass over valid UTF-8: separator runs and units, copied as bytes when they
    /// stay as they are (nearly always), rewritten through scalars when they change.
    static func normalizeUTF8(_ p: UnsafeBufferPointer<UInt8>, options: NormalizationOptions) throws(ICU.Failure) -> (bytes: [UInt8], map: OffsetMap, changes: Int) {
        var out: [UInt8] = []
        out.reserveCapacity(p.count)
        var builder = OffsetMap.Builder()
        var changes = 0
        var scalarsBuffer: [Unicode.Scalar] = []
        var unitBuffer: [Unicode.Scalar] = []
        var scratch: [Unicode.Scalar] = []
        let n = p.count
        let classes = CharacterClass.lookup
        /// Copies a run as it is (nil) or writes its replacement, and records which.
        func emit(_ run: UnsafeBufferPointer<UInt8>, _ count: Int, _ replacement: [Unicode.Scalar]?) {
            if let replacement {
                builder.replace(old: count, new: replacement.count)
                changes += 1
                for r in replacement { appendUTF8(r, to: &out) }
            } else {
                builder.copy(count)
                out.append(contentsOf: run)
            }
        }
        var i = 0
        var atStart = true
        while i < n {
            // A run of separators or of unit characters, in bytes and in code points.
            let (first, firstLength) = decode(p, i)
            let separator = isSeparator(first, options, classes)
            var j = i + firstLength
            var count = 1
            while j < n {
                let b = p[j]
                if b < 0x80 {
                    // ASCII: a separator is white space or a control character.
                    let isSep = b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 || b == 0x0B || b == 0x0C || (options.whitespace && (b < 0x20 || b == 0x7F))
                    if isSep != separator { break }
                    j += 1
                } else {
                    let (s, len) = decode(p, j)
                    if isSeparator(s, options, classes) != separator { break }
                    j += len
                }
                count += 1
            }
            let run = UnsafeBufferPointer(rebasing: p[i..<j])
            if separator {
                // A lone space or line break between words is what nearly every separator is.
                if run.count == 1 && (run[0] == 0x20 || run[0] == 0x0A) && !atStart && j < n {
                    builder.copy(1)
                    out.append(run[0])
                } else if options.whitespace {
                    decode(run, into: &scalarsBuffer)
                    let replacement = separatorReplacement(scalarsBuffer[...], atStart: atStart, atEnd: j == n, collapse: options.collapseSpaces)
                    emit(run, count, replacement.elementsEqual(scalarsBuffer) ? nil : replacement)
                } else {
                    emit(run, count, nil)
                }
            } else if unitMayChange(run, options) {
                decode(run, into: &scalarsBuffer)
                let changed = try normalizeUnit(scalarsBuffer, options, into: &unitBuffer, scratch: &scratch)
                emit(run, count, changed ? unitBuffer : nil)
            } else {
                emit(run, count, nil)
            }
            atStart = false
            i = j
        }
        return (out, builder.build(), changes)
    }

    /// The scalars of valid UTF-8 bytes, into a reused buffer.
    static func decode(_ run: UnsafeBufferPointer<UInt8>, into buffer: inout [Unicode.Scalar]) {
        buffer.removeAll(keepingCapacity: true)
        var k = 0
        while k < run.count { let (s, len) = decode(run, k); buffer.append(s); k += len }
    }

    @inline(__always)
    static func appendUTF8(_ s: Unicode.Scalar, to out: inout [UInt8]) {
        let v = s.value
        if v < 0x80 { out.append(UInt8(v)) }
        else if v < 0x800 { out.append(UInt8(0xC0 | (v >> 6))); out.append(UInt8(0x80 | (v & 0x3F))) }
        else if v < 0x10000 {
            out.append(UInt8(0xE0 | (v >> 12))); out.append(UInt8(0x80 | ((v >> 6) & 0x3F))); out.append(UInt8(0x80 | (v & 0x3F)))
        } else {
            out.append(UInt8(0xF0 | (v >> 18))); out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F))); out.append(UInt8(0x80 | (v & 0x3F)))
        }
    }

    /// `mayChange` over the bytes of a unit, without building scalars: ASCII units are
    /// settled by their bytes alone.
    static func unitMayChange(_ run: UnsafeBufferPointer<UInt8>, _ options: NormalizationOptions) -> Bool {
        var ascii = true
        for b in run where b >= 0x80 { ascii = false; break }
        if ascii { return options.form == .nfkcCasefold }
        return mayChange(DecodedScalars(bytes: run), options)
    }

    /// The scalars of valid UTF-8 bytes, decoded as they are read.
    struct DecodedScalars: Sequence, IteratorProtocol {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0
        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }
        mutating func next() -> Unicode.Scalar? {
            guard position < bytes.count else { return nil }
            let (s, len) = TextNormalizer.decode(bytes, position)
            position += len
            return s
        }
    }

    /// Characters dropped by the whitespace clean-up: zero-width space, word joiner, BOM,
    /// soft hyphen, and C0/C1 controls other than tab and line breaks.
    @inline(__always)
    static func isRemovable(_ s: Unicode.Scalar) -> Bool { s.characterClass.contains(.removable) }

    @inline(__always)
    static func isSeparator(_ s: Unicode.Scalar, _ options: NormalizationOptions) -> Bool {
        isSeparator(s, options, CharacterClass.lookup)
    }

    @inline(__always)
    static func isSeparator(_ s: Unicode.Scalar, _ options: NormalizationOptions, _ classes: CharacterClass.Lookup) -> Bool {
        let c = classes.of(s)
        return c.contains(.whitespace) || (options.whitespace && c.contains(.removable))
    }

    /// One separator run, cleaned: line breaks of every kind become `\n` (a paragraph
    /// separator two), other spaces a plain space, invisible characters nothing.
    static func separatorReplacement(_ run: ArraySlice<Unicode.Scalar>, atStart: Bool, atEnd: Bool, collapse: Bool) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        var newlines = 0
        var spaces = false
        var previousCR = false
        for s in run {
            switch s.value {
            case 0x0A:
                if !previousCR { newlines += 1; result.append("\n") }
            case 0x0D, 0x85, 0x2028, 0x0B, 0x0C:
                newlines += 1; result.append("\n")
            case 0x2029:
                newlines += 2; result.append("\n"); result.append("\n")
            default:
                if isRemovable(s) { break }
                spaces = true
                result.append(s == "\t" && !collapse ? "\t" : " ")
            }
            previousCR = s.value == 0x0D
        }
        guard collapse else { return result }
        if atStart || atEnd { return [] }
        if newlines >= 2 { return ["\n", "\n"] }
        if newlines == 1 { return ["\n"] }
        return spaces ? [" "] : []
    }

    static let quoteMap: [UInt32: Unicode.Scalar] = [
        0x201C: "\"", 0x201D: "\"", 0x201E: "\"", 0x201F: "\"", 0x00AB: "\"", 0x00BB: "\"", 0x301D: "\"", 0x301E: "\"", 0xFF02: "\"",
        0x2018: "'", 0x2019: "'", 0x201A: "'", 0x201B: "'", 0x2039: "'", 0x203A: "'", 0xFF07: "'",
    ]
    static let dashMap: Set<UInt32> = [0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xFE58, 0xFE63, 0xFF0D]

    /// Whether a unit may change at all: most units are plain words that NFC, tone placement
    /// and the other options leave as they are, and those are copied without work.
    static func mayChange<S: Sequence<Unicode.Scalar>>(_ unit: S, _ options: NormalizationOptions) -> Bool {
        if let form = options.form, form != .nfc {
            if form == .nfkcCasefold { return true }
            for s in unit where !s.isASCII { return true }
        }
        let table = VietnameseLetterTable.shared
        let classes = CharacterClass.lookup
        var previousVowel = false
        var previousToned = false
        for s in unit {
            if s.isASCII {
                let vowel: Bool
                switch s.asciiLowercased {
                case "a", "e", "i", "o", "u", "y": vowel = true
                default: vowel = false
                }
                if vowel && previousToned && options.vietnameseTones != nil { return true }
                previousVowel = vowel
                previousToned = false
                continue
            }
            let c = classes.of(s)
            if c.contains(.mark) || c.contains(.removable) || (options.form == .nfc && !c.contains(.nfcStable)) { return true }
            if options.asciiQuotes && quoteMap[s.value] != nil { return true }
            if options.asciiDashes && dashMap.contains(s.value) { return true }
            if let parts = table.parts(of: s) {
                // A tone can only be misplaced in a syllable with two or more vowels.
                if parts.tone != .none && previousVowel && options.vietnameseTones != nil { return true }
                if previousToned && options.vietnameseTones != nil { return true }
                previousVowel = true
                previousToned = parts.tone != .none
            } else {
                previousVowel = false
                previousToned = false
            }
        }
        return false
    }

    /// Normalizes a unit into `out`; returns whether it differs from the unit. `scratch`
    /// is working room the caller keeps between calls, so that nothing is allocated.
    static func normalizeUnit(_ unit: [Unicode.Scalar], _ options: NormalizationOptions, into out: inout [Unicode.Scalar],
                              scratch: inout [Unicode.Scalar]) throws(ICU.Failure) -> Bool {
        scratch.removeAll(keepingCapacity: true)
        for s in unit {
            if options.whitespace && isRemovable(s) { continue }
            if options.asciiQuotes, let q = quoteMap[s.value] { scratch.append(q); continue }
            if options.asciiDashes, dashMap.contains(s.value) { scratch.append("-"); continue }
            scratch.append(s)
        }
        out.removeAll(keepingCapacity: true)
        if let style = options.vietnameseTones { placeTones(scratch, style: style, compose: options.form == .nfc, into: &out) } else { out.append(contentsOf: scratch) }
        if let form = options.form, !(form == .nfc && out.allSatisfy(isStableUnderNFC)), !(form == .nfd && out.allSatisfy(\.isASCII)) {
            var v = String.UnicodeScalarView()
            v.append(contentsOf: out)
            let normalized = try ICU.normalize(String(v), form)
            out.removeAll(keepingCapacity: true)
            out.append(contentsOf: normalized.unicodeScalars)
        }
        return !out.elementsEqual(unit)
    }

    /// Appends a unit to `out` with each Vietnamese syllable's tone mark where `style` puts it
    /// (and, when `compose`, each decomposed syllable in precomposed letters).
    static func placeTones(_ scalars: [Unicode.Scalar], style: VietnameseToneStyle, compose: Bool, into out: inout [Unicode.Scalar]) {
        var k = 0
        while k < scalars.count {
            var e = k
            while e < scalars.count, isLetterOrMark(scalars[e]) { e += 1 }
            if e > k {
                let run = scalars[k..<e]
                if run.count >= 2, !run.allSatisfy(\.isASCII), let syllable = VietnameseSyllable(run),
                    syllable.toneLetter != syllable.targetLetter(style: style) || (compose && run.count != syllable.count)
                {
                    syllable.write(style: style, into: &out)
                } else {
                    out.append(contentsOf: run)
                }
                k = e
            } else {
                out.append(scalars[k])
                k += 1
            }
        }
    }

    @inline(__always)
    static func isLetterOrMark(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII { return (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") }
        return !s.characterClass.isDisjoint(with: [.letter, .mark])
    }

    /// Characters that NFC leaves as they are whatever surrounds them, as long as no
    /// combining mark follows (a mark sends the unit to ICU).
    @inline(__always)
    static func isStableUnderNFC(_ s: Unicode.Scalar) -> Bool { s.characterClass.contains(.nfcStable) }
}
