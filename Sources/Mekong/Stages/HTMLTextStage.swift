import CLibXML2
#if canImport(Glibc)
import Glibc
#endif

/// Extracts the text of HTML (and XML) sources with libxml2's tolerant parser: the main
/// text of an article page (`mode: "article"`, boilerplate out) or all of it (`"all"`);
/// scripts, styles and hidden elements dropped, block elements turned into paragraphs (a
/// blank line between them, and a `paragraphs` layer), `<br>` into a line break, white
/// space folded; the page's metadata read. The network is never touched and no external
/// entity or DTD is loaded.
public struct HTMLTextStage: DeclaredStage {
    /// Largest source accepted, in bytes.
    let maxBytes: Int
    let mode: Mode
    let keepCaptions: Bool
    let keepTables: Bool
    let sourceMap: Bool

    public enum Mode: String, Sendable, CaseIterable {
        case article, all
    }

    public init(maxBytes: Int = 50_000_000, mode: Mode = .article, keepCaptions: Bool = false, keepTables: Bool = true, sourceMap: Bool = true) {
        self.maxBytes = maxBytes
        self.sourceMap = sourceMap
        self.mode = mode
        self.keepCaptions = keepCaptions
        self.keepTables = keepTables
    }

    public static let descriptor = StageDescriptor(
        name: "html",
        summary: "Text, paragraphs and metadata of HTML/XML sources with libxml2: the article's main text (boilerplate out) or all text; charset detected; plain text passes through.",
        options: [
            OptionSpec("mode", .choice(Mode.allCases.map(\.rawValue)), default: "article", help: "article: the main text of an article page, without navigation, comments, related links; all: every visible text."),
            OptionSpec("keepCaptions", .boolean, default: false, help: "Keep figure captions in article mode."),
            OptionSpec("keepTables", .boolean, default: true, help: "Keep tables inside the article in article mode."),
            OptionSpec("sourceMap", .boolean, default: true, help: "Record where each character of the text comes from in the source (source.textMap); off saves up to about 15 % of the time."),
            OptionSpec("maxBytes", .integer, default: 50_000_000, minimum: 1, help: "Largest source in bytes; a larger one fails with a clear error."),
        ],
        needs: [], adds: [.text, .paragraphs],
        make: { options in
            HTMLTextStage(maxBytes: options.int("maxBytes")!, mode: Mode(rawValue: options.string("mode")!)!,
                          keepCaptions: options.bool("keepCaptions")!, keepTables: options.bool("keepTables")!,
                          sourceMap: options.bool("sourceMap")!)
        })

    public func process(_ document: inout Document) throws {
        guard document.source.format.isMarkup, !document.hasText || document.text.isEmpty else { return }
        guard let raw = document.source.raw else {
            throw StageError(stage: name, reason: "the source bytes are no longer available")
        }
        guard raw.count <= maxBytes else {
            throw StageError(stage: name, reason: "the source has \(raw.count) bytes, more than maxBytes (\(maxBytes))")
        }
        let declared = document.source.charset ?? MarkupCharset.declared(in: raw)
        let decoded: TextDecoder.Markup
        do { decoded = try TextDecoder.decodeMarkup(raw, declared: declared, scalars: sourceMap) } catch {
            throw StageError(stage: name, reason: "cannot decode the bytes: \(error)")
        }
        if let w = decoded.warning { document.warn(stage: name, w) }
        document.source.charset = decoded.charset
        document.metadata["charset"] = .string(decoded.charset)
        document.metadata["charsetMethod"] = .string(decoded.method == "declared" && document.source.charset != nil ? "declared" : decoded.method)

        var utf8 = decoded.utf8
        let isXML = document.source.format == .xml
        // Vue's `@click`, Angular's `(click)`: names libxml2 misreads into stray page text.
        // And bounds the attributes per element, which libxml2 handles in quadratic time.
        let repaired = AttributeNameRepair.repair(&utf8, maxAttributes: AttributeNameRepair.maxAttributes, xml: isXML)
        if repaired.dropped > 0 {
            document.warn(stage: name, "\(repaired.dropped) attributes left out: an element may carry at most \(AttributeNameRepair.maxAttributes)")
        }
        let options: Int32 = isXML
            ? Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_RECOVER.rawValue | XML_PARSE_NOCDATA.rawValue)
            : Int32(HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOIMPLIED.rawValue)
        xmlResetLastError()
        // XML: no entity ever expanded, so no size limit is needed either (see XMLEntityGuard).
        let tree: xmlDocPtr? = isXML
            ? XMLEntityGuard.parse(utf8, url: document.source.uri, encoding: "UTF-8", options: options | Int32(XML_PARSE_HUGE.rawValue))
            : HTMLParser.parse(utf8, url: document.source.uri, options: options)
        guard let tree else {
            throw StageError(stage: name, reason: "libxml2 could not parse the \(isXML ? "XML" : "HTML")")
        }
        defer { xmlFreeDoc(tree) }
        let sourceScalars = decoded.scalars
        var collector = TextCollector()
        if !isXML { collector.facts = PageFacts() }
        if sourceMap { collector.aligner = SourceAligner(sourceScalars) }
        if let root = isXML ? xmlDocGetRootElement(tree) : Self.htmlRoot(tree) {
            if let lang = MarkupTree.attribute(root, "lang") ?? MarkupTree.attribute(root, "xml:lang"), !lang.isEmpty {
                // Only a valid tag is a hint: an invalid one is noted and counts as no tag at all.
                do { document.metadata["declaredLanguage"] = .string(try LanguageTag(parsing: lang).description) } catch {
                    document.warn(stage: name, "declared language ignored: \(error)")
                }
            }
            if isXML || mode == .all || document.metadata["htmlFragment"] == true {
                collector.walk(root, depth: 0, isHTML: !isXML, metadata: &document.metadata)
                document.metadata["extraction"] = "all"
            } else {
                extractArticle(root, into: &collector, document: &document)
            }
        }
        if collector.depthLimitHit || XMLDocumentsReader.lastError().contains("depth") {
            document.warn(stage: name, "the markup nests deeper than \(TextCollector.maxDepth) levels; what lies deeper was left out")
        }
        let (text, scalars, paragraphs) = collector.finish()
        if text.unicodeScalars.allSatisfy(\.isSpace) {
            // Not an error (an empty page is a page), but a record with no text should say why.
            document.warn(stage: name, "no visible text in the \(isXML ? "XML" : "page")\(isXML || mode == .all ? "" : ", even without its furniture or from <noscript>"); its text may be loaded by scripts")
        }
        if sourceMap { document.source.textMap = SourceAligner.map(origins: collector.origins, sourceLength: sourceScalars.count) }
        try document.setText(text, scalars: scalars, by: name)
        document.layers.set(.paragraphs, paragraphs)
    }
}
