import CLibXML2

/// Metadata of a web page — title, dates, author, canonical URL, site name, description —
/// from JSON-LD (`NewsArticle` and kin), Open Graph and `article:` properties, `<meta>`
/// names, `itemprop`, `<time datetime>` and `<title>`, strongest source first.
struct PageMetadata {
    var fields: [String: String] = [:]
    /// `articleBody` from JSON-LD, for cross-checking the extracted text.
    var articleBody: String?
    /// Every title the page declares (Open Graph, Twitter, JSON-LD and microdata headlines,
    /// `<title>` whole): what finds the headline in the page's body.
    var titles: [String] = []
    /// The page declares a forum thread or a question with answers (schema.org
    /// `DiscussionForumPosting`, `QAPage`, in JSON-LD or microdata): its comments are posts.
    var discussion = false

    static let discussionTypes: Set<String> = ["discussionforumposting", "qapage"]

    static let articleTypes: Set<String> = ["article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
                                            "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "report", "scholarlyarticle",
                                            "techarticle", "liveblogposting", "webpage"]

    /// Sets a field unless a stronger source set it already.
    mutating func offer(_ key: String, _ value: String?) {
        guard fields[key] == nil, let value else { return }
        let v = value.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if !v.isEmpty { fields[key] = v }
    }

    static func read(_ root: xmlNodePtr) -> PageMetadata {
        var m = PageMetadata()
        var metas: [(String, String)] = []
        var title: String?
        var h1: String?
        var time: String?
        var canonical: String?
        var itemprops: [(String, String)] = []
        func visit(_ node: xmlNodePtr, depth: Int) {
            guard depth < 256 else { return }
            var child = node.pointee.children
            while let c = child {
                defer { child = c.pointee.next }
                guard c.pointee.type == XML_ELEMENT_NODE else { continue }
                switch Self.tag(c) {
                case .meta:
                    let key = (MarkupTree.attribute(c, "property") ?? MarkupTree.attribute(c, "name") ?? MarkupTree.attribute(c, "itemprop") ?? "").lowercased()
                    if let content = MarkupTree.attribute(c, "content"), !key.isEmpty { metas.append((key, content)) }
                case .title:
                    if title == nil { title = MarkupTree.content(c) }
                case .h1:
                    if h1 == nil { h1 = MarkupTree.content(c) }
                case .time:
                    if time == nil { time = MarkupTree.attribute(c, "datetime") }
                case .link:
                    if (MarkupTree.attribute(c, "rel") ?? "").lowercased() == "canonical" { canonical = MarkupTree.attribute(c, "href") }
                case .script:
                    if (MarkupTree.attribute(c, "type") ?? "").lowercased().contains("ld+json") {
                        m.readJSONLD(MarkupTree.content(c))
                    }
                    continue
                case .svg:
                    // An icon's <title> is not the page's, and a sprite sheet can hold thousands
                    // of elements with nothing for the metadata.
                    continue
                default: break
                }
                // Microdata: one walk of the attributes for `itemprop` and `itemtype`.
                var itemprop: String?
                var attribute = c.pointee.properties
                while let a = attribute {
                    if let n = a.pointee.name, n.pointee == UInt8(ascii: "i") {
                        if xmlStrEqual(n, "itemprop") != 0 { if itemprop == nil { itemprop = MarkupTree.value(a) } }
                        else if !m.discussion, xmlStrEqual(n, "itemtype") != 0 {
                            let type = MarkupTree.value(a).lowercased()
                            m.discussion = Self.discussionTypes.contains { type.hasSuffix("/" + $0) }
                        }
                    }
                    attribute = a.pointee.next
                }
                if let prop = itemprop?.lowercased(), ["datepublished", "datemodified", "author", "headline"].contains(prop) {
                    let value = MarkupTree.attribute(c, "content") ?? MarkupTree.attribute(c, "datetime") ?? MarkupTree.content(c)
                    itemprops.append((prop, value))
                }
                visit(c, depth: depth + 1)
            }
        }
        visit(root, depth: 0)
        func meta(_ keys: String...) -> String? {
            for k in keys { if let v = metas.first(where: { $0.0 == k })?.1, !v.isEmpty { return v } }
            return nil
        }
        func itemprop(_ key: String) -> String? { itemprops.first { $0.0 == key }?.1 }
        m.titles += metas.filter { $0.0 == "og:title" || $0.0 == "twitter:title" }.map(\.1)
        m.titles += itemprops.filter { $0.0 == "headline" }.map(\.1)
        if let title { m.titles.append(title) }
        m.offer("title", meta("og:title", "twitter:title"))
        m.offer("title", itemprop("headline"))
        m.offer("title", h1)
        m.offer("title", title.map { Self.withoutSiteName($0, site: meta("og:site_name")) })
        m.offer("published", meta("article:published_time", "og:published_time", "pubdate", "publishdate", "publish-date", "date",
                                  "dc.date", "dc.date.issued", "dcterms.date", "dcterms.created", "sailthru.date", "parsely-pub-date"))
        m.offer("published", itemprop("datepublished"))
        m.offer("published", time)
        m.offer("modified", meta("article:modified_time", "og:updated_time", "dcterms.modified", "last-modified"))
        m.offer("modified", itemprop("datemodified"))
        m.offer("author", meta("author", "article:author", "dc.creator", "sailthru.author", "parsely-author", "byl"))
        m.offer("author", itemprop("author"))
        m.offer("url", canonical)
        m.offer("url", meta("og:url", "twitter:url"))
        m.offer("site", meta("og:site_name", "application-name"))
        m.offer("description", meta("description", "og:description", "twitter:description"))
        for key in ["published", "modified"] {
            if let v = m.fields[key] { m.fields[key] = DateNormalizer.iso8601(v) ?? v }
        }
        return m
    }

    /// The elements the walk reads something from.
    private enum Tag { case meta, title, h1, time, link, script, svg, other }

    /// An element's tag among those, by its name's bytes in any ASCII case (as
    /// `MarkupTree.name` lower-cases it): no string is made for each of the page's elements.
    private static func tag(_ node: xmlNodePtr) -> Tag {
        guard let n = node.pointee.name else { return .other }
        func named(_ name: String) -> Bool { xmlStrcasecmp(n, name) == 0 }
        switch n.pointee | 0x20 {
        case UInt8(ascii: "m"): return named("meta") ? .meta : .other
        case UInt8(ascii: "t"): return named("title") ? .title : named("time") ? .time : .other
        case UInt8(ascii: "h"): return named("h1") ? .h1 : .other
        case UInt8(ascii: "l"): return named("link") ? .link : .other
        case UInt8(ascii: "s"): return named("script") ? .script : named("svg") ? .svg : .other
        default: return .other
        }
    }

    /// Reads the first article-like object of a JSON-LD block (also inside `@graph`).
    mutating func readJSONLD(_ text: String) {
        guard let json = try? JSONParser.parse(text) else { return }
        var queue: [JSONValue] = [json]
        while !queue.isEmpty {
            let v = queue.removeFirst()
            if let a = v.arrayValue { queue.append(contentsOf: a); continue }
            guard let o = v.objectValue else { continue }
            if let graph = o["@graph"] { queue.append(graph) }
            let types = (o["@type"]?.arrayValue ?? [o["@type"] ?? .null]).compactMap { $0.stringValue?.lowercased() }
            if types.contains(where: Self.discussionTypes.contains) { discussion = true }
            if let main = o["mainEntity"] { queue.append(main) }
            guard types.contains(where: Self.articleTypes.contains) else { continue }
            if let headline = o["headline"]?.stringValue { titles.append(headline) }
            offer("title", o["headline"]?.stringValue ?? o["name"]?.stringValue)
            offer("published", o["datePublished"]?.stringValue)
            offer("modified", o["dateModified"]?.stringValue)
            offer("author", Self.names(o["author"]))
            offer("site", Self.names(o["publisher"]))
            offer("url", o["url"]?.stringValue ?? o["mainEntityOfPage"]?["@id"]?.stringValue)
            offer("description", o["description"]?.stringValue)
            if articleBody == nil, let body = o["articleBody"]?.stringValue, body.count > 100 { articleBody = body }
        }
    }

    static func names(_ v: JSONValue?) -> String? {
        guard let v else { return nil }
        if let s = v.stringValue { return s }
        if let n = v["name"]?.stringValue { return n }
        if let a = v.arrayValue {
            let list = a.compactMap { names($0) }
            return list.isEmpty ? nil : list.joined(separator: ", ")
        }
        return nil
    }

    /// "Title | Site" → "Title", when the part cut off looks like the site's name.
    static func withoutSiteName(_ title: String, site: String?) -> String {
        for separator in [" | ", " - ", " – ", " — ", " :: ", " · "] {
            guard let r = title.range(ofLast: separator) else { continue }
            let head = String(title[..<r.lowerBound]), tail = String(title[r.upperBound...])
            if let site, tail.lowercased().contains(site.lowercased()) || site.lowercased().contains(tail.lowercased()) { return head }
            if tail.split(separator: " ").count <= 4 && head.split(separator: " ").count >= 3 { return head }
        }
        return title
    }
}

/// Dates as ISO 8601, with the time zone where the source gives one.
enum DateNormalizer {
    static let months = ["jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12]

    static func iso8601(_ raw: String) -> String? {
        let s = raw.trimmingWhitespace()
        let digits = Array(s.unicodeScalars)
        func isDigit(_ i: Int) -> Bool { i < digits.count && digits[i] >= "0" && digits[i] <= "9" }
        // 2025-02-09, 2025-02-09T10:00:00+07:00, 2025-02-09 10:00:00
        if digits.count >= 10, (0..<4).allSatisfy(isDigit), digits[4] == "-", isDigit(5), isDigit(6), digits[7] == "-", isDigit(8), isDigit(9) {
            var out = String(s.prefix(10))
            if digits.count > 10, digits[10] == "T" || digits[10] == " " {
                var rest = String(s.dropFirst(11))
                if let z = rest.firstIndex(where: { $0 == "Z" || $0 == "+" || $0 == "-" }) {
                    let zone = rest[z...]
                    rest = String(rest[..<z])
                    out += "T" + rest + (zone == "Z" ? "Z" : Self.zone(String(zone)))
                } else if !rest.isEmpty {
                    out += "T" + rest
                }
            }
            return out
        }
        // Sun, 09 Feb 2025 10:00:00 +0700 (RFC 822, in feeds)
        let parts = s.replacingCommas().split(separator: " ").map(String.init)
        if parts.count >= 4, let day = Int(parts[1]), let month = months[String(parts[2].lowercased().prefix(3))], let year = Int(parts[3]) {
            var out = String.padded(year, 4) + "-" + String.padded(month, 2) + "-" + String.padded(day, 2)
            if parts.count >= 5 { out += "T" + parts[4] + (parts.count >= 6 ? Self.zone(parts[5]) : "") }
            return out
        }
        return nil
    }

    /// "+0700" → "+07:00"; "GMT"/"UTC" → "Z".
    static func zone(_ z: String) -> String {
        if z == "GMT" || z == "UTC" || z == "Z" { return "Z" }
        let d = z.filter(\.isNumber)
        guard (z.hasPrefix("+") || z.hasPrefix("-")), d.count == 4 else { return z }
        return String(z.prefix(1)) + d.prefix(2) + ":" + d.suffix(2)
    }
}

extension String {
    func range(ofLast needle: String) -> Range<String.Index>? {
        var found: Range<String.Index>?
        var search = startIndex..<endIndex
        while let r = self[search].firstRange(of: needle) {
            found = r
            search = r.upperBound..<endIndex
        }
        return found
    }

    func trimmingWhitespace() -> String { self[...].trimmingWhitespace() }

    fileprivate func replacingCommas() -> String { String(map { $0 == "," ? " " : $0 }) }

    fileprivate static func padded(_ v: Int, _ width: Int) -> String {
        let digits = "\(v)"
        return String(repeating: "0", count: Swift.max(0, width - digits.count)) + digits
    }
}
