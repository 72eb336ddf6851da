/// Lower-case ASCII words looked for all at once in a text, in any letter case, each with a
/// tag: every position of the text is tried only against the words starting with its byte.
/// Class and id cues hold ~80 words, and a page of generated class names has thousands of
/// distinct strings to check — one `memmem` per word and string cost ten times as much.
/// A position is tried only when some word starts with its first two bytes (one bit read):
/// the forum-panel labels are looked for in every text node of most pages, and their first
/// letters (`t`, `s`, `b`, `c`, `n` …) are everywhere in Vietnamese.
struct WordMatcher: Sendable {
    private let words: [[UInt8]]
    private let wordTags: [UInt8]
    /// For each lower-cased first byte, the words that start with it.
    private let byFirst: [[Int]]
    /// Bit `first << 8 | second` is set when a word starts with those two bytes (a word of one
    /// byte sets every pair its byte begins).
    private let pairs: [UInt64]

    init(_ groups: [(words: [String], tag: UInt8)]) {
        var words: [[UInt8]] = []
        var tags: [UInt8] = []
        var byFirst = [[Int]](repeating: [], count: 256)
        var pairs = [UInt64](repeating: 0, count: 65536 / 64)
        for (list, tag) in groups {
            for w in list where !w.isEmpty {
                let bytes = Array(w.utf8)
                byFirst[Int(bytes[0])].append(words.count)
                for second in bytes.count > 1 ? Int(bytes[1])...Int(bytes[1]) : 0...255 {
                    let key = Int(bytes[0]) << 8 | second
                    pairs[key >> 6] |= 1 << UInt64(key & 63)
                }
                words.append(bytes)
                tags.append(tag)
            }
        }
        self.words = words
        self.wordTags = tags
        self.byFirst = byFirst
        self.pairs = pairs
    }

    /// The tags of the words found in `text`, or-ed together.
    func tags(in text: String) -> UInt8 {
        var text = text
        return text.withUTF8 { tags(in: $0) }
    }

    /// The tags of the words found in UTF-8 bytes (a text node's, with no string made).
    func tags(in t: UnsafeBufferPointer<UInt8>) -> UInt8 {
        @inline(__always) func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
        var found: UInt8 = 0
        for i in 0..<t.count {
            let first = Int(lower(t[i]))
            let key = first << 8 | (i + 1 < t.count ? Int(lower(t[i + 1])) : 0)
            guard pairs[key >> 6] & (1 << UInt64(key & 63)) != 0 else { continue }
            for w in byFirst[first] where found & wordTags[w] != wordTags[w] {
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
