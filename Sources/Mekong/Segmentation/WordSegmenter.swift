import Foundation

/// Vietnamese word segmentation: decides, between each two syllables, whether they belong
/// to one word (`trí tuệ nhân tạo` → `trí_tuệ nhân_tạo`). An averaged perceptron over
/// syllable n-grams, shapes (capitals, digits, punctuation), dictionary matches from a word
/// list and the previous decision, decoded left to right. Syllables are compared in NFC with
/// modern tone placement and lower case, so NFD input and old tone marks segment alike.
public final class WordSegmenter: Sendable {
    /// Feature weights, indexed by feature hash.
    let weights: [Float]
    /// Known words, normalized, syllables joined by single spaces (kept for the model file).
    let lexicon: Set<String>
    /// The same words as hashes of their syllable keys, for lookups without strings.
    let lexiconHashes: HashSet64
    static let tableBits = 20
    static let maximumWordSyllables = 4

    init(weights: [Float], lexicon: Set<String>) {
        self.weights = weights
        self.lexicon = lexicon
        self.lexiconHashes = HashSet64(lexicon.map { word in Self.sequenceHash(word.split(separator: " ").map { Self.hash(String($0)) }[...]) })
    }

    // MARK: Syllables

    static let keyOptions: NormalizationOptions = {
        var options = NormalizationOptions()
        options.whitespace = false
        options.legacy = .off
        return options
    }()

    /// A syllable's key for features: NFC, modern tone placement, lower case.
    static func key(_ syllable: String) -> String {
        if syllable.utf8.allSatisfy({ $0 < 0x80 }) { return syllable.lowercased() }
        let scalars = Array(syllable.unicodeScalars)
        guard TextNormalizer.mayChange(scalars, keyOptions) else { return syllable.lowercased() }
        let normalized = (try? TextNormalizer.normalize(syllable, options: keyOptions).text) ?? syllable
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

    /// FNV-1a of a string.
    static func hash(_ s: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }

    @inline(__always)
    static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var x = a ^ (b &+ 0x9E37_79B9_7F4A_7C15 &+ (a << 6) &+ (a >> 2))
        x = (x ^ (x >> 31)) &* 0xBF58_476D_1CE4_E5B9
        return x ^ (x >> 29)
    }

    static func sequenceHash(_ keys: ArraySlice<UInt64>) -> UInt64 {
        keys.reduce(0x5EED) { mix($0, $1) }
    }

    static let outside = hash("<s>"), end = hash("</s>")

    /// The features of the boundary before syllable `i`, as weight-table indices, into `out`.
    /// Features are hashes of (template, syllable key hashes, shapes), so no string is built —
    /// and nothing is allocated: this runs once per syllable boundary.
    static func features(keys: [UInt64], shapes: [UInt8], at i: Int, previousJoined: Bool, lexicon: HashSet64, into out: inout [Int]) {
        out.removeAll(keepingCapacity: true)
        let mask = UInt64((1 << tableBits) - 1)
        @inline(__always) func k(_ j: Int) -> UInt64 { j < 0 ? outside : j >= keys.count ? end : keys[j] }
        @inline(__always) func s(_ j: Int) -> UInt64 { j < 0 || j >= shapes.count ? 95 : UInt64(shapes[j]) }
        @inline(__always) func start(_ template: UInt64) -> UInt64 { template &* 0x9E37_79B9 }
        @inline(__always) func put(_ h: UInt64) { out.append(Int(h & mask)) }
        let pj: UInt64 = previousJoined ? 1 : 0
        let k0 = k(i), k1 = k(i - 1), k2 = k(i - 2), kn = k(i + 1)
        let s0 = s(i), s1 = s(i - 1)
        put(start(1))
        put(mix(mix(start(2), k1), k0))
        put(mix(start(3), k1)); put(mix(start(4), k0))
        put(mix(mix(start(5), k2), k1)); put(mix(mix(start(6), k0), kn))
        put(mix(mix(mix(start(7), k2), k1), k0)); put(mix(mix(mix(start(8), k1), k0), kn))
        put(mix(mix(start(9), s1), s0)); put(mix(mix(mix(mix(start(10), s(i - 2)), s1), s0), s(i + 1)))
        put(mix(start(11), pj)); put(mix(mix(mix(start(12), pj), k1), k0))
        // Lexicon words over the boundary: every span [first, last] with first < i <= last, up to
        // the longest word, hashed incrementally (the same value as `sequenceHash`).
        var covered = false
        for first in max(0, i - maximumWordSyllables + 1)...(i - 1) {
            var h: UInt64 = 0x5EED
            var j = first
            while j < keys.count && j - first < maximumWordSyllables {
                h = mix(h, keys[j])
                if j >= i && lexicon.contains(h) {
                    put(mix(mix(start(13), UInt64(j - first + 1)), UInt64(i - first)))
                    covered = true
                }
                j += 1
            }
        }
        if !covered { put(mix(mix(start(14), s1), s0)) }
        if lexicon.contains(mix(0x5EED, k1)) && lexicon.contains(mix(0x5EED, k0)) { put(start(15)) }
    }

    // MARK: Segmenting

    /// For each syllable after the first, whether it joins the one before it.
    public func joins(_ syllables: [String]) -> [Bool] {
        joins(keys: syllables.map(Self.key), shapes: syllables.map(Self.shape))
    }

    /// Joins for syllables already turned into keys and shapes.
    public func joins(keys: [String], shapes: [Character]) -> [Bool] {
        joins(hashes: keys.map(Self.hash), shapes: shapes.map { UInt8($0.asciiValue ?? 95) })
    }

    func joins(hashes keys: [UInt64], shapes: [UInt8]) -> [Bool] {
        var result = [Bool](repeating: false, count: keys.count)
        guard keys.count > 1 else { return result }
        var run = 1
        var f: [Int] = []
        f.reserveCapacity(32)
        for i in 1..<keys.count {
            Self.features(keys: keys, shapes: shapes, at: i, previousJoined: result[i - 1], lexicon: lexiconHashes, into: &f)
            var score: Float = 0
            for h in f { score += weights[h] }
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
        let lexiconHashes = HashSet64(lexicon.map { w in sequenceHash(w.split(separator: " ").map { hash(String($0)) }[...]) })
        let prepared = examples.map { e in
            (keys: e.syllables.map { hash(key($0)) }, shapes: e.syllables.map { UInt8(shape($0).asciiValue ?? 95) }, joins: e.joins)
        }
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
                var f: [Int] = []
                for i in 1..<e.keys.count {
                    features(keys: e.keys, shapes: e.shapes, at: i, previousJoined: previous, lexicon: lexiconHashes, into: &f)
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

    static let magic = Array("MKSEG2\n".utf8)

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

/// A set of 64-bit hashes with open addressing: the values are hashes already, so they index
/// the table directly — no second hashing per lookup, as `Set` would do.
struct HashSet64: Sendable {
    private let slots: [UInt64]
    private let mask: Int
    private let hasZero: Bool

    init<S: Sequence<UInt64>>(_ values: S) {
        let list = Array(values)
        var size = 16
        while size < list.count * 2 { size <<= 1 }
        var slots = [UInt64](repeating: 0, count: size)
        var zero = false
        for v in list {
            if v == 0 { zero = true; continue }
            var at = Int(truncatingIfNeeded: v ^ (v >> 29)) & (size - 1)
            while slots[at] != 0 && slots[at] != v { at = (at + 1) & (size - 1) }
            slots[at] = v
        }
        self.slots = slots
        mask = size - 1
        hasZero = zero
    }

    @inline(__always)
    func contains(_ v: UInt64) -> Bool {
        if v == 0 { return hasZero }
        var at = Int(truncatingIfNeeded: v ^ (v >> 29)) & mask
        while true {
            let slot = slots[at]
            if slot == v { return true }
            if slot == 0 { return false }
            at = (at + 1) & mask
        }
    }
}
