import CLibXML2

/// How one XML file becomes documents: an XPath selecting the document nodes, and XPaths,
/// relative to each, for its fields. Each field lists XPaths tried in order; the first
/// that gives a non-empty value wins. Presets cover RSS 2.0, Atom and TEI.
public struct XMLMapping: Sendable, Hashable {
    public var documents: String
    public var fields: [String: [String]]
    public var namespaces: [String: String]

    /// Fields a mapping may give: `text` (plain text), `html` (markup, run through the html
    /// stage), `paragraphs` (nodes whose text are the paragraphs), and metadata.
    public static let fieldNames = ["id", "text", "html", "paragraphs", "title", "date", "author", "url", "language"]

    public init(documents: String, fields: [String: [String]], namespaces: [String: String] = [:]) {
        self.documents = documents
        self.fields = fields
        self.namespaces = namespaces
    }

    public static let rss = XMLMapping(
        documents: "//item",
        fields: ["id": ["guid", "link"], "title": ["title"], "url": ["link"], "date": ["pubDate", "dc:date"],
                 "author": ["dc:creator", "author"], "html": ["content:encoded", "description"], "language": ["/rss/channel/language"]],
        namespaces: ["content": "http://purl.org/rss/1.0/modules/content/", "dc": "http://purl.org/dc/elements/1.1/"])

    public static let atom = XMLMapping(
        documents: "//atom:entry",
        fields: ["id": ["atom:id"], "title": ["atom:title"], "url": ["atom:link[@rel='alternate']/@href", "atom:link/@href"],
                 "date": ["atom:published", "atom:updated"], "author": ["atom:author/atom:name"],
                 "html": ["atom:content", "atom:summary"], "language": ["@xml:lang", "/atom:feed/@xml:lang"]],
        namespaces: ["atom": "http://www.w3.org/2005/Atom"])

    public static let tei = XMLMapping(
        documents: "/tei:TEI",
        fields: ["id": ["@xml:id", "tei:teiHeader//tei:publicationStmt/tei:idno"],
                 "title": ["tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title"],
                 "author": ["tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:author"],
                 "date": ["tei:teiHeader//tei:publicationStmt/tei:date/@when", "tei:teiHeader//tei:publicationStmt/tei:date",
                          "tei:teiHeader//tei:sourceDesc//tei:date/@when"],
                 "language": ["@xml:lang", "tei:teiHeader/tei:profileDesc/tei:langUsage/tei:language/@ident"],
                 "paragraphs": ["tei:text//tei:head | tei:text//tei:p"]],
        namespaces: ["tei": "http://www.tei-c.org/ns/1.0"])

    public static let presets: [String: XMLMapping] = ["rss": rss, "atom": atom, "tei": tei]

    /// The preset a file's root element calls for, if any.
    static func preset(forRoot name: String, namespace: String?) -> XMLMapping? {
        switch (name, namespace) {
        case ("rss", _), ("RDF", _): return rss
        case ("feed", "http://www.w3.org/2005/Atom"): return atom
        case ("TEI", "http://www.tei-c.org/ns/1.0"), ("teiCorpus", "http://www.tei-c.org/ns/1.0"): return tei
        default: return nil
        }
    }

    /// Reads a mapping from pipeline JSON (`input.xml`): a preset name, or an object with
    /// `documents`, fields and `namespaces`.
    public init(json: JSONValue, path: String) throws(LocatedError) {
        if let name = json.stringValue {
            guard let preset = Self.presets[name] else {
                var message = "unknown XML preset '\(name)' (presets: rss, atom, tei)"
                if let s = Suggestion.closest(to: name, in: Array(Self.presets.keys)) { message += "; did you mean '\(s)'?" }
                throw LocatedError(path: path, message: message)
            }
            self = preset
            return
        }
        guard let o = json.objectValue else { throw LocatedError(path: path, message: "expected a preset name or an object with 'documents'") }
        var base: XMLMapping?
        if let p = o["preset"] {
            base = try XMLMapping(json: p, path: "\(path).preset")
        }
        var fields = base?.fields ?? [:]
        var namespaces = base?.namespaces ?? [:]
        var documents = base?.documents
        for m in o {
            let p = "\(path).\(m.key)"
            switch m.key {
            case "preset": continue
            case "documents":
                guard let s = m.value.stringValue else { throw LocatedError(path: p, message: "expected an XPath string") }
                documents = s
            case "namespaces":
                guard let ns = m.value.objectValue else { throw LocatedError(path: p, message: "expected an object of prefix → URI") }
                for n in ns {
                    guard let uri = n.value.stringValue else { throw LocatedError(path: "\(p).\(n.key)", message: "expected a namespace URI") }
                    namespaces[n.key] = uri
                }
            case let name where Self.fieldNames.contains(name):
                if let s = m.value.stringValue { fields[name] = [s] }
                else if let a = m.value.arrayValue, a.allSatisfy({ $0.stringValue != nil }) { fields[name] = a.compactMap(\.stringValue) }
                else { throw LocatedError(path: p, message: "expected an XPath string or a list of them") }
            default:
                var message = "unknown key '\(m.key)' in an XML mapping"
                if let s = Suggestion.closest(to: m.key, in: Self.fieldNames + ["documents", "namespaces", "preset"]) { message += "; did you mean '\(s)'?" }
                throw LocatedError(path: p, message: message)
            }
        }
        guard let documents else { throw LocatedError(path: path, message: "an XML mapping needs 'documents', the XPath of the document nodes") }
        self.init(documents: documents, fields: fields, namespaces: namespaces)
        try validate(path: path)
    }

    /// Compiles every XPath once, so that a typo is reported when the pipeline loads.
    func validate(path: String) throws(LocatedError) {
        let all = [("documents", documents)] + fields.flatMap { k, v in v.map { (k, $0) } }
        let ctxt = xmlXPathNewContext(nil)
        defer { xmlXPathFreeContext(ctxt) }
        for (prefix, uri) in namespaces { _ = xmlXPathRegisterNs(ctxt, prefix, uri) }
        for (field, expression) in all {
            guard let compiled = xmlXPathCtxtCompile(ctxt, expression) else {
                throw LocatedError(path: "\(path).\(field)", message: "'\(expression)' is not a valid XPath expression")
            }
            xmlXPathFreeCompExpr(compiled)
        }
    }
}

/// Splits an XML file into documents by an `XMLMapping` (given, or chosen from the root).
///
/// Parsed with the network off, no DTD loaded, no entity substituted (no `NOENT`) and every
/// entity resolved to an empty one (`XMLEntityGuard`): a reference stays a node of its own,
/// which `XMLNodeText` takes out with a note, so a "billion laughs" entity is never expanded,
/// and an undeclared one costs only itself. `HUGE` lifts
/// libxml2's 10 MB cut of a text node (the document size limit bounds the input instead).
/// A file that is not well-formed (an undeclared entity, a stray `&`) is read again in
/// libxml2's recovery mode, and its documents say so.
enum XMLDocumentsReader {
    static let parseOptions = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
                                    | XML_PARSE_NOCDATA.rawValue | XML_PARSE_HUGE.rawValue)

    /// The documents of a file, or nil when no mapping applies (the file is one document).
    static func documents(path: String, bytes original: [UInt8], mapping given: XMLMapping?) -> [InputItem]? {
        // libxml2 checks each attribute against all earlier ones of its element: a feed with
        // 80,000 on one element took 15 s of the reader's time, which no document time limit covers.
        var bytes = original
        let bounded = AttributeNameRepair.repair(&bytes, maxAttributes: AttributeNameRepair.maxAttributes, xml: true)
        func parse(_ options: Int32) -> xmlDocPtr? {
            xmlResetLastError()
            return XMLEntityGuard.parse(bytes, url: path, options: options)
        }
        var recovered: String?
        var parsed = parse(parseOptions)
        if parsed == nil {
            let error = lastError()
            parsed = parse(parseOptions | Int32(XML_PARSE_RECOVER.rawValue))
            guard parsed != nil else {
                return given == nil ? nil : [.failure(InputFailure(id: path, uri: path, format: .xml, reason: "not well-formed XML: \(error)"))]
            }
            recovered = "the XML is not well-formed (\(error)); read in recovery mode, where the damaged part may be lost"
        }
        guard let tree = parsed else { return nil }
        defer { xmlFreeDoc(tree) }
        let text = XMLNodeText(removingReferencesIn: tree)
        guard let root = xmlDocGetRootElement(tree) else { return nil }
        let rootName = root.pointee.name.map { String(cString: $0) } ?? ""
        let rootNS = root.pointee.ns?.pointee.href.map { String(cString: $0) }
        guard let mapping = given ?? XMLMapping.preset(forRoot: rootName, namespace: rootNS) else { return nil }
        guard let ctxt = xmlXPathNewContext(tree) else { return nil }
        defer { xmlXPathFreeContext(ctxt) }
        for (prefix, uri) in mapping.namespaces { _ = xmlXPathRegisterNs(ctxt, prefix, uri) }
        guard let result = xmlXPathEvalExpression(mapping.documents, ctxt) else {
            return [.failure(InputFailure(id: path, uri: path, format: .xml, reason: "the XPath '\(mapping.documents)' failed"))]
        }
        defer { xmlXPathFreeObject(result) }
        var items: [InputItem] = []
        let count = result.pointee.nodesetval.map { Int($0.pointee.nodeNr) } ?? 0
        for i in 0..<count {
            guard let node = result.pointee.nodesetval.pointee.nodeTab[i] else { continue }
            var item = document(node, index: i, path: path, mapping: mapping, ctxt: ctxt, text: text)
            if case .document(var d) = item {
                if let recovered { d.warn(stage: InputFailure.stage, recovered) }
                if bounded.dropped > 0 {
                    d.warn(stage: InputFailure.stage, "\(bounded.dropped) attributes of the file left out: an element may carry at most \(AttributeNameRepair.maxAttributes)")
                }
                item = .document(d)
            }
            items.append(item)
        }
        if items.isEmpty {
            items.append(.failure(InputFailure(id: path, uri: path, format: .xml, reason: "the XPath '\(mapping.documents)' selects no document")))
        }
        return items
    }

    private static func document(_ node: xmlNodePtr, index: Int, path: String, mapping: XMLMapping, ctxt: xmlXPathContextPtr,
                                 text reader: XMLNodeText) -> InputItem {
        var references: [String] = []
        func values(_ field: String) -> [String] {
            for expression in mapping.fields[field] ?? [] {
                guard let obj = xmlXPathNodeEval(node, expression, ctxt) else { continue }
                defer { xmlXPathFreeObject(obj) }
                var found: [String] = []
                if obj.pointee.type == XPATH_NODESET, let set = obj.pointee.nodesetval {
                    for k in 0..<Int(set.pointee.nodeNr) {
                        if let n = set.pointee.nodeTab[k] { found.append(reader.content(n, names: &references)) }
                    }
                } else if let s = xmlXPathCastToString(obj) {
                    found.append(String(cString: s))
                    mk_xml_free(s)
                }
                let nonEmpty = found.map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
                if !nonEmpty.isEmpty { return nonEmpty }
            }
            return []
        }
        func finish(_ document: Document) -> InputItem {
            var d = document
            if let note = XMLNodeText.note(references) { d.warn(stage: InputFailure.stage, note) }
            return .document(d)
        }
        let fallback = "\(path)#\(index + 1)"
        let id = values("id").first ?? fallback
        var metadata: JSONObject = ["xmlSource": .string(path)]
        if let t = values("title").first { metadata["title"] = .string(t) }
        if let d = values("date").first { metadata["published"] = .string(DateNormalizer.iso8601(d) ?? d) }
        if let a = values("author").first { metadata["author"] = .string(a) }
        if let u = values("url").first { metadata["url"] = .string(u) }
        let language = values("language").first.map { LanguageIdentifier.primarySubtag($0) }
        if let html = values("html").first {
            // A feed item's markup is already the article: the html stage keeps all of it.
            metadata["htmlFragment"] = true
            let raw = Array(html.utf8)
            return finish(Document(id: id, source: Source(uri: fallback, format: .html, size: raw.count, charset: "UTF-8", raw: raw),
                                   language: language, metadata: metadata))
        }
        let paragraphs = values("paragraphs").map { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        let text = paragraphs.isEmpty ? values("text").first : paragraphs.joined(separator: "\n\n")
        guard let text else {
            return .failure(InputFailure(id: id, uri: fallback, format: .xml, reason: "the mapping found no text, html or paragraphs for this document"))
        }
        var d = Document(id: id, text: text, source: Source(uri: fallback, format: .text, size: text.utf8.count, charset: "UTF-8"),
                         language: language, metadata: metadata)
        if !paragraphs.isEmpty {
            var spans: [Annotation] = []
            var offset = 0
            for p in paragraphs {
                let n = p.codePointCount
                spans.append(Annotation(start: offset, end: offset + n))
                offset += n + 2
            }
            d.layers.set(.paragraphs, spans)
        }
        return finish(d)
    }

    static func lastError() -> String {
        guard let e = xmlGetLastError(), let m = e.pointee.message else { return "unknown error" }
        return String(cString: m).trimmingWhitespace()
    }
}
