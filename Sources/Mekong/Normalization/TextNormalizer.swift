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
    /// The code points of the text (of the input when nothing changed), when the pass made
    /// them on its way: the document keeps them, so that the stages after need not decode.
    var scalars: [Unicode.Scalar]? = nil
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
        var bytes = text
        let result = bytes.withUTF8 { bytes -> Result<NormalizedText, ICU.Failure> in
            do throws(ICU.Failure) { return .success(try normalize(bytes, options: options, original: text)) } catch { return .failure(error) }
        }
        var normalized = try result.get()
        if normalized.changes == 0 { normalized.text = text }
        return normalized
    }

    /// Normalizes valid UTF-8; the result's text is empty when nothing changed. `original`,
    /// when given, is the string `bytes` are the UTF-8 of: the output is then put together
    /// from slices of it, which needs no check that the bytes are valid UTF-8 again.
    static func normalize(_ bytes: UnsafeBufferPointer<UInt8>, options: NormalizationOptions,
                          original: String? = nil) throws(ICU.Failure) -> NormalizedText {
        let legacy: LegacyVietnameseEncoding
        var scalars: [Unicode.Scalar]
        switch options.legacy {
        case .tcvn3: legacy = .tcvn3; scalars = decodeAll(bytes)
        case .vni: legacy = .vni; scalars = decodeAll(bytes)
        case .off, .auto:
            let pass = try normalizeUTF8(bytes, options: options)
            // The pass counted the bytes that tell mojibake from proper Vietnamese; only a
            // text that looks like it is checked further (and normalized again if it is).
            let suspicious = options.legacy == .auto && pass.latin1 >= 3 && pass.proper * 50 < pass.latin1
            scalars = suspicious ? decodeAll(bytes) : []
            guard suspicious, let found = LegacyVietnameseEncoding.detect(scalars) else {
                let output = pass.changes == 0 ? "" : original.map(pass.string(from:)) ?? String(decoding: pass.bytes(from: bytes), as: UTF8.self)
                return NormalizedText(text: output, map: pass.map, legacy: nil, changes: pass.changes, scalars: pass.scalars)
            }
            legacy = found
        }
        let converted = legacy.convert(scalars)
        scalars = []
        var utf8: [UInt8] = []
        utf8.reserveCapacity(converted.scalars.count * 2)
        for s in converted.scalars { appendUTF8(s, to: &utf8) }
        let pass = try utf8.withUnsafeBufferPointer { b throws(ICU.Failure) in try normalizeUTF8(b, options: options) }
        let output = pass.changes == 0 ? String(decoding: utf8, as: UTF8.self)
            : utf8.withUnsafeBufferPointer { String(decoding: pass.bytes(from: $0), as: UTF8.self) }
        return NormalizedText(text: output, map: pass.map.composed(after: converted.map), legacy: legacy, changes: pass.changes + 1,
                              scalars: pass.scalars)
    }

    /// The code points of valid UTF-8.
    static func decodeAll(_ bytes: UnsafeBufferPointer<UInt8>) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        decode(bytes, into: &out)
        return out
    }

    /// Decodes the scalar at byte `i` of valid UTF-8; returns it and its length in bytes.
    @inline(__always)
    static func decode(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> (Unicode.Scalar, Int) { ValidUTF8.scalar(p, at: i) }

    /// What the main pass returns: the pieces it rewrote, the output's code points, the map,
    /// and the counts of bytes that suggest legacy-font mojibake (Latin-1 letters) or proper
    /// Vietnamese (letters beyond Latin-1).
    struct Pass {
        /// A rewritten piece: its bytes in the input, and the bytes of `replacements` that
        /// take its place.
        struct Edit {
            var source: Range<Int>
            var replacement: Range<Int>
        }
        /// In input order, none overlapping.
        var edits: [Edit]
        var replacements: [UInt8]
        var scalars: [Unicode.Scalar]
        var map: OffsetMap
        var changes: Int
        var latin1: Int
        var proper: Int

        /// How many bytes longer the output is than the input (less than zero when shorter).
        var growth: Int { edits.reduce(0) { $0 + $1.replacement.count - $1.source.count } }

        /// The output as bytes, `input` being the bytes the pass read.
        func bytes(from input: UnsafeBufferPointer<UInt8>) -> [UInt8] {
            var out: [UInt8] = []
            out.reserveCapacity(input.count + growth)
            var cursor = 0
            for e in edits {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: input[cursor..<e.source.lowerBound]))
                out.append(contentsOf: replacements[e.replacement])
                cursor = e.source.upperBound
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: input[cursor...]))
            return out
        }

        /// The output as a string, `input` being the string the pass read: its unchanged
        /// stretches are appended as slices of it (copied, not validated again).
        func string(from input: String) -> String {
            let utf8 = input.utf8
            func index(_ offset: Int) -> String.Index { utf8.index(utf8.startIndex, offsetBy: offset) }
            var out = ""
            out.reserveCapacity(utf8.count + growth)
            var cursor = 0
            for e in edits {
                if e.source.lowerBound > cursor { out += input[index(cursor)..<index(e.source.lowerBound)] }
                out += String(decoding: replacements[e.replacement], as: UTF8.self)
                cursor = e.source.upperBound
            }
            if cursor < utf8.count { out += input[index(cursor)...] }
            return out
        }
    }

    /// The main pass over valid UTF-8: separator runs and units, left where they are when
    /// they stay as they are (nearly always: the output is built only from the first change
    /// on, and unchanged stretches are copied in one piece), rewritten through code points
    /// when they change.
    static func normalizeUTF8(_ p: UnsafeBufferPointer<UInt8>, options: NormalizationOptions) throws(ICU.Failure) -> Pass {
        var edits: [Pass.Edit] = []
        var replacements: [UInt8] = []
        // Every code point of the output, so that the stages after need not decode it again.
        var written = AppendBuffer<Unicode.Scalar>(capacity: p.count)
        var pendingCopy = 0  // code points kept since the map builder last heard
        var builder = OffsetMap.Builder()
        var changes = 0
        var latin1 = 0
        var proper = 0
        var scalarsBuffer: [Unicode.Scalar] = []
        var unitBuffer: [Unicode.Scalar] = []
        var scratch: [Unicode.Scalar] = []
        let n = p.count
        let flags = NormalizerFlags.shared
        // Which flags make a unit worth a closer look, by the options.
        var work = NormalizerFlags.mark
        if options.whitespace { work |= NormalizerFlags.removable }
        if options.form == .nfc { work |= NormalizerFlags.notNFCStable }
        if options.asciiQuotes { work |= NormalizerFlags.quote }
        if options.asciiDashes { work |= NormalizerFlags.dash }
        let separatorFlags = NormalizerFlags.separator | (options.whitespace ? NormalizerFlags.removable : 0)
        let anyNonASCIIChanges = options.form != nil && options.form != .nfc
        let tones = options.vietnameseTones != nil

        /// Replaces the bytes `range` (`oldCount` code points, the last ones written) with
        /// `replacement`.
        func replace(_ range: Range<Int>, _ oldCount: Int, _ replacement: [Unicode.Scalar]) {
            builder.copy(pendingCopy)
            pendingCopy = 0
            builder.replace(old: oldCount, new: replacement.count)
            let from = replacements.count
            for r in replacement { appendUTF8(r, to: &replacements) }
            edits.append(Pass.Edit(source: range, replacement: from..<replacements.count))
            written.removeLast(oldCount)
            written.append(contentsOf: replacement)
            changes += 1
        }

        // What makes the scan of units stop at one for a closer look.
        let look = Stretch.Look(flags: work, always: options.form == .nfkcCasefold, nonASCII: anyNonASCIIChanges, tonedVowelPairs: tones)
        var i = 0
        while i < n {
            // The rest of the input fits in the writer, whatever was rewritten before.
            written.reserve(n - i)
            if flags.of(decode(p, i).0) & separatorFlags != 0 {
                // White space other than a lone space or line break between words.
                let run = scanSeparators(p, from: i, separatorFlags, flags, into: written.end)
                written.didWrite(run.count)
                latin1 += run.latin1
                let j = run.end
                let count = run.count
                if count == 1 && (p[i] == 0x20 || p[i] == 0x0A) && i > 0 && j < n {
                    pendingCopy += 1
                } else if options.whitespace {
                    let run = UnsafeBufferPointer(rebasing: p[i..<j])
                    decode(run, into: &scalarsBuffer)
                    let replacement = separatorReplacement(scalarsBuffer[...], atStart: i == 0, atEnd: j == n, collapse: options.collapseSpaces)
                    if replacement.elementsEqual(scalarsBuffer) { pendingCopy += count } else { replace(i..<j, count, replacement) }
                } else {
                    pendingCopy += count
                }
                i = j
                continue
            }
            // Units and the lone spaces between them, up to a unit worth a closer look.
            let stretch = scanUnits(p, from: i, separatorFlags, look, flags, into: written.end)
            written.didWrite(stretch.count)
            latin1 += stretch.latin1
            proper += stretch.proper
            pendingCopy += stretch.count - stretch.unitCount
            // The last unit: whether it may change at all. A tone mark can only sit on the
            // wrong vowel where two vowels meet and one of them carries it (`hoá`, `thuỷ`);
            // only a unit with such a pair has its syllables judged.
            let unit = stretch.unitStart..<stretch.end
            let count = stretch.unitCount
            // The unit's code points, as the scan wrote them.
            let unitScalars = UnsafeBufferPointer(start: written.end - count, count: count)
            var mayChange = look.mayChange(flags: stretch.unitFlags, nonASCII: stretch.unitNonASCII)
            if tones && stretch.unitTonedVowelPair && !mayChange && !tonesSettled(unitScalars, flags, style: options.vietnameseTones!) {
                mayChange = true
            }
            if mayChange {
                scalarsBuffer.removeAll(keepingCapacity: true)
                scalarsBuffer.append(contentsOf: unitScalars)
                if try normalizeUnit(scalarsBuffer, options, into: &unitBuffer, scratch: &scratch) {
                    replace(unit, count, unitBuffer)
                } else {
                    pendingCopy += count
                }
            } else {
                pendingCopy += count
            }
            i = unit.upperBound
        }
        builder.copy(pendingCopy)
        return Pass(edits: edits, replacements: replacements, scalars: written.array(), map: builder.build(), changes: changes,
                    latin1: latin1, proper: proper)
    }

    /// A run of separators the main pass read.
    struct SeparatorRun {
        var end = 0
        var count = 0
        var latin1 = 0
    }

    /// Reads the separators from byte `i`, writing their code points to `out` (which has room
    /// for the rest of the input).
    static func scanSeparators(_ p: UnsafeBufferPointer<UInt8>, from i: Int, _ separatorFlags: UInt8, _ flags: NormalizerFlags,
                               into out: UnsafeMutablePointer<Unicode.Scalar>) -> SeparatorRun {
        var run = SeparatorRun()
        var j = i
        while j < p.count {
            let b = p[j]
            let s: Unicode.Scalar
            let length: Int
            if b < 0x80 { s = Unicode.Scalar(b); length = 1 } else { (s, length) = decode(p, j); if b <= 0xC3 { run.latin1 += 1 } }
            if flags.of(s) & separatorFlags == 0 { break }
            out[run.count] = s
            run.count += 1
            j += length
        }
        run.end = j
        return run
    }

    /// Units the main pass read in one go, with the lone spaces and line breaks between them,
    /// and what it knows of the last unit (the one the scan stopped at).
    struct Stretch {
        /// What makes a unit worth a closer look: any of `flags` among its characters, any
        /// unit at all, any character beyond ASCII, or two vowels side by side with a tone
        /// mark on one of them.
        struct Look {
            var flags: UInt8
            var always: Bool
            var nonASCII: Bool
            var tonedVowelPairs: Bool

            /// Whether a unit with these flags and characters may change, whatever its tones.
            @inline(__always)
            func mayChange(flags unitFlags: UInt8, nonASCII unitNonASCII: Bool) -> Bool {
                always || unitFlags & flags != 0 || (nonASCII && unitNonASCII)
            }
        }
        /// Code points read, lone separators included.
        var count = 0
        /// Where the last unit begins and ends, in bytes, and its code points.
        var unitStart = 0
        var end = 0
        var unitCount = 0
        /// The last unit's flags, or-ed; whether it goes beyond ASCII; whether two of its
        /// vowels meet, one with a tone mark.
        var unitFlags: UInt8 = 0
        var unitNonASCII = false
        var unitTonedVowelPair = false
        var latin1 = 0
        var proper = 0
    }

    /// Reads units from byte `i` (not a separator) — and a lone space or line break after a
    /// unit, when another unit follows it — until a unit worth a closer look, other white
    /// space, or the end; writes the code points to `out` (which has room for the rest of the
    /// input). The loop over nearly every character of a text: it keeps to its own locals.
    @inline(__always)
    static func scanUnits(_ p: UnsafeBufferPointer<UInt8>, from i: Int, _ separatorFlags: UInt8, _ look: Stretch.Look,
                          _ flags: NormalizerFlags, into out: UnsafeMutablePointer<Unicode.Scalar>) -> Stretch {
        var stretch = Stretch()
        let n = p.count
        var j = i
        var count = 0
        var unitStart = i
        var unitFirst = 0  // the code point the last unit begins at
        var or: UInt8 = 0
        var nonASCII = false
        var pair = false
        while j < n {
            let b = p[j]
            let s: Unicode.Scalar
            let length: Int
            let f: UInt8
            if b < 0x80 {
                s = Unicode.Scalar(b)
                length = 1
                f = flags.of(s)
            } else {
                (s, length) = decode(p, j)
                nonASCII = true
                if b <= 0xC3 { stretch.latin1 += 1 } else if b <= 0xC6 || (b == 0xE1 && (p[j + 1] == 0xBA || p[j + 1] == 0xBB)) { stretch.proper += 1 }
                f = flags.of(s)
                // A toned vowel (never ASCII) beside another vowel of the unit.
                if f & NormalizerFlags.toned != 0 && !pair {
                    pair = (count > unitFirst && flags.of(out[count - 1]) & NormalizerFlags.vowel != 0)
                        || (j + length < n && flags.of(decode(p, j + length).0) & NormalizerFlags.vowel != 0)
                }
            }
            if f & separatorFlags != 0 {
                // The unit ends here; read on past a lone space or line break if it needs no look.
                let needsLook = look.mayChange(flags: or, nonASCII: nonASCII) || (look.tonedVowelPairs && pair)
                guard !needsLook, b == 0x20 || b == 0x0A, j + 1 < n, flags.of(decode(p, j + 1).0) & separatorFlags == 0 else { break }
                out[count] = s
                count += 1
                j += 1
                unitStart = j
                unitFirst = count
                or = 0
                nonASCII = false
                pair = false
                continue
            }
            or |= f
            out[count] = s
            j += length
            count += 1
        }
        stretch.count = count
        stretch.unitStart = unitStart
        stretch.end = j
        stretch.unitCount = count - unitFirst
        stretch.unitFlags = or
        stretch.unitNonASCII = nonASCII
        stretch.unitTonedVowelPair = pair
        return stretch
    }

    /// Whether every syllable of a unit has its tone mark where `style` puts it, as far as its
    /// vowels tell (see `VowelCluster`); false sends the unit to the full parse.
    static func tonesSettled(_ unit: UnsafeBufferPointer<Unicode.Scalar>, _ flags: NormalizerFlags, style: VietnameseToneStyle) -> Bool {
        var cluster = VowelCluster()
        for s in unit {
            let v = flags.vowelInfo(s)
            if v & 0x0F != 0 {
                cluster.add(v)
            } else {
                if cluster.mayBeMisplaced && !cluster.settled(finalConsonant: v != 0, style: style) { return false }
                cluster.consonant(s, isLetter: v != 0)
            }
        }
        return !cluster.mayBeMisplaced || cluster.settled(finalConsonant: false, style: style)
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

    /// Characters dropped by the whitespace clean-up: zero-width space, word joiner, BOM,
    /// soft hyphen, and C0/C1 controls other than tab and line breaks.
    @inline(__always)
    static func isRemovable(_ s: Unicode.Scalar) -> Bool { s.characterClass.contains(.removable) }

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

    /// Normalizes a unit into `out`; returns whether it differs from the unit. `scratch`
    /// is working room the caller keeps between calls, so that nothing is allocated.
    static func normalizeUnit(_ unit: [Unicode.Scalar], _ options: NormalizationOptions, into out: inout [Unicode.Scalar],
                              scratch: inout [Unicode.Scalar]) throws(ICU.Failure) -> Bool {
        // Invisible characters out, quotes and dashes unified — when there is any to do (a unit
        // rarely holds any: the main pass sends white space and invisible ones to separators).
        // The table read once: `characterClass` per code point pays a lazy-global check each time.
        let classes = CharacterClass.lookup
        let filter = options.asciiQuotes || options.asciiDashes
            || (options.whitespace && unit.contains { classes.of($0).contains(.removable) })
        if filter {
            scratch.removeAll(keepingCapacity: true)
            for s in unit {
                if options.whitespace && classes.of(s).contains(.removable) { continue }
                if options.asciiQuotes, let q = quoteMap[s.value] { scratch.append(q); continue }
                if options.asciiDashes, dashMap.contains(s.value) { scratch.append("-"); continue }
                scratch.append(s)
            }
        }
        let source = filter ? scratch : unit
        out.removeAll(keepingCapacity: true)
        if let style = options.vietnameseTones { placeTones(source, style: style, compose: options.form == .nfc, into: &out) } else { out.append(contentsOf: source) }
        if let form = options.form, !(form == .nfc && out.allSatisfy { classes.of($0).contains(.nfcStable) }), !(form == .nfd && out.allSatisfy(\.isASCII)) {
            let composed = out
            try ICU.normalize(composed, form, into: &out)
        }
        return !out.elementsEqual(unit)
    }

    /// Appends a unit to `out` with each Vietnamese syllable's tone mark where `style` puts it
    /// (and, when `compose`, each decomposed syllable in precomposed letters).
    static func placeTones(_ scalars: [Unicode.Scalar], style: VietnameseToneStyle, compose: Bool, into out: inout [Unicode.Scalar]) {
        let classes = CharacterClass.lookup
        var k = 0
        while k < scalars.count {
            var e = k
            while e < scalars.count, isLetterOrMark(scalars[e], classes) { e += 1 }
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
    static func isLetterOrMark(_ s: Unicode.Scalar, _ classes: CharacterClass.Lookup) -> Bool {
        if s.isASCII { return (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") }
        return !classes.of(s).isDisjoint(with: [.letter, .mark])
    }
}
