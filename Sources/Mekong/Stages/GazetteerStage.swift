/// Marks every occurrence of the phrases in a list — a declarative resource, no code: a
/// TSV file (`phrase<TAB>label[<TAB>id]`, `#` comments) or JSON Lines
/// (`{"phrase": …, "label": …, "id": …}`). Matching is longest-first, on word boundaries,
/// case-insensitive unless asked otherwise, and adds the matches to a layer of your choice.
public struct GazetteerStage: DeclaredStage {
    public let adds: [LayerName]
    let layer: LayerName
    let trie: PhraseTrie
    let caseSensitive: Bool

    public static let descriptor = StageDescriptor(
        name: "gazetteer",
        summary: "Marks the phrases of a TSV or JSON Lines list (phrase, label, id) in the text; longest match, on word boundaries.",
        options: [
            OptionSpec("file", .resource, required: true, help: "The phrase list, relative to the pipeline file: .tsv (phrase<TAB>label[<TAB>id]) or .jsonl."),
            OptionSpec("layer", .string, default: "entities", help: "The layer the matches go to."),
            OptionSpec("caseSensitive", .boolean, default: false, help: "Match letter case exactly."),
        ],
        needs: [.text], adds: [.entities],
        example: ["file": "gazetteer.tsv", "layer": "entities"],
        make: { options in try GazetteerStage(options: options) })

    init(options: StageOptions) throws(PipelineError) {
        layer = LayerName(options.string("layer")!)
        adds = [layer]
        caseSensitive = options.bool("caseSensitive")!
        let file = options.string("file")!
        let entries = try GazetteerFile.load(file, optionPath: "\(options.path).file")
        var trie = PhraseTrie()
        for e in entries { trie.insert(Self.fold(e.phrase, caseSensitive: caseSensitive), entry: e) }
        self.trie = trie
    }

    static func fold(_ s: String, caseSensitive: Bool) -> [Unicode.Scalar] {
        let scalars = Array((caseSensitive ? s : s.lowercased()).unicodeScalars)
        return scalars
    }

    public func process(_ document: inout Document) throws {
        let view = document.view
        // Lower-case scalar by scalar so offsets stay aligned with the text.
        let folded: [Unicode.Scalar] = caseSensitive ? view.scalars : view.scalars.map { s in
            if s.isASCII { return s.asciiLowercased }
            guard s.characterClass.contains(.uppercase) else { return s }
            let l = s.properties.lowercaseMapping.unicodeScalars
            return l.count == 1 ? l.first! : s
        }
        var matches: [Annotation] = []
        var i = 0
        while i < folded.count {
            let atWordStart = i == 0 || !Self.isWordScalar(folded[i - 1])
            if atWordStart, let (end, entry) = trie.longestMatch(folded, from: i, isBoundary: { $0 >= folded.count || !Self.isWordScalar(folded[$0]) }) {
                var attributes = JSONObject()
                if let id = entry.id { attributes["id"] = .string(id) }
                attributes["text"] = .string(view.string(i..<end))
                matches.append(Annotation(start: i, end: end, label: entry.label, attributes: attributes))
                i = end
                continue
            }
            i += 1
        }
        var existing = document.layers[layer]
        existing.append(contentsOf: matches)
        document.layers.set(layer, existing)
    }

    static func isWordScalar(_ s: Unicode.Scalar) -> Bool { s.isWordPart && s != "_" }
}

/// One phrase of a gazetteer.
public struct GazetteerEntry: Sendable, Hashable {
    public var phrase: String
    public var label: String?
    public var id: String?
}

/// Loads and checks gazetteer files; errors name the file and line.
public enum GazetteerFile {
    public static func load(_ path: String, optionPath: String) throws(PipelineError) -> [GazetteerEntry] {
        let bytes: [UInt8]
        do { bytes = try FileIO.readAll(path) } catch {
            throw PipelineError(path: optionPath, message: "cannot read the gazetteer: \(error)")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw PipelineError(path: optionPath, message: "\(path): the gazetteer is not valid UTF-8")
        }
        var entries: [GazetteerEntry] = []
        let isJSONL = path.lowercased().hasSuffix(".jsonl")
        for (n, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if line.allSatisfy(\.isWhitespace) || line.hasPrefix("#") { continue }
            let at = "\(path):\(n + 1)"
            if isJSONL {
                guard let json = try? JSONParser.parse(String(line)), let phrase = json["phrase"]?.stringValue, !phrase.isEmpty else {
                    throw PipelineError(path: optionPath, message: "\(at): expected {\"phrase\": \"…\", \"label\": \"…\", \"id\": \"…\"}")
                }
                entries.append(GazetteerEntry(phrase: phrase, label: json["label"]?.stringValue, id: json["id"]?.stringValue))
            } else {
                let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmingWhitespace() }
                guard !fields[0].isEmpty, fields.count <= 3 else {
                    throw PipelineError(path: optionPath, message: "\(at): expected 'phrase<TAB>label[<TAB>id]', found \(fields.count) fields")
                }
                entries.append(GazetteerEntry(phrase: fields[0], label: fields.count > 1 && !fields[1].isEmpty ? fields[1] : nil,
                                              id: fields.count > 2 && !fields[2].isEmpty ? fields[2] : nil))
            }
        }
        if entries.isEmpty { throw PipelineError(path: optionPath, message: "\(path): the gazetteer has no phrases") }
        return entries
    }
}

/// A trie over code points for longest-match phrase lookup.
struct PhraseTrie: Sendable {
    private var children: [[Unicode.Scalar: Int32]] = [[:]]
    private var entries: [GazetteerEntry?] = [nil]

    mutating func insert(_ key: [Unicode.Scalar], entry: GazetteerEntry) {
        var node = 0
        for s in key {
            if let next = children[node][s] { node = Int(next); continue }
            children.append([:])
            entries.append(nil)
            children[node][s] = Int32(children.count - 1)
            node = children.count - 1
        }
        if entries[node] == nil { entries[node] = entry }
    }

    func longestMatch(_ text: [Unicode.Scalar], from start: Int, isBoundary: (Int) -> Bool) -> (Int, GazetteerEntry)? {
        var node = 0
        var best: (Int, GazetteerEntry)?
        var i = start
        while i < text.count, let next = children[node][text[i]] {
            node = Int(next)
            i += 1
            if let e = entries[node], isBoundary(i) { best = (i, e) }
        }
        return best
    }
}

extension Substring {
    /// Without white space at either end. Trimmed by code point (a table read each), not by
    /// character: walking characters backwards costs a grapheme break search per step.
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isSpace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.isSpace })!
        if first == scalars.startIndex && last == scalars.index(before: scalars.endIndex) { return String(self) }
        return String(scalars[first...last])
    }
}
