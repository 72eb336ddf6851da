import CLibXML2
#if canImport(Glibc)
import Glibc
#endif

/// Helpers over libxml2's node structs.
enum MarkupTree {
    static func name(_ node: xmlNodePtr) -> String {
        guard let n = node.pointee.name else { return "" }
        // libxml2's HTML parser lower-cases tag names already; XML keeps them as written.
        var p = n
        while p.pointee != 0 {
            if p.pointee >= 0x41 && p.pointee <= 0x5A { return String(cString: n).lowercased() }
            p += 1
        }
        return String(cString: n)
    }

    static func attribute(_ node: xmlNodePtr, _ attribute: String) -> String? {
        guard let value = xmlGetProp(node, attribute) else { return nil }
        defer { mk_xml_free(value) }
        return String(cString: value)
    }

    /// An attribute's value, as `attribute` gives it, from an attribute node already found
    /// (without walking the element's list again).
    static func value(_ a: xmlAttrPtr) -> String {
        if let t = a.pointee.children, t.pointee.next == nil, t.pointee.type == XML_TEXT_NODE || t.pointee.type == XML_CDATA_SECTION_NODE {
            return t.pointee.content.map { String(cString: $0) } ?? ""
        }
        guard let v = xmlNodeListGetString(a.pointee.doc, a.pointee.children, 1) else { return "" }
        defer { mk_xml_free(v) }
        return String(cString: v)
    }

    /// Whether a skipped control (`button`, …) is in fact a parse artifact holding the page: an
    /// unclosed element inside a `<button>` makes libxml2 (which predates HTML5's recovery
    /// rules) nest everything after it inside the button. A real button holds a label, never
    /// paragraphs, headings or sections.
    static func swallowsContent(_ node: xmlNodePtr, depth: Int = 0) -> Bool {
        guard depth < 256 else { return false }
        var child = node.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE && (contentTags.contains(name(c)) || swallowsContent(c, depth: depth + 1)) { return true }
            child = c.pointee.next
        }
        return false
    }
    static let contentTags: Set<String> = ["p", "main", "article", "section", "h1", "h2", "h3", "table", "ul", "ol", "blockquote"]

    /// Whether an element with this tag is anywhere under `node`.
    static func contains(_ node: xmlNodePtr, tag: String, depth: Int = 0) -> Bool {
        guard depth < 256 else { return false }
        var child = node.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE && (name(c) == tag || contains(c, tag: tag, depth: depth + 1)) { return true }
            child = c.pointee.next
        }
        return false
    }

    static func content(_ node: xmlNodePtr) -> String {
        guard let c = xmlNodeGetContent(node) else { return "" }
        defer { mk_xml_free(c) }
        return String(cString: c)
    }
}
