/// Bytes read in chunks from a file, plain or compressed (any number of gzip members one after
/// another, as WARC files are written), so that a file of any size streams.
final class ByteStream {
    private let source: Decompressor
    var path: String { source.path }
    /// Decompressed (or plain) bytes not yet handed out.
    private var buffer: [UInt8] = []
    private var position = 0
    /// The stream offset of `buffer[0]`.
    private var base: Int64 = 0
    private(set) var finished = false

    init(path: String) throws(FileIOError) {
        source = try Decompressor(path: path, skipsDamagedMembers: true)
    }

    /// The stream offset of the next unread byte (in decompressed bytes).
    var offset: Int64 { base + Int64(position) }

    /// Whether the stream is gzip, where a record can be left at its member's end.
    var isGzip: Bool { source.codec == .gzip }

    /// Bytes from this stream offset on are kept while more is read, so that the reader can
    /// go back to them (the start of the record being read).
    var mark: Int64?

    /// Makes at least `count` unread bytes available, if the stream has them; returns how
    /// many are available.
    @discardableResult
    func fill(_ count: Int) throws(FileIOError) -> Int {
        while buffer.count - position < count && !finished {
            let keep = mark.map { Swift.max(0, Int($0 - base)) } ?? position
            if Swift.min(keep, position) > 1 << 20 {
                let drop = Swift.min(keep, position)
                buffer.removeFirst(drop)
                base += Int64(drop)
                position -= drop
            }
            try readMore()
        }
        return buffer.count - position
    }

    /// Goes back to a stream offset still held (at or after the mark); false when it is not.
    func rewind(to target: Int64) -> Bool {
        guard target >= base && target <= offset else { return false }
        position = Int(target - base)
        return true
    }

    private func dropRead() {
        buffer.removeFirst(position)
        base += Int64(position)
        position = 0
    }

    private func readMore() throws(FileIOError) {
        if let chunk = try source.next() { buffer.append(contentsOf: chunk) } else { finished = true }
    }

    /// Whether the line last read was longer than the limit, and cut.
    private(set) var lineWasCut = false

    /// The next line without its CR LF, or nil at the end. A line longer than `limit` bytes
    /// (binary data, no header) is cut there and the rest passed over, and `lineWasCut` says so.
    func readLine(limit: Int = 1 << 16) throws(FileIOError) -> [UInt8]? {
        var searched = 0
        lineWasCut = false
        while true {
            if let nl = buffer[(position + searched)...].firstIndex(of: 0x0A) {
                var line = Array(buffer[position..<nl])
                if line.last == 0x0D { line.removeLast() }
                position = nl + 1
                return line
            }
            searched = buffer.count - position
            if searched > limit {
                let line = Array(buffer[position..<position + limit])
                _ = try discard(toLineStartingWith: [], fromLineStart: false)
                lineWasCut = true
                return line
            }
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

    /// Up to `count` next bytes, without consuming them.
    func peek(_ count: Int) throws(FileIOError) -> ArraySlice<UInt8> {
        let n = min(count, try fill(count))
        return buffer[position..<position + n]
    }

    /// Puts bytes just read back in front of the unread ones, to be read again.
    func unread(_ bytes: [UInt8]) {
        buffer.replaceSubrange(0..<position, with: bytes)
        base = offset - Int64(bytes.count)
        position = 0
    }

    /// Passes over up to `count` bytes without holding them; how many there were.
    func discard(_ count: Int) throws(FileIOError) -> Int {
        var left = count
        while left > 0 {
            if position == buffer.count {
                dropRead()
                if finished { break }
                try readMore()
                continue
            }
            let n = min(left, buffer.count - position)
            position += n
            left -= n
        }
        return count - left
    }

    /// Passes over bytes, without holding them, to the next WARC version line: `WARC/1.`, a
    /// digit and a line end — at a line start, or after junk that ends without one. False when
    /// the stream ends first.
    func discardToVersionLine() throws(FileIOError) -> Bool {
        let mark = Array("WARC/1.".utf8)
        while true {
            if let at = buffer[position...].firstRange(of: mark)?.lowerBound {
                position = at
                guard try fill(mark.count + 3) >= mark.count + 2 else { return false }
                let tail = buffer[(position + mark.count)...].prefix(3)
                let digit = tail.first.map { $0 >= 0x30 && $0 <= 0x39 } ?? false
                if digit && (tail.dropFirst().first == 0x0A || tail.dropFirst().starts(with: [0x0D, 0x0A])) { return true }
                position += 1
                continue
            }
            if finished { position = buffer.count; return false }
            // Keep a possible start of the mark; let the rest go.
            position = Swift.max(position, buffer.count - mark.count)
            dropRead()
            try readMore()
        }
    }

    /// Passes over bytes, without holding them, to the start of the next line that begins with
    /// `prefix` (the current position counts as a line start). False when the stream ends first.
    func discard(toLineStartingWith prefix: [UInt8], fromLineStart: Bool = true) throws(FileIOError) -> Bool {
        var atLineStart = fromLineStart
        while true {
            if atLineStart, try fill(prefix.count) >= prefix.count, buffer[position..<position + prefix.count].elementsEqual(prefix) {
                return true
            }
            if position == buffer.count && finished { return false }
            // Ahead to the next line feed, reading on as needed; a long line is dropped as it goes.
            while buffer[position...].firstIndex(of: 0x0A) == nil {
                position = buffer.count
                dropRead()
                if finished { return false }
                try readMore()
            }
            position = buffer[position...].firstIndex(of: 0x0A)! + 1
            atLineStart = true
        }
    }

    /// Whether a gzip member ends at stream offset `at` (known once the bytes up to it are read).
    func memberEnds(at: Int64) -> Bool {
        source.memberEnds.contains(at)
    }

    /// Why the stream is damaged strictly between stream offsets `start` and `end`: a corrupt
    /// gzip member was left there. Nil when it is not.
    func damage(after start: Int64, before end: Int64) -> String? {
        source.damage.first { $0.offset > start && $0.offset < end }?.reason
    }

    /// Forgets the gzip member ends up to stream offset `start` (where a record starts).
    func forgetMemberEnds(upTo start: Int64) {
        source.memberEnds.removeAll { $0 <= start }
        source.damage.removeAll { $0.offset <= start }
    }

    /// Passes over bytes, without holding them, to the end of the first gzip member that ends
    /// after stream offset `start`. False when none does (the stream ends first).
    func discard(toMemberEndAfter start: Int64) throws(FileIOError) -> Bool {
        while true {
            source.memberEnds.removeAll { $0 <= start }
            if let end = source.memberEnds.first {
                // Ends come in order, so the bytes up to it have been produced.
                if end < offset {
                    // In bytes already read (a line that ran past it): back to it, if still held.
                    if end >= base { position = Int(end - base) }
                    return true
                }
                _ = try discard(Int(end - offset))
                return true
            }
            position = buffer.count
            dropRead()
            if finished { return false }
            try readMore()
        }
    }
}
