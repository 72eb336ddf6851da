import CLibXML2

/// The element of a page's body that is its article's headline: a heading (or an element
/// classed as a title, or microdata's `headline`) whose words are the title the page declares
/// in its head — Open Graph, JSON-LD, `<title>` less the site's name. Teasers of other articles
/// have headlines too, but not the page's title; that is what tells the article's own apart.
/// The article's body follows its headline, which is what the extractor weighs it for.
enum Headline {
    /// Class and id words of title elements on layouts without headings (`td.title`, `div.tieude`).
    static let classMatcher = WordMatcher([(["title", "tieude", "tieu-de", "tieu_de", "headline"], 1)])
    /// How much of the title a candidate's words must be (Dice overlap of the two word bags).
    static let minimumMatch = 0.6

    /// The best-matching element in document order, or nil when nothing matches the titles.
    /// Layouts without headings set the headline in `<b>` or `<font>`: then the text that says
    /// the title marks it. A page whose title says nothing of the article (`Site - Chi tiết
    /// tin`) often says where its body begins in its description, which is the lead: the text
    /// that opens with it stands for the headline then.
    static func find(in body: xmlNodePtr, titles: [String], site: String?, description: String?, facts: PageFacts) -> xmlNodePtr? {
        // The site's name is one of the title's parts, never the headline.
        let siteWords = site.map(words) ?? []
        let targets = titles.flatMap(parts).map(words).filter { $0.count >= 3 && !(similarity($0, siteWords) >= 0.6) }
        if let heading = heading(in: body, targets: targets, facts: facts) { return heading }
        if let text = text(in: body, facts: facts, matching: { candidate in targets.contains { similarity(candidate, $0) >= 0.8 } }) {
            return text
        }
        guard let description = description.map(words), description.count >= 6 else { return nil }
        let opening = description.prefix(8)
        return text(in: body, facts: facts) { $0.count >= opening.count && $0.prefix(opening.count).elementsEqual(opening) }
    }

    private static func heading(in body: xmlNodePtr, targets: [[Substring]], facts: PageFacts) -> xmlNodePtr? {
        guard !targets.isEmpty else { return nil }
        var best: (node: xmlNodePtr, score: Double)?
        func visit(_ node: xmlNodePtr, depth: Int) {
            guard depth < 256 else { return }
            var child = node.pointee.children
            while let c = child {
                defer { child = c.pointee.next }
                guard c.pointee.type == XML_ELEMENT_NODE else { continue }
                let element = facts.element(c)
                if element.kinds.contains(.invisible) { continue }
                if let rank = rank(c, tag: element.tag, facts: facts) {
                    let text = MarkupTree.content(c)
                    let candidate = words(text)
                    // A headline says something: three words at least (a section's name does not).
                    if candidate.count >= 3 && text.count <= 400 && !linksHome(c) {
                        let match = targets.map { similarity(candidate, $0) }.max() ?? 0
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
    private static func text(in body: xmlNodePtr, facts: PageFacts, matching: ([Substring]) -> Bool) -> xmlNodePtr? {
        var found: xmlNodePtr?
        func visit(_ node: xmlNodePtr, depth: Int) {
            guard depth < 256, found == nil else { return }
            var child = node.pointee.children
            while let c = child, found == nil {
                defer { child = c.pointee.next }
                switch c.pointee.type {
                case XML_TEXT_NODE:
                    let letters = facts.text(c).letters
                    if letters >= 15 && letters <= 400, let content = c.pointee.content, matching(words(String(cString: content))) {
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

    /// Headings rank by level; elements classed or marked as a title come after them.
    private static func rank(_ node: xmlNodePtr, tag: String, facts: PageFacts) -> Int? {
        switch tag {
        case "h1": return 0
        case "h2": return 1
        case "h3": return 2
        case "h4": return 3
        default:
            if MarkupTree.attribute(node, "itemprop")?.lowercased() == "headline" { return 0 }
            let cues = facts.cueClasses(node) + " " + (MarkupTree.attribute(node, "id") ?? "")
            return classMatcher.tags(in: cues) != 0 ? 4 : nil
        }
    }

    /// A declared title and its parts between separators (`Headline - Section - Site`,
    /// `Blog: Post`): one of them is the headline.
    static func parts(_ title: String) -> [String] {
        var parts = [title]
        for separator in [" | ", " - ", " – ", " — ", " :: ", " · ", " • ", ": ", " » "] where title.contains(separator) {
            parts += title.split(separator: separator).map(String.init)
        }
        return parts
    }

    static func words(_ text: String) -> [Substring] {
        text.lowercased().split { !$0.isLetter && !$0.isNumber }
    }

    /// Dice's overlap of two bags of words.
    static func similarity(_ a: [Substring], _ b: [Substring]) -> Double {
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        var counts: [Substring: Int] = [:]
        for w in b { counts[w, default: 0] += 1 }
        var shared = 0
        for w in a { if let n = counts[w], n > 0 { shared += 1; counts[w] = n - 1 } }
        return 2 * Double(shared) / Double(a.count + b.count)
    }
}
