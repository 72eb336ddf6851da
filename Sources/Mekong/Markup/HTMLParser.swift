import CLibXML2

/// libxml2's HTML parser, as `htmlReadMemory` runs it, but with its limits on one text node
/// (10 MB) and on names lifted: `htmlReadMemory`'s options cannot carry XML_PARSE_HUGE, and
/// without it a long text node was cut short and the rest of the page lost, with no error.
/// The document size limit bounds the input instead.
enum HTMLParser {
    static func parse(_ utf8: [UInt8], url: String, options: Int32) -> xmlDocPtr? {
        utf8.withUnsafeBufferPointer { b in
            b.withMemoryRebound(to: CChar.self) { p -> xmlDocPtr? in
                guard let context = htmlCreateMemoryParserCtxt(p.baseAddress, Int32(p.count)) else { return nil }
                defer { htmlFreeParserCtxt(context) }
                htmlCtxtUseOptions(context, options)
                context.pointee.options |= Int32(XML_PARSE_HUGE.rawValue)
                if let utf8Handler = xmlFindCharEncodingHandler("UTF-8") { xmlSwitchToEncoding(context, utf8Handler) }
                if let input = context.pointee.input, input.pointee.filename == nil {
                    input.pointee.filename = UnsafePointer(xmlStrdup(url).map { UnsafeMutableRawPointer($0).assumingMemoryBound(to: CChar.self) })
                }
                htmlParseDocument(context)
                // The tree is the caller's; freeing the context must not take it along.
                let tree = context.pointee.myDoc
                context.pointee.myDoc = nil
                return tree
            }
        }
    }
}
