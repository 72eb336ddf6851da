import CLibXML2

/// The text of XML nodes as the mappings read it, without the entity references in it.
///
/// The tree is parsed without entity substitution, so a reference to a declared entity is a
/// node of its own; libxml2's own text getters (`xmlNodeGetContent`, XPath's `string()`)
/// would expand it — recursively, which is what makes "billion laughs" files explode. Each
/// reference node is therefore replaced by an empty text node before anything is read, and
/// the readers note which documents held one.
struct XMLNodeText {
    /// The text nodes that stand for entity references, and the names they stand for.
    private var references: [UnsafeMutableRawPointer: String] = [:]

    /// Replaces every entity reference node under the root (attribute values included) by an
    /// empty text node, remembered with the entity's name.
    init(removingReferencesIn tree: xmlDocPtr) {
        guard let root = xmlDocGetRootElement(tree) else { return }
        var stack: [xmlNodePtr] = [root]
        while let node = stack.popLast() {
            if node.pointee.type == XML_ENTITY_REF_NODE {
                let name = node.pointee.name.map { String(cString: $0) } ?? ""
                if let text = xmlNewDocText(tree, "") {
                    xmlReplaceNode(node, text)
                    xmlFreeNode(node)
                    references[UnsafeMutableRawPointer(text)] = name
                }
                continue
            }
            if node.pointee.type == XML_ELEMENT_NODE {
                var attribute = node.pointee.properties
                while let a = attribute {
                    var child = a.pointee.children
                    while let c = child { stack.append(c); child = c.pointee.next }
                    attribute = a.pointee.next
                }
            }
            guard node.pointee.type == XML_ELEMENT_NODE else { continue }
            var child = node.pointee.children
            while let c = child { stack.append(c); child = c.pointee.next }
        }
    }

    /// The text of a node — its own for text, CDATA, comments and processing instructions,
    /// else that of the text and CDATA under it, in document order — and the names of the
    /// entity references in it, added to `names`.
    func content(_ node: xmlNodePtr, names: inout [String]) -> String {
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE, XML_COMMENT_NODE, XML_PI_NODE:
            if let name = references[UnsafeMutableRawPointer(node)] { names.append(name) }
            return node.pointee.content.map { String(cString: $0) } ?? ""
        default:
            break
        }
        var bytes: [UInt8] = []
        var stack: [xmlNodePtr] = []
        var child = node.pointee.children
        while let c = child { stack.append(c); child = c.pointee.next }
        stack.reverse()
        while let n = stack.popLast() {
            switch n.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let name = references[UnsafeMutableRawPointer(n)] { names.append(name) }
                if let c = n.pointee.content { bytes.append(contentsOf: UnsafeBufferPointer(start: c, count: Int(xmlStrlen(c)))) }
            case XML_ELEMENT_NODE:
                var kids: [xmlNodePtr] = []
                var k = n.pointee.children
                while let c = k { kids.append(c); k = c.pointee.next }
                stack.append(contentsOf: kids.reversed())
            default:
                continue
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The note for a document whose fields held entity references.
    static func note(_ names: [String]) -> String? {
        guard !names.isEmpty else { return nil }
        var seen: [String] = []
        for n in names where !seen.contains(n) && seen.count < 5 { seen.append(n) }
        let list = seen.map { "&\($0);" }.joined(separator: ", ")
        return "\(names.count) entity reference\(names.count == 1 ? "" : "s") (\(list)\(Set(names).count > seen.count ? ", …" : "")) left out: entities are never expanded"
    }
}
