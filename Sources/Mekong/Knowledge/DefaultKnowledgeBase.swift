import Foundation
import Synchronization

/// The knowledge base that ships with Mekong, usable offline with no build step: every
/// country and territory, currency, language and script with its names in every language ICU
/// has (from CLDR), plus a curated list of people, organizations, places and events that news
/// keeps naming (`Resources/kb/curated.jsonl`, `curated-vi.jsonl`) and Vietnam's districts, cities and
/// towns (`vn-units.jsonl`, generated from the gazetteers). It is written once to a cache folder
/// (`$MEKONG_CACHE_DIR`, else `$XDG_CACHE_HOME/mekong`, else `~/.cache/mekong`) and reused.
public enum DefaultKnowledgeBase {
    /// Bumped when what the default holds changes.
    static let version = 7

    /// The entity files that ship, in the order they are added (later lines add names to
    /// earlier entities with the same id).
    static let entityFiles = ["curated", "curated-vi", "vn-units", "world-places"]

    static func bytes(of file: String) -> [UInt8] {
        guard let url = Bundle.module.url(forResource: file, withExtension: "jsonl", subdirectory: "kb"),
              let data = try? Data(contentsOf: url) else { return [] }
        return Array(data)
    }

    static var curatedBytes: [UInt8] { entityFiles.flatMap { bytes(of: $0) + [UInt8(0x0A)] } }

    /// The cache file for this version, this ICU and this curated list.
    public static var cachePath: String {
        let env = ProcessInfo.processInfo.environment
        let dir = env["MEKONG_CACHE_DIR"] ?? (env["XDG_CACHE_HOME"].map { $0 + "/mekong" } ?? ((env["HOME"] ?? "/tmp") + "/.cache/mekong"))
        let h = curatedBytes.reduce(FNV1a.seed, FNV1a.mix)
        return "\(dir)/default-kb-v\(version)-icu\(ICU.version)-\(String(h % 0xFFFF_FFFF, radix: 16)).sqlite"
    }

    /// One build at a time in a process (stages of several pipelines may ask at once).
    private static let building = Mutex(())

    /// The path of the default knowledge base, built first when it is not in the cache yet. When
    /// the cache folder cannot be written (a read-only home), the system's temporary folder serves.
    public static func path() throws -> String {
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
            // Built under a name of its own and renamed: other processes never see half a file.
            let temporary = "\(path).\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString).tmp"
            defer { try? FileManager.default.removeItem(atPath: temporary) }
            do {
                let kb = try KnowledgeBase(path: temporary, create: true)
                try kb.prepareForBulkWrite()
                try build(into: kb)
            }
            _ = rename(temporary, path)
            return path
        }
    }

    /// Writes the CLDR entities and the curated list into `kb`.
    public static func build(into kb: KnowledgeBase) throws {
        try kb.transaction {
            try addCLDR(into: kb)
            for file in entityFiles {
                for e in try EntityFile.parse(bytes(of: file), name: "kb/\(file).jsonl", tsv: false) { try kb.add(e) }
            }
            try kb.setMeta("default", "v\(version) icu \(ICU.version)")
        }
    }

    /// Display locales: every locale ICU has data for, without a region, as BCP 47 tags.
    static var languages: [(icu: String, tag: String)] {
        CLDR.localesWithoutRegion.map { ($0, $0.replacingOccurrences(of: "_", with: "-")) }
    }

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

    static func addCLDR(into kb: KnowledgeBase) throws {
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
            // short one ("English") an alias.
            if kind == .language {
                for i in built.indices {
                    if let n = built[i].labels["en"], !n.lowercased().hasSuffix("language"), !n.contains("(") {
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
