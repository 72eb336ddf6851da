import CLibXML2

/// What the extraction asks of each node of one parsed page on every reading of it — an
/// element's tag, class and id cues and whether markup hides it; a text node's letters and
/// commas — found on first asking and kept in tables that the node's `_private` slot (which
/// libxml2 leaves to applications) indexes. A page may be read five times (with
/// `<noscript>`, without cues, whole, with hidden content revealed, for the source map):
/// none of the later readings fetches an attribute again or hashes a node's address.
///
/// One instance per parsed tree; it marks that tree's nodes, so it must not be shared
/// with another reader of the same tree.
final class PageFacts {
    struct Element {
        /// The tag name, lower-cased.
        var tag: String
        /// The sets of tags the extraction and the text layout treat alike that it is in.
        var kinds: Kinds
        /// A class name says "caption".
        var captionClass: Bool
        var ariaHidden: Bool
        /// The `hidden` attribute.
        var hiddenAttribute: Bool
        /// Hidden by its inline style.
        var styleHidden: Bool
        /// A dialog by its role or `aria-modal` (a `<dialog>` is one by its tag): terms, cookie
        /// notices, sign-up forms, shown over the page, never its content.
        var modal: Bool
        /// What forum software marks the element as (`ForumPosts`), by its class or id.
        var forum: ForumPosts.Part
        /// How the element marks itself as a title (`Headline`): microdata's `headline`, or a
        /// class or id that says title.
        var title: Headline.Mark
    }

    struct Kinds: OptionSet {
        let rawValue: UInt8
        /// Never text for the extraction (`ArticleExtractor.alwaysSkipped`).
        static let invisible = Kinds(rawValue: 1 << 0)
        /// A block for the extraction's counts (`ArticleExtractor.blockTags`).
        static let block = Kinds(rawValue: 1 << 1)
        /// Furniture by its tag (`ArticleExtractor.furnitureTags`).
        static let furniture = Kinds(rawValue: 1 << 2)
        /// Left out of the text (`TextCollector.skipped`).
        static let unread = Kinds(rawValue: 1 << 3)
        /// Starts a paragraph of the text (`TextCollector.blocks`).
        static let paragraph = Kinds(rawValue: 1 << 4)

        init(rawValue: UInt8) { self.rawValue = rawValue }

        init(tag: String) {
            var k: Kinds = []
            if ArticleExtractor.alwaysSkipped.contains(tag) { k.insert(.invisible) }
            if ArticleExtractor.blockTags.contains(tag) { k.insert(.block) }
            if ArticleExtractor.furnitureTags.contains(tag) { k.insert(.furniture) }
            if TextCollector.skipped.contains(tag) { k.insert(.unread) }
            if TextCollector.blocks.contains(tag) { k.insert(.paragraph) }
            self = k
        }
    }

    struct TextCounts {
        var letters: Int
        var commas: Int
        /// Runs of letters between white space: a headline has several, a user name one.
        var words = 0
        /// The text holds a word of letters, not only figures and marks (a date, `#1`, `»`).
        var wordy = false
    }

    private var elements: [Element] = []
    /// Each element's cues, found when first asked for (most elements never are), and the
    /// class names that are cues, kept from reading the element.
    private var elementCues: [ArticleExtractor.Cues?] = []
    private var cueClasses: [String] = []
    private var texts: [TextCounts] = []
    /// Pages repeat a few class strings on hundreds of elements: each is searched once.
    private var cuesByText: [String: ArticleExtractor.Cues] = [:]

    func element(_ node: xmlNodePtr) -> Element {
        if let p = node.pointee._private { return elements[Int(bitPattern: p) - 1] }
        let (e, classes) = read(node)
        elements.append(e)
        elementCues.append(nil)
        cueClasses.append(classes)
        node.pointee._private = UnsafeMutableRawPointer(bitPattern: elements.count)
        return e
    }

    /// How many of the elements read so far forum software marks as messages (`ForumPosts`):
    /// two or more, and the page may be a thread.
    var forumMessageElements: Int { elements.reduce(0) { $0 + ($1.forum == .message ? 1 : 0) } }

    /// What an element's class, id, role and itemprop say.
    func cues(_ node: xmlNodePtr) -> ArticleExtractor.Cues {
        let index = index(node)
        if let known = elementCues[index] { return known }
        let text = ArticleExtractor.cues(node, classNames: cueClasses[index])
        let cues: ArticleExtractor.Cues
        if let known = cuesByText[text] { cues = known } else { cues = ArticleExtractor.Cues(text); cuesByText[text] = cues }
        elementCues[index] = cues
        return cues
    }

    /// The element's class names that are cues (utility classes left out).
    func cueClasses(_ node: xmlNodePtr) -> String { cueClasses[index(node)] }

    /// The element's number on this page, from 0: the index of tables by element.
    func index(_ node: xmlNodePtr) -> Int {
        if node.pointee._private == nil { _ = element(node) }
        return Int(bitPattern: node.pointee._private!) - 1
    }

    func text(_ node: xmlNodePtr) -> TextCounts {
        if let p = node.pointee._private { return texts[Int(bitPattern: p) - 1] }
        let t = Self.count(node.pointee.content)
        texts.append(t)
        node.pointee._private = UnsafeMutableRawPointer(bitPattern: texts.count)
        return t
    }

    private func read(_ node: xmlNodePtr) -> (Element, cueClasses: String) {
        // The attributes asked about, from one walk of the element's list; most elements
        // have none of them.
        var found: (class: xmlAttrPtr?, ariaHidden: xmlAttrPtr?, hidden: Bool, style: xmlAttrPtr?, role: xmlAttrPtr?, ariaModal: xmlAttrPtr?, id: xmlAttrPtr?,
                    itemprop: xmlAttrPtr?)
        found = (nil, nil, false, nil, nil, nil, nil, nil)
        var attribute = node.pointee.properties
        while let a = attribute {
            if let n = a.pointee.name {
                switch n.pointee {
                case UInt8(ascii: "c"): if found.class == nil && xmlStrEqual(n, "class") != 0 { found.class = a }
                case UInt8(ascii: "a"):
                    if found.ariaHidden == nil && xmlStrEqual(n, "aria-hidden") != 0 { found.ariaHidden = a }
                    else if found.ariaModal == nil && xmlStrEqual(n, "aria-modal") != 0 { found.ariaModal = a }
                case UInt8(ascii: "r"): if found.role == nil && xmlStrEqual(n, "role") != 0 { found.role = a }
                case UInt8(ascii: "h"): if xmlStrEqual(n, "hidden") != 0 { found.hidden = true }
                case UInt8(ascii: "i"):
                    if found.id == nil && xmlStrEqual(n, "id") != 0 { found.id = a }
                    else if found.itemprop == nil && xmlStrEqual(n, "itemprop") != 0 { found.itemprop = a }
                case UInt8(ascii: "s"): if found.style == nil && xmlStrEqual(n, "style") != 0 { found.style = a }
                default: break
                }
            }
            attribute = a.pointee.next
        }
        let classes = ArticleExtractor.cueClassNames(found.class.map(MarkupTree.value))
        let (tag, kinds) = tagAndKinds(node)
        let role = found.role.map(MarkupTree.value)
        let id = found.id.map(MarkupTree.value)
        // The words looked for in class names (and ids), in one pass over each.
        var words = found.class == nil ? 0 : Self.classWords.tags(in: classes)
        if let id {
            words |= Self.classWords.tags(in: id) & (Self.forumMessage | Self.forumSignature | Self.quoteAttribution | Self.title)
            if ForumPosts.isMessageID(id) { words |= Self.forumMessage }
        }
        // A folded panel (an accordion's answer, a tab) is hidden until a click: it is content.
        let folded = role == "tabpanel" || (found.class != nil && words & Self.panel != 0)
        let element = Element(
            tag: tag, kinds: kinds,
            captionClass: found.class != nil && words & Self.caption != 0,
            ariaHidden: !folded && found.ariaHidden.map(MarkupTree.value) == "true",
            hiddenAttribute: !folded && found.hidden,
            styleHidden: !folded && (found.style.map { ArticleExtractor.isStyleHidden(MarkupTree.value($0)) } ?? false),
            modal: found.ariaModal.map(MarkupTree.value) == "true" || role == "dialog" || role == "alertdialog",
            forum: words & Self.forumSignature != 0 ? .signature : words & Self.quoteAttribution != 0 ? .attribution
                : words & Self.forumMessage != 0 ? .message : .none,
            title: found.itemprop.map({ MarkupTree.value($0).lowercased() == "headline" }) == true ? .headlineProperty
                : words & Self.title != 0 ? .titleClass : .none)
        return (element, classes)
    }

    /// Each distinct tag name's string and kinds are made once per page, not once per element.
    /// libxml2's HTML parser copies every element's name (it keeps them out of its dictionary),
    /// so names are told apart by their bytes: up to eight of them (nearly every tag) packed
    /// into one integer, longer ones as strings.
    private var tagsByShortName: [UInt64: (String, Kinds)] = [:]
    private var tagsByLongName: [String: (String, Kinds)] = [:]

    private func tagAndKinds(_ node: xmlNodePtr) -> (String, Kinds) {
        guard let name = node.pointee.name else { return ("", Kinds(tag: "")) }
        var packed: UInt64 = 0
        var k = 0
        while k < 8, name[k] != 0 {
            packed |= UInt64(name[k]) << UInt64(8 * k)
            k += 1
        }
        func made() -> (String, Kinds) {
            let tag = MarkupTree.name(node)
            return (tag, Kinds(tag: tag))
        }
        if name[k] == 0 {
            if let known = tagsByShortName[packed] { return known }
            let m = made()
            tagsByShortName[packed] = m
            return m
        }
        let raw = String(cString: name)
        if let known = tagsByLongName[raw] { return known }
        let m = made()
        tagsByLongName[raw] = m
        return m
    }

    /// The words looked for in every element's class names: the panel words of
    /// `ArticleExtractor.Cues` (whether an element is hidden is asked of every element, its
    /// full cues — id, role, itemprop fetched — only of the few the extraction weighs), and what
    /// marks captions, forum messages and signatures, and titles; forum and title words in ids too.
    static let classWords = WordMatcher([
        (ArticleExtractor.panels, panel), (["caption"], caption), (ForumPosts.messageWords, forumMessage),
        (ForumPosts.signatureWords, forumSignature), (Headline.titleWords, title), (ForumPosts.attributionWords, quoteAttribution),
    ])
    static let panel: UInt8 = 1, caption: UInt8 = 2, forumMessage: UInt8 = 4, forumSignature: UInt8 = 8, title: UInt8 = 16,
        quoteAttribution: UInt8 = 32

    /// Letters (code points that are not white space) and commas of a text node's UTF-8.
    static func count(_ content: UnsafePointer<xmlChar>?) -> TextCounts {
        guard let content else { return TextCounts(letters: 0, commas: 0) }
        let length = Int(xmlStrlen(content))
        let bytes = UnsafeBufferPointer(start: content, count: length)
        var counts = TextCounts(letters: 0, commas: 0)
        var inWord = false
        // Letters of the alphabet in a row: three make the text wordy. Any code point past
        // Latin-1's marks counts as one (Vietnamese, CJK), but not the general punctuation block.
        var run = 0
        var i = 0
        while i < length {
            let b = bytes[i]
            let space: Bool
            if b < 0x80 {
                if b == 0x2C { counts.commas += 1 }
                space = b == 0x20 || (b >= 0x09 && b <= 0x0D)
                let isLetter = (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A
                run = isLetter ? run + 1 : 0
                i += 1
            } else {
                let (s, n) = TextNormalizer.decode(bytes, i)
                space = s.isSpace
                if s == "،" || s == "，" || s == "、" { counts.commas += 1 }
                run = s.value >= 0xC0 && !(0x2000...0x206F).contains(s.value) && !space ? run + 1 : 0
                i += n
            }
            if run >= 3 { counts.wordy = true }
            if !space {
                counts.letters += 1
                if !inWord { counts.words += 1 }
            }
            inWord = !space
        }
        return counts
    }
}

/// A value for some of a page's elements, by their `PageFacts` number.
struct NodeTable<Value> {
    private var values: [Value?] = []

    subscript(i: Int) -> Value? {
        get { i < values.count ? values[i] : nil }
        set {
            if i >= values.count { values.append(contentsOf: repeatElement(nil, count: i - values.count + 1)) }
            values[i] = newValue
        }
    }

    subscript(i: Int, default value: Value) -> Value {
        get { self[i] ?? value }
        set { self[i] = newValue }
    }
}

/// Some of a page's elements, by their `PageFacts` number.
struct NodeSet {
    private var members: [Bool] = []
    private(set) var count = 0
    var isEmpty: Bool { count == 0 }

    func contains(_ i: Int) -> Bool { i < members.count && members[i] }

    mutating func insert(_ i: Int) {
        if i >= members.count { members.append(contentsOf: repeatElement(false, count: i - members.count + 1)) }
        if !members[i] { members[i] = true; count += 1 }
    }
}
