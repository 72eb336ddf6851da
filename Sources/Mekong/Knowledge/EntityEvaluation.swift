/// Scores entity recognition and linking against a gold file: TSV lines of
/// `language<TAB>sentence<TAB>TEXT|TYPE|ID ;; …` (ID a knowledge-base id or NIL; `-` for none).
/// Mentions match by exact span; typed F1 also needs the type (finer types count as MISC); link accuracy is over the gold
/// mentions found with the right span (a NIL is right when the link is NIL).
public struct EntityEvaluation: Sendable {
    public struct GoldMention: Sendable, Hashable {
        public var start: Int
        public var end: Int
        public var type: String
        public var id: String?
    }

    public struct Sentence: Sendable {
        public var line: Int
        public var language: String
        public var text: String
        public var mentions: [(text: String, type: String, id: String?)]
    }

    public var gold = 0
    public var predicted = 0
    public var matched = 0
    public var typedMatched = 0
    public var linksRight = 0
    public var linkableRight = 0
    public var linkable = 0
    public var nilRight = 0
    public var nils = 0
    public var errors: [String] = []

    public init() {}

    public var precision: Double { predicted == 0 ? 0 : Double(matched) / Double(predicted) }
    public var recall: Double { gold == 0 ? 0 : Double(matched) / Double(gold) }
    public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
    public var typedF1: Double {
        let p = predicted == 0 ? 0 : Double(typedMatched) / Double(predicted)
        let r = gold == 0 ? 0 : Double(typedMatched) / Double(gold)
        return p + r == 0 ? 0 : 2 * p * r / (p + r)
    }
    public var linkAccuracy: Double { matched == 0 ? 0 : Double(linksRight) / Double(matched) }

    /// Types as the annotation guidelines score them: PER, ORG, LOC, and MISC for every finer
    /// type (EVENT, PRODUCT, …).
    static func scored(_ type: String?) -> String {
        switch type { case "PER", "ORG", "LOC": return type!; default: return "MISC" }
    }

    public static func read(_ path: String) throws(LocatedError) -> [Sentence] {
        let bytes: [UInt8]
        do { bytes = try FileIO.readAll(path) } catch { throw LocatedError(path: path, message: "cannot read: \(error)") }
        var out: [Sentence] = []
        for (n, raw) in String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if raw.isEmpty || raw.hasPrefix("#") { continue }
            let f = raw.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 3 else { throw LocatedError(path: "\(path):\(n + 1)", message: "expected language<TAB>sentence<TAB>mentions") }
            var mentions: [(String, String, String?)] = []
            if f[2] != "-" {
                for item in f[2].components(separatedBy: " ;; ") {
                    let p = item.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
                    guard p.count == 3, KBEntity.types.contains(p[1]) else {
                        throw LocatedError(path: "\(path):\(n + 1)", message: "expected TEXT|TYPE|ID, found '\(item)'")
                    }
                    mentions.append((p[0], p[1], p[2] == "NIL" ? nil : p[2]))
                }
            }
            out.append(Sentence(line: n + 1, language: f[0], text: f[1], mentions: mentions))
        }
        return out
    }

    /// Adds one processed sentence to the counts.
    public mutating func add(_ sentence: Sentence, document: Document) {
        // Gold spans: each mention's text found in turn in the text the pipeline ended with.
        let scalars = document.view.scalars
        var goldSpans: [GoldMention] = []
        var from = 0
        for m in sentence.mentions {
            let needle = Array(m.text.unicodeScalars)
            var found: Int?
            var i = from
            while i + needle.count <= scalars.count {
                if Array(scalars[i..<(i + needle.count)]) == needle { found = i; break }
                i += 1
            }
            guard let start = found else { errors.append("line \(sentence.line): '\(m.text)' is not in the sentence"); continue }
            goldSpans.append(GoldMention(start: start, end: start + needle.count, type: m.type, id: m.id))
            from = start + needle.count
        }
        let predictedMentions = document.layers.entities
        gold += goldSpans.count
        predicted += predictedMentions.count
        for g in goldSpans {
            if g.id == nil { nils += 1 } else { linkable += 1 }
            guard let p = predictedMentions.first(where: { $0.start == g.start && $0.end == g.end }) else { continue }
            matched += 1
            if Self.scored(p.type) == Self.scored(g.type) { typedMatched += 1 }
            let id = p.id
            if id == g.id {
                linksRight += 1
                if g.id == nil { nilRight += 1 } else { linkableRight += 1 }
            }
        }
    }

    public var report: String {
        func pct(_ x: Double) -> String { String(Double(Int((x * 1000).rounded())) / 10) }
        return """
            mentions: gold \(gold), predicted \(predicted), matched \(matched)
            mention P \(pct(precision)) R \(pct(recall)) F1 \(pct(f1)); typed F1 \(pct(typedF1))
            link accuracy \(pct(linkAccuracy)) over matched mentions (in the KB: \(linkableRight)/\(linkable) gold, NIL: \(nilRight)/\(nils) gold)
            """
    }
}
