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
        case .integer(let i): writeInteger(i)
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

    public mutating func raw(_ s: String) {
        // Through the string's contiguous bytes: one copy, where the UTF-8 view went in byte
        // by byte (the span writer calls this six times a span).
        var s = s
        s.withUTF8 { bytes.append(contentsOf: $0) }
    }

    public mutating func writeNumber(_ d: Double) {
        // Integral doubles keep their ".0" so that they read back as numbers, not integers.
        guard d.isFinite else { raw("null"); return }
        raw(d.description)
    }

    /// Writes an integer in decimal, without making a String of it.
    public mutating func writeInteger(_ i: Int) {
        if i < 0 {
            bytes.append(UInt8(ascii: "-"))
            // Int.min has no positive counterpart: its magnitude fits in a UInt.
            writeDigits(UInt(bitPattern: 0 &- i))
        } else {
            writeDigits(UInt(i))
        }
    }

    private mutating func writeDigits(_ n: UInt) {
        if n < 10 { bytes.append(0x30 &+ UInt8(truncatingIfNeeded: n)); return }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // room for 24 digits; UInt.max has 20
        withUnsafeMutableBytes(of: &digits) { raw in
            let buffer = raw.bindMemory(to: UInt8.self)
            var count = 0
            var rest = n
            while rest > 0 {
                count &+= 1
                let (quotient, digit) = rest.quotientAndRemainder(dividingBy: 10)
                buffer[24 &- count] = 0x30 &+ UInt8(truncatingIfNeeded: digit)
                rest = quotient
            }
            // A typed buffer goes in with one copy (a raw slice went in byte by byte).
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[(24 - count)...]))
        }
    }

    public mutating func writeString(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { utf8 in
            // Runs that need no escape go in at once; most text is one run.
            var runStart = 0
            for (i, b) in utf8.enumerated() where b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F {
                if runStart < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i])) }
                runStart = i + 1
                bytes.append(0x5C)
                switch b {
                case 0x22, 0x5C: bytes.append(b)
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                default:
                    let hex: StaticString = "0123456789abcdef"
                    bytes.append(contentsOf: [UInt8(ascii: "u"), 0x30, 0x30])
                    bytes.append(hex.utf8Start[Int(b >> 4)])
                    bytes.append(hex.utf8Start[Int(b & 0xF)])
                }
            }
            if runStart < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends bytes written beforehand (a fragment of JSON made once and reused).
    public mutating func raw(bytes fragment: [UInt8]) { bytes.append(contentsOf: fragment) }
}
