import CLibXML2

/// Checks a TBX file against the TBX-Basic dialect, in either flavour the TBX export writes,
/// written from the standards and the dialect's published rules:
/// - TBX-Basic v3 (ISO 30042:2019, DCA style): `tbx` in `urn:iso:std:iso:30042:ed-2` with `type`,
///   `style` and `xml:lang`; `tbxHeader/fileDesc/sourceDesc`; `text/body`; `conceptEntry`,
///   `langSec`, `termSec`.
/// - TBX-Basic 2008 (ISO 30042:2008): `martif` in no namespace with `type` and `xml:lang`;
///   `martifHeader/fileDesc/sourceDesc`; `text/body`; `termEntry`, `langSet`, `tig` (TBX-Basic
///   has no `ntig`).
///
/// In both: concept entries with unique ids, language sections with `xml:lang`, term sections
/// with exactly one non-empty `term`, and only the data categories TBX-Basic permits, at the
/// levels it permits them, with the values it permits (2008's part-of-speech picklist still has
/// `properNoun`). The full schemas (RELAX NG and Schematron for v3, the DTD and XCS for 2008)
/// are not shipped: their terms of use are unstated; the tests also run the v3 RELAX NG when
/// `../shared` has it.
public enum TBXBasicCheck {
    static let namespace = "urn:iso:std:iso:30042:ed-2"

    /// The flavour a file is checked as.
    public enum Version: Sendable, Equatable {
        /// `<martif>`, ISO 30042:2008.
        case v2008
        /// `<tbx>`, ISO 30042:2019, DCA style.
        case v3
    }

    /// The element names of one flavour.
    struct Names {
        var root, header, entry, language, term: String
        static let v2008 = Names(root: "martif", header: "martifHeader", entry: "termEntry", language: "langSet", term: "tig")
        static let v3 = Names(root: "tbx", header: "tbxHeader", entry: "conceptEntry", language: "langSec", term: "termSec")
    }

    /// The problems found; empty when the file is TBX-Basic. Without `expecting`, the flavour is
    /// the one the root element names; with it, a file of the other flavour is one problem.
    public static func problems(_ xml: [UInt8], expecting: Version? = nil) -> [String] {
        guard let doc = xml.withUnsafeBufferPointer({ b in
            b.withMemoryRebound(to: CChar.self) { xmlReadMemory($0.baseAddress, Int32($0.count), "export.tbx", "UTF-8", Int32(XML_PARSE_NONET.rawValue)) }
        }) else { return ["not well-formed XML"] }
        defer { xmlFreeDoc(doc) }
        guard let root = xmlDocGetRootElement(doc) else { return ["not well-formed XML"] }
        let version: Version
        switch (name(root), ns(root)) {
        case ("tbx", namespace): version = .v3
        case ("martif", nil): version = .v2008
        default: return ["the root must be <tbx> in \(namespace) (TBX v3) or <martif> in no namespace (TBX 2008)"]
        }
        if let expecting, expecting != version {
            return ["expected TBX-Basic \(expecting == .v3 ? "v3 (<tbx>)" : "2008 (<martif>)"), found <\(name(root))>"]
        }
        let n = version == .v3 ? Names.v3 : Names.v2008
        var problems: [String] = []
        if attribute(root, "type") != "TBX-Basic" { problems.append("<\(n.root) type> must be TBX-Basic") }
        if version == .v3, attribute(root, "style") != "dca" { problems.append("<tbx style> must be dca") }
        if attribute(root, "lang", xmlNamespace: true) == nil { problems.append("<\(n.root)> needs xml:lang") }
        let top = children(root)
        guard top.map(name) == [n.header, "text"] else { return problems + ["<\(n.root)> must hold <\(n.header)> then <text>"] }
        if !children(top[0]).contains(where: { name($0) == "fileDesc" && children($0).contains { name($0) == "sourceDesc" } }) {
            problems.append("<\(n.header)> needs <fileDesc> with a <sourceDesc>")
        }
        guard let body = children(top[1]).first(where: { name($0) == "body" }) else { return problems + ["<text> needs a <body>"] }
        var ids: Set<String> = []
        for concept in children(body) {
            guard name(concept) == n.entry else { problems.append("<body> holds only <\(n.entry)>, found <\(name(concept))>"); continue }
            guard let id = attribute(concept, "id") else { problems.append("a <\(n.entry)> without an id"); continue }
            if !ids.insert(id).inserted { problems.append("concept id \(id) is used twice") }
            var languages = 0
            for child in children(concept) {
                if name(child) == n.language {
                    languages += 1
                    if attribute(child, "lang", xmlNamespace: true) == nil { problems.append("\(id): a <\(n.language)> without xml:lang") }
                    var terms = 0
                    for t in children(child) {
                        if name(t) == n.term {
                            terms += 1
                            let termElements = children(t).filter { name($0) == "term" }
                            if termElements.count != 1 || text(termElements[0]).isEmpty { problems.append("\(id): a <\(n.term)> needs exactly one non-empty <term>") }
                            for d in children(t) where name(d) != "term" { problems += category(d, level: .term, names: n, version: version, concept: id) }
                        } else {
                            problems += category(t, level: .language, names: n, version: version, concept: id)
                        }
                    }
                    if terms == 0 { problems.append("\(id): a <\(n.language)> without a <\(n.term)>") }
                } else {
                    problems += category(child, level: .concept, names: n, version: version, concept: id)
                }
            }
            if languages == 0 { problems.append("\(id): a <\(n.entry)> without a <\(n.language)>") }
        }
        return problems
    }

    /// The three levels of an entry, named per flavour in messages.
    enum Level: Hashable { case concept, language, term }

    /// TBX-Basic's data categories: element → type → (levels, permitted values or nil for any).
    /// The same in both flavours but for `properNoun`, which only 2008 permits.
    static let categories: [String: [String: (levels: Set<Level>, values: Set<String>?)]] = [
        "descrip": ["subjectField": ([.concept], nil), "definition": ([.concept, .language], nil), "context": ([.term], nil)],
        "termNote": [
            "partOfSpeech": ([.term], ["adjective", "noun", "other", "verb", "adverb"]),
            "termType": ([.term], ["fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase"]),
            "administrativeStatus": ([.term], ["admittedTerm-admn-sts", "deprecatedTerm-admn-sts", "supersededTerm-admn-sts", "preferredTerm-admn-sts"]),
            "grammaticalGender": ([.term], ["masculine", "feminine", "neuter", "other"]),
            "geographicalUsage": ([.term], nil),
        ],
        "xref": ["externalCrossReference": ([.concept, .language, .term], nil), "xGraphic": ([.concept], nil)],
        "admin": ["source": ([.concept, .language, .term], nil), "customerSubset": ([.concept, .term], nil),
                  "projectSubset": ([.concept, .term], nil)],
        "ref": ["crossReference": ([.concept, .term], nil)],
    ]

    static func category(_ node: xmlNodePtr, level: Level, names n: Names, version: Version, concept: String) -> [String] {
        let levelName = switch level { case .concept: n.entry; case .language: n.language; case .term: n.term }
        let element = name(node)
        if element == "note" || element == "transacGrp" { return [] }
        guard let types = categories[element] else { return ["\(concept): <\(element)> is not a TBX-Basic element at \(levelName) level"] }
        guard let type = attribute(node, "type"), let rule = types[type] else {
            return ["\(concept): <\(element) type=\"\(attribute(node, "type") ?? "")\"> is not a TBX-Basic data category"]
        }
        var out: [String] = []
        if !rule.levels.contains(level) { out.append("\(concept): \(type) may not appear at \(levelName) level") }
        var values = rule.values
        if version == .v2008, type == "partOfSpeech" { values?.insert("properNoun") }
        if let values, !values.contains(text(node)) { out.append("\(concept): \(type) may not be '\(text(node))'") }
        if element == "xref", attribute(node, "target") == nil { out.append("\(concept): <xref> needs a target") }
        return out
    }

    static func children(_ node: xmlNodePtr) -> [xmlNodePtr] {
        var out: [xmlNodePtr] = []
        var c = node.pointee.children
        while let n = c {
            if n.pointee.type == XML_ELEMENT_NODE { out.append(n) }
            c = n.pointee.next
        }
        return out
    }

    static func name(_ node: xmlNodePtr) -> String { node.pointee.name.map { String(cString: $0) } ?? "" }
    static func ns(_ node: xmlNodePtr) -> String? { node.pointee.ns?.pointee.href.map { String(cString: $0) } }

    static func attribute(_ node: xmlNodePtr, _ attr: String, xmlNamespace: Bool = false) -> String? {
        let value = xmlNamespace ? xmlGetNsProp(node, attr, "http://www.w3.org/XML/1998/namespace") : xmlGetProp(node, attr)
        guard let value else { return nil }
        defer { mk_xml_free(value) }
        return String(cString: value)
    }

    static func text(_ node: xmlNodePtr) -> String {
        guard let content = xmlNodeGetContent(node) else { return "" }
        defer { mk_xml_free(content) }
        return String(String(cString: content).drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
