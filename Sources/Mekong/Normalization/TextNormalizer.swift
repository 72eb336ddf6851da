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
        var input = Array(text.unicodeScalars)
        var legacyMap: OffsetMap?
        var legacy: LegacyVietnameseEncoding?
        switch options.legacy {
        case .off: break
        case .auto: legacy = LegacyVietnameseEncoding.detect(input)
        case .tcvn3: legacy = .tcvn3
        case .vni: legacy = .vni
        }
        if let legacy {
            let converted = legacy.convert(input)
            input = converted.scalars
            legacyMap = converted.map
        }
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(input.count)
        var builder = OffsetMap.Builder()
        var changes = 0
        func emit(_ original: ArraySlice<Unicode.Scalar>, _ replacement: [Unicode.Scalar]) {
            if replacement.elementsEqual(original) {
                builder.copy(original.count)
            } else {
                builder.replace(old: original.count, new: replacement.count)
                changes += 1
            }
            out.append(contentsOf: replacement)
        }
        var i = 0
        let n = input.count
        while i < n {
            var j = i
            if isSeparator(input[i], options) {
                while j < n, isSeparator(input[j], options) { j += 1 }
                let run = input[i..<j]
                guard options.whitespace else { emit(run, Array(run)); i = j; continue }
                emit(run, separatorReplacement(run, atStart: i == 0, atEnd: j == n, collapse: options.collapseSpaces))
            } else {
                while j < n, !isSeparator(input[j], options) { j += 1 }
                let unit = input[i..<j]
                if let replacement = try normalizeUnit(unit, options) {
                    emit(unit, replacement)
                } else {
                    builder.copy(unit.count)
                    out.append(contentsOf: unit)
                }
            }
            i = j
        }
        var map = builder.build()
        if let legacyMap { map = map.composed(after: legacyMap) }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: out)
        return NormalizedText(text: String(view), map: map, legacy: legacy, changes: changes + (legacy == nil ? 0 : 1))
    }

    /// Characters dropped by the whitespace clean-up: zero-width space, word joiner, BOM,
    /// soft hyphen, and C0/C1 controls other than tab and line breaks.
    @inline(__always)
    static func isRemovable(_ s: Unicode.Scalar) -> Bool { s.characterClass.contains(.removable) }

    @inline(__always)
    static func isSeparator(_ s: Unicode.Scalar, _ options: NormalizationOptions) -> Bool {
        let c = s.characterClass
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
    static func mayChange(_ unit: ArraySlice<Unicode.Scalar>, _ options: NormalizationOptions) -> Bool {
        if let form = options.form, form != .nfc {
            if form == .nfkcCasefold || !unit.allSatisfy(\.isASCII) { return true }
        }
        let table = VietnameseLetterTable.shared
        var previousVowel = false
        var previousToned = false
        for s in unit {
            if s.isASCII {
                let vowel = "aeiouyAEIOUY".unicodeScalars.contains(s)
                if vowel && previousToned && options.vietnameseTones != nil { return true }
                previousVowel = vowel
                previousToned = false
                continue
            }
            let c = s.characterClass
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

    /// The unit normalized, or nil when it stays as it is.
    static func normalizeUnit(_ unit: ArraySlice<Unicode.Scalar>, _ options: NormalizationOptions) throws(ICU.Failure) -> [Unicode.Scalar]? {
        guard mayChange(unit, options) else { return nil }
        var scalars = Array(unit)
        if options.whitespace { scalars.removeAll(where: isRemovable) }
        if options.asciiQuotes || options.asciiDashes {
            for k in scalars.indices {
                let v = scalars[k].value
                if options.asciiQuotes, let q = quoteMap[v] { scalars[k] = q }
                if options.asciiDashes, dashMap.contains(v) { scalars[k] = "-" }
            }
        }
        if let style = options.vietnameseTones { scalars = placeTones(scalars, style: style) }
        guard let form = options.form else { return scalars }
        if form == .nfc && scalars.allSatisfy(isStableUnderNFC) { return scalars }
        if form == .nfd && scalars.allSatisfy({ $0.isASCII }) { return scalars }
        var s = String.UnicodeScalarView()
        s.append(contentsOf: scalars)
        return Array(try ICU.normalize(String(s), form).unicodeScalars)
    }

    /// Rewrites each Vietnamese syllable of a unit with its tone mark where `style` puts it.
    static func placeTones(_ scalars: [Unicode.Scalar], style: VietnameseToneStyle) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(scalars.count)
        var k = 0
        while k < scalars.count {
            var e = k
            while e < scalars.count, isLetterOrMark(scalars[e]) { e += 1 }
            if e > k {
                let run = scalars[k..<e]
                if run.count >= 2, !run.allSatisfy(\.isASCII), let syllable = VietnameseSyllable(run) {
                    result.append(contentsOf: syllable.written(style: style))
                } else {
                    result.append(contentsOf: run)
                }
                k = e
            } else {
                result.append(scalars[k])
                k += 1
            }
        }
        return result
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
