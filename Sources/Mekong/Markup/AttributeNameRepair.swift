#if canImport(Glibc)
import Glibc
#endif

/// Makes attribute names that HTML allows readable by libxml2 2.9's HTML parser, in place.
///
/// HTML5 allows any character in an attribute name but white space, `/`, `>` and `=`, and
/// front-end frameworks use that: Vue's `@click.prevent` and `#default`, Angular's `(click)`,
/// `[value]` and `*ngIf`. libxml2 2.9 reads a name only as `[A-Za-z_:.][A-Za-z0-9_:.-]*`. On
/// any other name it skips to the next blank and reads the rest of the quoted value as markup,
/// so a `>` in that value (`'Recording > Microphones'` in a shop's tracking call) ends the tag
/// and the rest of the value becomes page text.
///
/// This pass walks the markup as libxml2 does — comments, `<!…>` and `<?…>` declarations, the
/// raw text of `script` and `style` are skipped — and in each start tag rewrites every byte of
/// an attribute name that libxml2 would reject to `_`. Byte for byte: nothing moves, and only
/// names are touched (never text or a value), so the text and its offsets stay as they were.
///
/// The same pass bounds the attributes of an element: libxml2 checks each new attribute
/// against all earlier ones of its element and appends it by walking their list, so 200,000
/// attributes on one element took minutes. Those past `maxAttributes` are blanked to spaces
/// (again byte for byte) before libxml2 sees them. XML gets that bound only (`xml: true`):
/// its names are left alone, its CDATA sections skipped, and no element's text is raw.
enum AttributeNameRepair {
    /// More attributes than any real element carries; the rest of an element's are dropped.
    static let maxAttributes = 1_000

    /// What one pass changed.
    struct Outcome: Equatable {
        /// Attribute names rewritten for libxml2.
        var renamed = 0
        /// Attributes blanked because their element already had `maxAttributes`.
        var dropped = 0
    }

    /// Rewrites the attribute names in `bytes` (UTF-8 HTML); returns how many names changed.
    @discardableResult
    static func repair(_ bytes: inout [UInt8]) -> Int {
        bytes.withUnsafeMutableBufferPointer { repair($0, maxAttributes: .max).renamed }
    }

    /// Rewrites the attribute names (HTML only) and drops the attributes past `maxAttributes`
    /// per element.
    static func repair(_ bytes: inout [UInt8], maxAttributes: Int, xml: Bool = false) -> Outcome {
        bytes.withUnsafeMutableBufferPointer { repair($0, maxAttributes: maxAttributes, xml: xml) }
    }

    static func repair(_ p: UnsafeMutableBufferPointer<UInt8>, maxAttributes: Int, xml: Bool = false) -> Outcome {
        guard let base = p.baseAddress else { return Outcome() }
        let n = p.count
        var changed = 0
        var dropped = 0
        var i = 0
        while i < n {
            // The next `<`.
            guard let hit = memchr(base + i, 0x3C, n - i) else { break }
            i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            guard i + 1 < n else { break }
            let next = p[i + 1]
            if next == 0x21 {  // `<!`
                if i + 3 < n && p[i + 2] == 0x2D && p[i + 3] == 0x2D {
                    i = find(p, "-->", from: i + 4).map { $0 + 3 } ?? n
                } else if xml && i + 2 < n && p[i + 2] == 0x5B {  // `<![CDATA[`
                    i = find(p, "]]>", from: i + 3).map { $0 + 3 } ?? n
                } else {
                    i = find(p, ">", from: i + 2).map { $0 + 1 } ?? n
                }
                continue
            }
            if next == 0x3F || next == 0x2F {  // `<?…>`, an end tag
                i = find(p, ">", from: i + 2).map { $0 + 1 } ?? n
                continue
            }
            guard isASCIILetter(next) else { i += 1; continue }
            // A start tag: its name, then its attributes up to `>`.
            var j = i + 1
            while j < n, isNameByte(p[j]) { j += 1 }
            let name = i + 1..<j
            var attributes = 0
            while j < n {
                let b = p[j]
                if b == 0x3E { j += 1; break }  // `>`
                if isBlank(b) || b == 0x2F { j += 1; continue }  // white space, `/`
                // An attribute name: what HTML5 reads as one.
                let start = j
                var bad = false
                while j < n {
                    let c = p[j]
                    if isBlank(c) || c == 0x2F || c == 0x3E || (c == 0x3D && j > start) { break }
                    if !xml && !(j == start ? isNameStart(c) : isNameByte(c)) { p[j] = 0x5F; bad = true }
                    j += 1
                }
                if bad { changed += 1 }
                attributes += 1
                // Its value, if any.
                var k = j
                while k < n, isBlank(p[k]) { k += 1 }
                if k < n, p[k] == 0x3D {
                    k += 1
                    while k < n, isBlank(p[k]) { k += 1 }
                    if k < n, p[k] == 0x22 || p[k] == 0x27 {
                        j = find(p, p[k] == 0x22 ? "\"" : "'", from: k + 1).map { $0 + 1 } ?? n
                    } else {
                        j = k
                        while j < n, !isBlank(p[j]), p[j] != 0x3E { j += 1 }
                    }
                }
                if attributes > maxAttributes {
                    for b in start..<j { p[b] = 0x20 }
                    dropped += 1
                }
            }
            i = j
            // libxml2 ends a script or style only at `</` and the element's name.
            if !xml && (equalsIgnoringCase(p, name, "script") || equalsIgnoringCase(p, name, "style")) {
                i = endTag(p, name: name, from: i) ?? n
            }
        }
        return Outcome(renamed: changed, dropped: dropped)
    }

    @inline(__always) static func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
    @inline(__always) static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C }
    /// The first byte of a name libxml2 reads: a letter, `_`, `:` or `.`.
    @inline(__always) static func isNameStart(_ b: UInt8) -> Bool { isASCIILetter(b) || b == 0x5F || b == 0x3A || b == 0x2E }
    /// A later byte: those, a digit or `-`.
    @inline(__always) static func isNameByte(_ b: UInt8) -> Bool { isNameStart(b) || (b >= 0x30 && b <= 0x39) || b == 0x2D }

    /// Where the end tag of the element `name` (a range of `p`) next starts at or after `from`.
    static func endTag(_ p: UnsafeMutableBufferPointer<UInt8>, name: Range<Int>, from: Int) -> Int? {
        var k = from
        while let at = find(p, "</", from: k) {
            let candidate = at + 2..<min(at + 2 + name.count, p.count)
            if candidate.count == name.count && zip(candidate, name).allSatisfy({ p[$0] | 0x20 == p[$1] | 0x20 }) { return at }
            k = at + 2
        }
        return nil
    }

    static func equalsIgnoringCase(_ p: UnsafeMutableBufferPointer<UInt8>, _ range: Range<Int>, _ word: StaticString) -> Bool {
        guard range.count == word.utf8CodeUnitCount else { return false }
        let w = word.utf8Start
        for k in 0..<range.count where p[range.lowerBound + k] | 0x20 != w[k] { return false }
        return true
    }

    /// Where `needle` next starts at or after `from`.
    static func find(_ p: UnsafeMutableBufferPointer<UInt8>, _ needle: StaticString, from: Int) -> Int? {
        guard let base = p.baseAddress else { return nil }
        let w = needle.utf8Start
        let m = needle.utf8CodeUnitCount
        var k = from
        while k + m <= p.count, let hit = memchr(base + k, Int32(w[0]), p.count - k) {
            let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            guard at + m <= p.count else { return nil }
            var same = 1
            while same < m && base[at + same] == w[same] { same += 1 }
            if same == m { return at }
            k = at + 1
        }
        return nil
    }
}
