import Glibc
import Synchronization

/// A file an export stage writes, opened when the pipeline is built (so a path that cannot be
/// written stops the pipeline before any document) and shared by the workers.
final class ExportFile: Sendable {
    let path: String
    private let fd: Mutex<Int32>

    init(path: String, option: String) throws(LocatedError) {
        self.path = path
        let dir = FilePath.directory(of: path)
        do { try FileIO.makeDirectories(dir) } catch { throw LocatedError(path: option, message: "\(error)") }
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw LocatedError(path: option, message: "\(path): cannot write (\(String(cString: strerror(errno))))") }
        self.fd = Mutex(fd)
    }

    func write(_ bytes: [UInt8]) throws(FileIOError) {
        try fd.withLock { fd throws(FileIOError) in try FileIO.writeAll(fd: fd, bytes, path: path) }
    }

    func write(_ text: String) throws(FileIOError) { try write(Array(text.utf8)) }

    func close() {
        fd.withLock { fd in
            if fd >= 0 { Glibc.close(fd); fd = -1 }
        }
    }
}

/// XML escaping for text and attribute values.
enum XMLText {
    static func escape(_ s: String, attribute: Bool = false) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            case "\n" where attribute: out += "&#10;"
            case "\t" where attribute: out += "&#9;"
            default:
                // Characters XML 1.0 does not allow are dropped, not written.
                if c.value < 0x20 && c != "\n" && c != "\t" && c != "\r" { continue }
                if c.value == 0xFFFE || c.value == 0xFFFF { continue }
                out.unicodeScalars.append(c)
            }
        }
        return out
    }
}

/// Pieces of a document the exports share: sentences (or the whole text), units of each
/// sentence (words, else tokens), and the spans of a layer inside a range.
extension Document {
    var exportSentences: [Range<Int>] {
        let s = layers.spans(.sentences)
        if !s.isEmpty { return s.map(\.range) }
        let count = view.count
        return count > 0 ? [0..<count] : []
    }

    var exportUnits: SpanLayer {
        let words = layers.spans(.words)
        return words.isEmpty ? layers.spans(.tokens) : words
    }
}
