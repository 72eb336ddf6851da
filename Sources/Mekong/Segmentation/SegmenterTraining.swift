import Foundation

extension WordSegmenter {
    /// One training sentence: its syllables and, for each, whether it joins the previous.
    public struct Example: Sendable {
        public var syllables: [String]
        public var joins: [Bool]
        public init(syllables: [String], joins: [Bool]) {
            self.syllables = syllables
            self.joins = joins
        }
    }

    /// Training's dense weights, read through a pointer.
    struct DenseWeights: Weights {
        let pointer: UnsafeMutableBufferPointer<Float>
        @inline(__always) subscript(index: Int) -> Float { pointer[index] }
    }

    struct Collect: SegmenterFeatures.Visitor {
        var indices: [Int] = []
        @inline(__always) mutating func visit(_ index: Int) { indices.append(index) }
    }

    /// Trains a structured averaged perceptron (Collins 2002); deterministic for a given seed.
    public static func train(_ examples: [Example], lexicon words: [String], epochs: Int = 6, seed: UInt64 = 1,
                             log: (String) -> Void = { _ in }) -> WordSegmenter {
        let lexicon = Array(Set(words.map { $0.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ") }))
            .filter { !$0.isEmpty }.sorted()
        let lexiconText = Array(lexicon.joined(separator: "\n").utf8)
        let index = LexiconIndex(text: lexiconText)
        let prepared: [(sentence: SentenceContext, joins: [Bool])] = examples.map { e in
            var sentence = SentenceContext()
            for s in e.syllables {
                let (key, shape) = SyllableKey.of(s.unicodeScalars)
                sentence.append(key: key, shape: shape)
            }
            sentence.prepare(index)
            return (sentence, e.joins)
        }
        let size = 1 << SegmenterFeatures.tableBits
        var w = [Float](repeating: 0, count: size)
        var totals = [Double](repeating: 0, count: size)
        var stamps = [Int](repeating: 0, count: size)
        var step = 1
        var order = Array(prepared.indices)
        var rng = SplitMix(seed: seed)
        var predicted: [Bool] = []
        var back: [UInt8] = []
        var collect = Collect()
        w.withUnsafeMutableBufferPointer { pointer in
            let dense = DenseWeights(pointer: pointer)
            @inline(__always) func update(_ h: Int, _ delta: Float) {
                totals[h] += Double(step - stamps[h]) * Double(pointer[h])
                stamps[h] = step
                pointer[h] += delta
            }
            for epoch in 1...epochs {
                order.shuffle(using: &rng)
                var errors = 0
                var decisions = 0
                for index in order {
                    let e = prepared[index]
                    let n = e.sentence.count
                    guard n > 1 else { continue }
                    // Decode the whole sentence with the current weights, then move them toward
                    // the gold decisions where the two differ.
                    decode(e.sentence, dense, into: &predicted, back: &back)
                    for i in 1..<n {
                        let gold = e.joins[i], guess = predicted[i]
                        decisions += 1
                        if gold != guess { errors += 1 }
                        if gold == guess && (!gold || e.joins[i - 1] == predicted[i - 1]) { continue }
                        collect.indices.removeAll(keepingCapacity: true)
                        SegmenterFeatures.visit(e.sentence, at: i, &collect)
                        if gold {
                            for h in collect.indices { update(h, 1) }
                            let (a, b) = SegmenterFeatures.transitions(e.sentence, at: i, previousJoined: e.joins[i - 1])
                            update(a, 1); update(b, 1)
                        }
                        if guess {
                            for h in collect.indices { update(h, -1) }
                            let (a, b) = SegmenterFeatures.transitions(e.sentence, at: i, previousJoined: predicted[i - 1])
                            update(a, -1); update(b, -1)
                        }
                    }
                    step += 1
                }
                log("epoch \(epoch): \(errors) errors in \(decisions) decisions (\(String(format: "%.2f", 100 * Double(errors) / Double(max(1, decisions))))%)")
            }
        }
        var averaged: [(index: Int, weight: Float)] = []
        for h in 0..<size {
            let total = totals[h] + Double(step - stamps[h]) * Double(w[h])
            let value = Float(total / Double(step))
            if value != 0 { averaged.append((h, value)) }
        }
        return WordSegmenter(weights: WeightTable(averaged), lexiconText: lexiconText)
    }
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
