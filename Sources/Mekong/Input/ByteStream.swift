/// Bytes read in chunks from a file, plain or compressed (any number of gzip members one after
/// another, as WARC files are written), so that a file of any size streams.
final class ByteStream {
    private let source: Decompressor
    var path: String { source.path }
    /// Decompressed (or plain) bytes not yet handed out.
    private var buffer: [UInt8] = []
    private var position = 0
    private(set) var finished = false

    init(path: String) throws(FileIOError) {
        source = try Decompressor(path: path)
    }

    /// Makes at least `count` unread bytes available, if the stream has them; returns how
    /// many are available.
    @discardableResult
    func fill(_ count: Int) throws(FileIOError) -> Int {
        while buffer.count - position < count && !finished {
            if position > 1 << 20 { buffer.removeFirst(position); position = 0 }
            try readMore()
        }
        return buffer.count - position
    }

    private func readMore() throws(FileIOError) {
        if let chunk = try source.next() { buffer.append(contentsOf: chunk) } else { finished = true }
    }

    /// The next line without its CR LF, or nil at the end.
    func readLine(limit: Int = 1 << 16) throws(FileIOError) -> [UInt8]? {
        var searched = 0
        while true {
            if let nl = buffer[(position + searched)...].firstIndex(of: 0x0A) {
                var line = Array(buffer[position..<nl])
                if line.last == 0x0D { line.removeLast() }
                position = nl + 1
                return line
            }
            searched = buffer.count - position
            if searched > limit { throw FileIOError(path: path, reason: "a header line is longer than \(limit) bytes") }
            if finished {
                guard position < buffer.count else { return nil }
                let line = Array(buffer[position...])
                position = buffer.count
                return line
            }
            try readMore()
        }
    }

    /// Up to `count` bytes (fewer only at the end of the stream).
    func read(_ count: Int) throws(FileIOError) -> [UInt8] {
        try fill(count)
        let n = min(count, buffer.count - position)
        let bytes = Array(buffer[position..<position + n])
        position += n
        return bytes
    }

    /// The next byte, without consuming it.
    func peek() throws(FileIOError) -> UInt8? {
        try fill(1) > 0 ? buffer[position] : nil
    }
}
