import CLibXML2

/// Checks a TBX file against the TBX-Basic dialect (ISO 30042:2019, DCA style), written from
/// the standard and the dialect's published rules: the core structure (`tbx` with `type`,
/// `style` and `xml:lang`; `tbxHeader/fileDesc/sourceDesc`; `text/body`; concept entries with
/// unique ids, language sections with `xml:lang`, term sections with exactly one non-empty
/// `term`) and the data categories TBX-Basic permits, at the levels it permits them, with the
/// values it permits. The full schemas (RELAX NG and Schematron) are not shipped: their terms of
/// use are unstated; the tests also run the RELAX NG when `../shared` has it.
public enum TBXBasicCheck {
    static let namespace = "urn:iso:std:iso:30042:ed-2"

    public static func problems(_ xml: [UInt8]) -> [String] {
        guard let doc = xml.withUnsafeBufferPointer({ b in
            b.withMemoryRebound(to: CChar.self) { xmlReadMemory($0.baseAddress, Int32($0.count), "export.tbx", "UTF-8", Int32(XML_PARSE_NONET.rawValue)) }
        }) else { return ["not well-formed XML"] }
        defer { xmlFreeDoc(doc) }
        var problems: [String] = []
        guard let root = xmlDocGetRootElement(doc), name(root) == "tbx", ns(root) == namespace else {
            return ["the root must be <tbx> in \(namespace)"]
        }
        if attribute(root, "type") != "TBX-Basic" { problems.append("<tbx type> must be TBX-Basic") }
        if attribute(root, "style") != "dca" { problems.append("<tbx style> must be dca") }
        if attribute(root, "lang", xmlNamespace: true) == nil { problems.append("<tbx> needs xml:lang") }
        let top = children(root)
        guard top.map(name) == ["tbxHeader", "text"] else { return problems + ["<tbx> must hold <tbxHeader> then <text>"] }
        if !children(top[0]).contains(where: { name($0) == "fileDesc" && children($0).contains { name($0) == "sourceDesc" } }) {
            problems.append("<tbxHeader> needs <fileDesc> with a <sourceDesc>")
        }
        guard let body = children(top[1]).first(where: { name($0) == "body" }) else { return problems + ["<text> needs a <body>"] }
        var ids: Set<String> = []
        for concept in children(body) {
            guard name(concept) == "conceptEntry" else { problems.append("<body> holds only <conceptEntry>, found <\(name(concept))>"); continue }
            guard let id = attribute(concept, "id") else { problems.append("a <conceptEntry> without an id"); continue }
            if !ids.insert(id).inserted { problems.append("concept id \(id) is used twice") }
            var languages = 0
            for child in children(concept) {
                if name(child) == "langSec" {
                    languages += 1
                    if attribute(child, "lang", xmlNamespace: true) == nil { problems.append("\(id): a <langSec> without xml:lang") }
                    var terms = 0
                    for t in children(child) {
                        if name(t) == "termSec" {
                            terms += 1
                            let termElements = children(t).filter { name($0) == "term" }
                            if termElements.count != 1 || text(termElements[0]).isEmpty { problems.append("\(id): a <termSec> needs exactly one non-empty <term>") }
                            for d in children(t) where name(d) != "term" { problems += category(d, level: "termSec", concept: id) }
                        } else {
                            problems += category(t, level: "langSec", concept: id)
                        }
                    }
                    if terms == 0 { problems.append("\(id): a <langSec> without a <termSec>") }
                } else {
                    problems += category(child, level: "conceptEntry", concept: id)
                }
            }
            if languages == 0 { problems.append("\(id): a <conceptEntry> without a <langSec>") }
        }
        return problems
    }

    /// TBX-Basic's data categories: element → type → (levels, permitted values or nil for any).
    static let categories: [String: [String: (levels: Set<String>, values: Set<String>?)]] = [
        "descrip": ["subjectField": (["conceptEntry"], nil), "definition": (["conceptEntry", "langSec"], nil), "context": (["termSec"], nil)],
        "termNote": [
            "partOfSpeech": (["termSec"], ["adjective", "noun", "other", "verb", "adverb"]),
            "termType": (["termSec"], ["fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase"]),
            "administrativeStatus": (["termSec"], ["admittedTerm-admn-sts", "deprecatedTerm-admn-sts", "supersededTerm-admn-sts", "preferredTerm-admn-sts"]),
            "grammaticalGender": (["termSec"], ["masculine", "feminine", "neuter", "other"]),
            "geographicalUsage": (["termSec"], nil),
        ],
        "xref": ["externalCrossReference": (["conceptEntry", "langSec", "termSec"], nil), "xGraphic": (["conceptEntry"], nil)],
        "admin": ["source": (["conceptEntry", "langSec", "termSec"], nil), "customerSubset": (["conceptEntry", "termSec"], nil),
                  "projectSubset": (["conceptEntry", "termSec"], nil)],
        "ref": ["crossReference": (["conceptEntry", "termSec"], nil)],
    ]

    static func category(_ node: xmlNodePtr, level: String, concept: String) -> [String] {
        let element = name(node)
        if element == "note" || element == "transacGrp" { return [] }
        guard let types = categories[element] else { return ["\(concept): <\(element)> is not a TBX-Basic element at \(level) level"] }
        guard let type = attribute(node, "type"), let rule = types[type] else {
            return ["\(concept): <\(element) type=\"\(attribute(node, "type") ?? "")\"> is not a TBX-Basic data category"]
        }
        var out: [String] = []
        if !rule.levels.contains(level) { out.append("\(concept): \(type) may not appear at \(level) level") }
        if let values = rule.values, !values.contains(text(node)) { out.append("\(concept): \(type) may not be '\(text(node))'") }
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
