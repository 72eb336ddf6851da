import Foundation

/// A trained entity tagger: weights for each (feature, tag), weights for each pair of
/// adjacent tags, and the name lists its features read. `tag` finds the best-scoring tag
/// sequence of a sentence by Viterbi search, linear in the sentence's length.
///
/// The file (`.mkner`) is little-endian: `MKNER1\n`, the entity types and the name lists as
/// text lines, then the features' hashes, their weights quantized to 16 bits and the tag-pair
/// weights. The shipped model is `Resources/ner/vi-entities.mkner` (`mekong train entities`).
public final class EntityModel: Sendable {
    public let tags: EntityTags
    public let lists: NameLists
    /// The features' hashes in the file's order.
    let hashes: [UInt64]
    /// Hash → the weights of each tag, quantized (× `scale`).
    let table: FeatureWeightTable
    let scale: Float
    /// `(previous + 1) * count + tag` (previous `-1`: the sentence's start).
    let transitions: [Float]
    /// The transitions as the search reads them.
    let pairs: TagPairs
    /// Facts about the training, saved with the model (`mekong eval entities` prints them).
    public let about: String

    init(tags: EntityTags, lists: NameLists, features: [(hash: UInt64, weights: [Float])], transitions: [Float], about: String) {
        self.tags = tags
        self.lists = lists
        self.transitions = transitions
        pairs = TagPairs(tags: tags, transitions: transitions)
        self.about = about
        let largest = features.reduce(Float(0)) { m, f in f.weights.reduce(m) { max($0, abs($1)) } }
        let scale = largest > 0 ? largest / 32767 : 1
        var table = FeatureWeightTable(tagCount: tags.count, capacity: features.count)
        for f in features { table.insert(f.hash, f.weights.map { Int16(($0 / scale).rounded()) }) }
        hashes = features.map(\.hash)
        self.table = table
        self.scale = scale
    }

    private init(tags: EntityTags, lists: NameLists, hashes: [UInt64], table: FeatureWeightTable, scale: Float, transitions: [Float], about: String) {
        self.tags = tags
        self.lists = lists
        self.hashes = hashes
        self.table = table
        self.scale = scale
        self.transitions = transitions
        pairs = TagPairs(tags: tags, transitions: transitions)
        self.about = about
    }

    public var featureCount: Int { hashes.count }

    /// The best tag sequence for a sentence.
    func tag(_ sentence: EntitySentence, scratch: inout EntityScratch) -> [Int] {
        let n = sentence.count
        let t = tags.count
        guard n > 0 else { return [] }
        scratch.emissions.removeAll(keepingCapacity: true)
        scratch.emissions.reserveCapacity(n * t + Self.vectorPadding)
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: t) { row in
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: EntityFeatures.most) { features in
                sentence.tokens.withUnsafeBufferPointer { tokens in
                    for i in 0..<n {
                        for k in 0..<t { row[k] = 0 }
                        let count = EntityFeatures.of(tokens, at: i, into: features.baseAddress!)
                        table.accumulate(UnsafeBufferPointer(rebasing: features[..<count]), into: row)
                        for k in 0..<t { scratch.emissions.append(Float(row[k]) * scale) }
                    }
                }
            }
        }
        scratch.emissions.append(contentsOf: repeatElement(0, count: Self.vectorPadding))
        return Self.viterbi(scratch.emissions, n: n, pairs: pairs, back: &scratch.back)
    }

    /// Viterbi search over emission scores (`n` rows of `tags.count`) and tag-pair weights;
    /// `I-X` only after `B-X` or `I-X`.
    static func viterbi(_ emissions: [Float], n: Int, tags: EntityTags, transitions: [Float], back: inout [Int32]) -> [Int] {
        viterbi(emissions, n: n, pairs: TagPairs(tags: tags, transitions: transitions), back: &back)
    }

    /// The same search with the tag pairs prepared (a model prepares its own once).
    static func viterbi(_ emissions: [Float], n: Int, pairs: TagPairs, back: inout [Int32]) -> [Int] {
        let t = pairs.count
        var score = [Float](repeating: -.infinity, count: t)
        back.removeAll(keepingCapacity: true)
        back.append(contentsOf: repeatElement(-1, count: n * t + vectorPadding))
        for k in 0..<t { score[k] = pairs.allowed[k] + emissions[k] }
        if n > 1 {
            if t <= 16 {
                // `tag` leaves room past the last row; other callers' rows are copied.
                let padded = emissions.count >= (n - 1) * t + vectorPadding ? emissions : emissions + repeatElement(0, count: vectorPadding)
                vectorSearch(padded, n: n, pairs: pairs, score: &score, back: &back)
            } else {
                scalarSearch(emissions, n: n, pairs: pairs, score: &score, back: &back)
            }
        }
        var last = 0
        for k in 1..<t where score[k] > score[last] { last = k }
        var out = [Int](repeating: 0, count: n)
        out[n - 1] = last
        var i = n - 1
        while i > 0 {
            last = Int(back[i * t + last])
            if last < 0 { last = 0 }
            out[i - 1] = last
            i -= 1
        }
        return out
    }

    /// The search's steps after the first, one tag at a time.
    static func scalarSearch(_ emissions: [Float], n: Int, pairs: TagPairs, score: inout [Float], back: inout [Int32]) {
        let t = pairs.count
        var next = [Float](repeating: -.infinity, count: t)
        pairs.allowed.withUnsafeBufferPointer { pair in
            emissions.withUnsafeBufferPointer { e in
                back.withUnsafeMutableBufferPointer { back in
                    for i in 1..<n {
                        for k in 0..<t {
                            var best: Float = -.infinity
                            var from: Int32 = -1
                            for p in 0..<t {
                                let s = score[p] + pair[(p + 1) * t + k]
                                if s > best { best = s; from = Int32(p) }
                            }
                            next[k] = best + e[i * t + k]
                            back[i * t + k] = from
                        }
                        swap(&score, &next)
                    }
                }
            }
        }
    }

    /// Room past the last row of `emissions` and `back` for a whole vector (`vectorSearch`).
    static let vectorPadding = 16

    /// The search's steps after the first for up to sixteen tags, all tags at once: rows are
    /// read and written as sixteen lanes (the arrays carry `vectorPadding` spare elements; a
    /// row's extra lanes spill into the next row, written after). Previous tags are taken in
    /// order and a lane takes one only when its sum is strictly better, so ties go to the lowest
    /// previous tag as in `scalarSearch`, with the same sums.
    static func vectorSearch(_ emissions: [Float], n: Int, pairs: TagPairs, score: inout [Float], back: inout [Int32]) {
        let t = pairs.count
        precondition(t <= 16 && emissions.count >= (n - 1) * t + vectorPadding && back.count >= (n - 1) * t + vectorPadding)
        let none = SIMD16<Float>(repeating: -.infinity)
        var current = [Float](repeating: -.infinity, count: 16)
        for k in 0..<t { current[k] = score[k] }
        pairs.rows.withUnsafeBufferPointer { pairs in
            emissions.withUnsafeBytes { e in
                back.withUnsafeMutableBytes { back in
                    current.withUnsafeMutableBufferPointer { current in
                        for i in 1..<n {
                            var best = none
                            var from = SIMD16<Int32>(repeating: -1)
                            for p in 0..<t {
                                let candidate = SIMD16<Float>(repeating: current[p]) + pairs[p]
                                let better = candidate .> best
                                best.replace(with: candidate, where: better)
                                from.replace(with: Int32(p), where: better)
                            }
                            let sums = best + e.loadUnaligned(fromByteOffset: i * t * 4, as: SIMD16<Float>.self)
                            UnsafeMutableRawPointer(current.baseAddress!).storeBytes(of: sums, as: SIMD16<Float>.self)
                            back.storeBytes(of: from, toByteOffset: i * t * 4, as: SIMD16<Int32>.self)
                        }
                    }
                }
            }
        }
        for k in 0..<t { score[k] = current[k] }
    }

    /// The tag-pair weights as the search reads them, made once per model.
    struct TagPairs: Sendable {
        let count: Int
        /// `(previous + 1) * count + tag` as in `transitions`, with -∞ for a pair the tags
        /// forbid: no sum through it beats the -∞ a search starts from, so the inner loops need
        /// no test.
        let allowed: [Float]
        /// For up to sixteen tags, one row of sixteen lanes for each previous tag (-∞ past the
        /// last tag).
        let rows: [SIMD16<Float>]

        init(tags: EntityTags, transitions: [Float]) {
            let t = tags.count
            var allowed = transitions
            for p in -1..<t { for k in 0..<t where !tags.allows(p, k) { allowed[(p + 1) * t + k] = -.infinity } }
            self.init(count: t, allowed: allowed)
        }

        init(count t: Int, allowed: [Float]) {
            count = t
            self.allowed = allowed
            var rows = [SIMD16<Float>](repeating: SIMD16(repeating: -.infinity), count: t <= 16 ? t : 0)
            for p in rows.indices { for k in 0..<t { rows[p][k] = allowed[(p + 1) * t + k] } }
            self.rows = rows
        }
    }

    // MARK: File

    static let magic = Array("MKNER1\n".utf8)

    public struct ModelError: Error, CustomStringConvertible {
        public let description: String
    }

    public func serialized() -> [UInt8] {
        var out = Self.magic
        func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        func text(_ s: String) { let b = Array(s.utf8); u32(UInt32(b.count)); out.append(contentsOf: b) }
        text(tags.types.joined(separator: "\n"))
        text(about)
        text(lists.phrases.map { "\(NameLists.classes[$0.classIndex])\t\($0.phrase)" }.joined(separator: "\n"))
        u32(UInt32(transitions.count))
        for v in transitions { u32(v.bitPattern) }
        u32(scale.bitPattern)
        let features = featureCount
        u32(UInt32(features))
        for h in hashes { withUnsafeBytes(of: h.littleEndian) { out.append(contentsOf: $0) } }
        for h in hashes {
            for w in table.weights(h) ?? [] { withUnsafeBytes(of: w.littleEndian) { out.append(contentsOf: $0) } }
        }
        return out
    }

    public func save(to path: String) throws {
        try Data(serialized()).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    public static func load(path: String) throws -> EntityModel {
        try parse(FileIO.readAll(path), name: path)
    }

    public static func parse(_ bytes: [UInt8], name: String) throws -> EntityModel {
        var at = 0
        func fail(_ why: String) -> ModelError { ModelError(description: "\(name): not an entity model (\(why))") }
        guard bytes.count >= magic.count, Array(bytes[0..<magic.count]) == magic else { throw fail("no MKNER1 header") }
        at = magic.count
        func u32() throws -> UInt32 {
            guard at + 4 <= bytes.count else { throw fail("cut short") }
            var v: UInt32 = 0
            for k in 0..<4 { v |= UInt32(bytes[at + k]) << (8 * k) }
            at += 4
            return v
        }
        func text() throws -> String {
            let n = Int(try u32())
            guard at + n <= bytes.count else { throw fail("cut short") }
            defer { at += n }
            return String(decoding: bytes[at..<(at + n)], as: UTF8.self)
        }
        let types = try text().split(separator: "\n").map(String.init)
        guard !types.isEmpty, types.count < 16 else { throw fail("bad type list") }
        let tags = EntityTags(types: types)
        let about = try text()
        var phrases: [(String, Int)] = []
        for line in try text().utf8.split(separator: 0x0A) {
            let parts = line.split(separator: 0x09, maxSplits: 1)
            guard parts.count == 2, let c = NameLists.classIndex(String(Substring(parts[0]))) else { throw fail("bad name list line") }
            phrases.append((String(Substring(parts[1])), c))
        }
        let transitionCount = Int(try u32())
        guard transitionCount == (tags.count + 1) * tags.count else { throw fail("bad transition table") }
        var transitions: [Float] = []
        for _ in 0..<transitionCount { transitions.append(Float(bitPattern: try u32())) }
        let scale = Float(bitPattern: try u32())
        let features = Int(try u32())
        guard at + features * (8 + 2 * tags.count) == bytes.count else { throw fail("size does not match its feature count") }
        var table = FeatureWeightTable(tagCount: tags.count, capacity: features)
        var hashes = [UInt64](repeating: 0, count: features)
        bytes.withUnsafeBytes { raw in
            let base = at + 8 * features
            var row = [Int16](repeating: 0, count: tags.count)
            for n in 0..<features {
                hashes[n] = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: at + 8 * n, as: UInt64.self))
                for k in 0..<tags.count {
                    row[k] = Int16(littleEndian: raw.loadUnaligned(fromByteOffset: base + 2 * (n * tags.count + k), as: Int16.self))
                }
                table.insert(hashes[n], row)
            }
        }
        return EntityModel(tags: tags, lists: NameLists(phrases.map { (phrase: $0.0, classIndex: $0.1) }), hashes: hashes, table: table,
                           scale: scale, transitions: transitions, about: about)
    }

    /// The path of the model that ships (`Resources/ner/vi-entities.mkner`).
    public static var shippedPath: String? {
        MekongResources.path("ner/vi-entities.mkner")
    }

    /// The model that ships, loaded once; nil when missing or damaged (`loadShipped` says why).
    public static let shipped: EntityModel? = try? loadShipped()

    /// Loads the model that ships, or says why it cannot.
    public static func loadShipped() throws -> EntityModel {
        guard let path = shippedPath else {
            throw ModelError(description: "the shipped entity model is missing from the build (and from \(MekongResources.environmentVariable))")
        }
        do { return try load(path: path) } catch { throw ModelError(description: "the shipped entity model does not load: \(error)") }
    }
}

/// Buffers the tagger reuses from sentence to sentence.
struct EntityScratch {
    var emissions: [Float] = []
    var back: [Int32] = []
}
