import Foundation

extension NameLists {
    /// The lists the shipped model is trained with, all from files in the repository (and CLDR,
    /// which ICU carries): the cue words (`Resources/kb/cues.json`), the curated entities
    /// (`Resources/kb/curated.jsonl` and `curated-vi.jsonl`, by type), Vietnam's administrative units of both eras and
    /// Vietnamese given names (`Resources/ner/names-vi.tsv`, from the MIT-licensed gazetteers;
    /// see `Resources/ner/README.md`), and every country's name in Vietnamese and English.
    /// `extra`: more `class<TAB>phrase` files.
    public static func standard(extra: [String] = []) throws -> NameLists {
        var phrases: [(phrase: String, classIndex: Int)] = []
        func add(_ names: some Sequence<String>, _ className: String) {
            let c = classIndex(className)!
            for n in names where !n.isEmpty { phrases.append((n, c)) }
        }
        let cues = EntityCues.shipped.cues(for: "vi")
        add(cues.personTitles, "title")
        add(cues.orgHeads.union(cues.orgCues), "orgHead")
        add(cues.locHeads.union(cues.locCues), "locHead")
        add(cues.eventHeads.union(cues.eventCues).union(cues.productCues).union(cues.miscCues), "otherCue")
        add(cues.notNames, "opener")
        add(cues.familyNames, "family")
        // Curated entities by type; the country entries add to CLDR's countries.
        let curated: [UInt8] = ["curated", "curated-vi"].flatMap { DefaultKnowledgeBase.bytes(of: $0) + [UInt8(0x0A)] }
        for e in try EntityFile.parse(curated, name: "kb/curated.jsonl", tsv: false) {
            let names = ["vi", "en"].flatMap { l in [e.labels[l]].compactMap { $0 } + (e.aliases[l] ?? []) }
            let className = e.id.hasPrefix("iso3166:") ? "country"
                : e.type == "PER" ? "person" : e.type == "ORG" ? "org" : e.type == "LOC" ? "place" : "misc"
            add(names, className)
        }
        let codes = CLDR.codes(.region)
        for language in ["vi", "en"] {
            add(CLDR.displayNames(.region, codes, in: language).compactMap { $0 }, "country")
        }
        for path in [shippedNamesPath].compactMap({ $0 }) + extra {
            let text: String
            do { text = String(decoding: try FileIO.readAll(path), as: UTF8.self) } catch {
                throw LocatedError(path: path, message: "cannot read: \(error)")
            }
            for (n, line) in text.split(separator: "\n").enumerated() where !line.hasPrefix("#") {
                let f = line.split(separator: "\t", maxSplits: 1)
                guard f.count == 2, let c = classIndex(String(f[0])) else {
                    throw LocatedError(path: "\(path):\(n + 1)", message: "expected class<TAB>phrase with a class of \(classes.joined(separator: ", "))")
                }
                phrases.append((String(f[1]), c))
            }
        }
        // Each phrase once per class, sorted: the model file stores them, and the same data must
        // give the same file byte for byte (the cue lists are sets, in no fixed order).
        var seen = Set<String>()
        let unique = phrases.filter { seen.insert("\($0.classIndex)\t\($0.phrase)").inserted }
            .sorted { a, b in
                a.classIndex != b.classIndex ? a.classIndex < b.classIndex : a.phrase.unicodeScalars.lexicographicallyPrecedes(b.phrase.unicodeScalars)
            }
        return NameLists(unique)
    }

    static var shippedNamesPath: String? {
        MekongResources.path("ner/names-vi.tsv")
    }
}
