import CLibXML2
import Glibc

/// Finds the main text of an article page: the element whose paragraphs carry the most
/// prose — long text, commas, few links — weighed by class and id cues (`article`,
/// `content` for; `comment`, `related`, `share`, `sidebar` against), with its siblings
/// that carry prose too. Navigation, footers, asides, forms, bylines, share bars and link
/// lists are left out; in-body subheadings and lists stay.
struct ArticleExtractor {
    var keepCaptions = false
    var keepTables = true
    /// Read `<noscript>` as content — what a browser without scripts shows. Pages that
    /// render with scripts (forums such as Discourse) put their whole text there.
    var readNoscript = false
    /// Ignore class and id cues: for pages where every block of content is classed as what
    /// articles leave out (forum posts are `comment`s, product pages `promo`s).
    var ignoreCues = false
    /// The page says it is a discussion (schema.org `DiscussionForumPosting`, `QAPage`): its
    /// comments are its posts, the content, not what an article leaves out.
    var discussion = false
    /// Take the whole page less its furniture, not one block and its siblings: for pages whose
    /// content is many short sections (landing and service pages).
    var wholePage = false
    /// Read elements an inline style hides (`display: none`, `visibility: hidden`) as
    /// content — what the page shows once its scripts reveal it: shops defer the whole
    /// product description that way.
    var readStyleHidden = false
    /// The letters of the page's visible text, once `select` has measured it.
    private(set) var pageLetters = 0
    /// The article's headline (`Headline.find`): prose before it is not the article's.
    var headline: xmlNodePtr?
    /// The headline was found by its text alone, with no heading or title mark.
    var headlineByText = false
    /// The headline is the page's one `<h1>`, which no title matched (`Headline.Found.alone`).
    var headlineAlone = false
    /// A headline found by its text alone must begin in this first share of the page's
    /// letters: an article's headline tops it, while the site's name set in bold in the
    /// footer reads the same.
    static let textHeadlineShare = 0.6
    /// The letters of the captions left out after the headline: a photo story tells its story
    /// there, and says more in them than in its prose.
    private(set) var captionLetters = 0
    /// The page's metadata gives its publication date.
    var dated = false
    /// The page's own host (from its canonical URL), without `www.`: teasers point to the
    /// site's other articles, while a listicle's or a shop guide's items point elsewhere.
    var site: Substring?
    /// Whether the selection follows the page's headline: the page is an article, however short.
    private(set) var followsHeadline = false
    /// Whether the selection is a section page's top story (`featuredStory`).
    private(set) var featured = false
    /// Whether the selection is a forum thread's messages (`ForumPosts`).
    private(set) var forumMessages = false
    /// Whether forum software marked two messages or more on the page.
    private var threadPage = false
    /// Climb from the best block until the candidate holds this share of the page's prose.
    /// 0.4 measured best across both benchmarks (ScrapingHub articles and WCXB's mixed types).
    var climbShare = 0.4

    /// What to collect: the roots, in document order, and the nodes to skip under them.
    struct Selection {
        var roots: [xmlNodePtr]
        var skipped: NodeSet
        /// Elements where the text of their parent ends: what follows them among its children,
        /// text between tags too, is a listing written into the article's own block.
        var stops = NodeSet()
    }

    private struct Stats {
        var text = 0
        var links = 0
        var commas = 0
        var blockChildren = 0
        var words = 0
        /// Letters set in a heading or in bold (`<b>`, `<h3>`): a block all of it is a label.
        var headed = 0
        /// Links that read as a headline: 15 letters and three words or more (a user name, `»`
        /// or `Xem tiếp` is not one).
        var headlineLinks = 0
        /// Where the element's first words are (its first text of 15 letters or more: a label
        /// such as `Tin khác`, `Bài tiếp theo »` or a time is not): in a link (a teaser opens
        /// with the headline of the article it points to), in plain text, or nowhere yet.
        var lead = Lead.none
        /// A hash of the first words' text: teasers lead with distinct headlines, while a
        /// forum's posts all lead with the same `Trả lời kèm trích dẫn`.
        var leadText = 0
        /// The element's place in document order, and the place after its last descendant.
        var start = 0
        var end = 0
        /// The page's letters before the element, and up to its end (furniture included).
        var lettersBefore = 0
        var lettersAfter = 0
        /// Text of the element's own, outside its block children: old layouts write a body as
        /// text and `<br>`s straight into a `<div>` or `<td>` that also holds blocks.
        var own = Own()
    }

    private struct Own {
        var text = 0
        var links = 0
        var commas = 0
    }

    private enum Lead {
        case none, text, link
        /// A link set as a heading (`<h3><a>`, `<a><b>`): a story's headline, not an action.
        case headedLink
    }

    static let headingTags: Set<String> = ["h2", "h3", "h4", "h5", "h6", "b", "strong"]

    static let alwaysSkipped: Set<String> = ["script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "canvas",
                                             "select", "option", "button", "input", "textarea", "head", "map", "audio", "video", "dialog"]
    /// Page furniture by tag: left out unless it holds most of the page's text.
    static let furnitureTags: Set<String> = ["nav", "footer", "aside", "form", "menu", "header"]
    static let blockTags: Set<String> = ["p", "div", "section", "article", "main", "header", "footer", "nav", "aside", "h1", "h2",
                                         "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "table", "tr", "td", "th",
                                         "blockquote", "pre", "figure", "figcaption", "address", "form", "hr", "details", "center"]
    static let unlikely = ["disqus", "related", "share", "sharing", "social", "sidebar", "footer", "menu", "breadcrumb",
                           "banner", "advert", "-ad-", "ad-slot", "adslot", "sponsor", "promo", "newsletter", "subscribe", "cookie",
                           "popup", "modal", "pagination", "pager", "masthead", "navbar", "nav-", "recommend", "outbrain", "recent", "next-prev",
                           "prev-next", "read-more", "readmore", "more-stories", "popular", "teaser", "gallery", "slideshow", "carousel",
                           "credit", "author-bio", "about-author", "donate", "membership", "relacionad", "lien-quan", "lienquan",
                           "yarpp", "you-may", "also-like",
                           "taboola", "most-read", "mostread", "trending", "tags", "tag-list", "byline", "author-info", "dateline",
                           "print-only", "skip-link", "signup", "paywall", "rss", "toolbar", "caption-credit", "login",
                           "ad_unit", "ad-unit", "adunit"]
    /// Content folded away until a click: an accordion's answers, a tab's panel. Hidden by
    /// markup or by a `hidden` class, it is still the page's content.
    static let panels = ["accordion", "tabpanel", "tab-pane", "tab-panel", "tabs-panel", "tab-content", "collapse", "expandable", "disclosure"]
    static let likely = ["article", "content", "entry", "main", "post", "story", "body", "text", "prose", "detail", "page"]

    private var stats = NodeTable<Stats>()
    private var skipped = NodeSet()
    /// Teaser lists and listings: other articles' headlines with their summaries.
    private var listings = NodeSet()
    /// The listings' places in document order, and their text, as found.
    private var listingSpans: [Stats] = []
    /// Listings written in the body's own paragraphs (`Tin khác` teasers as `<p>`s): they sit
    /// inside the article's block, and say nothing of how much of it is links.
    private var paragraphListings: [Stats] = []
    /// Whether listings and prose before the headline are kept out of the scores.
    private var weighsStructure = true
    /// The headline's place, once measured.
    private var headlineSpan: Stats?
    private var nextOrder = 0
    private var lettersSoFar = 0
    /// The page's letters at the headline's start and end, once `measure` has passed it.
    private var headlineLetters: Range<Int>?
    /// Date lines (the element around each, and the page's letters at its start) in the
    /// order met, until `briefDistance` letters past the headline.
    private var dateLines: [(node: xmlNodePtr, at: Range<Int>)] = []
    /// How far after the headline's end (in the page's letters) a brief's text may begin: a
    /// date line, a byline, a share bar and a photo's caption lie between them.
    static let briefDistance = 600
    private var scores = NodeTable<Double>()
    /// The paragraph score held anywhere under each element, for narrowing the candidate.
    private var mass = NodeTable<Double>()

    /// What each node of the page is, found once for all the page's readings.
    let facts: PageFacts

    init(facts: PageFacts, keepCaptions: Bool = false, keepTables: Bool = true) {
        self.facts = facts
        self.keepCaptions = keepCaptions
        self.keepTables = keepTables
    }

    /// Elements are numbered by the page's facts; the tables above are indexed so.
    private func key(_ node: xmlNodePtr) -> Int { facts.index(node) }

    /// The element children of a node that are not left out, with their tag and counts.
    private func elementChildren(_ node: xmlNodePtr) -> [(node: xmlNodePtr, tag: String, stats: Stats)] {
        var result: [(xmlNodePtr, String, Stats)] = []
        var child = node.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE, !skipped.contains(key(c)) {
                result.append((c, facts.element(c).tag, stats[key(c)] ?? Stats()))
            }
            child = c.pointee.next
        }
        return result
    }

    static func cues(_ node: xmlNodePtr) -> String { cues(node, classNames: classNames(node)) }

    /// The cue text of an element whose cue class names are known.
    static func cues(_ node: xmlNodePtr, classNames: String) -> String {
        classNames + " " + (MarkupTree.attribute(node, "id") ?? "") + " "
            + (MarkupTree.attribute(node, "role") ?? "") + " " + (MarkupTree.attribute(node, "itemprop") ?? "")
    }

    /// The element's class names that say what it is. Utility-class frameworks (Tailwind)
    /// write styles as classes: `[&_figcaption]:mt-xs` styles the captions inside an article,
    /// `md:hidden` hides at one screen size; a name with a variant (`:`) or an arbitrary
    /// value (`[`) is styling, not a cue, and is left out.
    static func classNames(_ node: xmlNodePtr) -> String { cueClassNames(MarkupTree.attribute(node, "class")) }

    /// The class names of a `class` attribute that are cues (see `classNames`).
    static func cueClassNames(_ classes: String?) -> String {
        guard let classes else { return "" }
        // Bytes, not Foundation's string search (this runs for every element of every page).
        func isStyling(_ b: UInt8) -> Bool { b == UInt8(ascii: ":") || b == UInt8(ascii: "[") }
        guard classes.utf8.contains(where: isStyling) else { return classes }
        // The names between spaces that hold neither, joined by one space, in one pass.
        var source = classes
        return source.withUTF8 { b in
            String(unsafeUninitializedCapacity: b.count) { out in
                var n = 0
                var i = 0
                while i < b.count {
                    while i < b.count, b[i] == 0x20 { i += 1 }
                    let start = i
                    var styling = false
                    while i < b.count, b[i] != 0x20 { styling = styling || isStyling(b[i]); i += 1 }
                    guard i > start, !styling else { continue }
                    if n > 0 { out[n] = 0x20; n += 1 }
                    for k in start..<i { out[n] = b[k]; n += 1 }
                }
                return n
            }
        }
    }

    /// What an element's class, id, role and itemprop say (`PageFacts` finds it once per
    /// element, and once per distinct cue string on a page).
    struct Cues: OptionSet {
        let rawValue: UInt8
        static let likely = Cues(rawValue: 1 << 0)
        static let unlikely = Cues(rawValue: 1 << 1)
        static let strong = Cues(rawValue: 1 << 2)
        static let comment = Cues(rawValue: 1 << 3)
        /// No cue text at all.
        static let blank = Cues(rawValue: 1 << 4)
        /// `hidden` in a class or id: unlikely content, unless it is a folded panel.
        static let hidden = Cues(rawValue: 1 << 5)
        static let panel = Cues(rawValue: 1 << 6)

        /// The cues say boilerplate.
        var isUnlikely: Bool { contains(.unlikely) || (contains(.hidden) && !contains(.panel)) }

        init(rawValue: UInt8) { self.rawValue = rawValue }

        init(_ text: String) {
            var cues = Cues(rawValue: Self.matcher.tags(in: text))
            if text.utf8.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) { cues.insert(.blank) }
            self = cues
        }

        static let matcher = WordMatcher([
            (ArticleExtractor.likely, Cues.likely.rawValue), (ArticleExtractor.unlikely, Cues.unlikely.rawValue),
            (["articlebody", "article-body", "article__body", "entry-content", "post-content"], Cues.strong.rawValue),
            // Vietnamese sites name their reader comments `ykien` (ý kiến) and `binhluan` (bình luận).
            (["comment", "cmt", "ykien", "y-kien", "y_kien", "binhluan", "binh-luan", "binh_luan"], Cues.comment.rawValue),
            (["hidden"], Cues.hidden.rawValue), (ArticleExtractor.panels, Cues.panel.rawValue),
        ])
    }
    private func cues(of node: xmlNodePtr) -> Cues { facts.cues(node) }

    /// The cues say boilerplate on this page (comments are, unless the page is a discussion).
    func isUnlikely(_ cues: Cues) -> Bool { cues.isUnlikely || (cues.contains(.comment) && !discussion) }

    func classWeight(_ cues: Cues) -> Double {
        var w = 0.0
        if cues.contains(.likely) { w += 25 }
        if isUnlikely(cues) { w -= 25 }
        if cues.contains(.strong) { w += 50 }
        return w
    }

    mutating func select(root: xmlNodePtr) -> Selection {
        let total = measure(root, depth: 0)
        // `measure` records each child; the root's own counts are the total (the whole-page
        // reading prunes from the root and asks whether it is a listing).
        stats[key(root)] = total
        pageLetters = total.text
        // A blog's one `postBody` (around its `postContent`) is no thread: only where forum
        // software marked two messages or more, none inside another, are messages read as
        // such while furniture is marked (the count first: most pages have none).
        threadPage = facts.forumMessageElements >= 2 && !ForumPosts.messages(in: root, facts: facts, skipped: skipped).isEmpty
        markFurniture(root, pageText: max(1, total.text), depth: 0)
        if wholePage {
            pruneInside([root])
            return Selection(roots: [root], skipped: skipped)
        }
        // A forum thread: its messages, without what the software sets around them.
        let messages = ForumPosts.messages(in: root, facts: facts, skipped: skipped)
        if !messages.isEmpty {
            forumMessages = true
            for m in messages { ForumPosts.leftOut(in: m, facts: facts, into: &skipped) }
            if let first = messages.first, let title = repeatedTitle(opening: first) { skipped.insert(key(title)) }
            pruneInside(messages)
            return Selection(roots: messages, skipped: skipped)
        }
        // A board whose markup is its own: the posts beside the posters' panels.
        let posts = PosterPanels.messages(in: root, facts: facts, skipped: skipped) { stats[key($0)]?.text ?? 0 }
        if !posts.isEmpty {
            forumMessages = true
            for p in posts { PosterPanels.leftOut(in: p, facts: facts, into: &skipped) }
            pruneInside(posts)
            return Selection(roots: posts, skipped: skipped)
        }
        headlineSpan = headline.flatMap { skipped.contains(key($0)) ? nil : stats[key($0)] }
        if headlineByText, let h = headlineSpan, Double(h.lettersBefore) > Self.textHeadlineShare * Double(total.text) {
            headlineSpan = nil
            headlineLetters = nil
        }
        // Only a page that names its article in a headline is read as one (a section front's
        // heading is the section's name, and its listings are its content); a headline that
        // matched no title must have its date line beside it.
        let datedHeadline = datesHeadline()
        if headlineAlone && !datedHeadline {
            headlineSpan = nil
            headlineLetters = nil
        }
        weighsStructure = headlineSpan != nil && (dated || datedHeadline)
        if debugExtraction { for d in dateLines { StandardError.write("date seen at \(d.at) (headline \(headlineLetters.map { "\($0)" } ?? "-")): \(MarkupTree.content(d.node).prefix(60))\n") } }
        score(root, headline: headlineSpan, depth: 0)
        // A page with no prose of its own outside listings (a section front, an index) is its
        // listings: weigh them as prose.
        if debugExtraction { StandardError.write("first pass mass \(mass[key(root)] ?? 0) listings \(listings.count)\n") }
        if (mass[key(root)] ?? 0) < 2 {
            readWithoutStructure(root)
        }
        var best = bestCandidate(root)
        // A dated page whose headline is followed by a listing before any prose of its own (a
        // news index, an awards page) is that listing: read it as one.
        if weighsStructure, let h = headlineSpan, let b = best, let body = stats[key(b.node)],
            listingSpans.contains(where: { $0.start >= h.end && $0.end <= body.start && $0.text >= body.text })
        {
            if debugExtraction { StandardError.write("a listing opens the body: read without structure\n") }
            readWithoutStructure(root)
            best = bestCandidate(root)
        }
        guard var top = best else { return Selection(roots: [root], skipped: skipped) }
        // On pages whose prose is spread over many blocks (forum posts, product details,
        // listings), the best block holds little of it: climb to the ancestor that holds
        // most of it, as long as that ancestor is not mostly links — and, on an article whose
        // body was found below its headline, no higher than the block that holds the headline
        // too (above it lie the page's columns). A best block that holds the headline already,
        // or that holds little of the page's prose, is the article's header or standfirst: the
        // body lies beside it, further up.
        let pageMass = mass[key(root)] ?? 0
        if debugExtraction { StandardError.write("best: \(MarkupTree.name(top.node)) [\(Self.cues(top.node))] \(top.score) mass \(mass[key(top.node)] ?? 0) of \(pageMass): \(MarkupTree.content(top.node).prefix(80))\n") }
        let bounded = weighsStructure && !holdsHeadline(top.node, headlineSpan) && (mass[key(top.node)] ?? 0) >= 0.15 * pageMass
        while (mass[key(top.node)] ?? 0) < climbShare * pageMass, let parent = top.node.pointee.parent,
            parent.pointee.type == XML_ELEMENT_NODE, parent != root,
            !(bounded && holdsHeadline(top.node, headlineSpan))
        {
            let st = stats[key(parent)] ?? Stats()
            let density = st.text > 0 ? Double(st.links) / Double(st.text) : 1
            guard density < 0.35 else { break }
            top = (parent, max(top.score, scores[key(parent)] ?? 0))
        }
        if debugExtraction { StandardError.write("headline: \(headline.map(MarkupTree.content) ?? "-") at \(headlineSpan.map { "\($0.start)" } ?? "-"), listings \(listings.count), structure \(weighsStructure), mass \(mass[key(root)] ?? 0)\n") }
        if debugExtraction { StandardError.write("top: \(MarkupTree.name(top.node)) [\(Self.cues(top.node))] \(top.score) text=\(stats[key(top.node)]?.text ?? 0)\n") }
        if let story = topStory(around: top.node, root: root) { return story }
        var roots: [xmlNodePtr] = []
        // Siblings that carry prose belong to the article too.
        if let parent = top.node.pointee.parent, parent.pointee.type == XML_ELEMENT_NODE {
            let threshold = max(10, top.score * 0.2)
            var child = parent.pointee.children
            while let c = child {
                defer { child = c.pointee.next }
                guard c.pointee.type == XML_ELEMENT_NODE, !skipped.contains(key(c)) else { continue }
                if c == top.node { roots.append(c); continue }
                let st = stats[key(c)] ?? Stats()
                if listings.contains(key(c)) || isBefore(st, headlineSpan) || (weighsStructure && isTeaserOpening(c, st)) { continue }
                let density = st.text > 0 ? Double(st.links) / Double(st.text) : 1
                let s = (scores[key(c)] ?? 0) * (1 - density)
                let tag = facts.element(c).tag
                if s >= threshold && density < 0.25 { roots.append(c) }
                else if tag == "p" && st.text > 80 && density < 0.25 { roots.append(c) }
                else if tag == "p" && st.text > 0 && density == 0 && st.commas > 0 { roots.append(c) }
            }
        } else {
            roots = [top.node]
        }
        roots = withSplitParts(of: top.node, root: root, roots: roots)
        if let h = headlineSpan, let first = roots.first.flatMap({ stats[key($0)] }) {
            followsHeadline = weighsStructure && first.end > h.start && first.lettersBefore - h.lettersAfter <= Self.briefDistance
            // A brief's lead, set apart from its body, is half of what it says (a long article's
            // standfirst is left to the body's reading).
            let bodyText = roots.reduce(0) { $0 + (stats[key($1)]?.text ?? 0) }
            if followsHeadline, (200..<2_000).contains(bodyText), first.start >= h.end {
                roots = lead(after: h, before: first, in: root) + roots
            }
        }
        if debugExtraction { StandardError.write("follows headline \(followsHeadline), captions \(captionLetters)\n") }
        pruneInside(roots, headline: headlineSpan)
        // The first date line under the headline, in a block of its own, is the page's.
        if weighsStructure, let h = headlineLetters,
           let d = dateLines.first(where: { $0.at.lowerBound >= h.upperBound && $0.at.lowerBound - h.upperBound <= Self.briefDistance }),
           standsAlone(d) {
            skipped.insert(key(d.node))
        }
        if let last = roots.last { leaveOutClosingByline(of: last) }
        var stops = NodeSet()
        if weighsStructure { for r in roots { listingTails(in: r, depth: 0, into: &stops) } }
        return Selection(roots: roots, skipped: skipped, stops: stops)
    }

    /// A section's page that tells its top story in full above its other stories' teasers: the
    /// block a reading chose is the section's listing or the story's own body, and the story is
    /// the article. The section is looked for from that block up to three levels above it; the
    /// story must be the block, hold it or lie in it (not the next article's teaser beside a
    /// brief: `Bài tiếp theo`), and must not hold the page's headline (that article is read
    /// already). Its headline, its own date line and its closing byline are left out.
    private mutating func topStory(around chosen: xmlNodePtr, root: xmlNodePtr) -> Selection? {
        var section: xmlNodePtr? = chosen
        var found: (item: xmlNodePtr, title: xmlNodePtr?)?
        for _ in 0..<4 {
            guard let s = section, s.pointee.type == XML_ELEMENT_NODE else { break }
            if let f = featuredStory(s) {
                if encloses(f.item, chosen) || encloses(chosen, f.item), !holdsHeadline(f.item, headlineSpan) { found = f }
                break
            }
            section = s == root ? nil : s.pointee.parent
        }
        guard let story = found, stats[key(story.item)] != nil else { return nil }
        if debugExtraction { StandardError.write("featured story: \(MarkupTree.name(story.item)) [\(Self.cues(story.item))]\n") }
        featured = true
        if let title = story.title { skipped.insert(key(title)) }
        for d in dateLines where d.node != story.item && encloses(story.item, d.node) && standsAlone(d) { skipped.insert(key(d.node)) }
        pruneInside([story.item])
        leaveOutClosingByline(of: story.item)
        return Selection(roots: [story.item], skipped: skipped)
    }

    /// Whether a date line is a block of its own: its element says little more than the date.
    private func standsAlone(_ date: (node: xmlNodePtr, at: Range<Int>)) -> Bool {
        stats[key(date.node)].map { $0.text <= date.at.count + 5 } ?? false
    }

    /// The author's name that closes the selection's last block is its byline, not its text.
    private mutating func leaveOutClosingByline(of last: xmlNodePtr) {
        if let byline = Byline.closing(last, facts: facts, skipped: skipped, letters: { stats[key($0)]?.text ?? 0 }) {
            skipped.insert(key(byline))
        }
    }

    /// Whether `outer` is `inner` or holds it.
    private func encloses(_ outer: xmlNodePtr, _ inner: xmlNodePtr) -> Bool {
        guard let o = stats[key(outer)], let i = stats[key(inner)] else { return false }
        return Self.spans(o, i)
    }

    /// Whether the span of `outer` takes in the span of `inner`.
    private static func spans(_ outer: Stats, _ inner: Stats) -> Bool {
        outer.start <= inner.start && inner.end <= outer.end
    }

    /// The top story of a section's page, told in full above the teasers of the section's other
    /// stories (an old portal's `Tuyển sinh` page: the page's title and `<h1>` name the section,
    /// every story's headline is a link). Stories are the largest elements that hold one headline
    /// link and open with it; the top story is the one with the most prose — 250 letters or more
    /// outside links, twice any of the five to eight stories after it, which are teasers, with
    /// only bare headlines before it, and half or more of what `root` says outside the other
    /// stories. A listing of equals (a blog's index, a shop's shelf) has no such story. Returns
    /// the story and the element that holds its headline.
    private func featuredStory(_ root: xmlNodePtr) -> (item: xmlNodePtr, title: xmlNodePtr?)? {
        var stories: [(node: xmlNodePtr, prose: Int)] = []
        func visit(_ node: xmlNodePtr, depth: Int) {
            guard depth < 256 else { return }
            for (c, _, st) in elementChildren(node) where st.headlineLinks > 0 {
                if st.headlineLinks == 1 && (st.lead == .link || st.lead == .headedLink) {
                    stories.append((c, st.text - st.links))
                } else {
                    visit(c, depth: depth + 1)
                }
            }
        }
        visit(root, depth: 0)
        if debugExtraction { StandardError.write("stories: \(stories.map { "\(MarkupTree.name($0.node)) \($0.prose)" }) in \(stats[key(root)].map { "\($0.text) \($0.links)" } ?? "-")\n") }
        guard let top = stories.indices.max(by: { stories[$0].prose < stories[$1].prose }),
              stories[top].prose >= Self.featuredProse, case let after = stories[(top + 1)...].prefix(8), after.count >= 5,
              // Teasers are items of their own (`<li>`, a row, a box), not links in a line (a share bar).
              after.allSatisfy({ 2 * $0.prose <= stories[top].prose && facts.element($0.node).tag != "a" }),
              // It tops the section: only bare headlines (a slider of picks) may come first; a
              // long excerpt among a listing's excerpts is one of them.
              stories[..<top].allSatisfy({ $0.prose < Self.bareHeadlineProse }),
              let st = stats[key(root)]
        else { return nil }
        // The story tells most of what the block says outside the other stories: an article
        // whose body merely holds a paragraph opening with a link is no section's page.
        let others = stories.reduce(0) { $0 + $1.prose } - stories[top].prose
        guard 2 * stories[top].prose >= st.text - st.links - others else { return nil }
        // The headline: the first block down from the story that holds its link and little else.
        // In furniture already left out, it must be set as a headline (a post's `<header>`), not
        // be a breadcrumb's link.
        var node = stories[top].node
        for _ in 0..<16 {
            guard let (c, _, st) = elementChildren(node).first(where: { $0.stats.headlineLinks > 0 }) else { break }
            if st.text - st.links <= 5 { return (stories[top].node, c) }
            node = c
        }
        return stats[key(stories[top].node)]?.lead == .headedLink ? (stories[top].node, nil) : nil
    }

    /// The prose a top story tells outside links, at least (`featuredStory`): a brief's.
    static let featuredProse = 250
    /// Less prose than this beside a story's headline link is no summary: a bare headline.
    static let bareHeadlineProse = 80

    /// The thread's title, repeated in bold or as a heading at the opening of its first post:
    /// the headline's, not the post's words.
    private func repeatedTitle(opening message: xmlNodePtr) -> xmlNodePtr? {
        guard let h = headline, let title = stats[key(h)], title.text > 0 else { return nil }
        var node = message
        for _ in 0..<3 {
            var child = node.pointee.children
            while let c = child, c.pointee.type != XML_ELEMENT_NODE, facts.text(c).letters == 0 { child = c.pointee.next }
            guard let c = child, c.pointee.type == XML_ELEMENT_NODE, c != h, let st = stats[key(c)] else { return nil }
            if st.text == title.text, Self.headingTags.contains(facts.element(c).tag),
               MarkupTree.content(c).split(whereSeparator: \.isWhitespace) == MarkupTree.content(h).split(whereSeparator: \.isWhitespace) {
                return c
            }
            node = c
        }
        return nil
    }

    /// The listing tails in `node` or, where it has none, in the blocks and wrappers below it
    /// that hold text of their own (the brief's `div.fck` in a layout's cell, a `<font>` around it).
    private func listingTails(in node: xmlNodePtr, depth: Int, into stops: inout NodeSet) {
        if let cut = listingTail(in: node) { stops.insert(key(cut)); return }
        guard depth < 8 else { return }
        var child = node.pointee.children
        while let c = child {
            defer { child = c.pointee.next }
            if c.pointee.type == XML_ELEMENT_NODE, !skipped.contains(key(c)), (stats[key(c)]?.own.text ?? 0) >= 100 {
                listingTails(in: c, depth: depth + 1, into: &stops)
            }
        }
    }

    /// Where a listing begins that an old layout wrote as bare text into the article's own
    /// block, after the brief: a rule or a label in bold (`<hr><b>Các tin khác:</b>`), then
    /// three headline links or more, each with a summary's worth of text after it, to the
    /// block's end — the element that opens it, or nil.
    private func listingTail(in root: xmlNodePtr) -> xmlNodePtr? {
        guard let st = stats[key(root)], st.own.text >= 100 else { return nil }
        var before = 0
        var cut: xmlNodePtr?
        var headlines = 0, text = 0, links = 0
        var child = root.pointee.children
        while let c = child {
            defer { child = c.pointee.next }
            let letters: Int, linkLetters: Int, headlineLinks: Int
            if c.pointee.type == XML_ELEMENT_NODE {
                if skipped.contains(key(c)) { continue }
                let cs = stats[key(c)] ?? Stats()
                (letters, linkLetters, headlineLinks) = (cs.text, cs.links, cs.headlineLinks)
                let tag = facts.element(c).tag
                let block = facts.element(c).kinds.contains(.block)
                if cut == nil, before >= 100, tag == "hr" || (!block && cs.text > 0 && Self.isLabel(cs)) {
                    cut = c
                    continue
                }
                if cut == nil, block { before += letters; continue }
            } else if c.pointee.type == XML_TEXT_NODE {
                (letters, linkLetters, headlineLinks) = (facts.text(c).letters, 0, 0)
            } else {
                continue
            }
            if cut == nil { before += letters } else { headlines += headlineLinks; text += letters; links += linkLetters }
        }
        guard let cut, headlines >= 3, text - links <= 250 * headlines, links * 100 >= 15 * text else { return nil }
        return cut
    }

    /// The article's lead (its `sapo`, standfirst), when the page sets it apart from the body:
    /// prose between the headline and the body's first block — a paragraph-sized block or two
    /// of 80 to 1,000 letters, mostly not links, beginning within `briefDistance` of the
    /// headline. A date line, a byline, a share bar and a caption lie there too, but are
    /// short, links, or left out.
    private func lead(after headline: Stats, before body: Stats, in root: xmlNodePtr) -> [xmlNodePtr] {
        var found: [xmlNodePtr] = []
        func visit(_ node: xmlNodePtr, depth: Int) {
            guard depth < 256 else { return }
            var child = node.pointee.children
            while let c = child {
                defer { child = c.pointee.next }
                guard c.pointee.type == XML_ELEMENT_NODE, !skipped.contains(key(c)), let st = stats[key(c)] else { continue }
                // Only the stretch between the two is looked into.
                if st.end <= headline.end || st.start >= body.start { continue }
                guard st.start >= headline.end && st.end <= body.start else { visit(c, depth: depth + 1); continue }
                if listings.contains(key(c)) { continue }
                if st.blockChildren > 0 { visit(c, depth: depth + 1); continue }
                if st.text >= 80 && st.text <= 1_000 && st.links * 4 < st.text && st.lettersBefore - headline.lettersAfter <= Self.briefDistance && found.count < 2
                    && !isCaption(c)
                {
                    found.append(c)
                }
            }
        }
        visit(root, depth: 0)
        return found
    }

    /// Text set beside a picture — in the block that holds it, or a block of its own next to
    /// it — is the picture's caption, even unmarked.
    private func isCaption(_ node: xmlNodePtr) -> Bool {
        var ancestor: xmlNodePtr? = node
        for _ in 0..<2 {
            guard let a = ancestor, a.pointee.type == XML_ELEMENT_NODE else { break }
            if facts.element(a).tag == "figure" || hasChild(a, { $0 == "img" || $0 == "picture" || $0 == "figure" }) { return true }
            ancestor = a.pointee.parent
        }
        return false
    }

    /// Scores the page again as a page, not an article: no listings set apart, nothing before
    /// a headline left out.
    private mutating func readWithoutStructure(_ root: xmlNodePtr) {
        weighsStructure = false
        scores = NodeTable(); mass = NodeTable(); listings = NodeSet(); listingSpans = []; paragraphListings = []
        score(root, headline: nil, depth: 0)
    }

    /// The best candidate, with its score less the share of its text that is links.
    private func bestCandidate(_ root: xmlNodePtr) -> (node: xmlNodePtr, score: Double)? {
        var best: (node: xmlNodePtr, score: Double)?
        func visit(_ node: xmlNodePtr, depth: Int) {
            guard depth < 256, !skipped.contains(key(node)) else { return }
            // On an article page, a block whose first words link to another article (`Bài
            // tiếp theo »` and the next story's opening) is that article's teaser.
            if let s = scores[key(node)], let st = stats[key(node)], !(weighsStructure && isTeaserOpening(node, st)) {
                let density = st.text > 0 ? Double(st.links) / Double(st.text) : 1
                var final = s * (1 - density)
                // An article's body begins just below its headline; prose far below it is what
                // follows an article (comments, a forum's rules, the next story).
                if weighsStructure, let h = headlineSpan, st.lettersBefore - h.lettersAfter > Self.briefDistance { final *= 0.5 }
                if final > (best?.score ?? -Double.infinity) { best = (node, final) }
                if debugExtraction && final > 20 { StandardError.write("candidate \(MarkupTree.name(node)) [\(Self.cues(node).prefix(40))] \(final) mass \(mass[key(node)] ?? 0) text \(st.text)\n") }
            }
            var child = node.pointee.children
            while let c = child {
                if c.pointee.type == XML_ELEMENT_NODE { visit(c, depth: depth + 1) }
                child = c.pointee.next
            }
        }
        visit(root, depth: 0)
        return best
    }

    /// The roots and, in document order around them, blocks of the chosen block's own kind
    /// elsewhere on the page — the same tag and class names, carrying prose: an article body
    /// that the page splits around figures and advertisements into several `post__content`
    /// blocks that are not siblings.
    private func withSplitParts(of top: xmlNodePtr, root: xmlNodePtr, roots: [xmlNodePtr]) -> [xmlNodePtr] {
        let classes = facts.cueClasses(top)
        guard !classes.isEmpty else { return roots }
        let tag = facts.element(top).tag
        var taken = NodeSet()
        for r in roots { taken.insert(key(r)) }
        // A block of the same kind around the chosen one holds it already.
        var around = NodeSet()
        for r in roots {
            var a = r.pointee.parent
            while let p = a, p.pointee.type == XML_ELEMENT_NODE { around.insert(key(p)); a = p.pointee.parent }
        }
        // Pages also repeat the article (a copy for another layout, a "what others are reading"
        // rail that embeds it): a part must be mostly new text.
        // The words of what is taken, the roots' read on first need.
        var takenWords = WordBag()
        var tookRoots = false
        var parts: [xmlNodePtr] = []
        func visit(_ node: xmlNodePtr, depth: Int) {
            guard depth < 256 else { return }
            var child = node.pointee.children
            while let c = child {
                defer { child = c.pointee.next }
                guard c.pointee.type == XML_ELEMENT_NODE, !skipped.contains(key(c)), !taken.contains(key(c)) else { continue }
                if !around.contains(key(c)) && facts.element(c).tag == tag && facts.cueClasses(c) == classes {
                    let st = stats[key(c)] ?? Stats()
                    let density = st.text > 0 ? Double(st.links) / Double(st.text) : 1
                    if st.text >= 200 && density < 0.25 && st.commas > 0 {
                        if !tookRoots {
                            for r in roots { takenWords.add(WordBag.words(MarkupTree.content(r))) }
                            tookRoots = true
                        }
                        let words = WordBag.words(MarkupTree.content(c))
                        if takenWords.recall(of: words) < 0.8 {
                            parts.append(c)
                            taken.insert(key(c))
                            takenWords.add(words)
                        }
                        continue
                    }
                }
                visit(c, depth: depth + 1)
            }
        }
        visit(root, depth: 0)
        guard !parts.isEmpty else { return roots }
        // All of them in document order: one more walk, down to each.
        var ordered: [xmlNodePtr] = []
        func order(_ node: xmlNodePtr, depth: Int) {
            guard depth < 256 else { return }
            var child = node.pointee.children
            while let c = child {
                defer { child = c.pointee.next }
                guard c.pointee.type == XML_ELEMENT_NODE else { continue }
                if taken.contains(key(c)) { ordered.append(c) } else { order(c, depth: depth + 1) }
            }
        }
        order(root, depth: 0)
        return ordered
    }

    /// Text, link text and comma counts of every element; boilerplate marked as skipped.
    private mutating func measure(_ node: xmlNodePtr, depth: Int, inLink: Bool = false, inHeading: Bool = false) -> Stats {
        var total = Stats()
        total.start = nextOrder
        total.lettersBefore = lettersSoFar
        nextOrder += 1
        total.end = nextOrder
        total.lettersAfter = lettersSoFar
        guard depth < 256 else { return total }
        var child = node.pointee.children
        while let c = child {
            defer { child = c.pointee.next }
            switch c.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                let counts = facts.text(c)
                total.text += counts.letters
                total.commas += counts.commas
                total.words += counts.words
                total.own.text += counts.letters
                total.own.commas += counts.commas
                if inHeading { total.headed += counts.letters }
                if counts.letters >= 6, headlineLetters.map({ lettersSoFar - $0.upperBound <= Self.briefDistance }) ?? true,
                    let content = c.pointee.content, DateLine.matches(content) {
                    dateLines.append((node, lettersSoFar..<lettersSoFar + counts.letters))
                }
                lettersSoFar += counts.letters
                if total.lead == .none && counts.wordy && counts.letters >= 15, let content = c.pointee.content {
                    total.lead = inLink ? (inHeading ? .headedLink : .link) : .text
                    total.leadText = Self.hash(content)
                }
            case XML_ELEMENT_NODE:
                let element = facts.element(c)
                let tag = element.tag
                if isInvisible(c, tag: tag) {
                    skipped.insert(key(c))
                    if headlineLetters != nil && !keepCaptions && (tag == "figcaption" || element.captionClass) { captionLetters += letters(c, depth: 0) }
                    continue
                }
                let before = lettersSoFar
                var st = measure(c, depth: depth + 1, inLink: inLink || tag == "a", inHeading: inHeading || Self.headingTags.contains(tag))
                if c == headline { headlineLetters = before..<lettersSoFar }
                if tag == "a" {
                    st.links = st.text
                    if st.text >= 15 && st.words >= 3 && Self.isLink(c) { st.headlineLinks = max(1, st.headlineLinks) }
                }
                stats[key(c)] = st
                total.text += st.text
                total.links += st.links
                total.commas += st.commas
                total.words += st.words
                total.headlineLinks += st.headlineLinks
                total.headed += st.headed
                if total.lead == .none { total.lead = st.lead; total.leadText = st.leadText }
                if element.kinds.contains(.block) {
                    total.blockChildren += 1
                } else {
                    total.own.text += st.text
                    total.own.links += st.links
                    total.own.commas += st.commas
                }
            default: break
            }
        }
        total.end = nextOrder
        total.lettersAfter = lettersSoFar
        return total
    }

    /// The letters of the text under an element.
    private func letters(_ node: xmlNodePtr, depth: Int) -> Int {
        guard depth < 64 else { return 0 }
        var total = 0
        var child = node.pointee.children
        while let c = child {
            defer { child = c.pointee.next }
            if c.pointee.type == XML_TEXT_NODE { total += facts.text(c).letters }
            else if c.pointee.type == XML_ELEMENT_NODE { total += letters(c, depth: depth + 1) }
        }
        return total
    }

    /// Never text: scripts, styles, controls, hidden elements, dialogs.
    private func isInvisible(_ node: xmlNodePtr, tag: String) -> Bool {
        let element = facts.element(node)
        if element.kinds.contains(.invisible) {
            return !(readNoscript && tag == "noscript") && !(tag == "button" && MarkupTree.swallowsContent(node))
        }
        if !keepCaptions && (tag == "figcaption" || element.captionClass) { return true }
        if element.ariaHidden { return true }
        if element.modal { return true }
        if !readStyleHidden, element.styleHidden { return true }
        return false
    }

    /// Whether an inline style hides its element.
    static func isStyleHidden(_ style: String) -> Bool {
        hiddenStyleMatcher.tags(in: String(decoding: style.utf8.filter { $0 != 0x20 }, as: UTF8.self)) != 0
    }

    static let hiddenStyleMatcher = WordMatcher([(["display:none", "visibility:hidden"], 1)])

    /// A `<header>` inside `<main>` or a `<section>` heads that part of the content (its
    /// title, its lead); only the page's own header — the banner — is furniture (HTML's
    /// rule for the banner role, less `<article>`, whose header holds the byline).
    static func isSectionHeader(_ node: xmlNodePtr) -> Bool {
        var ancestor = node.pointee.parent
        var depth = 0
        while let a = ancestor, a.pointee.type == XML_ELEMENT_NODE, depth < 256 {
            let name = MarkupTree.name(a)
            if name == "main" || name == "section" { return true }
            ancestor = a.pointee.parent
            depth += 1
        }
        return false
    }

    /// Page furniture by tag or by class and id cues.
    private mutating func isFurniture(_ node: xmlNodePtr, tag: String, inMessage: Bool) -> Bool {
        // On a thread, XenForo wraps the messages in a moderation `<form>` (the thread, then)
        // and sets a quotation inside a message in an `<aside>` (the post's).
        if facts.element(node).kinds.contains(.furniture) && !(tag == "header" && Self.isSectionHeader(node))
            && !(tag == "form" && threadPage && ForumPosts.holdsMessage(node, facts: facts, levels: 12))
            && !(tag == "aside" && inMessage) { return true }
        // `hidden` content is usually furniture, but streaming renderers (Next.js) park the
        // whole page in a hidden element for scripts to move: the text-share rule decides.
        if facts.element(node).hiddenAttribute { return true }
        if tag == "body" || tag == "html" || tag == "article" || tag == "main" || ignoreCues { return false }
        let cues = cues(of: node)
        if cues.contains(.blank) { return false }
        // Inside a forum's message, a "comment" is the message's text (Invision Power Board
        // writes `itemprop="commentText"` on it).
        let bad = inMessage ? cues.isUnlikely : isUnlikely(cues)
        let good = cues.contains(.likely) && !cues.contains(.comment)
        return bad && !good
    }

    /// Leaves out furniture that holds less than 40 % of the page's text (a wrapper whose
    /// class happens to say "advertisement-pusher" around the whole page stays), and takes
    /// its text out of its ancestors' counts.
    private mutating func markFurniture(_ node: xmlNodePtr, pageText: Int, depth: Int, inMessage: Bool = false) {
        guard depth < 256 else { return }
        var child = node.pointee.children
        while let c = child {
            defer { child = c.pointee.next }
            guard c.pointee.type == XML_ELEMENT_NODE, !skipped.contains(key(c)) else { continue }
            let st = stats[key(c)] ?? Stats()
            let tag = facts.element(c).tag
            // A page footer is never the content, however much fine print it holds.
            if isFurniture(c, tag: tag, inMessage: inMessage) && (Double(st.text) < 0.4 * Double(pageText) || tag == "footer") {
                skipped.insert(key(c))
                if debugExtraction && st.text > 300 { StandardError.write("furniture \(MarkupTree.name(c)) [\(Self.cues(c))] \(st.text)\n") }
                var ancestor: xmlNodePtr? = node
                while let a = ancestor, a.pointee.type == XML_ELEMENT_NODE {
                    let k = key(a)
                    if var s = stats[k] {
                        s.text -= st.text; s.links -= st.links; s.commas -= st.commas
                        stats[k] = s
                    }
                    ancestor = a.pointee.parent
                }
                continue
            }
            markFurniture(c, pageText: pageText, depth: depth + 1, inMessage: inMessage || (threadPage && facts.element(c).forum == .message))
        }
    }

    static let paragraphTags: Set<String> = ["p", "pre", "blockquote", "td", "li", "dd", "figcaption"]

    /// Readability's scoring: each paragraph of 25 letters or more scores 1 + its commas +
    /// one per 100 letters (at most 3), for its parent fully, its grandparent by half and
    /// further ancestors less.
    private mutating func score(_ node: xmlNodePtr, headline: Stats?, depth: Int) {
        guard depth < 256 else { return }
        let children = elementChildren(node)
        var listedChildren: Set<Int> = []
        if weighsStructure, let teasers = Self.teaserChildren(children) {
            // A column that holds the article's headline (an old portal's brief between its
            // headline and the section's teasers, in one box or one table) is the article's:
            // its teasers are listings, the rest is read.
            if holdsHeadline(node, headline) {
                if debugExtraction { StandardError.write("teasers inside \(MarkupTree.name(node)) [\(Self.cues(node))]: \(teasers.count)\n") }
                listedChildren = teasers
            } else {
                if debugExtraction { StandardError.write("teaser list \(MarkupTree.name(node)) [\(Self.cues(node))] \(stats[key(node)]?.text ?? 0)\n") }
                listings.insert(key(node))
                listingSpans.append(stats[key(node)] ?? Stats())
                return
            }
        }
        // The element's own text between its blocks, if a paragraph's worth (a label beside a
        // heading is not), is a paragraph of its own (a paragraph-like element is credited
        // whole, from its parent).
        if let st = stats[key(node)], st.blockChildren > 0, st.own.text >= 80, !Self.paragraphTags.contains(facts.element(node).tag) || (facts.element(node).tag == "td" && isColumn(node, st)),
            !(weighsStructure && isBefore(st, headline)) {
            credit(node, parent: node, text: st.own.text, links: st.own.links, commas: st.own.commas)
        }
        let teaserParagraphs = weighsStructure ? Self.teaserParagraphs(children) : []
        listedChildren.formUnion(teaserParagraphs)
        for i in teaserParagraphs { paragraphListings.append(children[i].stats) }
        for (i, (c, tag, st)) in children.enumerated() {
            if weighsStructure && (Self.isListing(tag, st) || (Self.teaserTags.contains(tag) && isTeaserOpening(c, st)) || listedChildren.contains(i)) {
                if debugExtraction { StandardError.write("listing \(tag) [\(Self.cues(c))] \(st.text)\n") }
                listings.insert(key(c))
                listingSpans.append(st)
                continue
            }
            // A cell that holds a table is a column of a table layout, not a paragraph (its own
            // text between blocks is credited as one, below).
            let paragraphLike = (Self.paragraphTags.contains(tag) && !(tag == "td" && isColumn(c, st)))
                || ((tag == "div" || tag == "section") && st.blockChildren == 0)
            if paragraphLike && st.text >= 25 && !(weighsStructure && isBefore(st, headline)) {
                credit(c, parent: node, text: st.text, links: st.links, commas: st.commas)
            }
            score(c, headline: headline, depth: depth + 1)
        }
    }

    /// Whether a table is among an element's children.
    private func holdsTable(_ node: xmlNodePtr) -> Bool { hasChild(node) { $0 == "table" } }

    /// A cell that holds a table, or a page's worth of text in blocks of its own, is a column
    /// of a table layout, not a paragraph: its blocks are weighed one by one (a brief's
    /// paragraphs apart from the listing below them), and its own text between them as a
    /// paragraph. A data table's cell with a block or two in it is still one value.
    private func isColumn(_ node: xmlNodePtr, _ st: Stats) -> Bool {
        holdsTable(node) || (st.blockChildren >= 2 && st.text >= Self.columnText)
    }

    /// Letters from which a cell of blocks holds a page's worth: more than any one value of a
    /// data table, less than a brief with its listing.
    static let columnText = 1_000

    /// Whether one of an element's children has a tag that `matches` accepts.
    private func hasChild(_ node: xmlNodePtr, _ matches: (String) -> Bool) -> Bool {
        var child = node.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE, matches(facts.element(c).tag) { return true }
            child = c.pointee.next
        }
        return false
    }

    /// Readability's credit for a paragraph: 1 + its commas + one per 100 letters (at most 3),
    /// less its share of links, to its parent fully, its grandparent by half and further
    /// ancestors less; and to the prose mass of every ancestor.
    private mutating func credit(_ paragraph: xmlNodePtr, parent: xmlNodePtr, text: Int, links: Int, commas: Int) {
        let density = text > 0 ? Double(links) / Double(text) : 0
        let contribution = (1 + Double(commas) + min(Double(text / 100), 3)) * (1 - density)
        var up: xmlNodePtr? = paragraph
        while let a = up, a.pointee.type == XML_ELEMENT_NODE {
            mass[key(a), default: 0] += contribution
            up = a.pointee.parent
        }
        var level = 0
        var ancestor: xmlNodePtr? = parent
        while let a = ancestor, level < 4, a.pointee.type == XML_ELEMENT_NODE {
            let k = key(a)
            if scores[k] == nil { scores[k] = initialScore(a) }
            scores[k]! += contribution / (level == 0 ? 1 : level == 1 ? 2 : Double(level * 3))
            ancestor = a.pointee.parent
            level += 1
        }
    }

    /// A link that leads to a page (not `#`, a script or a mail address).
    private static func isLink(_ a: xmlNodePtr) -> Bool {
        guard let href = MarkupTree.attribute(a, "href"), !href.isEmpty, !href.hasPrefix("#") else { return false }
        let lower = href.lowercased()
        return !lower.hasPrefix("javascript:") && !lower.hasPrefix("mailto:")
    }

    /// Whether the first page link under an element leads to the same site: a relative
    /// address, or the page's host (any host when the page does not say its own).
    private func firstLinkWithinSite(_ node: xmlNodePtr, depth: Int = 0) -> Bool {
        guard depth < 64 else { return true }
        var child = node.pointee.children
        while let c = child {
            defer { child = c.pointee.next }
            guard c.pointee.type == XML_ELEMENT_NODE else { continue }
            if facts.element(c).tag == "a" && Self.isLink(c) {
                guard let site, let host = MarkupTree.attribute(c, "href").flatMap(Self.host) else { return true }
                return host == site
            }
            if (stats[key(c)]?.headlineLinks ?? 0) > 0 { return firstLinkWithinSite(c, depth: depth + 1) }
        }
        return true
    }

    /// The host of an absolute address (`https://www.x.vn/a` → `x.vn`), or nil for a relative one.
    static func host(of url: String) -> Substring? {
        guard let scheme = url.firstRange(of: "//"), url[..<scheme.lowerBound].allSatisfy({ $0.isLetter || $0 == ":" }) else { return nil }
        var host = url[scheme.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" && $0 != ":" }
        if host.lowercased().hasPrefix("www.") { host = host.dropFirst(4) }
        return Substring(host.lowercased())
    }

    /// FNV-1a of a text node's bytes (no string is made: this runs for every lead).
    private static func hash(_ text: UnsafePointer<UInt8>) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var p = text
        while p.pointee != 0 {
            h = (h ^ UInt64(p.pointee)) &* 0x100_0000_01b3
            p += 1
        }
        return Int(truncatingIfNeeded: h)
    }

    /// A block whose first words are a headline linking to another article of the site, with a summary's worth
    /// of text after: that article's teaser (a listicle's sections open with links to other
    /// sites' pages, and are its body).
    /// A block that holds the article's headline is the article's frame or column, whatever it opens with
    /// (a rail of teasers on the left).
    private func isTeaserOpening(_ node: xmlNodePtr, _ st: Stats) -> Bool {
        st.lead == .headedLink && st.headlineLinks > 0 && st.text - st.links <= 1_200 && !holdsHeadline(node, headlineSpan) && firstLinkWithinSite(node)
    }

    /// A date line just above the headline or below it (within `briefDistance`), not one of a
    /// teaser's: the page is a dated article (section fronts and collections have headings,
    /// not dates under them; a listing dates every item).
    private func datesHeadline() -> Bool {
        guard let h = headlineLetters else { return false }
        return dateLines.contains { date in
            guard date.at.upperBound >= h.lowerBound - Self.briefDistance / 2 && date.at.lowerBound <= h.upperBound + Self.briefDistance else {
                return false
            }
            var block: xmlNodePtr? = date.node
            for _ in 0..<2 {
                guard let b = block, b.pointee.type == XML_ELEMENT_NODE, let st = stats[key(b)] else { break }
                if Self.isTeaser(facts.element(b).tag, st) { return false }
                block = b.pointee.parent
            }
            if debugExtraction { StandardError.write("date line at \(date.at): \(MarkupTree.content(date.node))\n") }
            return true
        }
    }

    /// Whether an element holds the headline.
    private func holdsHeadline(_ node: xmlNodePtr, _ headline: Stats?) -> Bool {
        guard let headline, let st = stats[key(node)] else { return false }
        return Self.spans(st, headline)
    }

    /// An element that ends before the headline begins: an article's body never comes before
    /// its own headline (teaser rails, featured stories and left columns do).
    private func isBefore(_ st: Stats, _ headline: Stats?) -> Bool {
        guard let headline else { return false }
        return st.end <= headline.start
    }

    /// The blocks a teaser is written as (a paragraph whose first words are a link is prose).
    static let teaserTags: Set<String> = ["li", "div", "tr", "td", "article", "section", "dl", "dd", "dt", "table",
                                          "h2", "h3", "h4", "h5", "figure"]

    /// A teaser: a block (not a paragraph), its first words are a headline link, it links to one or two articles, and
    /// what it says besides is a summary — a sentence or two, not a body.
    private static func isTeaser(_ tag: String, _ st: Stats) -> Bool {
        teaserTags.contains(tag) && (st.lead == .link || st.lead == .headedLink) && st.headlineLinks >= 1 && st.headlineLinks <= 2 && st.text - st.links <= 400
    }

    /// Three teasers or more side by side — `Tin khác`, `Tin cùng chuyên mục`, a rail of most
    /// read stories — holding most of their parent's text. A bare headline followed by its
    /// summary in the next block (`<h3><a>…</a></h3><p>…</p>`) is one teaser too.
    private static func isTeaserList(_ children: [(node: xmlNodePtr, tag: String, stats: Stats)]) -> Bool {
        teaserChildren(children) != nil
    }

    /// The indices of `children` that are teasers (and the summaries set after a teaser's
    /// headline as blocks of their own), when the children make a teaser list.
    private static func teaserChildren(_ children: [(node: xmlNodePtr, tag: String, stats: Stats)]) -> Set<Int>? {
        var teasers = 0
        var teaserText = 0
        var headlines = Set<Int>()
        var text = 0
        var afterHeadline = false
        var found = Set<Int>()
        for (i, (_, tag, st)) in children.enumerated() where st.text > 0 {
            text += st.text
            if isTeaser(tag, st) {
                teasers += 1
                headlines.insert(st.leadText)
                teaserText += st.text
                afterHeadline = st.links == st.text
                found.insert(i)
            } else if afterHeadline && st.links * 2 < st.text && st.text <= 400 {
                teaserText += st.text
                afterHeadline = false
                found.insert(i)
            } else {
                afterHeadline = false
            }
        }
        return teasers >= 3 && headlines.count * 10 >= teasers * 7 && teaserText * 10 >= text * 6 ? found : nil
    }

    /// Paragraphs written as teasers, three or more in a row: each opens with a headline set
    /// as a link in bold (`<p><a><b>Tiêu đề</b></a><br>Tóm tắt</p>`) and says a summary's worth
    /// after it, and no two open with the same words. One paragraph that opens with a link is
    /// prose; a run of them is an old portal's "Tin khác" listing, written in the body's own
    /// paragraph markup. A plain link opens them too where a label in bold heads the run
    /// (`<p><b>Tin cùng chuyên mục</b></p>` then `<p><a>Tiêu đề</a> - Tóm tắt</p>`…): prose
    /// that opens with links has no label of its own. The indices of `children` that are such teasers.
    private static func teaserParagraphs(_ children: [(node: xmlNodePtr, tag: String, stats: Stats)]) -> Set<Int> {
        var found = Set<Int>()
        var run: [Int] = []
        var leads = Set<Int>()
        var labelled = false
        func close() {
            if run.count >= 3 && leads.count == run.count { found.formUnion(run) }
            run = []
            leads = []
        }
        for (i, (_, tag, st)) in children.enumerated() where st.text > 0 {
            let summary = tag == "p" && (1...2).contains(st.headlineLinks) && st.text - st.links <= 400
            if summary && (st.lead == .headedLink || (labelled && st.lead == .link && st.text - st.links >= 30)) {
                run.append(i)
                leads.insert(st.leadText)
                continue
            }
            close()
            labelled = isLabel(st)
        }
        close()
        return found
    }

    /// A label over what follows (`Tin cùng chuyên mục`, `Các tin khác:`): a few words, all in
    /// bold or a heading, no link.
    private static func isLabel(_ st: Stats) -> Bool {
        st.text <= 40 && st.links == 0 && st.headed == st.text
    }

    /// One block that lists three headlines or more with a line or two after each (old layouts
    /// write a listing as links and text between `<br>`s in one cell).
    private static func isListing(_ tag: String, _ st: Stats) -> Bool {
        (tag == "td" || tag == "div") && st.blockChildren == 0 && (st.lead == .link || st.lead == .headedLink) && st.headlineLinks >= 3 && st.text - st.links <= 250 * st.headlineLinks
            && st.links * 100 >= 15 * st.text
    }

    private mutating func initialScore(_ node: xmlNodePtr) -> Double {
        var s: Double
        let tag = facts.element(node).tag
        switch tag {
        case "div", "article", "main", "section": s = 5
        case "pre", "td", "blockquote": s = 3
        case "address", "ol", "ul", "dl", "dd", "dt", "li", "form": s = -3
        case "h1", "h2", "h3", "h4", "h5", "h6", "th": s = -5
        default: s = 0
        }
        if tag == "article" { s += 10 }
        // On an article page, a block that holds the headline is a column or the page's frame
        // (`div#main`, `td.content`): its class says nothing of where the body is.
        if weighsStructure && holdsHeadline(node, headlineSpan) { return s }
        return ignoreCues ? s : s + classWeight(cues(of: node))
    }

    /// A selection whose text is more than this share links is a listing: its link lists stay.
    /// 0.25 measured best on WCXB (listing 0.544 → 0.614 bag-of-words F1) with ScrapingHub's
    /// articles still above trafilatura.
    static let linkHeavySelection = 0.25

    /// Inside the article: leave out link lists, short link-heavy blocks, the headline,
    /// and tables or captions unless asked for.
    private mutating func pruneInside(_ roots: [xmlNodePtr], headline: Stats? = nil) {
        // Link-heavy blocks inside an article are furniture (related links, tags); but where
        // links carry much of the selection's text — a listing, a collection, an index — they
        // are its content, and stay.
        var text = roots.reduce(0) { $0 + (stats[key($1)]?.text ?? 0) }
        var links = roots.reduce(0) { $0 + (stats[key($1)]?.links ?? 0) }
        // On an article page, teasers written as the selection's own paragraphs (a brief's
        // `Tin cùng chuyên mục` below it) are not what it says: weigh its links without them.
        if weighsStructure {
            let spans = roots.compactMap { stats[key($0)] }
            for l in paragraphListings where spans.contains(where: { $0.start <= l.start && l.end <= $0.end }) {
                text -= l.text
                links -= l.links
            }
        }
        let linkHeavySelection = Double(links) > Self.linkHeavySelection * Double(max(1, text))
        func visit(_ node: xmlNodePtr, depth: Int, headline: Stats?) {
            guard depth < 256 else { return }
            for (c, tag, st) in elementChildren(node) {
                let density = st.text > 0 ? Double(st.links) / Double(st.text) : 0
                var drop = false
                var headline = headline
                if !linkHeavySelection {
                    if (tag == "ul" || tag == "ol") && density > 0.5 { drop = true }
                    if facts.element(c).kinds.contains(.block) && tag != "p" && density > 0.5 && st.text < 300 { drop = true }
                }
                // Other articles of the site, listed inside this one (`Tin liên quan`); a list of
                // other sites' pages is the article's own (a listicle, a guide's picks).
                if !linkHeavySelection && !wholePage && listings.contains(key(c)) && firstLinkWithinSite(c) { drop = true }
                // What comes before the headline inside the article's block: a kicker, a
                // breadcrumb, a featured story. A long block there is the page's own doing
                // (a headline repeated below an introduction): it stays whole.
                if weighsStructure && isBefore(st, headline) {
                    if st.text <= 300 { drop = true } else { headline = nil }
                }
                if tag == "h1" && !wholePage { drop = true }
                if tag == "table" && !keepTables { drop = true }
                if tag == "figure" && !keepCaptions && !holdsProse(c, depth: 0) { drop = true }
                if drop { skipped.insert(key(c)) } else { visit(c, depth: depth + 1, headline: headline) }
            }
        }
        for r in roots { visit(r, depth: 0, headline: headline) }
    }

    /// A figure is mostly a picture and its caption, left out together; but HTML also makes
    /// a figure of a quotation, a code listing or a table with its caption, and those are text.
    private func holdsProse(_ node: xmlNodePtr, depth: Int) -> Bool {
        guard depth < 32 else { return false }
        var child = node.pointee.children
        while let c = child {
            defer { child = c.pointee.next }
            guard c.pointee.type == XML_ELEMENT_NODE else { continue }
            let tag = facts.element(c).tag
            if tag == "figcaption" { continue }
            if tag == "blockquote" || tag == "pre" || (tag == "table" && keepTables) { return true }
            if holdsProse(c, depth: depth + 1) { return true }
        }
        return false
    }
}

/// With `MEKONG_DEBUG_EXTRACTION` set, the extractor writes its decisions to standard error — the
/// headline and date lines found, listings set apart, candidates and the block chosen — for
/// working out why a page reads as it does.
let debugExtraction = getenv("MEKONG_DEBUG_EXTRACTION") != nil
