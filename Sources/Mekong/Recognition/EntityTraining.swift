/// Trains an `EntityModel`: a structured averaged perceptron (Collins 2002) over the tokens of
/// labelled sentences, decoded by the same Viterbi search the model uses. Each epoch walks the
/// sentences in a fresh order; the weights kept are the average over every step, which
/// generalizes far better than the last ones.
public enum EntityTraining {
    /// One training sentence: its features per token, precomputed, and its gold tags.
    struct Example {
        var features: [[UInt64]]
        var tags: [Int]
    }

    /// What training did, for the report.
    public struct Report: Sendable {
        public var sentences = 0
        public var tokens = 0
        public var mentions = 0
        /// Mentions whose edges fall inside a token (cut to the tokens they cover).
        public var misaligned = 0
        public var epochs: [(epoch: Int, errors: Int)] = []
    }

    /// Runs `prepare` (sentences, tokens, words) on each document of `corpus` and pairs its
    /// sentences with gold tags. Mentions of types not in `tags` are left out; optional ones too.
    static func examples(_ corpus: EntityCorpus, tags: EntityTags, lists: NameLists, prepare: (inout Document) throws -> Void,
                         report: inout Report) throws -> [Example] {
        var out: [Example] = []
        for d in corpus.documents {
            var document = Document(id: d.id, text: d.text, language: "vi")
            try prepare(&document)
            var spans: [(Range<Int>, Int)] = []
            for (s, offset) in zip(d.sentences, d.offsets) {
                for m in s.mentions where !m.optional {
                    guard let t = tags.types.firstIndex(of: m.type) else { continue }
                    spans.append(((offset + m.start)..<(offset + m.end), t))
                }
            }
            report.mentions += spans.count
            let sentences = EntityTagger.sentences(of: document, lists: lists)
            var labels: [[Int]] = sentences.map { [Int](repeating: 0, count: $0.tokens.count) }
            // Each mention to the tokens it covers.
            for (span, type) in spans {
                var covered: [(Int, Int)] = []
                var exact = true
                for (n, s) in sentences.enumerated() {
                    guard let first = s.tokens.first, let last = s.tokens.last,
                          first.lowerBound < span.upperBound, span.lowerBound < last.upperBound else { continue }
                    for (k, r) in s.tokens.enumerated() where r.lowerBound < span.upperBound && span.lowerBound < r.upperBound {
                        covered.append((n, k))
                        if r.lowerBound < span.lowerBound || r.upperBound > span.upperBound { exact = false }
                    }
                }
                if !exact { report.misaligned += 1 }
                guard let (n, _) = covered.first, covered.allSatisfy({ $0.0 == n }) else { continue }
                for (j, (_, k)) in covered.enumerated() { labels[n][k] = j == 0 ? tags.begin(type) : tags.inside(type) }
            }
            for (s, gold) in zip(sentences, labels) {
                var features: [[UInt64]] = []
                for i in 0..<s.input.count {
                    var f: [UInt64] = []
                    EntityFeatures.of(s.input, at: i, into: &f)
                    features.append(f)
                }
                out.append(Example(features: features, tags: gold))
                report.tokens += gold.count
            }
            report.sentences += d.sentences.count
        }
        return out
    }

    /// Trains on `corpus`, its documents prepared by `prepare` (sentences, tokens and words,
    /// as `preparation()` makes them), and returns the model.
    ///
    /// `runs` perceptrons are trained, each on its own order of the sentences (seeds `seed`,
    /// `seed + 1`, …), and their averaged weights are averaged again. One run's quality swings with
    /// the order it happened to see (half a point of typed F1 between seeds on the development
    /// sets); the mean of several is steadier and no worse than a good draw.
    public static func train(_ corpus: EntityCorpus, lists: NameLists, tags: EntityTags = .standard, epochs: Int = 12, seed: UInt64 = 1,
                             runs: Int = 1, about: String = "", prepare: (inout Document) throws -> Void,
                             progress: (String) -> Void = { _ in }) throws -> (EntityModel, Report) {
        var report = Report()
        let examples = try self.examples(corpus, tags: tags, lists: lists, prepare: prepare, report: &report)
        let t = tags.count
        let runs = max(runs, 1)
        var rows: [UInt64: [Float]] = [:]
        var order: [UInt64] = []
        var transitions = [Float](repeating: 0, count: (t + 1) * t)
        for run in 0..<runs {
            if runs > 1 { progress("run \(run + 1) of \(runs), seed \(seed + UInt64(run))") }
            let one = perceptron(examples, tags: tags, epochs: epochs, seed: seed + UInt64(run), report: &report, progress: progress)
            for (h, row) in one.features {
                if rows[h] == nil { order.append(h) }
                rows[h, default: [Float](repeating: 0, count: t)].withUnsafeMutableBufferPointer { r in
                    for k in 0..<t { r[k] += row[k] / Float(runs) }
                }
            }
            for k in 0..<transitions.count { transitions[k] += one.transitions[k] / Float(runs) }
        }
        // First-seen order: the same data and settings give the same file byte for byte.
        let features = order.compactMap { h -> (hash: UInt64, weights: [Float])? in
            let row = rows[h]!
            return row.contains { abs($0) > 1e-4 } ? (h, row) : nil
        }
        return (EntityModel(tags: tags, lists: lists, features: features, transitions: transitions, about: about), report)
    }

    /// One averaged perceptron over `examples`: its features' averaged weights (in the order
    /// they were first updated) and transitions.
    static func perceptron(_ examples: [Example], tags: EntityTags, epochs: Int, seed: UInt64, report: inout Report,
                           progress: (String) -> Void) -> (features: [(hash: UInt64, weights: [Float])], transitions: [Float]) {
        let t = tags.count
        var rowOf: [UInt64: Int] = [:]
        var hashes: [UInt64] = []
        // Weights, their running sums and when each was last changed (lazy averaging).
        var w: [Float] = [], sum: [Double] = [], stamp: [Int] = []
        var tw = [Float](repeating: 0, count: (t + 1) * t), tsum = [Double](repeating: 0, count: (t + 1) * t), tstamp = [Int](repeating: 0, count: (t + 1) * t)
        var step = 1
        @inline(__always) func bump(_ k: Int, _ delta: Float) {
            sum[k] += Double(w[k]) * Double(step - stamp[k])
            stamp[k] = step
            w[k] += delta
        }
        @inline(__always) func bumpTransition(_ k: Int, _ delta: Float) {
            tsum[k] += Double(tw[k]) * Double(step - tstamp[k])
            tstamp[k] = step
            tw[k] += delta
        }
        func row(_ h: UInt64) -> Int {
            if let r = rowOf[h] { return r }
            let r = hashes.count
            rowOf[h] = r
            hashes.append(h)
            w.append(contentsOf: repeatElement(0, count: t))
            sum.append(contentsOf: repeatElement(0, count: t))
            stamp.append(contentsOf: repeatElement(0, count: t))
            return r
        }
        var order = Array(examples.indices)
        var rng = SplitMix(seed: seed)
        var back: [Int32] = []
        var emissions: [Float] = []
        for epoch in 1...max(epochs, 1) {
            order.shuffle(using: &rng)
            var errors = 0
            for e in order {
                let ex = examples[e]
                let n = ex.tags.count
                guard n > 0 else { continue }
                emissions.removeAll(keepingCapacity: true)
                for i in 0..<n {
                    var scores = [Float](repeating: 0, count: t)
                    for h in ex.features[i] {
                        guard let r = rowOf[h] else { continue }
                        for k in 0..<t { scores[k] += w[r * t + k] }
                    }
                    emissions.append(contentsOf: scores)
                }
                let guess = EntityModel.viterbi(emissions, n: n, tags: tags, transitions: tw, back: &back)
                if guess != ex.tags {
                    errors += 1
                    for i in 0..<n {
                        let g = ex.tags[i], p = guess[i]
                        let gp = i == 0 ? -1 : ex.tags[i - 1], pp = i == 0 ? -1 : guess[i - 1]
                        if g != p {
                            for h in ex.features[i] {
                                let r = row(h)
                                bump(r * t + g, 1)
                                bump(r * t + p, -1)
                            }
                        }
                        if g != p || gp != pp {
                            bumpTransition((gp + 1) * t + g, 1)
                            bumpTransition((pp + 1) * t + p, -1)
                        }
                    }
                }
                step += 1
            }
            report.epochs.append((epoch, errors))
            progress("epoch \(epoch): \(errors) of \(examples.count) sentences tagged wrong")
        }
        // The averages.
        var features: [(hash: UInt64, weights: [Float])] = []
        features.reserveCapacity(hashes.count)
        for (r, h) in hashes.enumerated() {
            var row = [Float](repeating: 0, count: t)
            var any = false
            for k in 0..<t {
                let i = r * t + k
                let total = sum[i] + Double(w[i]) * Double(step - stamp[i])
                row[k] = Float(total / Double(step))
                if abs(row[k]) > 1e-4 { any = true }
            }
            if any { features.append((h, row)) }
        }
        var transitions = [Float](repeating: 0, count: (t + 1) * t)
        for k in 0..<transitions.count { transitions[k] = Float((tsum[k] + Double(tw[k]) * Double(step - tstamp[k])) / Double(step)) }
        return (features, transitions)
    }
}
