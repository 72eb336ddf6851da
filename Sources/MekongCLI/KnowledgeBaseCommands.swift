import ArgumentParser
import Foundation
import Mekong

extension MekongCommand {
    struct KB: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "kb",
            abstract: "Build, extend and query knowledge bases (SQLite files of entities and their names).",
            discussion: """
                Without --kb, commands use the default knowledge base: countries, currencies, \
                languages and scripts with their names in every language ICU has; a curated \
                list of people, organizations, places, events and products in the news; and some \
                336,000 places and organizations of the world from GeoNames, Natural Earth, ROR \
                and the companies listed in twenty stock indices (see DATA-LICENSES.md). It is built on first use into the cache folder \
                ($MEKONG_CACHE_DIR, else ~/.cache/mekong), once, in well under a minute — \
                unless the resources folder ($MEKONG_RESOURCES) holds it prebuilt (kb prebuild).
                """,
            subcommands: [Build.self, Add.self, Lookup.self, Info.self, Prebuild.self, Bench.self])

        static func open(_ path: String?, create: Bool = false) throws -> KnowledgeBase {
            do {
                return try KnowledgeBase(path: path ?? DefaultKnowledgeBase.path(), create: create, readOnly: !create && path == nil)
            } catch {
                StandardError.write("mekong kb: \(error)\n")
                throw ExitCode(2)
            }
        }

        struct Build: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Build a knowledge base from a Wikidata JSON dump (.json, .json.gz or .json.bz2).",
                discussion: """
                    Streams the dump one entity per line (memory stays bounded), keeps items with a \
                    label or a sitelink in the chosen languages and of the chosen types (from their \
                    P31 classes), takes a popularity prior from the sitelink count, and writes the \
                    store. Countries, currencies, languages and scripts from the default knowledge \
                    base are included and joined to their Wikidata items through P297, P498, P218 \
                    and P506, unless --no-defaults.

                    Example:
                      mekong kb build latest-all.json.bz2 -o news-kb.sqlite --languages vi,en,fr --min-sitelinks 5
                    """)

            @Argument(help: "The dump file.") var dump: String
            @Option(name: .shortAndLong, help: "The knowledge base to write.") var output: String
            @Option(help: "Languages to keep names in, comma-separated.") var languages = "vi,en,fr"
            @Option(help: "Types to keep, comma-separated (PER, ORG, LOC, EVENT, PRODUCT, MISC).") var types = "PER,ORG,LOC,EVENT,PRODUCT"
            @Option(help: "Keep items with at least this many sitelinks.") var minSitelinks = 1
            @Option(help: "A JSON file mapping types to Wikidata classes, instead of the shipped one.") var typesFile: String?
            @Flag(help: "Leave out the default knowledge base's countries, currencies, languages and scripts.") var noDefaults = false
            @Flag(help: "Leave out the default knowledge base's world-scale places and organizations (GeoNames, ROR).") var noWorld = false
            @Flag(help: "No progress on standard error.") var quiet = false

            func run() throws {
                var filter = WikidataDump.Filter()
                filter.languages = Set(languages.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) })
                filter.types = Set(types.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces).uppercased() })
                if let bad = filter.types.first(where: { !KBEntity.types.contains($0) }) {
                    StandardError.write("mekong kb build: unknown type '\(bad)'; expected \(KBEntity.types.sorted().joined(separator: ", "))\n")
                    throw ExitCode(2)
                }
                filter.minimumSitelinks = minSitelinks
                var classes = WikidataDump.shippedClasses
                if let typesFile { classes = try WikidataDump.classMap(try FileIO.readAll(typesFile), name: typesFile) }
                let reader = WikidataDump(filter: filter, classes: classes)
                let temporary = output + ".building"
                try? FileManager.default.removeItem(atPath: temporary)
                let kb = try KnowledgeBase(path: temporary, create: true)
                try kb.prepareForBulkWrite()
                if !noDefaults { try DefaultKnowledgeBase.build(into: kb, world: noWorld ? nil : DefaultKnowledgeBase.worldPath) }
                let size = (try? FileManager.default.attributesOfItem(atPath: dump)[.size] as? Int) ?? 0
                let quiet = self.quiet
                let report = try reader.build(from: dump, into: kb) { lines, bytes in
                    guard !quiet else { return }
                    let share = size > 0 ? String(format: " (%.0f%%)", 100 * Double(bytes) / Double(size)) : ""
                    StandardError.write("\r\(lines) lines read\(share)")
                }
                if !quiet { StandardError.write("\n") }
                try kb.setMeta("built-from", FilePath.fileName(of: dump))
                let counts = try kb.count()
                // The alias index beside the store: readers map it instead of building one.
                try kb.writeAliasIndex(to: output + ".keys")
                _ = rename(temporary, output)
                print("\(report.lines) lines, \(report.kept) entities kept (\(report.merged) joined to default entities) in \(String(format: "%.1f", report.seconds)) s; \(output): \(counts.entities) entities, \(counts.aliases) alias keys")
                if let peak = PeakMemory.bytes { print("peak memory: \(peak / 1_048_576) MB") }
            }
        }

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Add your own entities from a JSON Lines or TSV file.",
                discussion: """
                    JSON Lines: {"id": "mekong:vingroup", "type": "ORG", "labels": {"vi": "Vingroup"}, \
                    "aliases": {"vi": ["Tập đoàn Vingroup"]}, "prior": 0.6, "ids": {"wikidata": "Q…"}}
                    TSV: id<TAB>type<TAB>language<TAB>name[<TAB>prior], one name a line.
                    An entity whose id is already there gets the new names.
                    """)

            @Argument(help: "The entity file (.jsonl or .tsv).") var file: String
            @Option(help: "The knowledge base to add to (created when missing).") var kb: String

            func run() throws {
                let entities: [KBEntity]
                do { entities = try EntityFile.load(file) } catch {
                    StandardError.write("mekong kb add: \(error)\n")
                    throw ExitCode(2)
                }
                let store = try KB.open(kb, create: true)
                try store.transaction { for e in entities { try store.add(e) } }
                let counts = try store.count()
                print("\(entities.count) entities added; \(kb): \(counts.entities) entities, \(counts.aliases) alias keys")
            }
        }

        struct Lookup: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Look a name up: the entities that have it, most popular first.",
                discussion: """
                    Names match in any case, Unicode form and tone-mark placement; with nothing exact, \
                    without diacritics too.

                    Example:
                      mekong kb lookup 'Pháp' --languages en,fr
                        iso3166:FR  LOC  0.80  en: France  fr: France
                    """)

            @Argument(help: "The name.") var name: String
            @Option(help: "The knowledge base (default: the default knowledge base).") var kb: String?
            @Option(help: "Show names in these languages, comma-separated.") var languages = "vi,en,fr"
            @Option(help: "At most this many entities.") var limit = 10
            @Flag(help: "One JSON object a line: id, type, prior, whether matched without diacritics, names in the languages asked for, descriptions and the sources' ids.") var json = false

            func run() throws {
                let store = try KB.open(kb)
                let langs = languages.split(separator: ",").map(String.init)
                let found = try store.candidates(for: name, limit: limit)
                if found.isEmpty {
                    if json { return }
                    print("no entity is named '\(name)'"); throw ExitCode(1)
                }
                func object(_ d: [String: String]) -> JSONValue {
                    var o = JSONObject()
                    for (k, v) in d.sorted(by: { $0.key < $1.key }) { o[k] = .string(v) }
                    return .object(o)
                }
                for c in found {
                    let labels = try store.labels(of: c, languages: langs)
                    if json {
                        let entity = try store.entity(id: c.id)
                        var o = JSONObject()
                        o["id"] = .string(c.id); o["type"] = .string(c.type); o["prior"] = .number(c.prior); o["folded"] = .bool(c.folded)
                        o["names"] = object(labels); o["descriptions"] = object(entity?.descriptions ?? [:]); o["ids"] = object(entity?.externalIDs ?? [:])
                        print(JSONWriter.serialize(.object(o)))
                        continue
                    }
                    let names = langs.compactMap { l in labels[l].map { "\(l): \($0)" } }.joined(separator: "  ")
                    print("\(c.id)\t\(c.type)\t\(String(format: "%.2f", c.prior))\(c.folded ? "\t(without diacritics)" : "")\t\(names)")
                }
            }
        }

        struct Bench: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Time name lookups: names drawn from the knowledge base itself, and as many names it lacks.",
                shouldDisplay: false)
            @Option(help: "The knowledge base (default: the default knowledge base).") var kb: String?
            @Option(help: "Lookups of each kind.") var lookups = 20_000

            func run() throws {
                let store = try KB.open(kb)
                let present = try store.sampleNames(lookups)
                var x: UInt64 = 0x9E37_79B9_7F4A_7C15
                let absent = (0..<lookups).map { _ -> String in
                    x = x &* 6364136223846793005 &+ 1442695040888963407
                    return "Zq" + String(x >> 33, radix: 36) + " Xw"
                }
                for (label, names) in [("names in the KB", present), ("names not in the KB", absent)] {
                    var times: [Double] = []
                    times.reserveCapacity(names.count)
                    var found = 0
                    for n in names {
                        let t = MonotonicClock.seconds()
                        found += try store.candidates(for: n, limit: 5).isEmpty ? 0 : 1
                        times.append(MonotonicClock.seconds() - t)
                    }
                    times.sort()
                    let mean = times.reduce(0, +) / Double(max(1, times.count))
                    func us(_ x: Double) -> String { String(format: "%.1f µs", x * 1e6) }
                    print("\(label): \(names.count) lookups, \(found) found; mean \(us(mean)), p50 \(us(times[times.count / 2])), p99 \(us(times[times.count * 99 / 100]))")
                }
                let counts = try store.count()
                print("\(counts.entities) entities, \(counts.aliases) alias keys")
                if let peak = PeakMemory.bytes { print("peak memory: \(peak / 1_048_576) MB") }
            }
        }

        struct Prebuild: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Write the default knowledge base into a resources folder, so that runs using it never build it.",
                discussion: """
                    Writes the store and its alias index (about 230 MB) to DIR/kb/store/, named as \
                    the cache names it (by Mekong's version, ICU's and the shipped entity files), \
                    and copies the other shipped resources (kb/, ner/, quantities/, \
                    vi-segmenter.mkseg) beside it unless --store-only. Then point MEKONG_RESOURCES \
                    (or mekong run --resources) at DIR: each executor of a cluster job opens the \
                    store read-only from there and builds nothing. A store made by another \
                    version of Mekong or of ICU is not used (a warning says so).

                    Example:
                      mekong kb prebuild --into mekong-resources/
                      spark-submit … (ship mekong-resources/, set MEKONG_RESOURCES to it)
                    """)

            @Option(help: ArgumentHelp("The resources folder to write into (created when missing).", valueName: "dir")) var into: String
            @Flag(help: "Write only kb/store/, not a copy of the other shipped resources.") var storeOnly = false

            func run() throws {
                do {
                    try FileIO.makeDirectories(into)
                    let copied = storeOnly ? [] : try MekongResources.copyShipped(into: into)
                    let store = try DefaultKnowledgeBase.prebuild(into: into)
                    if !copied.isEmpty { print("\(copied.count) shipped resource files copied into \(into)") }
                    print("\(store)\n\(store).keys")
                    print("use it with: MEKONG_RESOURCES=\(into) (or mekong run --resources \(into))")
                } catch {
                    StandardError.write("mekong kb prebuild: \(error)\n")
                    throw ExitCode(3)
                }
            }
        }

        struct Info: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Where a knowledge base is and what it holds.")
            @Option(help: "The knowledge base (default: the default knowledge base).") var kb: String?

            func run() throws {
                let store = try KB.open(kb)
                let counts = try store.count()
                print("\(store.path)\n\(counts.entities) entities, \(counts.aliases) alias keys")
                let byType = try store.countsByType()
                print("by type: " + byType.map { "\($0.type) \($0.count)" }.joined(separator: ", "))
                let english = try store.countWithLabel(in: "en")
                print("with an English name: \(english)")
                let others = try ["vi", "fr", "de", "es", "ru", "zh", "ja"].map { "\($0) \(try store.countWithLabel(in: $0))" }
                print("with a name in: " + others.joined(separator: ", "))
                if let d = try store.meta("default") { print("default entities: \(d)") }
                if let b = try store.meta("built") { print("world data built: \(b)") }
                if let b = try store.meta("built-from") { print("built from: \(b)") }
                if let s = try store.meta("sources") {
                    print("sources:")
                    for line in s.split(separator: "\n") { print("  \(line)") }
                }
            }
        }
    }
}

extension MekongCommand {
    struct EvalEntities: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "entities",
            abstract: "Score entity recognition and linking, the whole pipeline: P/R/F1 per type, typed F1, link accuracy.",
            discussion: """
                Two kinds of gold, each run through normalize, sentences, tokens, words, entities and link:

                --data DIR: labelled sentences in the annotation guidelines' format (a folder of sources, each \
                with sentences.jsonl and mentions.jsonl, as Data/entities), read as documents of 25 consecutive \
                sentences and scored as ../shared/tools/mention_score.py does (surfaces matched per sentence; \
                links by English Wikipedia title). --heldout FILE scores only the sentences it lists.

                --gold FILE: TSV lines language<TAB>sentence<TAB>TEXT|TYPE|ID ;; … (ID a knowledge-base id \
                or NIL; '-' for a sentence without names), one sentence a document, links by id.

                The model alone, without the knowledge base and the document-level pass: 'mekong eval ner'.

                Examples:
                  mekong eval entities --data Data/entities --heldout Data/entities/heldout.txt
                  mekong eval entities --gold Tests/MekongTests/Fixtures/entities/gold-vi.tsv
                """)

        @Option(help: "Gold TSV files.") var gold: [String] = []
        @Option(help: "Labelled data in the guidelines' format: a folder of sources.") var data: String?
        @Option(help: "With --data: score only these sentence ids (one a line).") var heldout: String?
        @Option(help: "The knowledge base (default: the one that ships).") var kb: String?
        @Option(help: "An entity model (default: the one that ships).") var model: String?
        @Flag(help: "Print each sentence where the output differs from the gold (--data: each miss and false alarm).") var verbose = false

        func run() throws {
            guard !gold.isEmpty || data != nil else { throw ValidationError("give --data DIR or --gold FILE") }
            var entities: JSONObject = kb.map { ["kb": .string($0)] } ?? [:]
            if let model { entities["model"] = .string(model) }
            var stages: [(String, JSONObject)] = [("normalize", [:]), ("sentences", [:]), ("tokens", [:]), ("words", [:])]
            stages.append(("entities", entities))
            stages.append(("link", kb.map { ["kb": .string($0)] } ?? [:]))
            let pipeline = try QuickPath.pipeline(stages, language: nil)
            if let data {
                let corpus = try EntityCorpus.read(data)
                let test = try heldout.map { try corpus.split(heldOut: readIDs($0)).test } ?? corpus
                let score = try EntityModelScore.evaluate(pipeline, on: test)
                print("== \(data)\(heldout.map { " (\($0))" } ?? ""): \(test.sentenceCount) sentences in \(test.documents.count) documents")
                print(score.table)
                if verbose { for e in score.errors { print("  \(e)") } }
            }
            var total = EntityEvaluation()
            for file in gold {
                var score = EntityEvaluation()
                for s in try EntityEvaluation.read(file) {
                    var doc = Document(id: "\(file):\(s.line)", text: s.text, language: s.language)
                    try pipeline.process(&doc)
                    score.add(s, document: doc)
                    total.add(s, document: doc)
                    if verbose {
                        let got = doc.layers.entities.map { "\(doc.text(in: $0.range))|\($0.annotation.label ?? "")|\($0.id ?? "NIL")" }
                        let want = s.mentions.map { "\($0.text)|\($0.type)|\($0.id ?? "NIL")" }
                        if got != want { print("\(file):\(s.line)\n  gold: \(want.joined(separator: " ;; "))\n  got:  \(got.joined(separator: " ;; "))") }
                    }
                }
                print("== \(file)\n\(score.report)")
                for e in score.errors { print("  ! \(e)") }
            }
            if gold.count > 1 { print("== all\n\(total.report)") }
            pipeline.finish()
        }
    }
}
