import Mekong

/// Marks the most frequent content words of a document as its keywords: every occurrence
/// of each keyword goes to the `keywords` layer, labelled with the keyword's rank.
public struct KeywordsStage: Stage {
    public let name = "keywords"
    public let needs: [LayerName] = [.tokens]
    public let adds: [LayerName] = ["keywords"]
    let count: Int
    let minimumLength: Int
    let stopWords: Set<String>

    /// How the stage appears in `mekong stages` and in pipeline files.
    public static let descriptor = StageDescriptor(
        name: "keywords",
        summary: "Marks the most frequent content words (from the tokens layer) as keywords.",
        options: [
            OptionSpec("count", .integer, default: 5, minimum: 1, maximum: 100, help: "How many keywords to keep."),
            OptionSpec("minimumLength", .integer, default: 3, minimum: 1, help: "Shortest word, in characters, that can be a keyword."),
            OptionSpec("stopWords", .stringList, default: ["của", "và", "các", "những", "the", "and", "for"], help: "Words never taken as keywords (compared lower-cased)."),
        ],
        needs: [.tokens], adds: ["keywords"],
        make: { options in
            KeywordsStage(count: options.int("count")!, minimumLength: options.int("minimumLength")!,
                          stopWords: Set(options.strings("stopWords")!.map { $0.lowercased() }))
        })

    public func process(_ document: inout Document) throws {
        let view = TextView(document.text)
        var frequency: [String: Int] = [:]
        var occurrences: [String: [Annotation]] = [:]
        for token in document.layers[.tokens] where token.label == "word" && token.length >= minimumLength {
            let word = view.string(token.range).lowercased()
            if stopWords.contains(word) { continue }
            frequency[word, default: 0] += 1
            occurrences[word, default: []].append(Annotation(start: token.start, end: token.end))
        }
        // Most frequent first; ties by the word itself, so the result is deterministic.
        let top = frequency.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(count)
        var marks: [Annotation] = []
        for (rank, entry) in top.enumerated() {
            for var a in occurrences[entry.key]! {
                a.label = "keyword"
                a.attributes = ["rank": .integer(rank + 1), "keyword": .string(entry.key), "count": .integer(entry.value)]
                marks.append(a)
            }
        }
        document.layers.set("keywords", marks)
    }
}

extension StageRegistry {
    /// Mekong's built-in stages plus `keywords`.
    public static var withKeywords: StageRegistry {
        var registry = StageRegistry.builtIn
        registry.register(KeywordsStage.descriptor)
        return registry
    }
}
