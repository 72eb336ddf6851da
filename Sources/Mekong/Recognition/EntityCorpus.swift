import Foundation

/// Labelled entity data as `mekong train ner` and `mekong eval ner` read it: sentences
/// (`sentences.jsonl`: `{"sent_id", "text"}`) and their mentions (`mentions.jsonl`, the format of
/// the annotation guidelines: `{"sent_id", "surface", "start", "type", "en"}`, `start` in code
/// points), in one folder per source. Sentences run in text order; consecutive sentences of a
/// source make documents of `documentSize`, as the scoring harness sends them.
public struct EntityCorpus: Sendable {
    public struct Mention: Sendable, Hashable {
        public var start: Int
        public var end: Int
        public var type: String
        public var en: String?
        public var optional: Bool
    }

    public struct Sentence: Sendable {
        public var id: String
        public var text: String
        public var mentions: [Mention]
    }

    /// A run of consecutive sentences of one source.
    public struct Document: Sendable {
        public var id: String
        public var sentences: [Sentence]
        /// The sentences joined by blank lines, and where each starts (code points).
        public var text: String { sentences.map(\.text).joined(separator: "\n\n") }
        public var offsets: [Int] {
            var out: [Int] = []
            var at = 0
            for s in sentences { out.append(at); at += s.text.unicodeScalars.count + 2 }
            return out
        }
    }

    public var documents: [Document] = []
    public static let documentSize = 25

    public init(documents: [Document]) { self.documents = documents }

    /// Reads every folder of `root` that holds a `sentences.jsonl` (or `root` itself).
    public static func read(_ root: String) throws(LocatedError) -> EntityCorpus {
        var folders: [String] = []
        let files = FileManager.default
        if files.fileExists(atPath: root + "/sentences.jsonl") { folders = [root] } else {
            for name in (try? files.contentsOfDirectory(atPath: root)) ?? [] where files.fileExists(atPath: "\(root)/\(name)/sentences.jsonl") {
                folders.append("\(root)/\(name)")
            }
        }
        guard !folders.isEmpty else { throw LocatedError(path: root, message: "no sentences.jsonl here or in its folders") }
        var documents: [Document] = []
        for folder in folders.sorted() {
            let sentences = try readSource(folder)
            let name = FilePath.fileName(of: folder)
            for k in stride(from: 0, to: sentences.count, by: documentSize) {
                documents.append(Document(id: "\(name)-\(k / documentSize)", sentences: Array(sentences[k..<min(k + documentSize, sentences.count)])))
            }
        }
        return EntityCorpus(documents: documents)
    }

    static func lines(_ path: String) throws(LocatedError) -> [(Int, JSONObject)] {
        let bytes: [UInt8]
        do { bytes = try FileIO.readAll(path) } catch { throw LocatedError(path: path, message: "cannot read: \(error)") }
        var out: [(Int, JSONObject)] = []
        for (n, line) in String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            guard let v = try? JSONParser.parse(String(line)), let o = v.objectValue else {
                throw LocatedError(path: "\(path):\(n + 1)", message: "not a JSON object")
            }
            out.append((n + 1, o))
        }
        return out
    }

    static func readSource(_ folder: String) throws(LocatedError) -> [Sentence] {
        var sentences: [Sentence] = []
        var index: [String: Int] = [:]
        for (n, o) in try lines(folder + "/sentences.jsonl") {
            guard let id = o["sent_id"]?.stringValue, let text = o["text"]?.stringValue else {
                throw LocatedError(path: "\(folder)/sentences.jsonl:\(n)", message: "needs sent_id and text")
            }
            guard index[id] == nil else { throw LocatedError(path: "\(folder)/sentences.jsonl:\(n)", message: "sent_id \(id) twice") }
            index[id] = sentences.count
            sentences.append(Sentence(id: id, text: text, mentions: []))
        }
        let path = folder + "/mentions.jsonl"
        for (n, o) in try lines(path) {
            guard let id = o["sent_id"]?.stringValue, let k = index[id] else {
                throw LocatedError(path: "\(path):\(n)", message: "sent_id missing or not in sentences.jsonl")
            }
            guard let surface = o["surface"]?.stringValue, let start = o["start"]?.intValue, let type = o["type"]?.stringValue else {
                throw LocatedError(path: "\(path):\(n)", message: "needs surface, start and type")
            }
            let scalars = Array(sentences[k].text.unicodeScalars)
            let length = surface.unicodeScalars.count
            guard start >= 0, start + length <= scalars.count,
                  String(scalars: scalars[start..<(start + length)]) == surface else {
                throw LocatedError(path: "\(path):\(n)", message: "'\(surface)' is not at \(start) in \(id)")
            }
            sentences[k].mentions.append(Mention(start: start, end: start + length, type: type, en: o["en"]?.stringValue,
                                                 optional: o["optional"]?.boolValue ?? false))
        }
        return sentences
    }

    /// Splits by a list of held-out sentence ids: documents whose sentences are all held out go
    /// to the second part, the rest (with any held-out sentence removed) to the first.
    public func split(heldOut: Set<String>) -> (train: EntityCorpus, test: EntityCorpus) {
        var train: [Document] = []
        var test: [Document] = []
        for d in documents {
            let held = d.sentences.filter { heldOut.contains($0.id) }
            let kept = d.sentences.filter { !heldOut.contains($0.id) }
            if !held.isEmpty { test.append(Document(id: d.id, sentences: held)) }
            if !kept.isEmpty { train.append(Document(id: d.id, sentences: kept)) }
        }
        return (EntityCorpus(documents: train), EntityCorpus(documents: test))
    }

    public var sentenceCount: Int { documents.reduce(0) { $0 + $1.sentences.count } }
    public var mentionCount: Int { documents.reduce(0) { $0 + $1.sentences.reduce(0) { $0 + $1.mentions.count } } }
}
