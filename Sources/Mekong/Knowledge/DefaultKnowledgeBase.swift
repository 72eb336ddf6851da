import Foundation
import Synchronization

/// The knowledge base that ships with Mekong, usable offline with no build step: every
/// country and territory, currency, language and script with its names in every language ICU
/// has (from CLDR), plus a curated list of people, organizations, places and events that news
/// keeps naming (`Resources/kb/curated.jsonl`, `curated-vi.jsonl`) and Vietnam's districts, cities and
/// towns (`vn-units.jsonl`, generated from the gazetteers). It is written once to a cache folder
/// (`$MEKONG_CACHE_DIR`, else `$XDG_CACHE_HOME/mekong`, else `~/.cache/mekong`) and reused —
/// unless the resources folder (`MEKONG_RESOURCES`) holds it prebuilt under `kb/store/` with
/// the cache file's name (`mekong kb prebuild`), which is then used read-only, never built.
public enum DefaultKnowledgeBase {
    /// Bumped when what the default holds or how it is stored changes.
    static let version = 11

    /// The curated entity files, in the order they are added (later lines add names to earlier
    /// entities with the same id).
    static let entityFiles = ["curated", "curated-vi", "vn-units", "events", "products", "people", "works-events", "places-orgs", "former-provinces", "spellings"]

    /// The world-scale entities built by `scripts/build-kb` from GeoNames, Natural Earth, ROR and listed companies
    /// (gzip; its first line lists the sources, the counts and the build date).
    static let worldFile = "world"

    static func bytes(of file: String) -> [UInt8] {
        MekongResources.bytes("kb/\(file).jsonl") ?? []
    }

    public static var worldPath: String? {
        MekongResources.path("kb/\(worldFile).jsonl.gz")
    }

    /// What identifies the shipped world file without reading it all: its size and gzip's
    /// trailer (the CRC-32 and length of the text).
    static var worldFingerprint: [UInt8] {
        guard let path = worldPath, let handle = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? handle.close() }
        guard let size = try? handle.seekToEnd(), size >= 8 else { return [] }
        try? handle.seek(toOffset: size - 8)
        return Array(handle.readData(ofLength: 8)) + Array(String(size).utf8)
    }

    /// The cache file for this version, this ICU and these entity files.
    public static var cachePath: String {
        let env = ProcessInfo.processInfo.environment
        let dir = env["MEKONG_CACHE_DIR"] ?? (env["XDG_CACHE_HOME"].map { $0 + "/mekong" } ?? ((env["HOME"] ?? "/tmp") + "/.cache/mekong"))
        return "\(dir)/default-kb-v\(version)-icu\(ICU.version)-\(String(contentHash % 0xFFFF_FFFF, radix: 16)).sqlite"
    }

    /// The hash of the curated files one after another and the world file's fingerprint, made
    /// once for each resources folder a process uses (the path is asked several times as a
    /// process starts, and the files are 2 MB).
    static var contentHash: UInt64 {
        let folder = MekongResources.overrideDirectory ?? ""
        if let known = contentHashes.withLock({ $0[folder] }) { return known }
        var h = FNV1a.seed
        func mix(_ bytes: [UInt8]) { bytes.withUnsafeBufferPointer { for b in $0 { h = FNV1a.mix(h, b) } } }
        for file in entityFiles { mix(bytes(of: file)); h = FNV1a.mix(h, UInt8(0x0A)) }
        mix(worldFingerprint)
        contentHashes.withLock { $0[folder] = h }
        return h
    }
    private static let contentHashes = Mutex<[String: UInt64]>([:])

    /// One build at a time in a process (stages of several pipelines may ask at once).
    private static let building = Mutex(())

    /// Where a resources folder keeps a prebuilt default knowledge base.
    static let storeFolder = "kb/store"

    /// The prebuilt store for this version, this ICU and these entity files, in the
    /// `MEKONG_RESOURCES` folder or in the resources beside the executable (where
    /// `scripts/package.sh` puts it, so an unpacked archive builds nothing). Its alias index
    /// beside it, `.keys`, makes it open fast; without one the keys are read from the store.
    public static var prebuiltPath: String? {
        MekongResources.path(storeFolder + "/" + FilePath.fileName(of: cachePath))
    }

    /// Warned once: a resources folder with a store folder but no store for this build.
    private static let warnedAboutStore = Mutex(false)

    /// The path of the default knowledge base: the prebuilt one in the resources folder, else the
    /// cache's, built first when it is not there yet. When the cache folder cannot be written (a
    /// read-only home), the system's temporary folder serves.
    public static func path() throws -> String {
        if let prebuilt = prebuiltPath { return prebuilt }
        if let stores = MekongResources.path(storeFolder) {
            // Built elsewhere for another version or ICU: say so, or every executor builds in silence.
            let first = warnedAboutStore.withLock { warned in defer { warned = true }; return !warned }
            if first {
                StandardError.write("mekong: \(stores) holds no knowledge base for this build (\(FilePath.fileName(of: cachePath))); building the default one into the cache. Run 'mekong kb prebuild --into' with this build to make it\n")
            }
        }
        do { return try path(at: cachePath) } catch {
            let fallback = NSTemporaryDirectory() + "mekong-cache/" + FilePath.fileName(of: cachePath)
            return try path(at: fallback)
        }
    }

    static func path(at path: String) throws -> String {
        if FileManager.default.fileExists(atPath: path) { return path }
        return try building.withLock { _ in
            if FileManager.default.fileExists(atPath: path) { return path }
            try FileManager.default.createDirectory(atPath: FilePath.directory(of: path), withIntermediateDirectories: true)
            // Processes that start together wait for the one that builds.
            let lock = try BuildLock(path: path + ".lock")
            defer { lock.release() }
            if FileManager.default.fileExists(atPath: path) { return path }
            // Built under a name of its own and renamed: other processes never see half a file.
            // The alias index goes to its place first; the store's token names it.
            let temporary = "\(path).\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString).tmp"
            defer {
                try? FileManager.default.removeItem(atPath: temporary)
                try? FileManager.default.removeItem(atPath: temporary + ".keys")
            }
            do {
                let kb = try KnowledgeBase(path: temporary, create: true)
                try build(into: kb)
                try kb.writeAliasIndex(to: temporary + ".keys")
            }
            guard rename(temporary + ".keys", KnowledgeBase.aliasIndexPath(path)) == 0, rename(temporary, path) == 0 else {
                throw LocatedError(path: path, message: "cannot move the built knowledge base into place (errno \(errno))")
            }
            return path
        }
    }

    /// Builds the default knowledge base and its alias index into a resources folder, under
    /// `kb/store/` with the cache file's name, for `MEKONG_RESOURCES` (one already there is kept).
    /// Returns the store's path.
    public static func prebuild(into directory: String) throws -> String {
        try path(at: directory + "/" + storeFolder + "/" + FilePath.fileName(of: cachePath))
    }

    /// Writes the CLDR entities, the curated lists and the world-scale entities into `kb`, which
    /// must be new. `world`: the world file to read (the shipped one by default; nil for none).
    public static func build(into kb: KnowledgeBase, world: String? = worldPath) throws {
        let writer = try KnowledgeBaseWriter(into: kb)
        try addCLDR(into: writer)
        for file in entityFiles {
            for e in try EntityFile.parse(bytes(of: file), name: "kb/\(file).jsonl", tsv: false) { try writer.add(e) }
        }
        var sources = ["CLDR (through ICU \(ICU.version)): countries, currencies, languages and scripts, Unicode licence",
                       "Mekong's curated lists (Resources/kb/curated.jsonl, curated-vi.jsonl, events.jsonl, products.jsonl, people.jsonl, works-events.jsonl, places-orgs.jsonl, former-provinces.jsonl, spellings.jsonl)",
                       "Vietnam's districts (vietnamese-provinces-database v2.4.1), MIT"]
        var built: String?
        if let world {
            // A subdivision the curated lists hold under another id (GeoNames' municipality of Hà Nội
            // beside the city, which Wikipedia treats as one) joins it by its ISO 3166-2 code.
            let header = try EntityFile.forEachEntity(path: world) { e throws(SQLiteDatabase.Failure) in try writer.add(e, mergeOn: ["iso3166-2"]) }
            sources += header["_sources"]?.arrayValue?.compactMap(\.stringValue) ?? []
            built = header["_built"]?.stringValue
        }
        try writer.finish()
        try kb.setMeta("default", "v\(version) icu \(ICU.version)")
        try kb.setMeta("sources", sources.joined(separator: "\n"))
        if world != nil { try kb.setMeta(KnowledgeBase.notablePriorKey, "0.5") }
        if let built { try kb.setMeta("built", built) }
    }

    /// Display locales: every locale ICU has data for, without a region, as BCP 47 tags.
    static var languages: [(icu: String, tag: String)] {
        CLDR.localesWithoutRegion.map { ($0, $0.replacingOccurrences(of: "_", with: "-")) }
    }

    /// Languages English Wikipedia titles by the bare name, not "… language".
    static let languagesTitledAlone: Set<String> = ["Arabic", "Cantonese", "Esperanto", "Hindi", "Latin", "Pashto", "Sanskrit", "Urdu", "Yiddish"]

    /// English Wikipedia's title for a region where CLDR's English name differs from it.
    static let regionTitles: [String: String] = [
        "MM": "Myanmar", "HK": "Hong Kong", "MO": "Macau", "TL": "East Timor", "IE": "Republic of Ireland",
        "CZ": "Czech Republic", "CI": "Ivory Coast", "CD": "Democratic Republic of the Congo",
        "CG": "Republic of the Congo", "PS": "State of Palestine", "GE": "Georgia (country)",
        "FM": "Federated States of Micronesia", "MF": "Collectivity of Saint Martin", "BL": "Saint Barthélemy",
        "SH": "Saint Helena, Ascension and Tristan da Cunha", "VA": "Vatican City", "UM": "United States Minor Outlying Islands",
    ]

    static func wikipediaTitle(ofRegion code: String, cldr name: String) -> String? {
        if let t = regionTitles[code] { return t }
        var t = name.replacingOccurrences(of: " & ", with: " and ")
        if t.hasPrefix("St. ") { t = "Saint " + t.dropFirst(4) }
        return t
    }

    static func addCLDR(into kb: KnowledgeBaseWriter) throws {
        let locales = languages
        func entities(_ kind: CLDR.CodeKind, codes: [String], scheme: String, type: String, prior: Double) throws {
            // English names decide which codes are real (deprecated ones have none).
            let english = CLDR.displayNames(kind, codes, in: "en")
            let kept = zip(codes, english).filter { $0.1 != nil }.map(\.0)
            var built = kept.map { KBEntity(id: "\(scheme):\($0)", type: type, prior: prior, externalIDs: [scheme: $0]) }
            for (icu, tag) in locales {
                let names = CLDR.displayNames(kind, kept, in: icu)
                let short = kind == .region ? CLDR.displayNames(kind, kept, in: icu, short: true) : names
                for i in kept.indices {
                    if let n = names[i] { built[i].labels[tag] = n }
                    if let s = short[i], s != names[i] { built[i].aliases[tag, default: []].append(s) }
                }
            }
            // A country's English name as English Wikipedia titles it (CLDR's is for menus:
            // "Myanmar (Burma)", "Bosnia & Herzegovina"), CLDR's kept as an alias.
            if kind == .region {
                for i in built.indices {
                    guard let n = built[i].labels["en"], let title = Self.wikipediaTitle(ofRegion: kept[i], cldr: n), title != n else { continue }
                    built[i].labels["en"] = title
                    built[i].aliases["en", default: []].append(n)
                }
            }
            // A language's English name as English Wikipedia titles it ("English language"), the
            // short one ("English") an alias — except the languages whose article has the bare name.
            if kind == .language {
                for i in built.indices {
                    if let n = built[i].labels["en"], !n.lowercased().hasSuffix("language"), !n.contains("("),
                       !Self.languagesTitledAlone.contains(n) {
                        built[i].labels["en"] = n + " language"
                        built[i].aliases["en", default: []].append(n)
                    }
                }
            }
            for e in built { try kb.add(e) }
        }
        try entities(.region, codes: CLDR.codes(.region), scheme: "iso3166", type: "LOC", prior: 0.8)
        try entities(.language, codes: CLDR.codes(.language), scheme: "iso639", type: "MISC", prior: 0.3)
        try entities(.script, codes: CLDR.codes(.script), scheme: "iso15924", type: "MISC", prior: 0.1)
        for code in CLDR.currencyCodes {
            var e = KBEntity(id: "iso4217:\(code)", type: "MISC", prior: 0.4, externalIDs: ["iso4217": code])
            for (icu, tag) in locales {
                if let n = CLDR.currencyName(code, style: .longName, locale: icu) { e.labels[tag] = n }
                if let p = CLDR.currencyName(code, style: .pluralOther, locale: icu), p != e.labels[tag] { e.aliases[tag, default: []].append(p) }
            }
            if !e.labels.isEmpty { try kb.add(e) }
        }
    }
}
