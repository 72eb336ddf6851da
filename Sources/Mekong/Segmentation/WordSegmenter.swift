import Foundation

/// Vietnamese word segmentation: decides, between each two syllables, whether they belong
/// to one word (`thủ đô của Việt Nam` → `thủ_đô của Việt_Nam`). A structured averaged perceptron
/// over syllable n-grams, shapes (capitals, digits, punctuation), matches in a word list
/// and the decision before, decoded exactly (Viterbi). Syllables are compared by
/// `SyllableKey`, so NFD input, old tone placement and capitals segment alike.
public final class WordSegmenter: Sendable {
    /// The feature weights.
    let weights: WeightTable
    /// The word list: one word a line, lower-cased, syllables separated by single spaces —
    /// as the model file holds it.
    let lexiconText: [UInt8]
    let lexiconIndex: LexiconIndex

    init(weights: WeightTable, lexiconText: [UInt8]) {
        self.weights = weights
        self.lexiconText = lexiconText
        lexiconIndex = LexiconIndex(text: lexiconText)
    }

    /// The word list's words.
    var lexicon: [String] {
        String(decoding: lexiconText, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// Whether the word list has this word of one to four syllables (in any case, Unicode
    /// form or tone placement).
    public func lists(_ word: String) -> Bool {
        lexiconIndex.contains(SyllableKey.word(word))
    }

    /// Whether the word list has the word of these syllables (`SyllableKey` hashes, in order):
    /// `lists(_:)` for a caller that has the keys, with no string to build and split.
    func lists(syllableKeys keys: ArraySlice<UInt64>) -> Bool {
        lexiconIndex.contains(SegmenterFeatures.sequenceHash(keys))
    }

    // MARK: Segmenting

    /// For each syllable after the first, whether it joins the one before it.
    public func joins(_ syllables: [String]) -> [Bool] {
        var sentence = SentenceContext()
        for s in syllables {
            let (key, shape) = SyllableKey.of(s.unicodeScalars)
            sentence.append(key: key, shape: shape)
        }
        var result: [Bool] = []
        var scratch: [UInt8] = []
        joins(&sentence, into: &result, scratch: &scratch)
        return result
    }

    /// Joins for a sentence whose keys and shapes are filled in; `result` and `scratch` are
    /// the caller's, reused between sentences.
    func joins(_ sentence: inout SentenceContext, into result: inout [Bool], scratch: inout [UInt8]) {
        sentence.prepare(lexiconIndex)
        Self.decode(sentence, weights, into: &result, back: &scratch)
    }

    /// Where weights come from: the compact table of a model, or training's dense array.
    protocol Weights {
        subscript(index: Int) -> Float { get }
    }

    struct Sum<W: Weights>: SegmenterFeatures.Visitor {
        let weights: W
        var total: Float = 0
        @inline(__always) mutating func visit(_ index: Int) { total += weights[index] }
    }

    /// The best sequence of decisions (Viterbi over two states, joined or not): a join at `i`
    /// scores the boundary's features plus the transition from the decision at `i - 1`.
    static func decode<W: Weights>(_ sentence: SentenceContext, _ weights: W, into result: inout [Bool], back: inout [UInt8]) {
        let n = sentence.count
        result.removeAll(keepingCapacity: true)
        result.append(contentsOf: repeatElement(false, count: n))
        guard n > 1 else { return }
        // back[i]: bit 0 — the better state before `i` if `i` splits; bit 1 — if `i` joins.
        back.removeAll(keepingCapacity: true)
        back.append(contentsOf: repeatElement(0, count: n))
        var split: Float = 0, joined = -Float.infinity
        for i in 1..<n {
            var sum = Sum(weights: weights)
            SegmenterFeatures.visit(sentence, at: i, &sum)
            let (a0, b0) = SegmenterFeatures.transitions(sentence, at: i, previousJoined: false)
            let (a1, b1) = SegmenterFeatures.transitions(sentence, at: i, previousJoined: true)
            let fromSplit = split + sum.total + weights[a0] + weights[b0]
            let fromJoined = joined + sum.total + weights[a1] + weights[b1]
            var bits: UInt8 = 0
            let newSplit: Float
            if joined > split { newSplit = joined; bits |= 1 } else { newSplit = split }
            let newJoined: Float
            if fromJoined > fromSplit { newJoined = fromJoined; bits |= 2 } else { newJoined = fromSplit }
            back[i] = bits
            split = newSplit
            joined = newJoined
        }
        var state = joined > split
        for i in stride(from: n - 1, through: 1, by: -1) {
            result[i] = state
            state = back[i] & (state ? 2 : 1) != 0
        }
    }

    // MARK: Files

    static let magic = Array("MKSEG5\n".utf8)

    /// Writes the model: a header, the word list, the weights' scale and the non-zero weights
    /// (feature index, level).
    public func save(to path: String) throws {
        var out = Self.magic
        func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        u32(UInt32(SegmenterFeatures.tableBits))
        u32(UInt32(lexiconText.count))
        out.append(contentsOf: lexiconText)
        u32(weights.scale.bitPattern)
        let used = weights.levels.indices.filter { weights.levels[$0] != 0 }
        u32(UInt32(used.count))
        for index in used {
            u32(UInt32(index))
            u32(UInt32(bitPattern: Int32(weights.levels[index])))
        }
        try Data(out).write(to: URL(fileURLWithPath: path))
    }

    public struct ModelError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Reads a model written by `save`.
    public static func load(path: String) throws -> WordSegmenter {
        let bytes = try FileIO.readAll(path)
        guard bytes.starts(with: magic) else {
            let older = bytes.starts(with: Array("MKSEG".utf8))
            throw ModelError(description: older
                ? "\(path) is a segmenter model of an older Mekong, whose features differ; train it again with 'mekong train segmenter'"
                : "\(path) is not a Mekong segmenter model")
        }
        var p = magic.count
        func u32() throws -> UInt32 {
            guard p + 4 <= bytes.count else { throw ModelError(description: "\(path): truncated model") }
            defer { p += 4 }
            return UInt32(bytes[p]) | UInt32(bytes[p + 1]) << 8 | UInt32(bytes[p + 2]) << 16 | UInt32(bytes[p + 3]) << 24
        }
        guard try u32() == UInt32(SegmenterFeatures.tableBits) else { throw ModelError(description: "\(path): model made for another table size") }
        let length = Int(try u32())
        guard p + length <= bytes.count else { throw ModelError(description: "\(path): truncated model") }
        let lexiconText = Array(bytes[p..<p + length])
        p += length
        let scale = Float(bitPattern: try u32())
        let count = Int(try u32())
        var levels: [(index: Int, level: Int16)] = []
        levels.reserveCapacity(count)
        for _ in 0..<count {
            let i = Int(try u32())
            guard i < 1 << SegmenterFeatures.tableBits, let level = Int16(exactly: Int32(bitPattern: try u32())) else {
                throw ModelError(description: "\(path): weight out of range")
            }
            levels.append((i, level))
        }
        return WordSegmenter(weights: WeightTable(levels: levels, scale: scale), lexiconText: lexiconText)
    }

    /// The model shipped with Mekong, trained on UD Vietnamese-VTB (CC BY-SA 4.0) with the
    /// pyvi word list (MIT); nil if it does not load (`loadShipped` says why).
    public static let shipped: WordSegmenter? = try? loadShipped()

    /// Loads the shipped model, or says why it cannot.
    public static func loadShipped() throws -> WordSegmenter {
        guard let path = MekongResources.path("vi-segmenter.mkseg") else {
            throw ModelError(description: "the shipped model is missing from the build (and from \(MekongResources.environmentVariable))")
        }
        return try load(path: path)
    }
}

extension WeightTable: WordSegmenter.Weights {}
