import CLibXML2

/// A forum thread written by software whose markup `ForumPosts` does not know (a home-made
/// board of the 2000s, `<td class="noidung">`) is still recognizable by what every board sets
/// beside each post: the poster's panel — rank, join date, post count, home town — in a cell
/// or box of its own. The post is the block beside the panel: its first block of prose (the
/// post's header line and a quotation's attribution left out), and a later block of the same
/// kind after it is the poster's signature.
enum PosterPanels {
    /// Labels of a poster's panel (matched in any ASCII case), by what they tell: when the
    /// poster joined, how much they posted, their rank, where they live. A panel tells two.
    /// The Vietnamese ones also as windows-1258 writes them — the tone mark a combining
    /// character after its vowel — since the page's text is read as decoded, before
    /// normalization.
    static let labels = WordMatcher([
        (["gia nhập", "gia nh\u{00E2}\u{0323}p", "tham gia", "join date", "joined:", "registered:"], 1),
        (["số bài", "s\u{00F4}\u{0301} ba\u{0300}i", "bài viết:", "ba\u{0300}i vi\u{00EA}\u{0301}t:", "bài gửi", "ba\u{0300}i g\u{01B0}\u{0309}i",
          "posts:"], 2),
        (["cấp bậc", "c\u{00E2}\u{0301}p b\u{00E2}\u{0323}c"], 4),
        (["quê quán", "qu\u{00EA} qua\u{0301}n", "đến từ", "Đến từ", "\u{0111}\u{00EA}\u{0301}n t\u{01B0}\u{0300}",
          "\u{0110}\u{00EA}\u{0301}n t\u{01B0}\u{0300}", "nơi ở", "n\u{01A1}i \u{01A1}\u{0309}", "location:"], 8),
    ])
    /// Openings of a quotation's attribution written as plain bold text (`Trích dẫn của X:`).
    static let attributionOpenings = ["trích dẫn", "nguyên văn", "quote", "originally posted"]

    /// The posts beside poster panels under `root`, in document order, when there are two or
    /// more panels of one kind (the same tag and class); `letters` gives an element's letters.
    /// One walk over the page's text nodes, with no string made (this runs on every page that
    /// no forum software's markup claims).
    static func messages(in root: xmlNodePtr, facts: PageFacts, skipped: NodeSet, letters: (xmlNodePtr) -> Int) -> [xmlNodePtr] {
        var panels: [xmlNodePtr] = []
        /// The labels' tags under `node`, and whether a panel lies under it.
        func visit(_ node: xmlNodePtr, depth: Int) -> (tags: UInt8, panel: Bool) {
            guard depth < 256 else { return (0, false) }
            var tags: UInt8 = 0
            var panelBelow = false
            var child = node.pointee.children
            while let c = child {
                defer { child = c.pointee.next }
                if c.pointee.type == XML_TEXT_NODE, let content = c.pointee.content {
                    tags |= labels.tags(in: UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content))))
                } else if c.pointee.type == XML_ELEMENT_NODE, !skipped.contains(facts.index(c)) {
                    let below = visit(c, depth: depth + 1)
                    tags |= below.tags
                    panelBelow = panelBelow || below.panel
                }
            }
            // The smallest element that reads as a panel: a cell or box of short lines.
            if !panelBelow, tags.nonzeroBitCount >= 2, ["td", "div", "dl"].contains(facts.element(node).tag), (20...400).contains(letters(node)) {
                panels.append(node)
                return (tags, true)
            }
            return (tags, panelBelow)
        }
        _ = visit(root, depth: 0)
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
