/// The word list as the segmenter reads it: for the hash of a sequence of syllable keys, whether
/// it is a word and whether longer words start with it — so finding the words that start at
/// a syllable mostly takes one probe (most syllable pairs begin no word).
struct LexiconIndex: Sendable {
    private var table: HashTable64<UInt8>
    private static let isWord: UInt8 = 1, isPrefix: UInt8 = 2

    /// `text`: the words, one a line, syllables separated by spaces (UTF-8). Read byte by byte
    /// — no string per word — since this runs each time a model loads.
    init(text: [UInt8]) {
        let separators = text.reduce(0) { $0 + ($1 == 0x0A || $1 == 0x20 ? 1 : 0) }
        table = HashTable64(capacity: separators + 1)
        var keys: [UInt64] = []
        var start = 0
        text.withUnsafeBufferPointer { bytes in
            for i in 0...bytes.count {
                let end = i == bytes.count || bytes[i] == 0x0A
                guard end || bytes[i] == 0x20 else { continue }
                if i > start {
                    let syllable = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
                    keys.append(SyllableKey.of(syllable.unicodeScalars).hash)
                }
                start = i + 1
                if end {
                    add(keys)
                    keys.removeAll(keepingCapacity: true)
                }
            }
        }
    }

    private mutating func add(_ word: [UInt64]) {
        guard !word.isEmpty && word.count <= SegmenterFeatures.maximumWordSyllables else { return }
        var h = SegmenterFeatures.mix(0x5EED, word[0])
        if word.count == 1 { table.insert(h, Self.isWord) }
        for k in 1..<word.count {
            h = SegmenterFeatures.mix(h, word[k])
            table.insert(h, k == word.count - 1 ? Self.isWord : Self.isPrefix)
        }
    }

    /// Whether the hash of a word's key sequence (`SegmenterFeatures.sequenceHash`) is a word.
    func contains(_ wordHash: UInt64) -> Bool { table[wordHash] & Self.isWord != 0 }

    /// Bit `L` set: the `L` syllables from `i` are a word (2 ≤ L ≤ 4).
    @inline(__always)
    func wordLengths(_ keys: UnsafeBufferPointer<UInt64>, from i: Int) -> UInt8 {
        var h = SegmenterFeatures.mix(0x5EED, keys[i])
        var bits: UInt8 = 0
        var length = 2
        while i + length <= keys.count && length <= SegmenterFeatures.maximumWordSyllables {
            h = SegmenterFeatures.mix(h, keys[i + length - 1])
            let found = table[h]
            if found & Self.isWord != 0 { bits |= 1 << length }
            if found & Self.isPrefix == 0 { break }
            length += 1
        }
        return bits
    }
}

/// The model's weights by feature index, each quantized to 16 bits: a dense table (no
/// probing, no branch per lookup) of half a megabyte, which stays in the processor's cache —
/// the lookups are most of the segmenter's time. A feature never seen in training weighs 0.
struct WeightTable: Sendable, Equatable {
    let levels: [Int16]
    /// The weight of one level.
    let scale: Float
    static let maximumLevel: Float = 32767

    init(_ weights: [(index: Int, weight: Float)]) {
        let largest = weights.map { abs($0.weight) }.max() ?? 0
        let scale = largest > 0 ? largest / Self.maximumLevel : 1
        var levels = [Int16](repeating: 0, count: 1 << SegmenterFeatures.tableBits)
        for (index, weight) in weights { levels[index] = Int16((weight / scale).rounded()) }
        self.levels = levels
        self.scale = scale
    }

    /// The weight of a feature (0 if it has none).
    @inline(__always)
    subscript(index: Int) -> Float {
        Float(levels.withUnsafeBufferPointer { $0[index] }) * scale
    }

    /// A table read back from a model file.
    init(levels: [(index: Int, level: Int16)], scale: Float) {
        var dense = [Int16](repeating: 0, count: 1 << SegmenterFeatures.tableBits)
        for (index, level) in levels { dense[index] = level }
        self.levels = dense
        self.scale = scale
    }
}
