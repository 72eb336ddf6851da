import Foundation

/// The words around names that tell their type, per language (`Resources/kb/cues.json`, and a
/// user's own file of the same shape, merged in). Phrases are compared as alias keys.
public struct EntityCues: Sendable {
    public struct Language: Sendable {
        /// The lists and the unions made from them.
        private struct Fields {
            var personTitles: Set<String> = []
            var orgHeads: Set<String> = []
            var locHeads: Set<String> = []
            var orgTails: Set<String> = []
            var locTails: Set<String> = []
            var eventHeads: Set<String> = []
            var eventTails: Set<String> = []
            var orgCues: Set<String> = []
            var locCues: Set<String> = []
            var eventCues: Set<String> = []
            var productCues: Set<String> = []
            var miscCues: Set<String> = []
            var familyNames: Set<String> = []
            var notNames: Set<String> = []
            var longest: Int = 1
            var orgCuesAndHeads: KeySet = []
            var firstWordsOfLongOrgCues: KeySet = []
            var locCuesAndHeads: KeySet = []
            var otherCues: KeySet = []
            var titlesAndHeads: KeySet = []
            var personTitleKeys: KeySet = []
            var isSealed: Bool = false
        }
        /// The fields in one box: a `Language` is handed to each document's recognizers, and a
        /// copy is one reference; a change copies the box first.
        private final class Storage: @unchecked Sendable {
            var fields: Fields
            init(_ fields: Fields = Fields()) { self.fields = fields }
        }
        private var storage = Storage()
        private mutating func change(_ body: (inout Fields) -> Void) {
            if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.fields) }
            body(&storage.fields)
        }

        public init() {}

        public var personTitles: Set<String> {
            get { storage.fields.personTitles }
            set { change { $0.personTitles = newValue; $0.isSealed = false } }
        }
        public var orgHeads: Set<String> {
            get { storage.fields.orgHeads }
            set { change { $0.orgHeads = newValue; $0.isSealed = false } }
        }
        public var locHeads: Set<String> {
            get { storage.fields.locHeads }
            set { change { $0.locHeads = newValue; $0.isSealed = false } }
        }
        public var orgTails: Set<String> {
            get { storage.fields.orgTails }
            set { change { $0.orgTails = newValue; $0.isSealed = false } }
        }
        public var locTails: Set<String> {
            get { storage.fields.locTails }
            set { change { $0.locTails = newValue; $0.isSealed = false } }
        }
        public var eventHeads: Set<String> {
            get { storage.fields.eventHeads }
            set { change { $0.eventHeads = newValue; $0.isSealed = false } }
        }
        public var eventTails: Set<String> {
            get { storage.fields.eventTails }
            set { change { $0.eventTails = newValue; $0.isSealed = false } }
        }
        /// Words before a name that tell its type without being part of it (`công ty`, `tỉnh`).
        public var orgCues: Set<String> {
            get { storage.fields.orgCues }
            set { change { $0.orgCues = newValue; $0.isSealed = false } }
        }
        public var locCues: Set<String> {
            get { storage.fields.locCues }
            set { change { $0.locCues = newValue; $0.isSealed = false } }
        }
        public var eventCues: Set<String> {
            get { storage.fields.eventCues }
            set { change { $0.eventCues = newValue; $0.isSealed = false } }
        }
        public var productCues: Set<String> {
            get { storage.fields.productCues }
            set { change { $0.productCues = newValue; $0.isSealed = false } }
        }
        public var miscCues: Set<String> {
            get { storage.fields.miscCues }
            set { change { $0.miscCues = newValue; $0.isSealed = false } }
        }
        /// Family names, as written (capitalized).
        public var familyNames: Set<String> {
            get { storage.fields.familyNames }
            set { change { $0.familyNames = newValue } }
        }
        /// Capitalized words that start sentences without being names, as written.
        public var notNames: Set<String> {
            get { storage.fields.notNames }
            set { change { $0.notNames = newValue } }
        }
        /// The longest phrase, in words.
        public var longest: Int {
            get { storage.fields.longest }
            set { change { $0.longest = newValue } }
        }
        /// Unions the recognizers ask for together, made once when the lists are read
        /// (`sealed()`) rather than for each document, as key sets (their loops ask word by
        /// word); changing a list they join unseals them.
        private(set) var orgCuesAndHeads: KeySet {
            get { storage.fields.orgCuesAndHeads }
            set { change { $0.orgCuesAndHeads = newValue } }
        }
        /// The first words of the organization cues and heads of several words (`thông` of
        /// `thông tấn xã`): a recognizer builds a longer key only after one of them.
        private(set) var firstWordsOfLongOrgCues: KeySet {
            get { storage.fields.firstWordsOfLongOrgCues }
            set { change { $0.firstWordsOfLongOrgCues = newValue } }
        }
        private(set) var locCuesAndHeads: KeySet {
            get { storage.fields.locCuesAndHeads }
            set { change { $0.locCuesAndHeads = newValue } }
        }
        private(set) var otherCues: KeySet {
            get { storage.fields.otherCues }
            set { change { $0.otherCues = newValue } }
        }
        private(set) var titlesAndHeads: KeySet {
            get { storage.fields.titlesAndHeads }
            set { change { $0.titlesAndHeads = newValue } }
        }
        private(set) var personTitleKeys: KeySet {
            get { storage.fields.personTitleKeys }
            set { change { $0.personTitleKeys = newValue } }
        }
        /// Whether `sealed()` made the unions.
        private(set) var isSealed: Bool {
            get { storage.fields.isSealed }
            set { change { $0.isSealed = newValue } }
        }

        func sealed() -> Language {
            var l = self
            let orgCuesAndHeads = orgCues.union(orgHeads)
            l.orgCuesAndHeads = KeySet(orgCuesAndHeads)
            l.firstWordsOfLongOrgCues = KeySet(orgCuesAndHeads.compactMap { c in c.firstIndex(of: " ").map { String(c[..<$0]) } })
            l.locCuesAndHeads = KeySet(locCues.union(locHeads))
            l.otherCues = KeySet(eventCues.union(productCues).union(miscCues))
            l.titlesAndHeads = KeySet(personTitles.union(orgHeads).union(locHeads))
            l.personTitleKeys = KeySet(personTitles)
            l.isSealed = true
            return l
        }

        var allPhrases: Set<String> {
            personTitles.union(orgHeads).union(locHeads).union(orgTails).union(locTails).union(eventHeads).union(eventTails)
                .union(orgCues).union(locCues).union(eventCues).union(productCues).union(miscCues)
        }

        /// Whether `key` is a person's title: by the key set of sealed cues (bytes, no `String`
        /// hashing through its normal form), else by the list.
        func isPersonTitle(_ key: String) -> Bool {
            isSealed ? personTitleKeys.contains(key) : personTitles.contains(key)
        }

        /// The type a cue before a name gives (cue words stay out of the span).
        func typeOfCue(_ key: String) -> String? {
            if orgCues.contains(key) { return "ORG" }
            if locCues.contains(key) { return "LOC" }
            if eventCues.contains(key) { return "EVENT" }
            if productCues.contains(key) { return "PRODUCT" }
            if miscCues.contains(key) { return "MISC" }
            return nil
        }
    }

    public var languages: [String: Language] = [:]

    public func cues(for language: String) -> Language { languages[language] ?? languages["en"] ?? Language() }

    static let keys = ["personTitles", "orgHeads", "locHeads", "orgTails", "locTails", "eventHeads", "eventTails",
                       "orgCues", "locCues", "eventCues", "productCues", "miscCues", "familyNames", "notNames"]

    public static func parse(_ bytes: [UInt8], name: String) throws(LocatedError) -> EntityCues {
        guard let json = try? JSONParser.parse(String(decoding: bytes, as: UTF8.self)), let root = json.objectValue else {
            throw LocatedError(path: name, message: "expected a JSON object of language → cue lists")
        }
        var cues = EntityCues()
        for m in root where !m.key.hasPrefix("_") {
            guard let o = m.value.objectValue else { throw LocatedError(path: "\(name): $.\(m.key)", message: "expected an object of cue lists") }
            var l = Language()
            for k in o.keys where !keys.contains(k) && !k.hasPrefix("_") {
                let hint = Suggestion.closest(to: k, in: keys).map { " (did you mean '\($0)'?)" } ?? ""
                throw LocatedError(path: "\(name): $.\(m.key)", message: "unknown key '\(k)'\(hint)")
            }
            func list(_ key: String, folded: Bool) throws(LocatedError) -> Set<String> {
                guard let v = o[key] else { return [] }
                guard let a = v.arrayValue, a.allSatisfy({ $0.stringValue != nil }) else {
                    throw LocatedError(path: "\(name): $.\(m.key).\(key)", message: "expected a list of strings")
                }
                return Set(a.compactMap(\.stringValue).map { folded ? AliasKey.exact($0) : $0 })
            }
            l.personTitles = try list("personTitles", folded: true)
            l.orgHeads = try list("orgHeads", folded: true)
            l.locHeads = try list("locHeads", folded: true)
            l.orgTails = try list("orgTails", folded: true)
            l.locTails = try list("locTails", folded: true)
            l.eventHeads = try list("eventHeads", folded: true)
            l.eventTails = try list("eventTails", folded: true)
            l.orgCues = try list("orgCues", folded: true)
            l.locCues = try list("locCues", folded: true)
            l.eventCues = try list("eventCues", folded: true)
            l.productCues = try list("productCues", folded: true)
            l.miscCues = try list("miscCues", folded: true)
            l.familyNames = try list("familyNames", folded: false)
            l.notNames = try list("notNames", folded: false)
            for phrase in l.allPhrases {
                l.longest = max(l.longest, phrase.split(separator: " ").count)
            }
            cues.languages[m.key] = l.sealed()
        }
        return cues
    }

    /// Adds another file's cues to these.
    public mutating func merge(_ other: EntityCues) {
        for (lang, o) in other.languages {
            var l = languages[lang] ?? Language()
            l.personTitles.formUnion(o.personTitles); l.orgHeads.formUnion(o.orgHeads); l.locHeads.formUnion(o.locHeads)
            l.orgTails.formUnion(o.orgTails); l.locTails.formUnion(o.locTails)
            l.eventHeads.formUnion(o.eventHeads); l.eventTails.formUnion(o.eventTails)
            l.orgCues.formUnion(o.orgCues); l.locCues.formUnion(o.locCues); l.eventCues.formUnion(o.eventCues)
            l.productCues.formUnion(o.productCues); l.miscCues.formUnion(o.miscCues)
            l.familyNames.formUnion(o.familyNames); l.notNames.formUnion(o.notNames)
            l.longest = max(l.longest, o.longest)
            languages[lang] = l.sealed()
        }
    }

    public static let shipped: EntityCues = {
        guard let bytes = MekongResources.bytes("kb/cues.json"), let cues = try? parse(bytes, name: "kb/cues.json") else { return EntityCues() }
        return cues
    }()
}
