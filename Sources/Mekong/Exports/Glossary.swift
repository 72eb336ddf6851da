import Synchronization

/// The entities of a corpus gathered for a glossary: one concept per linked entity (and per
/// unknown name, as a NIL concept), with every surface form found and how often, the
/// knowledge base's names in other languages, and the first sentence it was seen in.
final class Glossary: Sendable {
    struct Concept: Sendable {
        var key: String
        var id: String?
        var type: String
        var names: [String: String] = [:]
        /// Surface forms by language, in the order first seen, with their counts and a context.
        var forms: [(language: String, text: String, count: Int, context: String)] = []
        var frequency = 0

        var languages: [String] {
            var seen: [String] = []
            for f in forms where !seen.contains(f.language) { seen.append(f.language) }
            return seen
        }
        /// The first form in a language.
        func term(in language: String) -> String? { forms.first { $0.language == language }?.text }
    }

    private let concepts = Mutex<[String: Concept]>([:])
    private let languageCounts = Mutex<[String: Int]>([:])

    /// The language most mentions were found in: the glossary's source language.
    var sourceLanguage: String {
        languageCounts.withLock { counts in counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? "und" }
    }

    /// Adds the linked entities of one document.
    func add(_ document: Document) {
        let view = document.view
        let sentences = document.exportSentences
        let language = document.language.map(LanguageIdentifier.primarySubtag) ?? "und"
        var found: [(String, Concept, String, String)] = []
        for e in document.layers.entities {
            let text = view.string(e.range)
            let id = e.id
            let key = id ?? "NIL:\(e.type):\(AliasKey.quick(text[...]))"
            var c = Concept(key: key, id: id, type: e.type)
            for (language, name) in e.names { c.names[language] = name }
            let sentence = sentences.first { $0.contains(e.start) }.map { CoNLLUWriter.oneLine(view.string($0)) } ?? ""
            found.append((key, c, text, sentence))
        }
        if !found.isEmpty { languageCounts.withLock { $0[language, default: 0] += found.count } }
        concepts.withLock { all in
            for (key, c, text, context) in found {
                var concept = all[key] ?? c
                concept.frequency += 1
                if let i = concept.forms.firstIndex(where: { $0.text == text && $0.language == language }) { concept.forms[i].count += 1 }
                else { concept.forms.append((language, text, 1, context)) }
                if concept.names.isEmpty { concept.names = c.names }
                all[key] = concept
            }
        }
    }

    /// The concepts, most frequent first (then by key, so the order is stable).
    func sorted(minimumFrequency: Int, includeNIL: Bool) -> [Concept] {
        concepts.withLock { Array($0.values) }
            .filter { $0.frequency >= minimumFrequency && (includeNIL || $0.id != nil) }
            .sorted { ($0.frequency, $1.key) > ($1.frequency, $0.key) }
    }
}
