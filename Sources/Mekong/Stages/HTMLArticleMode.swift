import CLibXML2
#if canImport(Glibc)
import Glibc
#endif

/// Article mode (`mode: "article"`): the page read once for its main content, and read again
/// — with `<noscript>`, without class and id cues, as the whole page less its furniture — when
/// the first reading is too short to be the article.
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
            /// `plain`'s length in characters, counted once (counting walks the text).
            var length: Int
            var pageLetters: Int
            var aligned: Bool
            /// The selection follows the page's headline: an article, however short.
            var followsHeadline: Bool
            /// Letters of the captions left out after the headline.
            var captionLetters: Int
            /// The selection is a forum thread's messages.
            var forumMessages: Bool
            /// The selection is a section page's top story, told in full above teasers.
            var featured: Bool
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
            extractor.headlineAlone = headline?.alone ?? false
            extractor.dated = page.fields["published"] != nil
            extractor.site = page.fields["url"].flatMap(ArticleExtractor.host)
            let selection = extractor.select(root: body)
            let text = lay(selection, readNoscript: readNoscript, readStyleHidden: readStyleHidden, aligner: aligned ? collector.aligner : nil)
            let plain = text.peekText
            return Pass(selection: selection, readNoscript: readNoscript, readStyleHidden: readStyleHidden, text: text,
                        plain: plain, length: text.characterCount, pageLetters: extractor.pageLetters, aligned: aligned,
                        followsHeadline: extractor.followsHeadline, captionLetters: extractor.captionLetters,
                        forumMessages: extractor.forumMessages, featured: extractor.featured)
        }
        func lay(_ selection: ArticleExtractor.Selection, readNoscript: Bool, readStyleHidden: Bool, aligner: SourceAligner?) -> TextCollector {
            var metadata = JSONObject()
            var text = TextCollector()
            text.facts = facts
            text.aligner = aligner
            text.skipped = selection.skipped
            text.stops = selection.stops
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
        if best.followsHeadline && best.captionLetters > best.length {
            let story = extract(readNoscript: false, aligned: collector.aligner != nil, keepCaptions: true)
            if story.length > best.length {
                best = story
                document.metadata["captions"] = true
            }
        }
        // The page's letters, <noscript> included once a pass has read it.
        var pageLetters = best.pageLetters
        func isShort(_ pass: Pass) -> Bool {
            let length = pass.length
            return length < Self.fallbackLength && Double(length) <= 0.25 * Double(max(pass.pageLetters, pageLetters))
        }
        // Little text, and <noscript> on the page: it may be rendered by scripts, with its
        // text for browsers without them in <noscript>; read that too and keep it if it says
        // much more (a "please enable JavaScript" note does not).
        // The passes below read <noscript> too when it gave more text, if not much more: a
        // forum whose posts are all there, classed as comments, needs both.
        var noscriptHelps = false
        if best.length < Self.fallbackLength, MarkupTree.contains(body, tag: "noscript") {
            let withNoscript = extract(readNoscript: true)
            pageLetters = max(pageLetters, withNoscript.pageLetters)
            if Self.isMuchLonger(withNoscript.length, than: best.length) {
                best = withNoscript
            } else {
                noscriptHelps = withNoscript.length > best.length
            }
        }
        // Still little of the page's text: its content may all be classed as what articles
        // leave out (forum posts are "comments"); read it again without class and id cues —
        // unless it is a brief under its headline, whose readers' comments are not its text.
        // A forum thread's messages are its text however short, found by the software's own markup.
        // (Asked only of short texts: measuring prose costs a walk of the text.)
        let brief = isShort(best) && ((best.followsHeadline && !page.discussion && Self.hasProse(best.plain, atLeast: 100)) || best.forumMessages
            || best.featured)
        if isShort(best) && !brief {
            let relaxed = extract(readNoscript: best.readNoscript || noscriptHelps, ignoreCues: true)
            if Self.saysMore(relaxed.plain, than: best.plain, lengths: (relaxed.length, best.length)) {
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
            if Self.saysMore(whole.plain, than: best.plain, lengths: (whole.length, best.length)) {
                best = whole
                method = "page"
            }
        }
        // Still little: content may be hidden by inline styles for scripts to reveal (shops
        // hide a whole product description so, and then it is not even counted among the
        // page's letters); read it as shown, and keep it if it says much more.
        if best.length < Self.fallbackLength {
            let revealed = extract(readNoscript: best.readNoscript, readStyleHidden: true)
            if Self.saysMore(revealed.plain, than: best.plain, lengths: (revealed.length, best.length)) {
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
    /// `lengths` are the two texts' lengths in characters, when already counted.
    static func saysMore(_ text: String, than found: String, lengths: (text: Int, found: Int)? = nil) -> Bool {
        let (length, foundLength) = lengths ?? (text.count, found.count)
        guard isMuchLonger(length, than: foundLength) else { return false }
        let mereLines = foundLength < 200 || (foundLength < 600 && !found.split(separator: "\n").contains { $0.count >= 200 })
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
    static func isMuchLonger(_ length: Int, than other: Int) -> Bool {
        length > 2 * other + 200
    }

    /// The share of `reference`'s words that `text` has.
    static func wordRecall(of reference: String, in text: String) -> Double {
        WordBag(text: text).recall(of: WordBag.words(reference))
    }
}
