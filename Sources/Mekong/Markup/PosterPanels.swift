import CLibXML2

/// A forum thread written by software whose markup `ForumPosts` does not know (a home-made
/// board of the 2000s, `<td class="noidung">`) is still recognizable by what every board sets
/// beside each post: the poster's panel — rank, join date, post count, home town — in a cell
/// or box of its own. The post is the block beside the panel: its first block of prose (the
/// post's header line and a quotation's attribution left out), and a later block of the same
/// kind after it is the poster's signature.
enum PosterPanels {
    /// Labels of a poster's panel (lower case); a panel has two or more of them.
    static let labels = ["gia nhập", "tham gia", "số bài", "bài viết:", "bài gửi", "cấp bậc", "quê quán", "đến từ", "nơi ở",
                         "join date", "joined:", "posts:", "location:", "registered:"]
    /// Openings of a quotation's attribution written as plain bold text (`Trích dẫn của X:`).
    static let attributionOpenings = ["trích dẫn", "nguyên văn", "quote", "originally posted"]

    /// The posts beside poster panels under `root`, in document order, when there are two or
    /// more panels of one kind (the same tag and class); `letters` gives an element's letters.
    static func messages(in root: xmlNodePtr, facts: PageFacts, skipped: NodeSet, letters: (xmlNodePtr) -> Int) -> [xmlNodePtr] {
        var panels: [xmlNodePtr] = []
        func visit(_ node: xmlNodePtr, depth: Int) {
            guard depth < 256 else { return }
            var child = node.pointee.children
            while let c = child {
                defer { child = c.pointee.next }
                guard c.pointee.type == XML_ELEMENT_NODE, !skipped.contains(facts.index(c)) else { continue }
                let n = letters(c)
                guard n >= 20 else { continue }
                // The smallest element that reads as a panel: a cell or box of short lines.
                if n <= 400, ["td", "div", "dl"].contains(facts.element(c).tag), isPanel(c), !hasPanelChild(c, facts: facts, letters: letters) {
                    panels.append(c)
                    continue
                }
                visit(c, depth: depth + 1)
            }
        }
        visit(root, depth: 0)
        guard panels.count >= 2 else { return [] }
        let kind = { (n: xmlNodePtr) in facts.element(n).tag + " " + facts.cueClasses(n) }
        let first = kind(panels[0])
        guard panels.allSatisfy({ kind($0) == first }) else { return [] }
        var found: [xmlNodePtr] = []
        for panel in panels {
            guard let cell = nextElement(after: panel), letters(cell) >= 25 else { continue }
            found.append(post(in: cell, facts: facts, letters: letters) ?? cell)
        }
        return found.count >= 2 ? found : []
    }

    /// What to leave out inside a post found so: blocks of the post's own kind after it inside
    /// its cell are signatures (left out by `messages`, which returns the post block), and a
    /// quotation's attribution written as bold text.
    static func leftOut(in post: xmlNodePtr, facts: PageFacts, into skipped: inout NodeSet) {
        func visit(_ node: xmlNodePtr, depth: Int) {
            guard depth < 64 else { return }
            var child = node.pointee.children
            while let c = child {
                defer { child = c.pointee.next }
                guard c.pointee.type == XML_ELEMENT_NODE else { continue }
                if ["b", "strong", "font"].contains(facts.element(c).tag), isAttribution(MarkupTree.content(c)) {
                    skipped.insert(facts.index(c))
                    continue
                }
                visit(c, depth: depth + 1)
            }
        }
        visit(post, depth: 0)
        ForumPosts.signatureAfterRule(in: post, facts: facts, into: &skipped)
    }

    static func isAttribution(_ text: String) -> Bool {
        let t = text.split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercased()
        return t.count <= 80 && t.hasSuffix(":") && attributionOpenings.contains { t.hasPrefix($0) }
    }

    private static func isPanel(_ node: xmlNodePtr) -> Bool {
        let text = MarkupTree.content(node).lowercased()
        return labels.reduce(0) { $0 + (text.contains($1) ? 1 : 0) } >= 2
    }

    private static func hasPanelChild(_ node: xmlNodePtr, facts: PageFacts, letters: (xmlNodePtr) -> Int) -> Bool {
        var child = node.pointee.children
        while let c = child {
            defer { child = c.pointee.next }
            if c.pointee.type == XML_ELEMENT_NODE, letters(c) >= 20, ["td", "div", "dl"].contains(facts.element(c).tag), isPanel(c) { return true }
        }
        return false
    }

    private static func nextElement(after node: xmlNodePtr) -> xmlNodePtr? {
        var next = node.pointee.next
        while let n = next {
            if n.pointee.type == XML_ELEMENT_NODE { return n }
            next = n.pointee.next
        }
        return nil
    }

    /// The post inside its cell: the first child block that says a sentence's worth (25 letters
    /// or more) and is not a date line — the post's header (`Gửi lúc: 21:35 - 25/08/2008`) is.
    private static func post(in cell: xmlNodePtr, facts: PageFacts, letters: (xmlNodePtr) -> Int) -> xmlNodePtr? {
        var child = cell.pointee.children
        while let c = child {
            defer { child = c.pointee.next }
            guard c.pointee.type == XML_ELEMENT_NODE, !facts.element(c).kinds.contains(.invisible), letters(c) >= 25 else { continue }
            let text = MarkupTree.content(c)
            if text.utf8.count <= 100, text.withCString({ DateLine.matches(UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self)) }) { continue }
            return c
        }
        return nil
    }
}
