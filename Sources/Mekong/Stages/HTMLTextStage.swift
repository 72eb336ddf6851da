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
public struct HTMLTextStage: Stage {
    public let name = "html"
    public let needs: [LayerName] = []
    public let adds: [LayerName] = [.text, .paragraphs]
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
        let decoded: TextDecoder.Decoded
        do { decoded = try TextDecoder.decode(raw, declared: declared) } catch {
            throw StageError(stage: name, reason: "cannot decode the bytes: \(error)")
        }
        if let w = decoded.warning { document.warn(stage: name, w) }
        document.source.charset = decoded.charset
        document.metadata["charset"] = .string(decoded.charset)
        document.metadata["charsetMethod"] = .string(decoded.method == "declared" && document.source.charset != nil ? "declared" : decoded.method)

        var utf8 = Array(decoded.text.utf8)
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
        let sourceScalars = sourceMap ? TextForms.decode(decoded.text) : []
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
        let (text, paragraphs) = collector.finish()
        if text.unicodeScalars.allSatisfy(\.isSpace) {
            // Not an error (an empty page is a page), but a record with no text should say why.
            document.warn(stage: name, "no visible text in the \(isXML ? "XML" : "page")\(isXML || mode == .all ? "" : ", even without its furniture or from <noscript>"); its text may be loaded by scripts")
        }
        if sourceMap { document.source.textMap = SourceAligner.map(origins: collector.origins, sourceLength: sourceScalars.count) }
        try document.setText(text, by: name)
        document.layers.set(.paragraphs, paragraphs)
    }
}

extension HTMLTextStage {
    /// The page's `html` element. libxml2 (told not to imply missing elements) leaves what
    /// comes before `<html>` — a script, a style — as elements of their own beside it, and a
    /// page with no `<html>` at all as a row of top-level elements: the first element is then
    /// not the page. The page's elements are gathered under one `html` element in that case.
    static func htmlRoot(_ tree: xmlDocPtr) -> xmlNodePtr? {
        var elements: [xmlNodePtr] = []
        var node = tree.pointee.children
        while let n = node {
            if n.pointee.type == XML_ELEMENT_NODE { elements.append(n) }
            node = n.pointee.next
        }
        if let html = elements.first(where: { MarkupTree.name($0) == "html" }) { return html }
        guard elements.count > 1, let html = xmlNewDocNode(tree, nil, "html", nil) else { return elements.first }
        for e in elements {
            xmlUnlinkNode(e)
            xmlAddChild(html, e)
        }
        xmlAddChild(UnsafeMutableRawPointer(tree).assumingMemoryBound(to: xmlNode.self), html)
        return html
    }

    /// Article mode: metadata from the whole page, text from the main content.
    func extractArticle(_ root: xmlNodePtr, into collector: inout TextCollector, document: inout Document) {
        let page = PageMetadata.read(root)
        let facts = collector.facts ?? PageFacts()
        for key in ["title", "published", "modified", "author", "url", "site", "description"] {
            if document.metadata[key] == nil, let v = page.fields[key] { document.metadata[key] = .string(v) }
        }
        var body = root
        var child = root.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE && MarkupTree.name(c) == "body" { body = c; break }
            child = c.pointee.next
        }
        /// One reading of the page: what it selected, and its text — laid out with the source
        /// map only for the first reading, which is nearly always the one kept (the others
        /// are laid out again with it if kept).
        struct Pass {
            var selection: ArticleExtractor.Selection
            var readNoscript: Bool
            var readStyleHidden: Bool
            var text: TextCollector
            var plain: String
            var pageLetters: Int
            var aligned: Bool
            /// The selection follows the page's headline: an article, however short.
            var followsHeadline: Bool
            /// Letters of the captions left out after the headline.
            var captionLetters: Int
            /// The selection is a forum thread's messages.
            var forumMessages: Bool
        }
        let headline = Headline.find(in: body, titles: page.titles, site: page.fields["site"], description: page.fields["description"], facts: facts)
        func extract(readNoscript: Bool, ignoreCues: Bool = false, wholePage: Bool = false, readStyleHidden: Bool = false,
                     aligned: Bool = false, keepCaptions: Bool? = nil) -> Pass {
            var extractor = ArticleExtractor(facts: facts, keepCaptions: keepCaptions ?? self.keepCaptions, keepTables: keepTables)
            extractor.readNoscript = readNoscript
            extractor.ignoreCues = ignoreCues
            extractor.wholePage = wholePage
            extractor.readStyleHidden = readStyleHidden
            extractor.discussion = page.discussion
            extractor.headline = headline?.node
            extractor.headlineByText = headline?.byText ?? false
            extractor.dated = page.fields["published"] != nil
            extractor.site = page.fields["url"].flatMap(ArticleExtractor.host)
            let selection = extractor.select(root: body)
            let text = lay(selection, readNoscript: readNoscript, readStyleHidden: readStyleHidden, aligner: aligned ? collector.aligner : nil)
            return Pass(selection: selection, readNoscript: readNoscript, readStyleHidden: readStyleHidden, text: text,
                        plain: text.peekText, pageLetters: extractor.pageLetters, aligned: aligned,
                        followsHeadline: extractor.followsHeadline, captionLetters: extractor.captionLetters,
                        forumMessages: extractor.forumMessages)
        }
        func lay(_ selection: ArticleExtractor.Selection, readNoscript: Bool, readStyleHidden: Bool, aligner: SourceAligner?) -> TextCollector {
            var metadata = JSONObject()
            var text = TextCollector()
            text.facts = facts
            text.aligner = aligner
            text.skipped = selection.skipped
            text.isJunk = BoilerplateLines.matches
            text.readNoscript = readNoscript
            text.readStyleHidden = readStyleHidden
            for r in selection.roots { text.walk(r, depth: 0, isHTML: true, metadata: &metadata) }
            return text
        }
        var best = extract(readNoscript: false, aligned: collector.aligner != nil)
        var method = "article"
        // A photo story under its headline tells its story in the captions, and they say more
        // than its prose: read them as its text.
        if best.followsHeadline && best.captionLetters > best.plain.count {
            let story = extract(readNoscript: false, aligned: collector.aligner != nil, keepCaptions: true)
            if story.plain.count > best.plain.count {
                best = story
                document.metadata["captions"] = true
            }
        }
        // The page's letters, <noscript> included once a pass has read it.
        var pageLetters = best.pageLetters
        func isShort(_ pass: Pass) -> Bool {
            let length = pass.plain.count
            return length < Self.fallbackLength && Double(length) <= 0.25 * Double(max(pass.pageLetters, pageLetters))
        }
        // Little text, and <noscript> on the page: it may be rendered by scripts, with its
        // text for browsers without them in <noscript>; read that too and keep it if it says
        // much more (a "please enable JavaScript" note does not).
        // The passes below read <noscript> too when it gave more text, if not much more: a
        // forum whose posts are all there, classed as comments, needs both.
        var noscriptHelps = false
        if best.plain.count < Self.fallbackLength, MarkupTree.contains(body, tag: "noscript") {
            let withNoscript = extract(readNoscript: true)
            pageLetters = max(pageLetters, withNoscript.pageLetters)
            if Self.isMuchLonger(withNoscript.plain, than: best.plain) {
                best = withNoscript
            } else {
                noscriptHelps = withNoscript.plain.count > best.plain.count
            }
        }
        // Still little of the page's text: its content may all be classed as what articles
        // leave out (forum posts are "comments"); read it again without class and id cues —
        // unless it is a brief under its headline, whose readers' comments are not its text.
        // A forum thread's messages are its text however short, found by the software's own markup.
        // (Asked only of short texts: measuring prose costs a walk of the text.)
        let brief = isShort(best) && ((best.followsHeadline && !page.discussion && Self.hasProse(best.plain, atLeast: 100)) || best.forumMessages)
        if isShort(best) && !brief {
            let relaxed = extract(readNoscript: best.readNoscript || noscriptHelps, ignoreCues: true)
            if Self.saysMore(relaxed.plain, than: best.plain) {
                best = relaxed
                document.metadata["extractionCues"] = "ignored"
            }
        }
        // Still little: a page of many short sections (a landing or service page, a listing)
        // has no one block of content; take the page less its furniture — unless the page is
        // a dated article and what was found is prose: a short article stays one.
        let datedArticle = page.fields["published"] != nil
        if isShort(best) && !brief && !(datedArticle && Self.hasProse(best.plain)) {
            let whole = extract(readNoscript: best.readNoscript || noscriptHelps, wholePage: true)
            if Self.saysMore(whole.plain, than: best.plain) {
                best = whole
                method = "page"
            }
        }
        // Still little: content may be hidden by inline styles for scripts to reveal (shops
        // hide a whole product description so, and then it is not even counted among the
        // page's letters); read it as shown, and keep it if it says much more.
        if best.plain.count < Self.fallbackLength {
            let revealed = extract(readNoscript: best.readNoscript, readStyleHidden: true)
            if Self.saysMore(revealed.plain, than: best.plain) {
                best = revealed
                method = "revealed"
            }
        }
        if best.readNoscript { document.metadata["noscript"] = true }
        // Cross-check with JSON-LD's articleBody: when the page's structured data holds much
        // more of the article than the page's layout gave, trust the structured data.
        if let body = page.articleBody, Self.wordRecall(of: body, in: best.plain) < 0.5 {
            collector.appendParagraphs(body)
            document.metadata["extraction"] = "json-ld"
        } else {
            collector = collector.aligner == nil || best.aligned ? best.text : lay(best.selection, readNoscript: best.readNoscript, readStyleHidden: best.readStyleHidden, aligner: collector.aligner)
            document.metadata["extraction"] = .string(method)
        }
    }

    /// Main text shorter than this is tried again with `<noscript>` content; and if also
    /// shorter than a quarter of the page's text, without class and id cues, then as the whole
    /// page less its furniture. 4,000 scored a little better on WCXB (0.850 against 0.848
    /// bag-of-words F1) but re-read so many more pages that ScrapingHub ran ~30 % slower.
    static let fallbackLength = 2_000

    /// Whether a second pass's text is better than the first's: much longer, and still saying
    /// what the first found unless that was a mere line or a few short ones (a banner, a
    /// thread's header) — a pass that traded a short article, prose, for its comment section
    /// is no better.
    static func saysMore(_ text: String, than found: String) -> Bool {
        guard isMuchLonger(text, than: found) else { return false }
        let mereLines = found.count < 200 || (found.count < 600 && !found.split(separator: "\n").contains { $0.count >= 200 })
        return mereLines || wordRecall(of: found, in: text) >= 0.8
    }

    /// Whether a text is prose: 300 characters or more (or `atLeast`) in lines of sentences
    /// (100 characters or more, ending as a sentence ends) — a teaser article, not a list of
    /// names and links.
    static func hasProse(_ text: String, atLeast minimum: Int = 300) -> Bool {
        var prose = 0
        for line in text.split(separator: "\n") where line.count >= 100 {
            if let last = line.last, ".!?…\"”'’)".contains(last) { prose += line.count }
        }
        return prose >= minimum
    }

    /// More than twice as long, and by 200 characters at least.
    static func isMuchLonger(_ text: String, than other: String) -> Bool {
        text.count > 2 * other.count + 200
    }

    /// The share of `reference`'s words that `text` has.
    static func wordRecall(of reference: String, in text: String) -> Double {
        func words(_ s: String) -> [Substring] { s.lowercased().split { !$0.isLetter && !$0.isNumber } }
        var counts: [Substring: Int] = [:]
        for w in words(text) { counts[w, default: 0] += 1 }
        let ref = words(reference)
        guard !ref.isEmpty else { return 1 }
        var hits = 0
        for w in ref { if let c = counts[w], c > 0 { hits += 1; counts[w] = c - 1 } }
        return Double(hits) / Double(ref.count)
    }
}

/// Reads a `<meta charset>` or `http-equiv` declaration anywhere in the first 64 KB:
/// real Vietnamese pages declare it late, after the title and scripts.
enum MarkupCharset {
    static func declared(in bytes: [UInt8]) -> String? {
        bytes.withUnsafeBufferPointer { all in declared(in: UnsafeBufferPointer(rebasing: all.prefix(65_536))) }
    }

    /// Read in place, without a lower-cased copy of the head: letters are compared with
    /// their ASCII case bit set.
    private static func declared(in h: UnsafeBufferPointer<UInt8>) -> String? {
        func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
        func isNameByte(_ b: UInt8) -> Bool {
            let l = lower(b)
            return (l >= 0x61 && l <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x5F || b == 0x3A || b == 0x2E
        }
        /// Where `word` (lower-case ASCII) starts at or after `from`, in any case.
        func find(_ word: StaticString, from: Int) -> Int? {
            let w = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
            var i = from
            while i + w.count <= h.count {
                if lower(h[i]) == w[0] {
                    var k = 1
                    while k < w.count, lower(h[i + k]) == w[k] { k += 1 }
                    if k == w.count { return i }
                }
                i += 1
            }
            return nil
        }
        func name(from start: Int) -> String? {
            var i = start
            while i < h.count, isNameByte(h[i]) { i += 1 }
            return i > start ? String(decoding: h[start..<i].map(lower), as: UTF8.self) : nil
        }
        var from = 0
        while let at = find("charset", from: from) {
            var i = at + 7
            while i < h.count, h[i] == 0x20 || h[i] == 0x09 || h[i] == 0x0A || h[i] == 0x0D { i += 1 }
            if i < h.count, h[i] == 0x3D {
                i += 1
                while i < h.count, h[i] == 0x20 || h[i] == 0x22 || h[i] == 0x27 { i += 1 }
                if let name = name(from: i) {
                    // "utf-16" declared in a page we are reading as bytes is a lie.
                    return name.hasPrefix("utf-16") ? "utf-8" : name
                }
            }
            from = at + 7
        }
        if find("<?xml", from: 0) == 0, let at = find("encoding=", from: 0) {
            var i = at + 9
            while i < h.count, h[i] == 0x22 || h[i] == 0x27 { i += 1 }
            return name(from: i)
        }
        return nil
    }
}

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

/// Walks a parsed tree and lays its text out in paragraphs.
struct TextCollector {
    /// Elements left out (by their number in `facts`), for article mode.
    var skipped = NodeSet()
    /// What each node of an HTML page is, found once for all the page's readings.
    var facts: PageFacts?
    /// Places text nodes in the decoded source, when the source map is wanted.
    var aligner: SourceAligner?
    /// For each scalar of the text, where it came from in the source.
    private(set) var origins: [Range<Int>?] = []
    private var pendingSpaceOrigin: Range<Int>?
    /// Short paragraphs this says are furniture ("Advertisement", a photo credit) are dropped.
    var isJunk: ((String) -> Bool)?
    /// Read `<noscript>` as content (see `ArticleExtractor.readNoscript`).
    var readNoscript = false
    /// Read what an inline style hides (see `ArticleExtractor.readStyleHidden`).
    var readStyleHidden = false
    private var text: [Unicode.Scalar] = []
    private var length = 0
    private var paragraphs: [Annotation] = []
    private var paragraphStart: Int?
    private var pendingSpace = false
    private var pendingBreak = false

    static let skipped: Set<String> = ["script", "style", "noscript", "template", "svg", "iframe", "object", "embed",
                                       "canvas", "select", "option", "button", "input", "textarea", "head", "map", "audio", "video"]
    static let blocks: Set<String> = ["p", "div", "section", "article", "main", "header", "footer", "nav", "aside",
                                      "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "table",
                                      "tr", "td", "th", "thead", "tbody", "tfoot", "caption", "blockquote", "pre",
                                      "figure", "figcaption", "address", "form", "fieldset", "hr", "body", "html",
                                      "details", "summary", "title", "center"]
    static let maxDepth = 256
    /// Set when the walk met elements nested deeper than `maxDepth` and left them out.
    private(set) var depthLimitHit = false

    /// Lays out the text under one root; a root is a block of its own, whatever its tag (a
    /// forum's messages may be `<span>`s), so its last paragraph ends with it.
    mutating func walk(_ node: xmlNodePtr, depth: Int, isHTML: Bool, metadata: inout JSONObject) {
        if isHTML && facts == nil { facts = PageFacts() }
        visit(node, depth: depth, isHTML: isHTML, metadata: &metadata)
        endParagraph()
    }

    private mutating func visit(_ node: xmlNodePtr, depth: Int, isHTML: Bool, metadata: inout JSONObject) {
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            if let content = node.pointee.content {
                let scalars = Self.scalars(of: content)
                // White space between tags is never text of its own: no need to place it.
                let blank = scalars.allSatisfy(\.isSpace)
                appendText(scalars, origins: blank ? nil : aligner?.align(scalars))
            }
        case XML_ELEMENT_NODE:
            if !skipped.isEmpty, let facts, skipped.contains(facts.index(node)) { return }
            // Markup that is not HTML has no tags of known meaning: every element is a block.
            var isBlock = true
            if isHTML, let element = facts?.element(node) {
                let tag = element.tag
                if tag == "head" { readHead(node, metadata: &metadata); return }
                if element.kinds.contains(.unread) && !(readNoscript && tag == "noscript") && !(tag == "button" && MarkupTree.swallowsContent(node)) { return }
                if skipped.isEmpty && (element.hiddenAttribute || element.ariaHidden) { return }
                if !readStyleHidden && element.styleHidden { return }
                if tag == "br" { lineBreak(); return }
                isBlock = element.kinds.contains(.paragraph)
            }
            if isBlock { endParagraph() }
            var child = node.pointee.children
            while let c = child {
                // Siblings are walked in a loop and children by recursion, so depth bounds the stack.
                if depth + 1 < Self.maxDepth { visit(c, depth: depth + 1, isHTML: isHTML, metadata: &metadata) } else { depthLimitHit = true }
                child = c.pointee.next
            }
            if isBlock { endParagraph() }
        default:
            break
        }
    }

    /// The scalars of a NUL-terminated UTF-8 string from libxml2.
    static func scalars(of content: UnsafePointer<xmlChar>) -> [Unicode.Scalar] {
        let length = strlen(UnsafeRawPointer(content).assumingMemoryBound(to: CChar.self))
        let bytes = UnsafeBufferPointer(start: content, count: length)
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(length)
        var i = 0
        while i < length {
            let (s, n) = TextNormalizer.decode(bytes, i)
            out.append(s)
            i += n
        }
        return out
    }

    private mutating func readHead(_ head: xmlNodePtr, metadata: inout JSONObject) {
        var child = head.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE && MarkupTree.name(c) == "title" && metadata["title"] == nil {
                let title = MarkupTree.content(c).split(whereSeparator: \.isWhitespace).joined(separator: " ")
                if !title.isEmpty { metadata["title"] = .string(title) }
            }
            child = c.pointee.next
        }
    }

    private mutating func appendText(_ scalars: [Unicode.Scalar], origins ranges: [Range<Int>]? = nil) {
        for (k, scalar) in scalars.enumerated() {
            if scalar.isSpace {
                if paragraphStart != nil {
                    if !pendingSpace { pendingSpaceOrigin = ranges?[k] }
                    pendingSpace = true
                }
                continue
            }
            if paragraphStart == nil {
                if length > 0 { append("\n\n") }
                paragraphStart = length
                pendingSpace = false
                pendingBreak = false
            } else if pendingBreak {
                append("\n")
                pendingBreak = false
                pendingSpace = false
            } else if pendingSpace {
                append(" ", origin: pendingSpaceOrigin)
                pendingSpace = false
            }
            text.append(scalar)
            if aligner != nil { origins.append(ranges?[k]) }
            length += 1
        }
    }

    private mutating func append(_ s: String, origin: Range<Int>? = nil) {
        for u in s.unicodeScalars {
            text.append(u)
            if aligner != nil { origins.append(origin) }
            length += 1
        }
    }

    private mutating func lineBreak() {
        if paragraphStart != nil { pendingBreak = true }
    }

    private mutating func endParagraph() {
        if let start = paragraphStart {
            if let isJunk, length - start <= 80, isJunk(String(scalars: text.suffix(length - start))) {
                // Take the paragraph back out, with the blank line before it.
                let separator = start >= 2 ? 2 : 0
                text.removeLast(length - start + separator)
                if aligner != nil { origins.removeLast(length - start + separator) }
                length = start - separator
            } else {
                paragraphs.append(Annotation(start: start, end: length))
            }
        }
        paragraphStart = nil
        pendingSpace = false
        pendingBreak = false
    }

    /// The text collected so far.
    var peekText: String { String(scalars: text) }

    /// Adds plain text whose paragraphs are separated by line breaks.
    mutating func appendParagraphs(_ plain: String) {
        for line in plain.split(whereSeparator: \.isNewline) {
            appendText(Array(line.unicodeScalars))
            endParagraph()
        }
    }

    mutating func finish() -> (String, [Annotation]) {
        endParagraph()
        return (String(scalars: text), paragraphs)
    }
}

