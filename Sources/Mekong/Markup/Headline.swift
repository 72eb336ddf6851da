import CLibXML2

/// The element of a page's body that is its article's headline: a heading (or an element
/// classed as a title, or microdata's `headline`) whose words are the title the page declares
/// in its head — Open Graph, JSON-LD, `<title>` less the site's name. Teasers of other articles
/// have headlines too, but not the page's title; that is what tells the article's own apart.
/// The article's body follows its headline, which is what the extractor weighs it for.
enum Headline {
    /// Class and id words of title elements on layouts without headings (`td.title`, `div.tieude`).
    static let titleWords = ["title", "tieude", "tieu-de", "tieu_de", "headline"]
    /// How much of the title a candidate's words must be (Dice overlap of the two word bags).
    static let minimumMatch = 0.6

    /// The best-matching element in document order, or nil when nothing matches the titles.
    /// Layouts without headings set the headline in `<b>` or `<font>`: then the text that says
    /// the title marks it. A page whose title says nothing of the article (`Site - Chi tiết
    /// tin`) often says where its body begins in its description, which is the lead: the text
    /// that opens with it stands for the headline then.
    static func find(in body: xmlNodePtr, titles: [String], site: String?, description: String?, facts: PageFacts) -> Found? {
        // The site's name is one of the title's parts, never the headline.
        let siteWords = site.map(WordBag.words) ?? []
        let targets = titles.flatMap(parts).map(WordBag.words).filter { $0.count >= 3 && !(similarity($0, siteWords) >= 0.6) }.map(WordBag.init)
        if let heading = heading(in: body, targets: targets, facts: facts) { return Found(node: heading, byText: false) }
        if let text = text(in: body, facts: facts, matching: { candidate in targets.contains { $0.similarity(to: candidate, atLeast: 0.8) >= 0.8 } }) {
            return Found(node: text, byText: true)
        }
        if let description = description.map(WordBag.words), description.count >= 6 {
            let opening = description.prefix(8)
            if let found = text(in: body, facts: facts, matching: { $0.count >= opening.count && $0.prefix(opening.count).elementsEqual(opening) }) {
                return Found(node: found, byText: true)
            }
        }
        // A page whose head names the article otherwise than its body ("Trưng bày …" over
        // "Triển lãm …") still has one `<h1>` that says something: that is the headline.
        return soleHeading(in: body, facts: facts).map { Found(node: $0, byText: false, alone: true) }
    }

    /// The body's one `<h1>` outside furniture and lists, of three words or more, not the
    /// site's name linking home — nil when there is none or more than one.
    private static func soleHeading(in body: xmlNodePtr, facts: PageFacts) -> xmlNodePtr? {
        var found: [xmlNodePtr] = []
        func visit(_ node: xmlNodePtr, depth: Int) {
            guard depth < 256, found.count < 2 else { return }
            var child = node.pointee.children
            while let c = child {
                defer { child = c.pointee.next }
                guard c.pointee.type == XML_ELEMENT_NODE else { continue }
                let element = facts.element(c)
                if !isSearched(element) { continue }
                if element.tag == "h1" { found.append(c); continue }
                visit(c, depth: depth + 1)
            }
        }
        visit(body, depth: 0)
        guard found.count == 1, let h = found.first, !linksHome(h), let text = text(of: h, facts: facts, limit: 400),
              WordBag.words(text).count >= 3 else { return nil }
        return h
    }

    /// A page's headline is never in its navigation, footer, sidebar or forms, nor in a list
    /// (where teasers' headings are): those are not searched.
    private static func isSearched(_ element: PageFacts.Element) -> Bool {
        !(element.kinds.contains(.invisible) || (element.kinds.contains(.furniture) && element.tag != "header")
            || element.tag == "ul" || element.tag == "ol")
    }

    /// A headline found, and whether only by its text (no heading or title mark says it is one:
    /// the site's name set in bold in a footer reads the same as a headline set in bold).
    struct Found {
        let node: xmlNodePtr
        let byText: Bool
        /// Found as the page's one `<h1>`, matching no title: a headline only if a date line
        /// follows it (a service page's one heading is not).
        var alone = false
    }

    private static func heading(in body: xmlNodePtr, targets: [WordBag], facts: PageFacts) -> xmlNodePtr? {
        guard !targets.isEmpty else { return nil }
        var best: (node: xmlNodePtr, score: Double)?
        func visit(_ node: xmlNodePtr, depth: Int) {
            guard depth < 256 else { return }
            var child = node.pointee.children
            while let c = child {
                defer { child = c.pointee.next }
                guard c.pointee.type == XML_ELEMENT_NODE else { continue }
                let element = facts.element(c)
                if !isSearched(element) { continue }
                if let rank = rank(element) {
                    // A headline says something: three words at least (a section's name does not).
                    if let text = text(of: c, facts: facts, limit: 400), case let candidate = WordBag.words(text), candidate.count >= 3, !linksHome(c) {
                        let match = targets.map { $0.similarity(to: candidate, atLeast: minimumMatch) }.max() ?? 0
                        // The more of the title's words a heading says the better: a title's
                        // parts hold the site's name too, shorter than the headline.
                        let score = match + 0.02 * Double(min(candidate.count, 20)) - 0.03 * Double(rank)
                        // A title said twice (a repeat over the comments, a share box) is the
                        // headline where it is first said: a later heading must match clearly better.
                        if match >= minimumMatch, score > (best.map { $0.score + 0.05 } ?? 0) { best = (c, score) }
                    }
                    // A heading's own parts are not headlines of their own; a block classed as
                    // a title may hold the heading.
                    if rank <= 3 { continue }
                }
                visit(c, depth: depth + 1)
            }
        }
        visit(body, depth: 0)
        return best?.node
    }

    /// The element around the first visible text node (of 15 to 400 letters) whose words match.
    private static func text(in body: xmlNodePtr, facts: PageFacts, matching: ([WordBag.Word]) -> Bool) -> xmlNodePtr? {
        var found: xmlNodePtr?
        func visit(_ node: xmlNodePtr, depth: Int) {
            guard depth < 256, found == nil else { return }
            var child = node.pointee.children
            while let c = child, found == nil {
                defer { child = c.pointee.next }
                switch c.pointee.type {
                case XML_TEXT_NODE:
                    let letters = facts.text(c).letters
                    if letters >= 15 && letters <= 400, let content = c.pointee.content,
                       matching(WordBag.words(utf8: UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content))))) {
                        found = node
                    }
                case XML_ELEMENT_NODE:
                    if !facts.element(c).kinds.contains(.invisible) { visit(c, depth: depth + 1) }
                default: break
                }
            }
        }
        visit(body, depth: 0)
        return found
    }

    /// The site's name heads every page as a link to its home page (`<h1><a href="/">`).
    private static func linksHome(_ node: xmlNodePtr) -> Bool {
        var child = node.pointee.children
        while let c = child {
            defer { child = c.pointee.next }
            guard c.pointee.type == XML_ELEMENT_NODE else { continue }
            if MarkupTree.name(c) == "a", let href = MarkupTree.attribute(c, "href") {
                var path = Substring(href)
                if let host = path.firstRange(of: "//") { path = path[host.upperBound...].drop { $0 != "/" } }
                return path.isEmpty || path == "/" || path == "./" || path.hasPrefix("/index.") || path.hasPrefix("index.")
            }
            if linksHome(c) { return true }
        }
        return false
    }

    /// How an element marks itself as a title, by its attributes (`PageFacts` reads them once).
    enum Mark: UInt8 {
        case none
        /// A class or id that says title (`td.title`, `div#tieude`).
        case titleClass
        /// Microdata's `itemprop="headline"`.
        case headlineProperty
    }

    /// Headings rank by level; elements classed or marked as a title come after them.
    private static func rank(_ element: PageFacts.Element) -> Int? {
        switch element.tag {
        case "h1": return 0
        case "h2": return 1
        case "h3": return 2
        case "h4": return 3
        default:
            switch element.title {
            case .headlineProperty: return 0
            case .titleClass: return 4
            case .none: return nil
            }
        }
    }

    /// The text under an element, or nil when it is longer than `limit` letters (a block
    /// classed as a title that holds the page is no headline, and its text is not made) or
    /// too short to be one.
    private static func text(of node: xmlNodePtr, facts: PageFacts, limit: Int) -> String? {
        var letters = 0
        func count(_ node: xmlNodePtr, depth: Int) -> Bool {
            guard depth < 64 else { return false }
            var child = node.pointee.children
            while let c = child {
                defer { child = c.pointee.next }
                if c.pointee.type == XML_TEXT_NODE {
                    letters += facts.text(c).letters
                    if letters > limit { return false }
                } else if c.pointee.type == XML_ELEMENT_NODE, !count(c, depth: depth + 1) {
                    return false
                }
            }
            return true
        }
        // Fewer than 8 letters say no headline's three words either (an icon's label, `Tin mới`).
        return count(node, depth: 0) && letters >= 8 ? MarkupTree.content(node) : nil
    }

    /// A declared title and its parts between separators (`Headline - Section - Site`,
    /// `Blog: Post`): one of them is the headline.
    static func parts(_ title: String) -> [String] {
        var parts = [title]
        // Bytes, not Foundation's string search (which weighs locales): separators are exact.
        let bytes = Array(title.utf8)
        for separator in [" | ", " - ", " – ", " — ", " :: ", " · ", " • ", ": ", " » "] {
            let sep = Array(separator.utf8)
            var pieces: [String] = []
            var start = 0
            var i = 0
            while i + sep.count <= bytes.count {
                if bytes[i] == sep[0] && bytes[i..<i + sep.count].elementsEqual(sep) {
                    if i > start { pieces.append(String(decoding: bytes[start..<i], as: UTF8.self)) }
                    i += sep.count
                    start = i
                } else {
                    i += 1
                }
            }
            guard start > 0 else { continue }
            if start < bytes.count { pieces.append(String(decoding: bytes[start...], as: UTF8.self)) }
            parts += pieces
        }
        return parts
    }

    /// Dice's overlap of two bags of words.
    static func similarity(_ a: [WordBag.Word], _ b: [WordBag.Word]) -> Double {
        WordBag(b).similarity(to: a, atLeast: 0)
    }
}
