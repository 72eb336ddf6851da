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
        return text.withUTF8 { tags(in: $0) }
    }

    /// The tags of the words found in UTF-8 bytes (a text node's, with no string made).
    func tags(in t: UnsafeBufferPointer<UInt8>) -> UInt8 {
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
