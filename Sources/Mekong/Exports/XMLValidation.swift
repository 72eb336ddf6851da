import CLibXML2

/// Validates XML against an XSD or RELAX NG schema with libxml2, offline (no network, no
/// external entities): what the export tests check the files against.
public enum XMLValidation {
    public enum SchemaKind: Sendable { case xsd, relaxNG }

    /// The problems libxml2 reports; empty when the document is valid.
    public static func errors(of xml: [UInt8], schema path: String, kind: SchemaKind) -> [String] {
        let collector = ErrorCollector()
        let context = Unmanaged.passUnretained(collector).toOpaque()
        // No network and no entity substitution: a file under test never reaches outside.
        let options = Int32(XML_PARSE_NONET.rawValue)
        guard let doc = xml.withUnsafeBufferPointer({ b in
            b.withMemoryRebound(to: CChar.self) { xmlReadMemory($0.baseAddress, Int32($0.count), "export.xml", "UTF-8", options) }
        }) else { return ["not well-formed XML"] }
        defer { xmlFreeDoc(doc) }
        switch kind {
        case .xsd:
            guard let parser = xmlSchemaNewParserCtxt(path) else { return ["cannot read the schema \(path)"] }
            defer { xmlSchemaFreeParserCtxt(parser) }
            guard let schema = xmlSchemaParse(parser) else { return ["the schema \(path) does not compile"] }
            defer { xmlSchemaFree(schema) }
            guard let validator = xmlSchemaNewValidCtxt(schema) else { return ["cannot validate"] }
            defer { xmlSchemaFreeValidCtxt(validator) }
            xmlSchemaSetValidStructuredErrors(validator, { ctx, error in
                guard let ctx, let error else { return }
                Unmanaged<ErrorCollector>.fromOpaque(ctx).takeUnretainedValue().add(error)
            }, context)
            let rc = xmlSchemaValidateDoc(validator, doc)
            if rc != 0 && collector.messages.isEmpty { collector.messages.append("invalid (libxml2 code \(rc))") }
        case .relaxNG:
            guard let parser = xmlRelaxNGNewParserCtxt(path) else { return ["cannot read the schema \(path)"] }
            defer { xmlRelaxNGFreeParserCtxt(parser) }
            guard let schema = xmlRelaxNGParse(parser) else { return ["the schema \(path) does not compile"] }
            defer { xmlRelaxNGFree(schema) }
            guard let validator = xmlRelaxNGNewValidCtxt(schema) else { return ["cannot validate"] }
            defer { xmlRelaxNGFreeValidCtxt(validator) }
            xmlRelaxNGSetValidStructuredErrors(validator, { ctx, error in
                guard let ctx, let error else { return }
                Unmanaged<ErrorCollector>.fromOpaque(ctx).takeUnretainedValue().add(error)
            }, context)
            let rc = xmlRelaxNGValidateDoc(validator, doc)
            if rc != 0 && collector.messages.isEmpty { collector.messages.append("invalid (libxml2 code \(rc))") }
        }
        return collector.messages
    }

    final class ErrorCollector {
        var messages: [String] = []
        func add(_ error: UnsafeMutablePointer<xmlError>) {
            let raw = error.pointee.message.map { String(cString: $0) } ?? "error"
            let message = String(raw.reversed().drop(while: \.isWhitespace).reversed())
            messages.append("line \(error.pointee.line): \(message)")
        }
    }
}
