import CLibXML2

/// Parses an XML file with every general entity but the five predefined ones (`&amp;`…)
/// resolved to an empty one: however the file's DTD nests its entities ("billion laughs"),
/// and whether it declares them at all, nothing is ever expanded, in content or in attribute
/// values (where libxml2 expands an entity to check it even without `NOENT`). A reference
/// stays a node of its own in the tree, which `XMLNodeText` takes out and notes.
final class XMLEntityGuard {
    /// Holds the empty entities, one per name met; freed with the guard.
    private let scratch: xmlDocPtr

    private init() {
        scratch = xmlNewDoc("1.0")
        xmlCreateIntSubset(scratch, "entities", nil, nil)
    }

    deinit { xmlFreeDoc(scratch) }

    private func entity(_ name: UnsafePointer<xmlChar>) -> xmlEntityPtr? {
        xmlGetDocEntity(scratch, name) ?? xmlAddDocEntity(scratch, name, Int32(XML_INTERNAL_GENERAL_ENTITY.rawValue), nil, nil, "")
    }

    /// The tree of `bytes` (in `encoding`, else as they declare), or nil when libxml2 cannot
    /// build one.
    static func parse(_ bytes: [UInt8], url: String, encoding: String? = nil, options: Int32) -> xmlDocPtr? {
        guard let ctxt = xmlNewParserCtxt() else { return nil }
        defer { xmlFreeParserCtxt(ctxt) }
        let guardian = XMLEntityGuard()
        ctxt.pointee._private = Unmanaged.passUnretained(guardian).toOpaque()
        ctxt.pointee.sax.pointee.getEntity = { context, name in
            guard let context, let name else { return nil }
            if let predefined = xmlGetPredefinedEntity(name) { return predefined }
            let ctxt = context.assumingMemoryBound(to: xmlParserCtxt.self)
            guard let box = ctxt.pointee._private else { return nil }
            return Unmanaged<XMLEntityGuard>.fromOpaque(box).takeUnretainedValue().entity(name)
        }
        // The parser reaches the guard only through `_private`: keep it alive meanwhile. (The
        // tree's reference nodes point at the file's own declarations, if any, not at it.)
        return withExtendedLifetime(guardian) {
            bytes.withUnsafeBufferPointer { b in
                b.withMemoryRebound(to: CChar.self) { xmlCtxtReadMemory(ctxt, $0.baseAddress, Int32($0.count), url, encoding, options) }
            }
        }
    }
}
