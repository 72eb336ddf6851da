/// Entity files a user adds to a knowledge base (`mekong kb add`), and the curated list shipped:
///
/// - JSON Lines: `{"id": "mekong:vingroup", "type": "ORG", "prior": 0.6, "labels": {"vi": "Vingroup"},
///   "aliases": {"vi": ["Tập đoàn Vingroup"]}, "descriptions": {"vi": "…"}, "ids": {"wikidata": "Q…"}}`
/// - TSV: `id<TAB>type<TAB>language<TAB>name[<TAB>prior]`, one name a line; the first name of an id in
///   a language is its label, the others aliases.
///
/// Every line is checked; a mistake names the file and line.
public enum EntityFile {
    public static func load(_ path: String) throws(LocatedError) -> [KBEntity] {
        let bytes: [UInt8]
        do { bytes = try FileIO.readAll(path) } catch { throw LocatedError(path: path, message: "cannot read: \(error)") }
        return try parse(bytes, name: path, tsv: path.lowercased().hasSuffix(".tsv"))
    }

    public static func parse(_ bytes: [UInt8], name: String, tsv: Bool) throws(LocatedError) -> [KBEntity] {
        guard let text = String(validating: bytes, as: UTF8.self) else { throw LocatedError(path: name, message: "not valid UTF-8") }
        var entities: [KBEntity] = []
        var index: [String: Int] = [:]
        // Lines split at the byte: splitting the String would compare characters, at a
        // grapheme-breaking cost per character of the file, and keep "\r\n" (one character) whole.
        for (n, bytes) in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            let raw = Substring(bytes)
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if line.allSatisfy(\.isWhitespace) || line.hasPrefix("#") { continue }
            let at = "\(name):\(n + 1)"
            if tsv {
                let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                guard f.count == 4 || f.count == 5, !f[0].isEmpty, !f[2].isEmpty, !f[3].isEmpty else {
                    throw LocatedError(path: at, message: "expected id<TAB>type<TAB>language<TAB>name[<TAB>prior], found \(f.count) fields")
                }
                guard KBEntity.types.contains(f[1]) else { throw LocatedError(path: at, message: "type '\(f[1])' is not one of \(KBEntity.types.sorted().joined(separator: ", "))") }
                var prior = 0.0
                if f.count == 5 {
                    guard let p = Double(f[4]), (0...1).contains(p) else { throw LocatedError(path: at, message: "prior '\(f[4])' is not a number in 0…1") }
                    prior = p
                }
                if let i = index[f[0]] {
                    if entities[i].labels[f[2]] == nil { entities[i].labels[f[2]] = f[3] } else { entities[i].aliases[f[2], default: []].append(f[3]) }
                    entities[i].prior = max(entities[i].prior, prior)
                } else {
                    index[f[0]] = entities.count
                    entities.append(KBEntity(id: f[0], type: f[1], prior: prior, labels: [f[2]: f[3]]))
                }
                continue
            }
            if let e = try entity(json: line, at: at) { entities.append(e) }
        }
        return entities
    }

    /// Streams the entities of a JSON Lines file, plain or compressed, to `body` in bounded
    /// memory; returns the first line's object when it is a header (`{"_about": …}`).
    @discardableResult
    static func forEachEntity<E: Error>(path: String, _ body: (KBEntity) throws(E) -> Void) throws -> JSONObject {
        let lines: CompressedLines
        do { lines = try CompressedLines(path: path) } catch { throw LocatedError(path: path, message: "cannot read: \(error)") }
        var header = JSONObject()
        var n = 0
        while let raw = try lines.next() {
            n += 1
            guard let line = String(validating: raw, as: UTF8.self) else { throw LocatedError(path: "\(path):\(n)", message: "not valid UTF-8") }
            if line.allSatisfy(\.isWhitespace) || line.hasPrefix("#") { continue }
            if let e = try entity(json: line[...], at: "\(path):\(n)") {
                try body(e)
            } else if n == 1, let o = try? JSONParser.parse(line).objectValue {
                header = o
            }
        }
        return header
    }

    /// One JSON Lines entity; nil for a comment line (`{"_about": …}`). `at` names the file and line.
    static func entity(json line: Substring, at: String) throws(LocatedError) -> KBEntity? {
        let json: JSONValue
        do { json = try JSONParser.parse(String(line)) } catch { throw LocatedError(path: at, message: "\(error)") }
        guard let o = json.objectValue else { throw LocatedError(path: at, message: "expected a JSON object") }
        if o.keys.allSatisfy({ $0.hasPrefix("_") }) { return nil }  // a comment line
        for key in o.keys where !key.hasPrefix("_") && !["id", "type", "prior", "labels", "aliases", "descriptions", "ids"].contains(key) {
            let hint = Suggestion.closest(to: key, in: ["id", "type", "prior", "labels", "aliases", "descriptions", "ids"]).map { " (did you mean '\($0)'?)" } ?? ""
            throw LocatedError(path: at, message: "unknown key '\(key)'\(hint)")
        }
        guard let id = o["id"]?.stringValue, !id.isEmpty else { throw LocatedError(path: at, message: "expected an \"id\"") }
        let type = o["type"]?.stringValue ?? "MISC"
        guard KBEntity.types.contains(type) else { throw LocatedError(path: at, message: "type '\(type)' is not one of \(KBEntity.types.sorted().joined(separator: ", "))") }
        var e = KBEntity(id: id, type: type)
        if let p = o["prior"] {
            guard let v = p.doubleValue, (0...1).contains(v) else { throw LocatedError(path: at, message: "\"prior\" must be a number in 0…1") }
            e.prior = v
        }
        func strings(_ key: String) throws(LocatedError) -> [String: String] {
            guard let v = o[key] else { return [:] }
            guard let obj = v.objectValue else { throw LocatedError(path: at, message: "\"\(key)\" must map languages to strings") }
            var out: [String: String] = [:]
            for m in obj {
                guard let s = m.value.stringValue else { throw LocatedError(path: at, message: "\"\(key)\".\(m.key) must be a string") }
                out[m.key] = s
            }
            return out
        }
        e.labels = try strings("labels")
        e.descriptions = try strings("descriptions")
        e.externalIDs = try strings("ids")
        if let v = o["aliases"] {
            guard let obj = v.objectValue else { throw LocatedError(path: at, message: "\"aliases\" must map languages to lists of names") }
            for m in obj {
                guard let list = m.value.arrayValue?.compactMap(\.stringValue), list.count == m.value.arrayValue?.count else {
                    throw LocatedError(path: at, message: "\"aliases\".\(m.key) must be a list of strings")
                }
                e.aliases[m.key] = list
            }
        }
        guard !e.labels.isEmpty || !e.aliases.isEmpty else { throw LocatedError(path: at, message: "an entity needs at least one label or alias") }
        return e
    }
}
