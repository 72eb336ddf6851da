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

/// Lower-case ASCII words looked for all at once in a text, in any letter case, each with a
/// tag: every position of the text is tried only against the words starting with its byte.
/// Class and id cues hold ~80 words, and a page of generated class names has thousands of
/// distinct strings to check — one `memmem` per word and string cost ten times as much.
struct WordMatcher: Sendable {
    private let words: [[UInt8]]
    private let wordTags: [UInt8]
    /// For each lower-cased first byte, the words that start with it.
    private let byFirst: [[Int]]

    init(_ groups: [(words: [String], tag: UInt8)]) {
        var words: [[UInt8]] = []
        var tags: [UInt8] = []
        var byFirst = [[Int]](repeating: [], count: 256)
        for (list, tag) in groups {
            for w in list where !w.isEmpty {
                byFirst[Int(Array(w.utf8)[0])].append(words.count)
                words.append(Array(w.utf8))
                tags.append(tag)
            }
        }
        self.words = words
        self.wordTags = tags
        self.byFirst = byFirst
    }

    /// The tags of the words found in `text`, or-ed together.
    func tags(in text: String) -> UInt8 {
        var text = text
        return text.withUTF8 { t in
            @inline(__always) func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
            var found: UInt8 = 0
            for i in 0..<t.count {
                for w in byFirst[Int(lower(t[i]))] where found & wordTags[w] != wordTags[w] {
                    let word = words[w]
                    guard i + word.count <= t.count else { continue }
                    var k = 1
                    while k < word.count, lower(t[i + k]) == word[k] { k += 1 }
                    if k == word.count { found |= wordTags[w] }
                }
            }
            return found
        }
    }
}
