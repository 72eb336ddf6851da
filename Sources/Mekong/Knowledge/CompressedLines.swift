/// Lines of any length from a plain, gzip or bzip2 file, read in chunks so that a dump of any
/// size streams in bounded memory.
final class CompressedLines {
    private let source: Decompressor
    private var buffer: [UInt8] = []
    private var start = 0
    private var ended = false
    var path: String { source.path }
    /// Compressed (or plain) bytes read so far, for progress.
    var bytesRead: Int64 { source.bytesRead }

    init(path: String) throws(FileIOError) {
        source = try Decompressor(path: path)
    }

    /// The next line without its newline, or nil at the end.
    func next() throws(FileIOError) -> ArraySlice<UInt8>? {
        var searched = start
        while true {
            if let nl = buffer[searched...].firstIndex(of: 0x0A) {
                let line = buffer[start..<nl]
                start = nl + 1
                return line
            }
            searched = buffer.count
            if ended {
                guard start < buffer.count else { return nil }
                let line = buffer[start...]
                start = buffer.count
                return line
            }
            if start > 1 << 20 {
                buffer.removeFirst(start)
                searched -= start
                start = 0
            }
            if let chunk = try source.next() { buffer.append(contentsOf: chunk) } else { ended = true }
        }
    }
}
