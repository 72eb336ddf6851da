import CLibXML2
import CMekongSystem

/// Finds where each character of a parsed text node stands in the decoded markup, so that
/// every character of the extracted text can be traced back to the source: entities
/// (`&#7879;`, `&agrave;`) map to their whole reference, CR LF to both characters. Text
/// nodes come in document order, so one cursor walks the source once.
struct SourceAligner {
    let source: [Unicode.Scalar]
    private(set) var cursor = 0
    /// Steps spent looking for text that was not found.
    private var wasted = 0
    /// How far ahead of the cursor a text node is looked for once the search for text that
    /// is not there has cost eight passes over the source; until then, to the end. (A fixed
    /// window lost every node after a long stretch of markup — inline SVG, styles — and
    /// each of them cost a whole window's scan.)
    static let window = 1 << 16

    init(_ source: [Unicode.Scalar]) { self.source = source }

    /// The source range of each scalar of `content`, or nil when it cannot be placed.
    mutating func align(_ content: [Unicode.Scalar]) -> [Range<Int>]? {
        guard let first = content.first else { return [] }
        var p = cursor
        let limit = wasted > 8 * source.count ? min(source.count, cursor + Self.window) : source.count
        while p < limit {
            if source[p] == "<" {
                if p + 1 < source.count && source[p + 1] == "!" {
                    if starts("<![CDATA[", at: p) { p += 9; continue }
                    if starts("<!--", at: p) { p = find("-->", from: p + 4).map { $0 + 3 } ?? limit; continue }
                }
                // Markup is most of a page: its tags are skipped with glibc's vectorized search.
                p = index(of: ">", from: p + 1, to: limit) + 1
                continue
            }
            // The run of text up to the next tag (a script's may be long): the text can begin
            // only where the run holds its first character, a reference or a carriage return.
            let end = index(of: "<", from: p, to: limit)
            var atFirst = index(of: first, from: p, to: end)
            var atReference = first == "&" ? atFirst : index(of: "&", from: p, to: end)
            var atReturn = first == "\r" ? atFirst : index(of: "\r", from: p, to: end)
            while true {
                let q = min(atFirst, atReference, atReturn)
                guard q < end else { break }
                if let ranges = match(content, at: q) {
                    cursor = ranges.last!.upperBound
                    return ranges
                }
                if atFirst == q { atFirst = index(of: first, from: q + 1, to: end) }
                if atReference == q { atReference = index(of: "&", from: q + 1, to: end) }
                if atReturn == q { atReturn = index(of: "\r", from: q + 1, to: end) }
            }
            p = end
        }
        wasted += p - cursor
        return nil
    }

    /// The first `value` in `source[from..<to]`, or `to`.
    private func index(of value: Unicode.Scalar, from: Int, to: Int) -> Int {
        guard from < to else { return to }
        return source.withUnsafeBufferPointer { b in
            from + mk_find_u32(UnsafeRawPointer(b.baseAddress! + from).assumingMemoryBound(to: UInt32.self), to - from, value.value)
        }
    }

    private func starts(_ literal: String, at p: Int) -> Bool {
        var k = p
        for s in literal.unicodeScalars {
            guard k < source.count, source[k] == s else { return false }
            k += 1
        }
        return true
    }

    private func find(_ literal: String, from p: Int) -> Int? {
        let needle = Array(literal.unicodeScalars)
        var k = p
        while k + needle.count <= source.count {
            if source[k] == needle[0] && Array(source[k..<k + needle.count]) == needle { return k }
            k += 1
        }
        return nil
    }

    /// The source range of each scalar of `t` when the source reads `t` at `start`. Most
    /// places tried fail within a few characters: they are checked before anything is kept.
    private func match(_ t: [Unicode.Scalar], at start: Int) -> [Range<Int>]? {
        guard walk(t, at: start, { _ in }) else { return nil }
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(t.count)
        _ = walk(t, at: start) { ranges.append($0) }
        return ranges
    }

    /// Walks `t` over the source from `start`, giving each scalar's source range to `place`;
    /// false where they part.
    @inline(__always)
    private func walk(_ t: [Unicode.Scalar], at start: Int, _ place: (Range<Int>) -> Void) -> Bool {
        var i = 0
        var q = start
        while i < t.count {
            guard q < source.count else { return false }
            let c = source[q]
            if c == "&", let (decoded, length) = entity(at: q), decoded == t[i] {
                place(q..<q + length)
                i += 1
                q += length
                continue
            }
            if c == "\r" && t[i] == "\n" {
                let length = q + 1 < source.count && source[q + 1] == "\n" ? 2 : 1
                place(q..<q + length)
                i += 1
                q += length
                continue
            }
            if c == "<" && t[i] != "<" && i > 0 {
                // A tag the parser dropped inside the text (a stray `</p>`, `</br>`): no text.
                var k = q + 1
                while k < source.count, k - q < 64, source[k] != ">" { k += 1 }
                guard k < source.count, source[k] == ">" else { return false }
                q = k + 1
                continue
            }
            guard c == t[i] else { return false }
            place(q..<q + 1)
            i += 1
            q += 1
        }
        return true
    }

    /// The character an entity reference at `p` stands for, and the reference's length.
    private func entity(at p: Int) -> (Unicode.Scalar, Int)? {
        var k = p + 1
        var name = ""
        while k < source.count, k - p < 40, source[k] != ";" {
            let s = source[k]
            guard s.isASCII, s.properties.isAlphabetic || (s >= "0" && s <= "9") || s == "#" else { return nil }
            name.unicodeScalars.append(s)
            k += 1
        }
        guard k < source.count, source[k] == ";", !name.isEmpty else { return nil }
        let length = k - p + 1
        if name.hasPrefix("#x") || name.hasPrefix("#X") {
            return UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { ($0, length) }
        }
        if name.hasPrefix("#") {
            return UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { ($0, length) }
        }
        if name == "apos" { return ("'", length) }
        guard let desc = htmlEntityLookup(name), let s = Unicode.Scalar(desc.pointee.value) else { return nil }
        return (s, length)
    }

    /// The map from a text built from aligned pieces (`origins`, one per text scalar; nil
    /// for what the extraction added, like blank lines between paragraphs) to the source.
    static func map(origins: [Range<Int>?], sourceLength: Int) -> OffsetMap {
        var b = OffsetMap.Builder()
        var oldCursor = 0
        var i = 0
        while i < origins.count {
            guard let r = origins[i], r.lowerBound >= oldCursor else {
                b.replace(old: 0, new: 1)
                i += 1
                continue
            }
            var j = i + 1
            while j < origins.count, origins[j] == r { j += 1 }
            if r.lowerBound > oldCursor { b.replace(old: r.lowerBound - oldCursor, new: 0) }
            if r.count == 1 && j - i == 1 {
                // Characters copied one for one, side by side in both: one copy for the run.
                var end = r.upperBound
                while j < origins.count, let q = origins[j], q.lowerBound == end, q.count == 1, j + 1 == origins.count || origins[j + 1] != q {
                    end += 1
                    j += 1
                }
                b.copy(end - r.lowerBound)
                oldCursor = end
            } else {
                b.replace(old: r.count, new: j - i)
                oldCursor = r.upperBound
            }
            i = j
        }
        if oldCursor < sourceLength { b.replace(old: sourceLength - oldCursor, new: 0) }
        return b.build()
    }
}
