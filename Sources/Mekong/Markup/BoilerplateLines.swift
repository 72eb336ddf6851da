/// Short lines that are page furniture wherever they stand: ad labels, share prompts,
/// photo credits, copyright notices. Checked only on paragraphs of 80 characters or fewer.
enum BoilerplateLines {
    static let exact: Set<String> = [
        "advertisement", "advert", "ad", "ads", "sponsored", "caption", "close", "comments", "comment", "share", "share this",
        "share this article", "sharing is caring!", "like this:", "like loading...", "related", "related articles", "more:",
        "read more", "read more:", "see also", "also read", "highlights", "tags:", "print", "email", "subscribe",
        "quảng cáo", "tin liên quan", "xem thêm", "chia sẻ", "bình luận", "iklan", "terkait", "sukai ini:", "suka memuat...",
        "publicité", "anzeige", "werbung", "publicidade", "publicidad",
    ]
    static let prefixes = ["photo:", "photo by", "image:", "image by", "credit:", "picture:", "copyright", "©", "(c) ", "click here",
                           "tell us what you think", "ảnh:", "nguồn ảnh", "foto:", "bild:"]

    static func matches(_ line: String) -> Bool {
        let l = line.lowercased().trimmingWhitespace()
        if exact.contains(l) { return true }
        return prefixes.contains { l.hasPrefix($0) }
    }
}
