import CLibXML2

/// A forum thread's messages, found by the markup forum software writes around them: phpBB's
/// `postbody` (in phpBB 3 its `content`), vBulletin's `post_message_…` and `postcontent`,
/// XenForo's `messageText` and `bbWrapper`. On a thread's page the messages are its text; what
/// the software sets around each — the poster's panel (rank, join date, post count), the
/// post's header line, the signature, a quotation's "X wrote:" — is not, and a reading by
/// prose density keeps it, since it lies between the messages.
enum ForumPosts {
    /// What an element is to forum software, by its class and id.
    enum Part: UInt8 {
        /// `attribution`: the line that says whose words a quotation are (`X đã viết:`).
        case none, message, signature, attribution
    }

    /// Class and id words of messages and of signatures (`PageFacts` looks for them).
    static let messageWords = ["postbody", "post_message", "postmessage", "postcontent", "messagetext", "bbwrapper", "post_body", "postmsg",
                               "js-post__content-text", "cooked"]
    static let signatureWords = ["signature"]

    /// SMF's message id, `msg_` and the post's number alone (`msg_41502`; not its
    /// `msg_41502_extra_info` or `msg_41502_signature`).
    static func isMessageID(_ id: String) -> Bool {
        let digits = id.utf8.dropFirst(4)
        return id.utf8.starts(with: "msg_".utf8) && !digits.isEmpty && digits.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
    /// Class words of a quotation's furniture: its attribution line (Invision Power Board's `citation`, XenForo's
    /// `attribution`, vBulletin 4's `bbcode_postedby`, the quote headers of other boards) and XenForo's
    /// `quoteExpand` ("Nhấp để mở rộng...", click to expand).
    static let attributionWords = ["citation", "attribution", "postedby", "quotetitle", "quote-title", "quoteheader", "quote_header", "quote-header",
                                   "quoteexpand"]

    /// The messages under `root` in document order, none inside another, when there are two or
    /// more (one is an article's body that a blog engine classes so). Elements in `skipped`
    /// (furniture) are not looked into.
    static func messages(in root: xmlNodePtr, facts: PageFacts, skipped: NodeSet) -> [xmlNodePtr] {
        var found: [xmlNodePtr] = []
        func visit(_ node: xmlNodePtr, depth: Int) {
            guard depth < 256 else { return }
            var child = node.pointee.children
            while let c = child {
                defer { child = c.pointee.next }
                guard c.pointee.type == XML_ELEMENT_NODE, !skipped.contains(facts.index(c)) else { continue }
                let element = facts.element(c)
                if element.kinds.contains(.invisible) || element.forum == .signature { continue }
                if element.forum == .message {
                    // phpBB 2 writes the signature as a message of its own, opened by a rule of
                    // underscores, and XenForo in a `messageText` right after the post's (the
                    // post's own block, or the block holding it, just before); boards set a
                    // sponsor's advertisement among the posts as one.
                    let message = content(of: c, facts: facts)
                    if !opensWithRule(c) && !followsMessage(c, facts: facts) && !isAdvertisement(message, facts: facts) { found.append(message) }
                    continue
                }
                visit(c, depth: depth + 1)
            }
        }
        visit(root, depth: 0)
        return found.count >= 2 ? found : []
    }

    /// phpBB 3's `postbody` holds the post's title, author line and signature around its
    /// `content`, Invision Power Board's `post_body` its "Đã gửi" date line around its
    /// `entry-content` (`itemprop="commentText"`): the message is that.
    /// vBulletin 4 sets it two levels down (`postbody` › `postrow` › `content`), after the
    /// post's title.
    private static func content(of message: xmlNodePtr, facts: PageFacts) -> xmlNodePtr {
        func find(_ node: xmlNodePtr, depth: Int) -> xmlNodePtr? {
            var child = node.pointee.children
            while let c = child {
                defer { child = c.pointee.next }
                guard c.pointee.type == XML_ELEMENT_NODE else { continue }
                if facts.cueClasses(c).split(separator: " ").contains(where: { $0 == "content" || $0 == "entry-content" })
                    || MarkupTree.attribute(c, "itemprop") == "commentText" { return c }
            }
            guard depth < 2 else { return nil }
            child = node.pointee.children
            while let c = child {
                defer { child = c.pointee.next }
                if c.pointee.type == XML_ELEMENT_NODE, facts.element(c).tag == "div", let found = find(c, depth: depth + 1) { return found }
            }
            return nil
        }
        return find(message, depth: 0) ?? message
    }

    /// What to leave out inside a message: signatures, and the attribution of a quotation
    /// (`<cite>X đã viết:</cite>`) — the quoted words stay, as the reply reads with them.
    static func leftOut(in message: xmlNodePtr, facts: PageFacts, into skipped: inout NodeSet) {
        func visit(_ node: xmlNodePtr, depth: Int, inQuote: Bool) {
            guard depth < 256 else { return }
            var child = node.pointee.children
            while let c = child {
                defer { child = c.pointee.next }
                guard c.pointee.type == XML_ELEMENT_NODE else { continue }
                let element = facts.element(c)
                if element.forum == .signature || element.forum == .attribution || (inQuote && element.tag == "cite")
                    || (element.forum == .message && opensWithRule(c)) {
                    skipped.insert(facts.index(c))
                    continue
                }
                visit(c, depth: depth + 1, inQuote: inQuote || element.tag == "blockquote")
            }
        }
        visit(message, depth: 0, inQuote: false)
        signatureAfterRule(in: message, facts: facts, into: &skipped)
    }

    /// Whether the element just before a message is a message or holds one: the message is
    /// then the poster's signature, set after the post in the post's own markup.
    static func followsMessage(_ node: xmlNodePtr, facts: PageFacts) -> Bool {
        var previous = node.pointee.prev
        while let p = previous, p.pointee.type != XML_ELEMENT_NODE { previous = p.pointee.prev }
        guard let p = previous else { return false }
        return facts.element(p).forum == .message || holdsMessage(p, facts: facts, levels: 7)
    }

    /// Whether a message lies under an element, at most `levels` levels down.
    static func holdsMessage(_ node: xmlNodePtr, facts: PageFacts, levels: Int) -> Bool {
        guard levels > 0 else { return false }
        var child = node.pointee.children
        while let c = child {
            defer { child = c.pointee.next }
            guard c.pointee.type == XML_ELEMENT_NODE else { continue }
            if facts.element(c).forum == .message || holdsMessage(c, facts: facts, levels: levels - 1) { return true }
        }
        return false
    }

    /// A message that opens with a link set in bold to an address of its own (`<a
    /// href="http://…"><b>Sponsor</b></a> – the offer`) and says little more: an advertisement
    /// set among the posts, as boards do after the first post. A reply that opens with a link
    /// opens with its bare address, or with a link that is not a heading.
    static func isAdvertisement(_ message: xmlNodePtr, facts: PageFacts) -> Bool {
        guard let (link, letters) = firstLink(message, facts: facts, depth: 0), letters < 400,
              let href = MarkupTree.attribute(link, "href"), href.hasPrefix("http://") || href.hasPrefix("https://") else { return false }
        var bold = false
        var child = link.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE, ["b", "strong"].contains(facts.element(c).tag) { bold = true }
            child = c.pointee.next
        }
        return bold || link.pointee.parent.map { ["b", "strong"].contains(MarkupTree.name($0)) } == true
    }

    /// The link that holds an element's first words, if its first words are in one, and the
    /// element's letters (at most 400 are counted).
    private static func firstLink(_ node: xmlNodePtr, facts: PageFacts, depth: Int) -> (xmlNodePtr, Int)? {
        var link: xmlNodePtr?
        var seenText = false
        var letters = 0
        func visit(_ n: xmlNodePtr, inLink: xmlNodePtr?, depth: Int) {
            guard depth < 32, letters < 400 else { return }
            var child = n.pointee.children
            while let c = child {
                defer { child = c.pointee.next }
                if c.pointee.type == XML_TEXT_NODE {
                    let counts = PageFacts.count(c.pointee.content)
                    if counts.letters > 0 && !seenText { seenText = true; link = inLink }
                    letters += counts.letters
                } else if c.pointee.type == XML_ELEMENT_NODE, !facts.element(c).kinds.contains(.invisible) {
                    visit(c, inLink: inLink ?? (facts.element(c).tag == "a" ? c : nil), depth: depth + 1)
                }
            }
        }
        visit(node, inLink: nil, depth: depth)
        return link.map { ($0, letters) }
    }

    /// A signature written after a rule inside the post's own block (`-----------<br><font>…`):
    /// the elements after a text that is only a rule of eight dashes, underscores or equals
    /// signs or more, to the block's end.
    static func signatureAfterRule(in message: xmlNodePtr, facts: PageFacts, into skipped: inout NodeSet) {
        func isRule(_ text: UnsafePointer<xmlChar>) -> Bool {
            var marks = 0
            var p = text
            while p.pointee != 0 {
                let b = p.pointee
                if b == UInt8(ascii: "-") || b == UInt8(ascii: "_") || b == UInt8(ascii: "=") { marks += 1 }
                else if b != 0x20 && b != 0x0A && b != 0x0D && b != 0x09 { return false }
                p += 1
            }
            return marks >= 8
        }
        func visit(_ node: xmlNodePtr, depth: Int) {
            guard depth < 32 else { return }
            var afterRule = false
            var child = node.pointee.children
            while let c = child {
                defer { child = c.pointee.next }
                if c.pointee.type == XML_TEXT_NODE, let content = c.pointee.content, isRule(content) { afterRule = true }
                guard c.pointee.type == XML_ELEMENT_NODE else { continue }
                if afterRule { skipped.insert(facts.index(c)) } else { visit(c, depth: depth + 1) }
            }
        }
        visit(message, depth: 0)
    }

    /// Whether an element's first text is a rule of eight underscores or more (`________`),
    /// which forum software sets above a signature.
    static func opensWithRule(_ node: xmlNodePtr) -> Bool {
        guard let text = firstText(node, depth: 0) else { return false }
        var underscores = 0
        for b in text.utf8 {
            if b == UInt8(ascii: "_") { underscores += 1 } else if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { continue } else { break }
        }
        return underscores >= 8
    }

    private static func firstText(_ node: xmlNodePtr, depth: Int) -> String? {
        guard depth < 32 else { return nil }
        var child = node.pointee.children
        while let c = child {
            defer { child = c.pointee.next }
            if c.pointee.type == XML_TEXT_NODE, let content = c.pointee.content {
                let text = String(cString: content)
                if text.contains(where: { !$0.isWhitespace }) { return text }
            } else if c.pointee.type == XML_ELEMENT_NODE, let text = firstText(c, depth: depth + 1) {
                return text
            }
        }
        return nil
    }
}
