import Foundation
import CLibXML2

/// The author's name that closes a news article — `<p align="right"><b>Minh Khôi</b></p>`,
/// `<p class="sign">Đức Thịnh</p>`: the byline, not the article's text (the page's metadata
/// carries the author). A short line of a few words with no sentence's end, set apart by
/// weight, alignment or its class.
enum Byline {
    static let classWords = WordMatcher([(["author", "sign", "byline", "tacgia", "tac-gia", "tac_gia", "source"], 1)])

    /// The last block under `root` if it is a byline. `letters` gives an element's letters (the
    /// extractor has counted them): no text is made but the last line's.
    static func closing(_ root: xmlNodePtr, facts: PageFacts, skipped: NodeSet, letters: (xmlNodePtr) -> Int) -> xmlNodePtr? {
        guard let last = lastBlock(root, facts: facts, skipped: skipped, letters: letters, depth: 0), letters(last) <= 40 else { return nil }
        let text = MarkupTree.content(last).trimmingCharacters(in: .whitespacesAndNewlines)
        let words = text.split(whereSeparator: \.isWhitespace)
        guard !text.isEmpty, text.count <= 40, words.count <= 6, let end = text.last, !".!?…:;,\"”)".contains(end),
            words.allSatisfy({ $0.first?.isUppercase == true || $0.first?.isLetter == false })
        else { return nil }
        let setApart = classWords.tags(in: facts.cueClasses(last)) != 0 || isRightAligned(last) || isAllBold(last, text: text)
        return setApart ? last : nil
    }

    /// The last element child (not skipped, with text) of the deepest last block.
    private static func lastBlock(_ node: xmlNodePtr, facts: PageFacts, skipped: NodeSet, letters: (xmlNodePtr) -> Int, depth: Int) -> xmlNodePtr? {
        guard depth < 64 else { return nil }
        var child = node.pointee.last
        while let c = child {
            defer { child = c.pointee.prev }
            if c.pointee.type == XML_TEXT_NODE, facts.text(c).letters > 0 { return nil }
            guard c.pointee.type == XML_ELEMENT_NODE, !skipped.contains(facts.index(c)) else { continue }
            let element = facts.element(c)
            if element.kinds.contains(.invisible) || letters(c) == 0 { continue }
            guard element.kinds.contains(.block) else { return nil }
            return lastBlock(c, facts: facts, skipped: skipped, letters: letters, depth: depth + 1) ?? c
        }
        return nil
    }

    private static func isRightAligned(_ node: xmlNodePtr) -> Bool {
        if MarkupTree.attribute(node, "align")?.lowercased() == "right" { return true }
        guard let style = MarkupTree.attribute(node, "style")?.lowercased() else { return false }
        return style.filter { $0 != " " }.contains("text-align:right")
    }

    /// All of the line's text is in `<b>`/`<strong>`.
    private static func isAllBold(_ node: xmlNodePtr, text: String) -> Bool {
        var bold = ""
        func visit(_ n: xmlNodePtr, depth: Int) {
            guard depth < 32 else { return }
            var child = n.pointee.children
            while let c = child {
                defer { child = c.pointee.next }
                guard c.pointee.type == XML_ELEMENT_NODE else { continue }
                let name = MarkupTree.name(c)
                if name == "b" || name == "strong" { bold += MarkupTree.content(c) } else { visit(c, depth: depth + 1) }
            }
        }
        visit(node, depth: 0)
        return bold.trimmingCharacters(in: .whitespacesAndNewlines) == text
    }
}
