/// An entity of the knowledge base: a stable id, a type, names per language, a popularity
/// prior and identifiers in other schemes (Wikidata, ISO codes).
public struct KBEntity: Sendable, Hashable {
    public var id: String
    /// `PER`, `ORG`, `LOC`, `EVENT`, `PRODUCT` or `MISC`.
    public var type: String
    /// Popularity in 0…1 (from sitelink counts for Wikidata entities).
    public var prior: Double
    /// One label per language.
    public var labels: [String: String]
    /// Other names per language.
    public var aliases: [String: [String]]
    public var descriptions: [String: String]
    /// Scheme → identifier: `wikidata` → `Q142`, `iso3166` → `FR`, `iso4217` → `EUR`.
    public var externalIDs: [String: String]

    public init(id: String, type: String, prior: Double = 0, labels: [String: String] = [:], aliases: [String: [String]] = [:],
                descriptions: [String: String] = [:], externalIDs: [String: String] = [:]) {
        self.id = id
        self.type = type
        self.prior = prior
        self.labels = labels
        self.aliases = aliases
        self.descriptions = descriptions
        self.externalIDs = externalIDs
    }

    public static let types: Set<String> = ["PER", "ORG", "LOC", "EVENT", "PRODUCT", "MISC"]
}

/// A candidate entity for a name, from the alias index.
public struct KBCandidate: Sendable, Hashable {
    public var id: String
    public var type: String
    public var prior: Double
    /// Found through the diacritic-folded key only.
    public var folded: Bool
    /// The store's row, for cheap follow-up queries.
    var row: Int
}

/// The knowledge base: a SQLite file with entities, their names per language, an index of
/// normalized aliases (exact and diacritic-folded) and cross-references to other schemes.
/// One instance is one connection: use it from one thread at a time.
public final class KnowledgeBase {
    public let path: String
    let db: SQLiteDatabase
    private var statements: [String: SQLiteStatement] = [:]
    /// Answers to the name lookups a recognizer repeats from document to document ("Hà Nội",
    /// "Việt Nam"), kept while the file is opened read-only; emptied when full.
    private var answers: [Question: [KBCandidate]] = [:]
    /// A name lookup's terms (`languages` sorted, without repeats).
    private struct Question: Hashable {
        let key: UTF8Key
        let folded: Bool
        let limit: Int
        let languages: [String]?
    }
    private var prefixes: [UTF8Key: Bool] = [:]
    private var contextAnswers: [ContextQuestion: [UInt64]] = [:]
    private struct ContextQuestion: Hashable {
        let row: Int
        let language: String
    }
    private var labelAnswers: [LabelQuestion: [String: String]] = [:]
    private struct LabelQuestion: Hashable {
        let row: Int
        let languages: [String]
    }
    private static let answersKept = 50_000
    private let remembers: Bool
    /// Built on the first lookup of a read-only base; nil when too large to hold.
    private lazy var aliasIndex: AliasKeyIndex? = remembers ? readAliasIndex() : nil

    static let schema = """
        CREATE TABLE IF NOT EXISTS entity(rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, prior REAL NOT NULL DEFAULT 0);
        CREATE TABLE IF NOT EXISTS name(rid INTEGER NOT NULL, lang TEXT NOT NULL, kind INTEGER NOT NULL, text TEXT NOT NULL,
                                        PRIMARY KEY(rid, kind, lang, text)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS alias(key TEXT NOT NULL, folded INTEGER NOT NULL, prior REAL NOT NULL, rid INTEGER NOT NULL,
                                         lang TEXT NOT NULL, PRIMARY KEY(key, folded, prior, rid, lang)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS xref(scheme TEXT NOT NULL, value TEXT NOT NULL, rid INTEGER NOT NULL,
                                        PRIMARY KEY(scheme, value, rid)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS xref_rid ON xref(rid);
        CREATE INDEX IF NOT EXISTS alias_rid ON alias(rid);
        \(phraseIndex)
        CREATE TABLE IF NOT EXISTS meta(k TEXT PRIMARY KEY, v TEXT);
        """

    /// The aliases of two words or more by language, folding and prior: what `placeNames`
    /// reads. Without it that query scans every alias of every language (about 0.25 s on the
    /// default base, paid by every process on its first document); with it, the language's
    /// share (about 10 ms). Partial, so only phrases take room. Its condition compares no
    /// column with a constant: SQLite checks every query's terms against it, and a term such
    /// as `folded = ?` met `folded = 0` there, which made the alias lookups recompile whenever
    /// their parameters changed (a tenth of the entity stages' time).
    static let phraseIndex = "CREATE INDEX IF NOT EXISTS alias_phrases ON alias(lang, folded, prior) WHERE instr(key, ' ') > 0;"

    /// Name kinds in the `name` table.
    enum NameKind: Int { case label = 0, alias = 1, description = 2 }

    /// Opens a knowledge base; `create` makes the file and its tables when missing.
    /// `immutable` (read-only only): no file locks; the file must not change while it is open.
    public init(path: String, create: Bool = false, readOnly: Bool = false, immutable: Bool = false) throws(SQLiteDatabase.Failure) {
        self.path = path
        db = try SQLiteDatabase(path: path, readOnly: readOnly, create: create, immutable: immutable)
        remembers = readOnly
        if !readOnly {
            try db.execute(Self.schema)
            // Writes make an index file beside the store stale: forget its token.
            try db.execute("DELETE FROM meta WHERE k = '\(Self.aliasIndexTokenKey)'")
        } else {
            // A file that is not a knowledge base says so plainly.
            _ = try db.prepare("SELECT rid, id, type, prior FROM entity LIMIT 1")
        }
    }

    /// The statements this connection keeps, with how often SQLite recompiled each.
    var recompilations: [String: Int] { statements.mapValues(\.recompilations) }

    func statement(_ sql: String) throws(SQLiteDatabase.Failure) -> SQLiteStatement {
        if let s = statements[sql] { return s }
        let s = try db.prepare(sql)
        statements[sql] = s
        return s
    }

    /// Faster writes for a bulk build (no journal, no fsync): a crash leaves a broken file, which
    /// the build writes under a temporary name anyway.
    public func prepareForBulkWrite() throws(SQLiteDatabase.Failure) {
        try db.execute("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-200000;")
    }

    public func transaction<T>(_ body: () throws -> T) throws -> T { try db.transaction(body) }

    // MARK: Writing

    /// Adds an entity, or merges it into the one with the same id — or, with `mergeOn`, into the
    /// entity that already has one of its identifiers in those schemes (a Wikidata country into
    /// `iso3166:FR`). Names are added, the prior kept at the higher value. Returns the id kept.
    @discardableResult
    public func add(_ e: KBEntity, mergeOn schemes: [String] = []) throws(SQLiteDatabase.Failure) -> String {
        var row: Int?
        var keptID = e.id
        for scheme in schemes {
            guard let value = e.externalIDs[scheme] else { continue }
            let find = try statement("SELECT x.rid, e.id FROM xref x JOIN entity e ON e.rid = x.rid WHERE x.scheme = ? AND x.value = ? LIMIT 1")
            try find.bind([.text(scheme), .text(value)])
            if try find.step() { row = find.integer(0); keptID = find.text(1) ?? e.id }
            if row != nil { break }
        }
        if row == nil {
            let find = try statement("SELECT rid FROM entity WHERE id = ?")
            try find.bind([.text(e.id)])
            if try find.step() { row = find.integer(0) }
        }
        if let r = row {
            try statement("UPDATE entity SET prior = max(prior, ?), type = CASE WHEN type = 'MISC' THEN ? ELSE type END WHERE rid = ?")
                .run([.real(e.prior), .text(e.type), .integer(r)])
            // The alias index is ordered by prior: keep its copy in step.
            try statement("UPDATE alias SET prior = (SELECT prior FROM entity WHERE rid = ?1) WHERE rid = ?1 AND prior < (SELECT prior FROM entity WHERE rid = ?1)")
                .run([.integer(r)])
        } else {
            try statement("INSERT INTO entity(id, type, prior) VALUES (?, ?, ?)").run([.text(e.id), .text(e.type), .real(e.prior)])
            row = Int(sqlite3LastRow())
        }
        let r = row!
        let addName = try statement("INSERT OR IGNORE INTO name(rid, lang, kind, text) VALUES (?, ?, ?, ?)")
        let addAlias = try statement("INSERT OR IGNORE INTO alias(key, folded, prior, rid, lang) VALUES (?, ?, (SELECT prior FROM entity WHERE rid = ?), ?, ?)")
        func index(_ name: String, _ lang: String) throws(SQLiteDatabase.Failure) {
            for (key, folded) in NameVariants.indexKeys(of: name, language: lang) {
                try addAlias.run([.text(key), .integer(folded ? 1 : 0), .integer(r), .integer(r), .text(lang)])
            }
        }
        for (lang, label) in e.labels {
            try addName.run([.integer(r), .text(lang), .integer(NameKind.label.rawValue), .text(label)])
            try index(label, lang)
        }
        for (lang, list) in e.aliases {
            for alias in list {
                try addName.run([.integer(r), .text(lang), .integer(NameKind.alias.rawValue), .text(alias)])
                try index(alias, lang)
            }
        }
        for (lang, d) in e.descriptions {
            try addName.run([.integer(r), .text(lang), .integer(NameKind.description.rawValue), .text(d)])
        }
        let addXref = try statement("INSERT OR IGNORE INTO xref(scheme, value, rid) VALUES (?, ?, ?)")
        for (scheme, value) in e.externalIDs { try addXref.run([.text(scheme), .text(value), .integer(r)]) }
        return keptID
    }

    private func sqlite3LastRow() -> Int64 { sqliteLastInsertRowID(db) }

    public func setMeta(_ key: String, _ value: String) throws(SQLiteDatabase.Failure) {
        try statement("INSERT OR REPLACE INTO meta(k, v) VALUES (?, ?)").run([.text(key), .text(value)])
    }

    public func meta(_ key: String) throws(SQLiteDatabase.Failure) -> String? {
        let s = try statement("SELECT v FROM meta WHERE k = ?")
        defer { s.reset() }
        try s.bind([.text(key)])
        return try s.step() ? s.text(0) : nil
    }

    // MARK: Reading

    /// Entities with this name: exact key first; the folded key when `folded` and the exact one
    /// found nothing. Ordered by prior, highest first.
    public func candidates(for name: String, folded: Bool = true, limit: Int = 20) throws(SQLiteDatabase.Failure) -> [KBCandidate] {
        try candidates(exactKey: AliasKey.exact(name), folded: folded, limit: limit)
    }

    /// `languages`: only names in these languages count (a one-word name in a language far from
    /// the text's is more often a word of the text: "Du" is the United Kingdom somewhere).
    public func candidates(exactKey: String, folded: Bool = true, limit: Int = 20, languages: [String]? = nil) throws(SQLiteDatabase.Failure) -> [KBCandidate] {
        let languages = languages.map(Self.distinctSorted)
        guard remembers else { return try lookUp(exactKey: exactKey, folded: folded, limit: limit, languages: languages) }
        // Most names tried are no alias at all: the index says so before a question is built.
        if let index = aliasIndex, !index.mayHave(key: exactKey), !folded || !index.mayHave(key: AliasKey.fold(exactKey)) { return [] }
        let question = Question(key: UTF8Key(exactKey), folded: folded, limit: limit, languages: languages)
        if let known = answers[question] { return known }
        let found = try lookUp(exactKey: exactKey, folded: folded, limit: limit, languages: languages)
        if answers.count >= Self.answersKept { answers.removeAll(keepingCapacity: true) }
        answers[question] = found
        return found
    }

    /// Languages in order, each once (a lookup's question and its SQL do not depend on how
    /// the caller listed them).
    private static func distinctSorted(_ languages: [String]) -> [String] {
        if languages.count < 2 { return languages }
        if languages.count == 2 {
            let (a, b) = (languages[0], languages[1])
            return a == b ? [a] : a < b ? languages : [b, a]
        }
        return Array(Set(languages)).sorted()
    }

    /// `languages`: sorted, without repeats (`distinctSorted`).
    private func lookUp(exactKey: String, folded: Bool, limit: Int, languages: [String]?) throws(SQLiteDatabase.Failure) -> [KBCandidate] {
        // Names in regional variants ("en-GB") count for their language.
        let langs = languages ?? []
        // A prefix as a range, not `LIKE ?`: SQLite compiles a statement again whenever the
        // pattern bound to a LIKE changes, which here was every lookup.
        let filter = langs.isEmpty ? "" : " AND (" + langs.map { _ in "a.lang = ? OR (lower(a.lang) >= ? AND lower(a.lang) < ?)" }.joined(separator: " OR ") + ")"
        let s = try statement("""
            SELECT a.rid, e.id, e.type, a.prior, a.lang FROM alias a JOIN entity e ON e.rid = a.rid
            WHERE a.key = ? AND a.folded = ?\(filter) ORDER BY a.prior DESC LIMIT ?
            """)
        var out: [KBCandidate] = []
        func collect(_ key: String, _ foldedRows: Int, _ isFolded: Bool) throws(SQLiteDatabase.Failure) {
            if let index = aliasIndex, !index.mayHave(key: key) { return }
            var values: [SQLiteStatement.Value] = [.text(key), .integer(foldedRows)]
            for l in langs { values.append(.text(l)); values.append(.text(l.lowercased() + "-")); values.append(.text(l.lowercased() + ".")) }
            values.append(.integer(limit * 4))
            try s.bind(values)
            while try s.step() {
                let row = s.integer(0)
                if out.contains(where: { $0.row == row }) { continue }
                out.append(KBCandidate(id: s.text(1) ?? "", type: s.text(2) ?? "MISC", prior: s.real(3), folded: isFolded, row: row))
            }
        }
        try collect(exactKey, 0, false)
        // Text written without diacritics may mean any name that folds to it.
        let foldedKey = AliasKey.fold(exactKey)
        if folded && (out.isEmpty || foldedKey == exactKey) {
            try collect(foldedKey, 1, true)
            // A folded key may also be some entity's exact key ("Paris").
            if foldedKey != exactKey { try collect(foldedKey, 0, true) }
        }
        let sorted = out.sorted { ($0.folded ? 1 : 0, -$0.prior, $0.id) < ($1.folded ? 1 : 0, -$1.prior, $1.id) }
        return Array(sorted.prefix(limit))
    }

    /// Whether any name starts with this exact key followed by a space: lets a matcher stop
    /// extending a phrase that can lead nowhere.
    public func hasAlias(withPrefix exactKey: String) throws(SQLiteDatabase.Failure) -> Bool {
        if let index = aliasIndex, !index.mayHave(prefix: exactKey) { return false }
        if remembers, let known = prefixes[UTF8Key(exactKey)] { return known }
        let s = try statement("SELECT 1 FROM alias WHERE key >= ? AND key < ? LIMIT 1")
        defer { s.reset() }
        try s.bind([.text(exactKey + " "), .text(exactKey + "!")])
        let found = try s.step()
        if remembers {
            if prefixes.count >= Self.answersKept { prefixes.removeAll(keepingCapacity: true) }
            prefixes[UTF8Key(exactKey)] = found
        }
        return found
    }

    /// `hasAlias(withPrefix:)` as the alias index answers it, without SQLite's confirmation
    /// when there is an index: a fingerprint may collide (about once in 10⁸ questions), so a
    /// caller asks this only where a wrong yes costs no more than a lookup that finds nothing
    /// (a matcher trying one more word).
    func mayHaveAlias(withPrefix exactKey: String) throws(SQLiteDatabase.Failure) -> Bool {
        if let index = aliasIndex { return index.mayHave(prefix: exactKey) }
        return try hasAlias(withPrefix: exactKey)
    }

    /// Whether lookups go through the in-memory index (tests ask).
    var hasAliasIndex: Bool { aliasIndex != nil }
    var hasMappedAliasIndex: Bool { aliasIndex?.isMapped ?? false }

    static let aliasIndexTokenKey = "alias-index"
    static let notablePriorKey = "notable-prior"

    /// The prior from which an entity is known well enough to be found by its name alone where a
    /// recognizer did not find it, as one word or at a sentence's start; 0 (any) unless the
    /// store says otherwise. The default base, whose world data names thousands of small towns
    /// after common words ("Hai", "Ba", "Song"), sets 0.5: countries, provinces and states,
    /// cities of some 300,000 people, the curated entities.
    public private(set) lazy var notablePrior: Double = (try? meta(Self.notablePriorKey)).flatMap { $0.flatMap(Double.init) } ?? 0

    /// The path of the alias index file that may sit beside a store.
    static func aliasIndexPath(_ path: String) -> String { path + ".keys" }

    /// Writes the alias index of this store to `path` (by default beside the store) and records
    /// its token, so that readers map it instead of building one in memory.
    public func writeAliasIndex(to path: String? = nil) throws {
        let token = UInt64.random(in: 1...UInt64.max)
        try AliasKeyIndex.write(keys: aliasKeys(), token: token, to: path ?? Self.aliasIndexPath(self.path))
        try setMeta(Self.aliasIndexTokenKey, String(token))
    }

    /// Every distinct alias key, read as the caller iterates.
    private func aliasKeys() throws(SQLiteDatabase.Failure) -> some Sequence<String> {
        let s = try db.prepare("SELECT DISTINCT key FROM alias")
        try s.bind([])
        return sequence(state: s) { s in ((try? s.step()) ?? false) ? s.text(0) ?? "" : nil }
    }

    private func readAliasIndex() -> AliasKeyIndex? {
        if let t = try? meta(Self.aliasIndexTokenKey), let token = UInt64(t),
           let mapped = AliasKeyIndex(mapping: Self.aliasIndexPath(path), token: token) {
            return mapped
        }
        guard let keys = try? aliasKeys() else { return nil }
        return AliasKeyIndex(keys: keys)
    }

    /// The whole entity.
    public func entity(id: String) throws(SQLiteDatabase.Failure) -> KBEntity? {
        let s = try statement("SELECT rid, type, prior FROM entity WHERE id = ?")
        try s.bind([.text(id)])
        guard try s.step() else { return nil }
        return try entity(row: s.integer(0), id: id, type: s.text(1) ?? "MISC", prior: s.real(2))
    }

    func entity(row: Int, id: String, type: String, prior: Double) throws(SQLiteDatabase.Failure) -> KBEntity {
        var e = KBEntity(id: id, type: type, prior: prior)
        let names = try statement("SELECT lang, kind, text FROM name WHERE rid = ? ORDER BY kind, lang, text")
        try names.bind([.integer(row)])
        while try names.step() {
            let lang = names.text(0) ?? "", text = names.text(2) ?? ""
            switch NameKind(rawValue: names.integer(1)) {
            case .label?: e.labels[lang] = text
            case .alias?: e.aliases[lang, default: []].append(text)
            case .description?: e.descriptions[lang] = text
            case nil: break
            }
        }
        // One value a scheme: where merged records brought several (a city and the municipality of
        // the same name), the first in order; all of them stay in `xref` for lookups by identifier.
        let xrefs = try statement("SELECT scheme, value FROM xref WHERE rid = ? ORDER BY scheme, value")
        try xrefs.bind([.integer(row)])
        while try xrefs.step() {
            let scheme = xrefs.text(0) ?? ""
            if e.externalIDs[scheme] == nil { e.externalIDs[scheme] = xrefs.text(1) ?? "" }
        }
        return e
    }

    /// Labels of an entity in the given languages (those it has).
    public func labels(of candidate: KBCandidate, languages: [String]) throws(SQLiteDatabase.Failure) -> [String: String] {
        guard remembers else { return try readLabels(of: candidate, languages: languages) }
        let question = LabelQuestion(row: candidate.row, languages: languages)
        if let known = labelAnswers[question] { return known }
        let found = try readLabels(of: candidate, languages: languages)
        if labelAnswers.count >= Self.answersKept { labelAnswers.removeAll(keepingCapacity: true) }
        labelAnswers[question] = found
        return found
    }

    private func readLabels(of candidate: KBCandidate, languages: [String]) throws(SQLiteDatabase.Failure) -> [String: String] {
        let s = try statement("SELECT lang, text FROM name WHERE rid = ? AND kind = 0")
        try s.bind([.integer(candidate.row)])
        var out: [String: String] = [:]
        while try s.step() {
            let lang = s.text(0) ?? ""
            if languages.contains(lang) { out[lang] = s.text(1) ?? "" }
        }
        return out
    }

    /// Names and description words of an entity in a language, for context overlap.
    public func context(of candidate: KBCandidate, language: String) throws(SQLiteDatabase.Failure) -> [String] {
        let s = try statement("SELECT text FROM name WHERE rid = ? AND (lang = ? OR lang = 'en')")
        try s.bind([.integer(candidate.row), .text(language)])
        var out: [String] = []
        while try s.step() { out.append(s.text(0) ?? "") }
        return out
    }

    /// The words (three letters or more, alias-key form) of an entity's names and description
    /// in a language and English, as hashes that `DocumentWords` compares with a document's
    /// words: what the linker weighs a candidate by. Kept per entity while the file is opened
    /// read-only.
    ///
    /// `labelsIn`: languages whose labels (`labels(of:languages:)`) are kept from the same pass
    /// over the entity's names — the linker asks for the winner's, and the winner is always one
    /// whose context it read.
    func contextWordHashes(of candidate: KBCandidate, language: String, labelsIn labelLanguages: [String]? = nil) throws(SQLiteDatabase.Failure) -> [UInt64] {
        let question = ContextQuestion(row: candidate.row, language: language)
        if remembers, let known = contextAnswers[question] { return known }
        let labelQuestion = remembers ? labelLanguages.map { LabelQuestion(row: candidate.row, languages: $0) } : nil
        let keepsLabels = labelQuestion.map { labelAnswers[$0] == nil } ?? false
        var words: [UInt64] = []
        var labels: [String: String] = [:]
        // The rows `context(of:language:)` and `readLabels` read, in the same order, in one query
        // (filtered here: terms for the two sets made SQLite's side of it costlier than both).
        let s = try statement("SELECT lang, kind, text FROM name WHERE rid = ?")
        try s.bind([.integer(candidate.row)])
        let own = Array(language.utf8), english = Array("en".utf8)
        let wanted = keepsLabels ? labelLanguages!.map { ($0, Array($0.utf8)) } : []
        while try s.step() {
            let lang = s.textBytes(0)
            if lang.elementsEqual(own) || lang.elementsEqual(english) { ContextWords.hashes(ofName: s.text(2) ?? "", into: &words) }
            if keepsLabels, s.integer(1) == NameKind.label.rawValue, let (name, _) = wanted.first(where: { lang.elementsEqual($0.1) }) {
                labels[name] = s.text(2) ?? ""
            }
        }
        if remembers {
            if contextAnswers.count >= Self.answersKept { contextAnswers.removeAll(keepingCapacity: true) }
            contextAnswers[question] = words
            if keepsLabels, let labelQuestion {
                if labelAnswers.count >= Self.answersKept { labelAnswers.removeAll(keepingCapacity: true) }
                labelAnswers[labelQuestion] = labels
            }
        }
        return words
    }

    /// Names of two words or more, in `language` as written (alias keys), of places of at least
    /// `prior`, with their first words: what a recognizer looks for in lower-case text. Read
    /// once (a join over the notable places, about 0.2 s on the default base) and kept.
    func placeNames(language: String, prior: Double) throws(SQLiteDatabase.Failure) -> (names: KeySet, firstWords: KeySet) {
        // Asked twice for every document: no string is made for the question (a Double's
        // description alone cost more than the rest of the lookup).
        let question = PlaceQuestion(language: language, prior: prior.bitPattern)
        if let known = placeNameAnswers[question] { return known }
        // An alias's prior is its entity's (kept in step by `add`); the terms match the partial
        // index `phraseIndex`, which SQLite uses only when the query states its condition.
        let s = try statement("""
            SELECT a.key FROM alias a JOIN entity e ON e.rid = a.rid
            WHERE a.lang = ? AND a.folded = 0 AND instr(a.key, ' ') > 0 AND a.prior >= ? AND e.type = 'LOC'
            """)
        defer { s.reset() }
        try s.bind([.text(language), .real(prior)])
        var names = Set<String>(), firstWords = Set<String>()
        while try s.step() {
            guard let key = s.text(0), let space = key.firstIndex(of: " ") else { continue }
            names.insert(key)
            firstWords.insert(String(key[..<space]))
        }
        let answer = (KeySet(names), KeySet(firstWords))
        placeNameAnswers[question] = answer
        return answer
    }
    private var placeNameAnswers: [PlaceQuestion: (names: KeySet, firstWords: KeySet)] = [:]
    private struct PlaceQuestion: Hashable {
        let language: String
        let prior: UInt64
    }

    /// Names drawn at random (labels and aliases), for benchmarks.
    public func sampleNames(_ count: Int) throws(SQLiteDatabase.Failure) -> [String] {
        let s = try statement("SELECT text FROM name WHERE kind < 2 ORDER BY random() LIMIT ?")
        try s.bind([.integer(count)])
        var out: [String] = []
        while try s.step() { out.append(s.text(0) ?? "") }
        return out
    }

    /// Entities per type, most first.
    public func countsByType() throws(SQLiteDatabase.Failure) -> [(type: String, count: Int)] {
        let s = try statement("SELECT type, count(*) FROM entity GROUP BY type ORDER BY count(*) DESC, type")
        try s.bind([])
        var out: [(String, Int)] = []
        while try s.step() { out.append((s.text(0) ?? "", s.integer(1))) }
        return out
    }

    /// Entities with a label in a language (regional variants count: `en-GB`).
    public func countWithLabel(in language: String) throws(SQLiteDatabase.Failure) -> Int {
        let s = try statement("SELECT count(DISTINCT rid) FROM name WHERE kind = 0 AND (lang = ? OR (lang >= ? AND lang < ?))")
        defer { s.reset() }
        try s.bind([.text(language), .text(language + "-"), .text(language + ".")])
        _ = try s.step()
        return s.integer(0)
    }

    public func count() throws(SQLiteDatabase.Failure) -> (entities: Int, aliases: Int) {
        let a = try statement("SELECT count(*) FROM entity")
        try a.bind([])
        _ = try a.step()
        let b = try statement("SELECT count(*) FROM alias")
        try b.bind([])
        _ = try b.step()
        return (a.integer(0), b.integer(0))
    }
}
