/// Builds a whole knowledge base in one pass: entities are merged in memory, their rows go to
/// SQLite in appends, and SQLite's own sorter orders them into the indexed tables at the end.
/// `KnowledgeBase.add` asks the store before each write, which is right for a few entities added
/// to a store and two orders of magnitude too slow for the 340,000 of the default base.
///
/// Merging follows `KnowledgeBase.add`: the same id (or an identifier in a `mergeOn` scheme)
/// is one entity; the prior is the higher one; a `MISC` type gives way to a more precise one. A
/// second label in a language the entity already has a label in becomes an alias.
final class KnowledgeBaseWriter {
    private struct Entity {
        var id: String
        var type: String
        var prior: Double
        var labelled: Set<String>
    }

    private var entities: [Entity] = []
    private var rowByID: [String: Int] = [:]
    private var rowByXref: [String: Int] = [:]
    private let kb: KnowledgeBase
    private let stageName, stageAlias, stageXref: SQLiteStatement

    /// Opens staging tables in `kb`, which must be new and empty.
    init(into kb: KnowledgeBase) throws(SQLiteDatabase.Failure) {
        self.kb = kb
        try kb.db.execute("""
            PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-400000; PRAGMA temp_store=MEMORY;
            DROP INDEX IF EXISTS xref_rid; DROP INDEX IF EXISTS alias_rid; DROP INDEX IF EXISTS alias_phrases;
            CREATE TEMP TABLE stage_name(rid INTEGER, lang TEXT, kind INTEGER, text TEXT);
            CREATE TEMP TABLE stage_alias(key TEXT, folded INTEGER, rid INTEGER, lang TEXT);
            CREATE TEMP TABLE stage_xref(scheme TEXT, value TEXT, rid INTEGER);
            BEGIN;
            """)
        stageName = try kb.db.prepare("INSERT INTO stage_name VALUES (?, ?, ?, ?)")
        stageAlias = try kb.db.prepare("INSERT INTO stage_alias VALUES (?, ?, ?, ?)")
        stageXref = try kb.db.prepare("INSERT INTO stage_xref VALUES (?, ?, ?)")
    }

    /// Entities so far.
    var count: Int { entities.count }

    /// Adds an entity or merges it into one added before; returns the id kept.
    @discardableResult
    func add(_ e: KBEntity, mergeOn schemes: [String] = []) throws(SQLiteDatabase.Failure) -> String {
        var row = rowByID[e.id]
        if row == nil {
            for scheme in schemes {
                if let value = e.externalIDs[scheme], let r = rowByXref[scheme + "\u{1}" + value] { row = r; break }
            }
        }
        let r: Int
        if let known = row {
            r = known
            entities[r].prior = max(entities[r].prior, e.prior)
            if entities[r].type == "MISC" { entities[r].type = e.type }
        } else {
            r = entities.count
            entities.append(Entity(id: e.id, type: e.type, prior: e.prior, labelled: []))
            rowByID[e.id] = r
        }
        let rid = r + 1
        func name(_ text: String, _ lang: String, _ kind: KnowledgeBase.NameKind) throws(SQLiteDatabase.Failure) {
            try stageName.run([.integer(rid), .text(lang), .integer(kind.rawValue), .text(text)])
            guard kind != .description else { return }
            for (key, folded) in NameVariants.indexKeys(of: text, language: lang) {
                try stageAlias.run([.text(key), .integer(folded ? 1 : 0), .integer(rid), .text(lang)])
            }
        }
        for (lang, label) in e.labels.sorted(by: { $0.key < $1.key }) {
            if entities[r].labelled.insert(lang).inserted { try name(label, lang, .label) } else { try name(label, lang, .alias) }
        }
        for (lang, list) in e.aliases.sorted(by: { $0.key < $1.key }) {
            for alias in list { try name(alias, lang, .alias) }
        }
        for (lang, d) in e.descriptions.sorted(by: { $0.key < $1.key }) { try name(d, lang, .description) }
        for (scheme, value) in e.externalIDs.sorted(by: { $0.key < $1.key }) {
            try stageXref.run([.text(scheme), .text(value), .integer(rid)])
            rowByXref[scheme + "\u{1}" + value] = rowByXref[scheme + "\u{1}" + value] ?? r
        }
        return entities[r].id
    }

    /// Writes the entities and moves the staged rows into the indexed tables, sorted; commits.
    func finish() throws(SQLiteDatabase.Failure) {
        let insert = try kb.db.prepare("INSERT INTO entity(rid, id, type, prior) VALUES (?, ?, ?, ?)")
        for (n, e) in entities.enumerated() {
            do { try insert.run([.integer(n + 1), .text(e.id), .text(e.type), .real(e.prior)]) } catch {
                throw SQLiteDatabase.Failure(message: "entity '\(e.id)' (\(e.type)): \(error.message)")
            }
        }
        try kb.db.execute("""
            INSERT OR IGNORE INTO name(rid, lang, kind, text) SELECT rid, lang, kind, text FROM stage_name ORDER BY rid, kind, lang, text;
            INSERT OR IGNORE INTO alias(key, folded, prior, rid, lang)
                SELECT s.key, s.folded, e.prior, s.rid, s.lang FROM stage_alias s JOIN entity e ON e.rid = s.rid
                ORDER BY s.key, s.folded, e.prior, s.rid, s.lang;
            INSERT OR IGNORE INTO xref(scheme, value, rid) SELECT scheme, value, rid FROM stage_xref ORDER BY scheme, value, rid;
            DROP TABLE stage_name; DROP TABLE stage_alias; DROP TABLE stage_xref;
            CREATE INDEX IF NOT EXISTS xref_rid ON xref(rid);
            CREATE INDEX IF NOT EXISTS alias_rid ON alias(rid);
            \(KnowledgeBase.phraseIndex)
            COMMIT;
            """)
    }
}
