import Foundation

/// Vietnamese word segmentation: decides, between each two syllables, whether they belong
/// to one word (`trí tuệ nhân tạo` → `trí_tuệ nhân_tạo`). An averaged perceptron over
/// syllable n-grams, shapes (capitals, digits, punctuation), dictionary matches from a word
/// list and the previous decision, decoded left to right. Syllables are compared in NFC with
/// modern tone placement and lower case, so NFD input and old tone marks segment alike.
public final class WordSegmenter: Sendable {
    /// Feature weights, indexed by feature hash.
    let weights: [Float]
    /// Known words, normalized, syllables joined by single spaces.
    let lexicon: Set<String>
    static let tableBits = 20
    static let maximumWordSyllables = 4

    init(weights: [Float], lexicon: Set<String>) {
        self.weights = weights
        self.lexicon = lexicon
    }

    // MARK: Syllables

    /// A syllable's key for features: NFC, modern tone placement, lower case.
    static func key(_ syllable: String) -> String {
        var options = NormalizationOptions()
        options.whitespace = false
        options.legacy = .off
        let normalized = (try? TextNormalizer.normalize(syllable, options: options).text) ?? syllable
        return normalized.lowercased()
    }

    /// U (capitalized), L (lower case), D (digits), P (anything else).
    static func shape(_ syllable: String) -> Character {
        guard let first = syllable.unicodeScalars.first else { return "P" }
        let c = first.characterClass
        if c.contains(.numeric) { return "D" }
        if c.contains(.uppercase) { return "U" }
        if c.contains(.letter) { return "L" }
        return "P"
    }

    // MARK: Features

    static func hash(_ s: String) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return Int(h & UInt64((1 << tableBits) - 1))
    }

    /// The features of the boundary before syllable `i`.
    static func features(keys: [String], shapes: [Character], at i: Int, previousJoined: Bool, lexicon: Set<String>) -> [Int] {
        func k(_ j: Int) -> String { j < 0 ? "<s>" : j >= keys.count ? "</s>" : keys[j] }
        func s(_ j: Int) -> Character { j < 0 || j >= shapes.count ? "_" : shapes[j] }
        var f: [String] = [
            "bias",
            "b|\(k(i - 1))|\(k(i))",
            "l|\(k(i - 1))", "r|\(k(i))",
            "l2|\(k(i - 2))|\(k(i - 1))", "r2|\(k(i))|\(k(i + 1))",
            "t|\(k(i - 2))|\(k(i - 1))|\(k(i))", "t2|\(k(i - 1))|\(k(i))|\(k(i + 1))",
            "sh|\(s(i - 1))\(s(i))", "sh4|\(s(i - 2))\(s(i - 1))\(s(i))\(s(i + 1))",
            "pj|\(previousJoined)", "pjb|\(previousJoined)|\(k(i - 1))|\(k(i))",
        ]
        var covered = false
        for length in 2...maximumWordSyllables {
            for start in max(0, i - length + 1)...(i - 1) where start + length <= keys.count {
                if lexicon.contains(keys[start..<start + length].joined(separator: " ")) {
                    f.append("d|\(length)|\(i - start)")
                    covered = true
                }
            }
        }
        if !covered { f.append("d|none|\(s(i - 1))\(s(i))") }
        if lexicon.contains(k(i - 1)) && lexicon.contains(k(i)) { f.append("both-known") }
        return f.map(hash)
    }

    // MARK: Segmenting

    /// For each syllable after the first, whether it joins the one before it.
    public func joins(_ syllables: [String]) -> [Bool] {
        let keys = syllables.map(Self.key)
        let shapes = syllables.map(Self.shape)
        return joins(keys: keys, shapes: shapes)
    }

    /// Joins for syllables already turned into keys and shapes.
    public func joins(keys: [String], shapes: [Character]) -> [Bool] {
        var result = [Bool](repeating: false, count: keys.count)
        guard keys.count > 1 else { return result }
        var run = 1
        for i in 1..<keys.count {
            let score = Self.features(keys: keys, shapes: shapes, at: i, previousJoined: result[i - 1], lexicon: lexicon)
                .reduce(Float(0)) { $0 + weights[$1] }
            let join = score > 0 && run < Self.maximumWordSyllables * 2
            result[i] = join
            run = join ? run + 1 : 1
        }
        return result
    }

    // MARK: Training

    /// One training sentence: its syllables and, for each, whether it joins the previous.
    public struct Example: Sendable {
        public var syllables: [String]
        public var joins: [Bool]
        public init(syllables: [String], joins: [Bool]) {
            self.syllables = syllables
            self.joins = joins
        }
    }

    /// Trains an averaged perceptron; deterministic for a given seed.
    public static func train(_ examples: [Example], lexicon words: [String], epochs: Int = 6, seed: UInt64 = 1,
                             log: (String) -> Void = { _ in }) -> WordSegmenter {
        let lexicon = Set(words.map { $0.split(separator: " ").map { key(String($0)) }.joined(separator: " ") })
        let prepared = examples.map { e in (keys: e.syllables.map(key), shapes: e.syllables.map(shape), joins: e.joins) }
        let size = 1 << tableBits
        var w = [Float](repeating: 0, count: size)
        var totals = [Double](repeating: 0, count: size)
        var stamps = [Int](repeating: 0, count: size)
        var step = 1
        var order = Array(prepared.indices)
        var rng = SplitMix(seed: seed)
        for epoch in 1...epochs {
            order.shuffle(using: &rng)
            var errors = 0
            var decisions = 0
            for index in order {
                let e = prepared[index]
                guard e.keys.count > 1 else { continue }
                var previous = false
                for i in 1..<e.keys.count {
                    let f = features(keys: e.keys, shapes: e.shapes, at: i, previousJoined: previous, lexicon: lexicon)
                    let score = f.reduce(Float(0)) { $0 + w[$1] }
                    let predicted = score > 0
                    let gold = e.joins[i]
                    if predicted != gold {
                        errors += 1
                        let delta: Float = gold ? 1 : -1
                        for h in f {
                            totals[h] += Double(step - stamps[h]) * Double(w[h])
                            stamps[h] = step
                            w[h] += delta
                        }
                    }
                    // Train on the gold history, as the decoder will mostly see it right.
                    previous = gold
                    decisions += 1
                    step += 1
                }
            }
            log("epoch \(epoch): \(errors) errors in \(decisions) decisions (\(String(format: "%.2f", 100 * Double(errors) / Double(max(1, decisions))))%)")
        }
        var averaged = [Float](repeating: 0, count: size)
        for h in 0..<size {
            let total = totals[h] + Double(step - stamps[h]) * Double(w[h])
            averaged[h] = Float(total / Double(step))
        }
        return WordSegmenter(weights: averaged, lexicon: lexicon)
    }

    // MARK: Files

    static let magic = Array("MKSEG1\n".utf8)

    /// Writes the model: a header, the lexicon, and the non-zero weights.
    public func save(to path: String) throws {
        var out = Self.magic
        let lexiconText = lexicon.sorted().joined(separator: "\n")
        func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        u32(UInt32(Self.tableBits))
        u32(UInt32(lexiconText.utf8.count))
        out.append(contentsOf: lexiconText.utf8)
        let nonZero = weights.indices.filter { weights[$0] != 0 }
        u32(UInt32(nonZero.count))
        for i in nonZero {
            u32(UInt32(i))
            u32(weights[i].bitPattern)
        }
        try Data(out).write(to: URL(fileURLWithPath: path))
    }

    public struct ModelError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Reads a model written by `save`.
    public static func load(path: String) throws -> WordSegmenter {
        let bytes = try FileIO.readAll(path)
        guard bytes.starts(with: magic) else { throw ModelError(description: "\(path) is not a Mekong segmenter model") }
        var p = magic.count
        func u32() throws -> UInt32 {
            guard p + 4 <= bytes.count else { throw ModelError(description: "\(path): truncated model") }
            defer { p += 4 }
            return UInt32(bytes[p]) | UInt32(bytes[p + 1]) << 8 | UInt32(bytes[p + 2]) << 16 | UInt32(bytes[p + 3]) << 24
        }
        guard try u32() == UInt32(tableBits) else { throw ModelError(description: "\(path): model made for another table size") }
        let lexiconLength = Int(try u32())
        guard p + lexiconLength <= bytes.count else { throw ModelError(description: "\(path): truncated model") }
        let lexicon = Set(String(decoding: bytes[p..<p + lexiconLength], as: UTF8.self).split(separator: "\n").map(String.init))
        p += lexiconLength
        var weights = [Float](repeating: 0, count: 1 << tableBits)
        let count = Int(try u32())
        for _ in 0..<count {
            let i = Int(try u32())
            let v = Float(bitPattern: try u32())
            guard i < weights.count else { throw ModelError(description: "\(path): weight index out of range") }
            weights[i] = v
        }
        return WordSegmenter(weights: weights, lexicon: lexicon)
    }

    /// The model shipped with Mekong, trained on UD Vietnamese-VTB (CC BY-SA 4.0) with the
    /// pyvi word list (MIT).
    public static let shipped: WordSegmenter? = {
        guard let url = Bundle.module.url(forResource: "vi-segmenter", withExtension: "mkseg") else { return nil }
        return try? load(path: url.path)
    }()
}

/// A small seeded generator, so training repeats exactly.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Reads word segmentation from CoNLL-U: each token's FORM is a word whose syllables are
/// separated by spaces (UD Vietnamese-VTB).
public enum CoNLLUSegmentation {
    public static func read(_ path: String) throws -> [WordSegmenter.Example] {
        let text = String(decoding: try FileIO.readAll(path), as: UTF8.self)
        var examples: [WordSegmenter.Example] = []
        var syllables: [String] = []
        var joins: [Bool] = []
        func flush() {
            if !syllables.isEmpty { examples.append(WordSegmenter.Example(syllables: syllables, joins: joins)) }
            syllables = []
            joins = []
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty { flush(); continue }
            if line.hasPrefix("#") { continue }
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard columns.count >= 2, !columns[0].contains("-"), !columns[0].contains(".") else { continue }
            for (k, syllable) in columns[1].split(separator: " ").enumerated() {
                syllables.append(String(syllable))
                joins.append(k > 0)
            }
        }
        flush()
        return examples
    }
}
