import CLibXML2
#if canImport(Glibc)
import Glibc
#endif

/// Walks a parsed tree and lays its text out in paragraphs.
struct TextCollector {
    /// Elements left out (by their number in `facts`), for article mode.
    var skipped = NodeSet()
    /// Elements at which their parent's text ends (`ArticleExtractor.Selection.stops`).
    var stops = NodeSet()
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
                let classes = CharacterClass.lookup
                let blank = scalars.allSatisfy { classes.of($0).contains(.whitespace) }
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
                if !stops.isEmpty, c.pointee.type == XML_ELEMENT_NODE, let facts, stops.contains(facts.index(c)) { break }
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
        ValidUTF8.scalars(UnsafeBufferPointer(start: content, count: strlen(UnsafeRawPointer(content).assumingMemoryBound(to: CChar.self))))
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
        let classes = CharacterClass.lookup
        let mapped = aligner != nil
        for k in scalars.indices {
            let scalar = scalars[k]
            if classes.of(scalar).contains(.whitespace) {
                if paragraphStart != nil {
                    if !pendingSpace { pendingSpaceOrigin = ranges?[k] }
                    pendingSpace = true
                }
                continue
            }
            if paragraphStart == nil {
                if length > 0 { append("\n"); append("\n") }
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
            if mapped { origins.append(ranges?[k]) }
            length += 1
        }
    }

    private mutating func append(_ s: Unicode.Scalar, origin: Range<Int>? = nil) {
        text.append(s)
        if aligner != nil { origins.append(origin) }
        length += 1
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

    /// The text's length in characters, as `peekText.count` gives it: the number of code
    /// points when none of them can join a neighbour into one character (nearly always),
    /// else counted from the string.
    var characterCount: Int {
        for s in text where !Self.standsAlone(s.value) { return peekText.count }
        return text.count
    }

    /// Whether a code point is always a character of its own (Unicode's grapheme cluster rules
    /// never join it to a neighbour that is also one): Latin, its punctuation and Vietnamese's
    /// precomposed letters — not a carriage return, which joins a line feed, nor marks,
    /// joiners, Hangul, emoji or regional indicators.
    @inline(__always)
    static func standsAlone(_ v: UInt32) -> Bool {
        (v < 0x300 && v != 0x0D) || (v >= 0x1E00 && v <= 0x1EFF) || (v >= 0x2010 && v <= 0x2027) || (v >= 0x2030 && v <= 0x205E)
    }

    /// Adds plain text whose paragraphs are separated by line breaks.
    mutating func appendParagraphs(_ plain: String) {
        for line in plain.split(whereSeparator: \.isNewline) {
            appendText(Array(line.unicodeScalars))
            endParagraph()
        }
    }

    /// The text, its code points (so the document need not decode them again) and its paragraphs.
    mutating func finish() -> (text: String, scalars: [Unicode.Scalar], paragraphs: [Annotation]) {
        endParagraph()
        return (String(scalars: text), text, paragraphs)
    }
}
