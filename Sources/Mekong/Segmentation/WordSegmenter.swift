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
        lexiconHashes = Self.hashes(lexicon)
    }

    /// Normalized words (syllable keys separated by spaces) as hashes of their key sequences.
    static func hashes(_ words: Set<String>) -> HashSet64 {
        HashSet64(words.map { word in sequenceHash(word.split(separator: " ").map { hash(String($0)) }[...]) })
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

    /// U (capitalized), A (all capitals, two letters or more: `HCM`, `LBKT`), L (lower case),
    /// D (digits), P (anything else).
    static func shape(_ syllable: String) -> Character {
        Character(Unicode.Scalar(shape(of: syllable.unicodeScalars, CharacterClass.lookup)))
    }

    /// The shape as an ASCII byte, from the code points.
    @inline(__always)
    static func shape<C: Collection<Unicode.Scalar>>(of scalars: C, _ classes: CharacterClass.Lookup) -> UInt8 {
        guard let first = scalars.first else { return UInt8(ascii: "P") }
        let c = classes.of(first)
        if c.contains(.numeric) { return UInt8(ascii: "D") }
        if c.contains(.uppercase) {
            var letters = 0
            for s in scalars {
                let k = classes.of(s)
                if k.contains(.lowercase) { return UInt8(ascii: "U") }
                if k.contains(.letter) { letters += 1 }
            }
            return letters > 1 ? UInt8(ascii: "A") : UInt8(ascii: "U")
        }
        if c.contains(.letter) { return UInt8(ascii: "L") }
        return UInt8(ascii: "P")
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

    /// What the features of one sentence read: syllable key hashes and shapes, and the word
    /// list's view of it, computed once per sentence rather than once per boundary.
    struct Sentence {
        var keys: [UInt64] = []
        var shapes: [UInt8] = []
        /// Bit `L` set at `i`: the `L` syllables from `i` are a word of the list (2 ≤ L ≤ 4).
        var words: [UInt8] = []
        /// Whether forward / backward maximum matching with the word list puts a word
        /// boundary before syllable `i` — the classic dictionary segmentations, as evidence.
        var forward: [Bool] = []
        var backward: [Bool] = []

        mutating func prepare(lexicon: HashSet64) {
            let n = keys.count
            words = [UInt8](repeating: 0, count: n)
            for i in 0..<n {
                var h = mix(0x5EED, keys[i])
                var bits: UInt8 = 0
                for length in 2...WordSegmenter.maximumWordSyllables where i + length <= n {
                    h = mix(h, keys[i + length - 1])
                    if lexicon.contains(h) { bits |= 1 << length }
                }
                words[i] = bits
            }
            forward = [Bool](repeating: false, count: n + 1)
            var i = 0
            while i < n {
                forward[i] = true
                let bits = words[i]
                i += bits == 0 ? 1 : (8 - bits.leadingZeroBitCount - 1)
            }
            forward[n] = true
            backward = [Bool](repeating: false, count: n + 1)
            var end = n
            while end > 0 {
                backward[end] = true
                var length = 1
                for l in stride(from: min(WordSegmenter.maximumWordSyllables, end), through: 2, by: -1) where words[end - l] & (1 << l) != 0 {
                    length = l
                    break
                }
                end -= length
            }
            backward[0] = true
        }
    }

    /// The features of the boundary before syllable `i`, as weight-table indices, into `out`.
    /// Features are hashes of (template, syllable key hashes, shapes), so no string is built —
    /// and nothing is allocated: this runs once per syllable boundary.
    static func features(_ sentence: Sentence, at i: Int, into out: inout [Int]) {
        out.removeAll(keepingCapacity: true)
        let keys = sentence.keys, shapes = sentence.shapes
        let mask = UInt64((1 << tableBits) - 1)
        @inline(__always) func k(_ j: Int) -> UInt64 { j < 0 ? outside : j >= keys.count ? end : keys[j] }
        @inline(__always) func s(_ j: Int) -> UInt64 { j < 0 || j >= shapes.count ? 95 : UInt64(shapes[j]) }
        @inline(__always) func start(_ template: UInt64) -> UInt64 { template &* 0x9E37_79B9 }
        @inline(__always) func put(_ h: UInt64) { out.append(Int(h & mask)) }
        let k0 = k(i), k1 = k(i - 1), k2 = k(i - 2), kn = k(i + 1)
        let s0 = s(i), s1 = s(i - 1)
        put(start(1))
        put(mix(mix(start(2), k1), k0))
        put(mix(start(3), k1)); put(mix(start(4), k0))
        put(mix(mix(start(5), k2), k1)); put(mix(mix(start(6), k0), kn))
        put(mix(mix(mix(start(7), k2), k1), k0)); put(mix(mix(mix(start(8), k1), k0), kn))
        put(mix(mix(start(9), s1), s0)); put(mix(mix(mix(mix(start(10), s(i - 2)), s1), s0), s(i + 1)))
        put(mix(mix(start(16), s1), k0)); put(mix(mix(start(17), k1), s0))
        // Words of the list over the boundary: every span [first, first + length) with
        // first < i < first + length, by length and where the boundary falls in it.
        var covered = false
        for first in max(0, i - maximumWordSyllables + 1)..<i {
            var bits = sentence.words[first]
            while bits != 0 {
                let length = bits.trailingZeroBitCount
                bits &= bits - 1
                if first + length > i {
                    put(mix(mix(start(13), UInt64(length)), UInt64(i - first)))
                    covered = true
                }
            }
        }
        if !covered { put(mix(mix(start(14), s1), s0)) }
        let f: UInt64 = sentence.forward[i] ? 1 : 0, b: UInt64 = sentence.backward[i] ? 1 : 0
        put(mix(mix(start(18), f), b))
    }

    /// The two features that read the decision at the boundary before: alone, and with the
    /// syllables on either side.
    @inline(__always)
    static func transitionFeatures(_ sentence: Sentence, at i: Int, previousJoined: Bool) -> (Int, Int) {
        let mask = UInt64((1 << tableBits) - 1)
        let pj: UInt64 = previousJoined ? 1 : 0
        let t = 11 &* UInt64(0x9E37_79B9), u = 12 &* UInt64(0x9E37_79B9)
        return (Int(mix(t, pj) & mask), Int(mix(mix(mix(u, pj), sentence.keys[i - 1]), sentence.keys[i]) & mask))
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
        guard keys.count > 1 else { return [Bool](repeating: false, count: keys.count) }
        var sentence = Sentence(keys: keys, shapes: shapes)
        sentence.prepare(lexicon: lexiconHashes)
        return Self.decode(sentence, weights)
    }

    /// The best sequence of decisions (Viterbi over two states, joined or not): a join at `i`
    /// scores the boundary's features plus the transition from the decision at `i - 1`.
    static func decode(_ sentence: Sentence, _ weights: [Float]) -> [Bool] {
        let n = sentence.keys.count
        var result = [Bool](repeating: false, count: n)
        guard n > 1 else { return result }
        // back[i]: bit 0 — best previous state if `i` splits; bit 1 — if `i` joins.
        var back = [UInt8](repeating: 0, count: n)
        var split: Float = 0, joined = -Float.infinity
        var f: [Int] = []
        f.reserveCapacity(32)
        weights.withUnsafeBufferPointer { w in
            for i in 1..<n {
                features(sentence, at: i, into: &f)
                var base: Float = 0
                for h in f { base += w[h] }
                let (a0, b0) = transitionFeatures(sentence, at: i, previousJoined: false)
                let (a1, b1) = transitionFeatures(sentence, at: i, previousJoined: true)
                let fromSplit = split + base + w[a0] + w[b0], fromJoined = joined + base + w[a1] + w[b1]
                var bits: UInt8 = 0
                let newSplit: Float
                if joined > split { newSplit = joined; bits |= 1 } else { newSplit = split }
                let newJoined: Float
                if fromJoined > fromSplit { newJoined = fromJoined; bits |= 2 } else { newJoined = fromSplit }
                back[i] = bits
                split = newSplit
                joined = newJoined
            }
        }
        var state = joined > split
        for i in stride(from: n - 1, through: 1, by: -1) {
            result[i] = state
            state = back[i] & (state ? 2 : 1) != 0
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
        let lexiconHashes = hashes(lexicon)
        let prepared = examples.map { e in
            var sentence = Sentence(keys: e.syllables.map { hash(key($0)) }, shapes: e.syllables.map { UInt8(shape($0).asciiValue ?? 95) })
            sentence.prepare(lexicon: lexiconHashes)
            return (sentence: sentence, joins: e.joins)
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
            var f: [Int] = []
            for index in order {
                let e = prepared[index]
                let n = e.sentence.keys.count
                guard n > 1 else { continue }
                // Structured perceptron (Collins 2002): decode the whole sentence with the
                // current weights, then move them toward the gold decisions where they differ.
                let predicted = decode(e.sentence, w)
                @inline(__always) func update(_ h: Int, _ delta: Float) {
                    totals[h] += Double(step - stamps[h]) * Double(w[h])
                    stamps[h] = step
                    w[h] += delta
                }
                for i in 1..<n {
                    let gold = e.joins[i], guess = predicted[i]
                    decisions += 1
                    if gold != guess { errors += 1 }
                    if gold == guess && (!gold || e.joins[i - 1] == predicted[i - 1]) { continue }
                    features(e.sentence, at: i, into: &f)
                    if gold {
                        for h in f { update(h, 1) }
                        let (a, b) = transitionFeatures(e.sentence, at: i, previousJoined: e.joins[i - 1])
                        update(a, 1); update(b, 1)
                    }
                    if guess {
                        for h in f { update(h, -1) }
                        let (a, b) = transitionFeatures(e.sentence, at: i, previousJoined: predicted[i - 1])
                        update(a, -1); update(b, -1)
                    }
                }
                step += 1
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

    static let magic = Array("MKSEG3\n".utf8)

    /// Writes the model: a header, the word list, and the non-zero weights.
    public func save(to path: String) throws {
        var out = Self.magic
        func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        u32(UInt32(Self.tableBits))
        let text = lexicon.sorted().joined(separator: "\n")
        u32(UInt32(text.utf8.count))
        out.append(contentsOf: text.utf8)
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
        guard try u32() == UInt32(tableBits) else { throw ModelError(description: "\(path): model made for another table size") }
        func words() throws -> Set<String> {
            let length = Int(try u32())
            guard p + length <= bytes.count else { throw ModelError(description: "\(path): truncated model") }
            defer { p += length }
            return Set(String(decoding: bytes[p..<p + length], as: UTF8.self).split(separator: "\n").map(String.init))
        }
        let lexicon = try words()
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
