/// Serializes JSON into a byte buffer: compact (one record a line, for JSON Lines) or
/// indented (for files people read). Non-ASCII text is written as UTF-8, not escaped.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    public var indent: Int?

    public init(indent: Int? = nil) {
        self.indent = indent
        bytes.reserveCapacity(1024)
    }

    public static func serialize(_ value: JSONValue, indent: Int? = nil) -> String {
        var w = JSONWriter(indent: indent)
        w.write(value)
        return String(decoding: w.bytes, as: UTF8.self)
    }

    /// Room for `n` more bytes, so that a large record is not copied as it grows.
    public mutating func reserveCapacity(_ n: Int) { bytes.reserveCapacity(bytes.count + n) }

    public mutating func write(_ value: JSONValue, level: Int = 0) {
        switch value {
        case .null: raw("null")
        case .bool(let b): raw(b ? "true" : "false")
        case .integer(let i): raw(String(i))
        case .number(let d): writeNumber(d)
        case .string(let s): writeString(s)
        case .array(let a):
            if a.isEmpty { raw("[]"); return }
            bytes.append(UInt8(ascii: "["))
            for (i, v) in a.enumerated() {
                if i > 0 { bytes.append(UInt8(ascii: ",")) }
                newline(level + 1)
                write(v, level: level + 1)
            }
            newline(level)
            bytes.append(UInt8(ascii: "]"))
        case .object(let o):
            if o.isEmpty { raw("{}"); return }
            bytes.append(UInt8(ascii: "{"))
            for (i, m) in o.members.enumerated() {
                if i > 0 { bytes.append(UInt8(ascii: ",")) }
                newline(level + 1)
                writeString(m.key)
                bytes.append(UInt8(ascii: ":"))
                if indent != nil { bytes.append(0x20) }
                write(m.value, level: level + 1)
            }
            newline(level)
            bytes.append(UInt8(ascii: "}"))
        }
    }

    private mutating func newline(_ level: Int) {
        guard let indent else { return }
        bytes.append(0x0A)
        bytes.append(contentsOf: repeatElement(0x20, count: indent * level))
    }

    public mutating func raw(_ s: String) { bytes.append(contentsOf: s.utf8) }

    public mutating func writeNumber(_ d: Double) {
        // Integral doubles keep their ".0" so that they read back as numbers, not integers.
        guard d.isFinite else { raw("null"); return }
        raw(d.description)
    }

    public mutating func writeString(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): bytes.append(0x5C); bytes.append(b)
            case UInt8(ascii: "\\"): bytes.append(0x5C); bytes.append(b)
            case 0x0A: bytes.append(0x5C); bytes.append(UInt8(ascii: "n"))
            case 0x0D: bytes.append(0x5C); bytes.append(UInt8(ascii: "r"))
            case 0x09: bytes.append(0x5C); bytes.append(UInt8(ascii: "t"))
            case 0x00..<0x20, 0x7F:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: Array("\\u00".utf8))
                bytes.append(hex[Int(b >> 4)])
                bytes.append(hex[Int(b & 0xF)])
            default: bytes.append(b)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
