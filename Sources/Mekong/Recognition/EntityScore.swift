/// Scores entity mentions the way `mention_score.py entities` does: within a sentence, mentions
/// pair up by equal surface (a multiset), pairs with the right link and type made first; a
/// system mention inside, around or equal to an optional gold mention is neither right nor
/// wrong. Counts mention, typed and per-type precision/recall/F1 and link accuracy over the
/// gold mentions that have an English name.
public struct EntityScore: Sendable {
    public struct Mention: Sendable {
        public var surface: String
        public var type: String
        public var en: String?
        public var optional = false
        public init(surface: String, type: String, en: String? = nil, optional: Bool = false) {
            self.surface = surface; self.type = type; self.en = en; self.optional = optional
        }
    }

    public var gold = 0, system = 0, matched = 0, typed = 0
    public var goldByType: [String: Int] = [:], systemByType: [String: Int] = [:], typedByType: [String: Int] = [:]
    public var linkable = 0, linkedRight = 0, linkableDetected = 0
    /// Whether the system gave any English names (a model alone gives none: no link line).
    public var systemLinks = false
    /// Misses and false alarms, `sentence: surface TYPE` (for `--show`).
    public var errors: [String] = []

    public init() {}

    static func fold(_ name: String?) -> String? {
        guard let name else { return nil }
        var t = name.replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "D")
        t = String(scalars: t.decomposedStringWithCanonicalMapping.lowercased().unicodeScalars.filter { !$0.properties.isDiacritic && $0.properties.generalCategory != .nonspacingMark })
        for suffix in [" province", " district", " city", " municipality", " town"] where t.hasSuffix(suffix) { t.removeLast(suffix.count) }
        let kept = t.unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }
        return kept.isEmpty ? nil : String(scalars: kept)
    }

    static func nested(_ a: String, _ b: String) -> Bool {
        var ta = a.split(separator: " "), tb = b.split(separator: " ")
        if ta.count > tb.count { swap(&ta, &tb) }
        guard ta.count <= tb.count else { return false }
        return (0...(tb.count - ta.count)).contains { Array(tb[$0..<($0 + ta.count)]) == ta }
    }

    public mutating func add(sentence id: String, gold allGold: [Mention], system sys: [Mention]) {
        let firm = allGold.filter { !$0.optional }
        let optional = allGold.filter(\.optional)
        var unmatchedGold = firm
        var unmatchedSystem = sys
        var pairs: [(Mention, Mention)] = []
        // Levels: link and type agree, type agrees, surface only.
        let levels: [(Mention, Mention) -> Bool] = [
            { Self.fold($0.en) == Self.fold($1.en) && $0.type == $1.type }, { $0.type == $1.type }, { _, _ in true },
        ]
        for ok in levels {
            var g = 0
            while g < unmatchedGold.count {
                if let s = unmatchedSystem.firstIndex(where: { $0.surface == unmatchedGold[g].surface && ok(unmatchedGold[g], $0) }) {
                    pairs.append((unmatchedGold.remove(at: g), unmatchedSystem.remove(at: s)))
                } else { g += 1 }
            }
        }
        if sys.contains(where: { $0.en != nil }) { systemLinks = true }
        let alarms = unmatchedSystem.filter { s in !optional.contains { Self.nested(s.surface, $0.surface) } }
        gold += firm.count
        system += pairs.count + alarms.count
        matched += pairs.count
        for g in firm { goldByType[g.type, default: 0] += 1 }
        for (_, s) in pairs { systemByType[s.type, default: 0] += 1 }
        for s in alarms { systemByType[s.type, default: 0] += 1 }
        for (g, s) in pairs where g.type == s.type { typed += 1; typedByType[g.type, default: 0] += 1 }
        for g in firm where g.en != nil { linkable += 1 }
        for (g, s) in pairs where g.en != nil {
            linkableDetected += 1
            if Self.fold(g.en) == Self.fold(s.en) { linkedRight += 1 }
        }
        for g in unmatchedGold { errors.append("\(id): missed \(g.surface) \(g.type)") }
        for s in alarms { errors.append("\(id): false \(s.surface) \(s.type)") }
        for (g, s) in pairs where g.type != s.type { errors.append("\(id): \(g.surface) is \(g.type), tagged \(s.type)") }
        for (g, s) in pairs where g.en != nil && Self.fold(g.en) != Self.fold(s.en) {
            errors.append("\(id): \(g.surface) links to \(g.en!), got \(s.en ?? "nothing")")
        }
    }

    static func prf(_ tp: Int, _ sys: Int, _ gold: Int) -> (p: Double, r: Double, f: Double) {
        let p = sys == 0 ? 0 : Double(tp) / Double(sys), r = gold == 0 ? 0 : Double(tp) / Double(gold)
        return (p, r, p + r == 0 ? 0 : 2 * p * r / (p + r))
    }

    public var mentionF1: Double { Self.prf(matched, system, gold).f }
    public var typedF1: Double { Self.prf(typed, system, gold).f }
    public func f1(_ type: String) -> Double { Self.prf(typedByType[type] ?? 0, systemByType[type] ?? 0, goldByType[type] ?? 0).f }
    public var linkAccuracy: Double { linkable == 0 ? 0 : Double(linkedRight) / Double(linkable) }

    /// The scores as a table.
    public var table: String {
        func row(_ name: String, _ s: (p: Double, r: Double, f: Double), _ n: Int) -> String {
            name.padding(toLength: 10, withPad: " ", startingAt: 0) + String(format: "  P %.3f  R %.3f  F1 %.3f  (%d gold)", s.p, s.r, s.f, n)
        }
        var lines = [row("mentions", Self.prf(matched, system, gold), gold), row("typed", Self.prf(typed, system, gold), gold)]
        for t in goldByType.keys.sorted() {
            lines.append(row("  " + t, Self.prf(typedByType[t] ?? 0, systemByType[t] ?? 0, goldByType[t] ?? 0), goldByType[t] ?? 0))
        }
        if linkable > 0 && systemLinks {
            lines.append(String(format: "links       %.3f of %d linkable gold mentions (%.3f of the %d detected)", linkAccuracy, linkable,
                                linkableDetected == 0 ? 0 : Double(linkedRight) / Double(linkableDetected), linkableDetected))
        }
        return lines.joined(separator: "\n")
    }
}

/// Scores a model alone (no knowledge base, no document-level pass) on labelled documents.
public enum EntityModelScore {
    /// Scores what `find` gives for each document (mentions with their start in the document's
    /// text, the sentences joined by blank lines).
    static func score(_ corpus: EntityCorpus, _ find: (EntityCorpus.Document) throws -> [(start: Int, mention: EntityScore.Mention)]) throws -> EntityScore {
        var score = EntityScore()
        for d in corpus.documents {
            let offsets = d.offsets
            var bySentence = [[EntityScore.Mention]](repeating: [], count: d.sentences.count)
            for (start, mention) in try find(d) {
                // The sentence the mention starts in.
                var k = 0
                while k + 1 < offsets.count && offsets[k + 1] <= start { k += 1 }
                bySentence[k].append(mention)
            }
            for (n, sentence) in d.sentences.enumerated() {
                let scalars = Array(sentence.text.unicodeScalars)
                let gold = sentence.mentions.map {
                    EntityScore.Mention(surface: String(scalars: scalars[$0.start..<$0.end]), type: $0.type, en: $0.en, optional: $0.optional)
                }
                score.add(sentence: sentence.id, gold: gold, system: bySentence[n])
            }
        }
        return score
    }
}
