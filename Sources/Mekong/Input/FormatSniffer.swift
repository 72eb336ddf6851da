/// Decides a source's format from its name, then from its first bytes.
public enum FormatSniffer {
    public static func format(name: String, head: [UInt8]) -> DocumentFormat {
        let lower = name.lowercased()
        for (suffixes, format) in byExtension where suffixes.contains(where: { lower.hasSuffix($0) }) {
            return format
        }
        return format(head: head)
    }

    /// The format a name says, after any compression suffix (`a.jsonl.gz` → JSON Lines); nil
    /// when it says none.
    public static func format(name: String) -> DocumentFormat? {
        let lower = Decompressor.Codec.strippingSuffix(name.lowercased())
        return byExtension.first { $0.0.contains(where: { lower.hasSuffix($0) }) }?.1
    }

    static let byExtension: [([String], DocumentFormat)] = [
        ([".jsonl", ".ndjson", ".jsonl.txt"], .jsonl),
        ([".warc", ".warc.gz", ".arc.gz"], .warc),
        ([".html", ".htm", ".xhtml", ".shtml"], .html),
        ([".xml", ".rss", ".atom", ".tei", ".rdf"], .xml),
        ([".txt", ".text", ".md"], .text),
    ]

    /// WARC by name: `.warc`, compressed or not (`.warc.gz`, `.warc.zst`, `.warc.bz2`), and `.arc.gz`.
    public static func isWARC(_ name: String) -> Bool {
        let lower = name.lowercased()
        return Decompressor.Codec.strippingSuffix(lower).hasSuffix(".warc") || lower.hasSuffix(".arc.gz")
    }

    /// Sniffs the first bytes of a source (after a BOM and white space).
    public static func format(head: [UInt8]) -> DocumentFormat {
        let bytes = content(head.prefix(4096))
        let start = String(decoding: bytes.prefix(512), as: UTF8.self).lowercased()
        if start.hasPrefix("warc/") { return .warc }
        if start.hasPrefix("{") { return .jsonl }
        if start.hasPrefix("<!doctype html") || start.hasPrefix("<html") { return .html }
        if start.hasPrefix("<") {
            return start.contains("<html") || start.contains("<body") || start.contains("<div") ? .html : .xml
        }
        return .text
    }

    /// The bytes after a UTF-8 byte-order mark and leading white space: where a format shows.
    static func content(_ head: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var bytes = head
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        while let b = bytes.first, b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { bytes = bytes.dropFirst() }
        return bytes
    }
}
