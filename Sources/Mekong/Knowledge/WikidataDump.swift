import Foundation

/// Reads a Wikidata JSON dump (`.json`, `.json.gz`, `.json.bz2`: a JSON array with one entity per
/// line) into knowledge-base entities, one line at a time: memory stays bounded whatever the
/// dump's size.
public struct WikidataDump {
    /// Which entities and names to keep.
    public struct Filter: Sendable {
        /// Languages whose labels, aliases and descriptions are kept; an entity is kept only with a
        /// label or a sitelink (`viwiki`, `enwiki`) in one of them.
        public var languages: Set<String> = ["vi", "en", "fr"]
        /// Types to keep (MISC included only when asked).
        public var types: Set<String> = ["PER", "ORG", "LOC", "EVENT", "PRODUCT"]
        public var minimumSitelinks = 1
        public init() {}
    }

    /// P31 class → type.
    public let classes: [String: String]
    public let filter: Filter

    public init(filter: Filter = Filter(), classes: [String: String] = WikidataDump.shippedClasses) {
        self.filter = filter
        self.classes = classes
    }

    /// The classes in `Resources/kb/wikidata-types.json`.
    public static let shippedClasses: [String: String] = {
        guard let bytes = MekongResources.bytes("kb/wikidata-types.json"), let map = try? classMap(bytes, name: "kb/wikidata-types.json") else { return [:] }
        return map
    }()

    /// Reads a class map file: `{"PER": ["Q5", …], "ORG": […], …}`.
    public static func classMap(_ bytes: [UInt8], name: String) throws(LocatedError) -> [String: String] {
        guard let json = try? JSONParser.parse(String(decoding: bytes, as: UTF8.self)), let o = json.objectValue else {
            throw LocatedError(path: name, message: "expected a JSON object of type → list of Wikidata classes")
        }
        var map: [String: String] = [:]
        for m in o where !m.key.hasPrefix("_") {
            guard KBEntity.types.contains(m.key) else {
                throw LocatedError(path: "\(name): $.\(m.key)", message: "unknown type; expected one of \(KBEntity.types.sorted().joined(separator: ", "))")
            }
            guard let list = m.value.arrayValue else { throw LocatedError(path: "\(name): $.\(m.key)", message: "expected a list of Q-ids") }
            for (i, q) in list.enumerated() {
                guard let s = q.stringValue, s.hasPrefix("Q"), Int(s.dropFirst()) != nil else {
                    throw LocatedError(path: "\(name): $.\(m.key)[\(i)]", message: "expected a Wikidata id such as \"Q5\"")
                }
                map[s] = m.key
            }
        }
        return map
    }

    /// Identifier properties joined to the schemes of the default knowledge base.
    static let schemes: [(property: String, scheme: String)] = [("P297", "iso3166"), ("P498", "iso4217"), ("P218", "iso639"), ("P506", "iso15924")]

    /// One line of the dump as an entity, or nil when it is the array's bracket, not an item,
    /// or filtered out. Throws on a line that is not JSON.
    public func entity(line raw: ArraySlice<UInt8>) throws -> KBEntity? {
        var line = raw
        while let last = line.last, last == 0x2C || last == 0x20 || last == 0x0D { line.removeLast() }  // trailing ",", CR
        while let first = line.first, first == 0x20 { line.removeFirst() }
        if line.isEmpty || line == [0x5B] || line == [0x5D] { return nil }  // "[" and "]"
        let json = try JSONParser.parse(String(decoding: line, as: UTF8.self))
        guard let id = json["id"]?.stringValue, id.hasPrefix("Q") else { return nil }
        let sitelinks = json["sitelinks"]?.objectValue
        let sitelinkCount = sitelinks?.count ?? 0
        guard sitelinkCount >= filter.minimumSitelinks else { return nil }
        var type = "MISC"
        for claim in json["claims"]?["P31"]?.arrayValue ?? [] {
            if let q = claim["mainsnak"]?["datavalue"]?["value"]?["id"]?.stringValue, let t = classes[q] { type = t; break }
        }
        // An item with an ISO code joins a default entity whatever its type (a currency is MISC).
        let joinable = Self.schemes.contains { json["claims"]?[$0.property] != nil }
        guard filter.types.contains(type) || joinable else { return nil }
        var e = KBEntity(id: id, type: type)
        for m in json["labels"]?.objectValue ?? JSONObject() where filter.languages.contains(m.key) {
            if let v = m.value["value"]?.stringValue { e.labels[m.key] = v }
        }
        for m in json["aliases"]?.objectValue ?? JSONObject() where filter.languages.contains(m.key) {
            e.aliases[m.key] = (m.value.arrayValue ?? []).compactMap { $0["value"]?.stringValue }
        }
        for m in json["descriptions"]?.objectValue ?? JSONObject() where filter.languages.contains(m.key) {
            if let v = m.value["value"]?.stringValue { e.descriptions[m.key] = v }
        }
        let hasSitelink = filter.languages.contains { sitelinks?["\($0)wiki"] != nil }
        guard !e.labels.isEmpty || hasSitelink else { return nil }
        // A sitelink title names the entity too (Vietnamese Wikipedia's title when no vi label).
        for lang in filter.languages where e.labels[lang] == nil {
            if let title = sitelinks?["\(lang)wiki"]?["title"]?.stringValue { e.labels[lang] = title }
        }
        e.externalIDs["wikidata"] = id
        for (property, scheme) in Self.schemes {
            if let v = json["claims"]?[property]?.arrayValue?.first?["mainsnak"]?["datavalue"]?["value"]?.stringValue { e.externalIDs[scheme] = v }
        }
        // Popularity from sitelinks: log-scaled, ~350 sitelinks (the most linked items) → 1.
        e.prior = min(1, log(1 + Double(sitelinkCount)) / log(351))
        return e
    }

    /// Statistics of a build.
    public struct Report: Sendable {
        public var lines = 0
        public var kept = 0
        public var merged = 0
        public var seconds = 0.0
    }

    /// Streams `path` into `kb` in transactions of `batch` entities; `progress` is called now and
    /// then with the lines read and the compressed bytes consumed.
    public func build(from path: String, into kb: KnowledgeBase, batch: Int = 20_000,
                      progress: (_ lines: Int, _ bytes: Int64) -> Void = { _, _ in }) throws -> Report {
        let reader = try CompressedLines(path: path)
        var report = Report()
        let started = MonotonicClock.seconds()
        var pending = 0
        try kb.db.execute("BEGIN")
        while let line = try reader.next() {
            report.lines += 1
            let e: KBEntity?
            do { e = try entity(line: line) } catch {
                try? kb.db.execute("ROLLBACK")
                throw LocatedError(path: "\(path):\(report.lines)", message: "not a Wikidata entity line: \(error)")
            }
            if let e {
                let kept = try kb.add(e, mergeOn: ["iso3166", "iso4217", "iso639", "iso15924"])
                if kept != e.id { report.merged += 1 }
                report.kept += 1
                pending += 1
                if pending >= batch {
                    try kb.db.execute("COMMIT; BEGIN")
                    pending = 0
                }
            }
            if report.lines % 50_000 == 0 { progress(report.lines, reader.bytesRead) }
        }
        try kb.db.execute("COMMIT")
        progress(report.lines, reader.bytesRead)
        report.seconds = MonotonicClock.seconds() - started
        return report
    }
}
