#if canImport(Glibc)
import Glibc
#endif

/// Where output records go: standard output, or a file written through `FILE.part` and
/// renamed into place when the run ends, so a killed run never leaves a torn file under
/// the final name. Each record is one `write` of a whole line.
///
/// With `resume`, an existing `FILE.part` (or a finished `FILE`) is kept: a torn last line
/// is cut off and the run skips the documents whose records are already there.
///
/// A file named `.gz` or `.zst` is written compressed: records are gathered up to
/// `memberBytes` and written as one gzip member or zstd frame, in one `write`. A resumed
/// compressed output keeps its whole members and cuts off a torn one; the records that were
/// still gathering when a run died are processed again.
final class RecordSink {
    let path: String?
    private let partPath: String?
    private let fd: Int32
    private let lock: OutputLock?
    private let compressor: RecordCompressor?
    /// Records gathered for the next member of a compressed output.
    private var pending: [UInt8] = []
    /// Uncompressed bytes of records per member: large enough to compress well, small
    /// enough that little is redone after a crash.
    static let memberBytes = 1 << 20
    /// Records already in the file when a resumed run started.
    let resumedCount: Int
    /// The id of the last of them, to check the input is the same.
    let resumedLastID: String?

    init(output: String?, resume: Bool) throws(RunError) {
        guard let output, output != "-" else {
            if resume { throw RunError.usage("--resume needs an output file (-o FILE)") }
            path = nil; partPath = nil; fd = 1; resumedCount = 0; resumedLastID = nil; lock = nil; compressor = nil
            return
        }
        let lower = output.lowercased()
        if lower.hasSuffix(".bz2") || lower.hasSuffix(".xz") || lower.hasSuffix(".lz4") {
            throw RunError.usage("\(output): Mekong writes gzip (.gz) and zstd (.zst) outputs, not \(FilePath.fileName(of: output).split(separator: ".").last.map { "." + $0 } ?? "this compression")")
        }
        compressor = try RecordCompressor.Codec.forOutput(output).map { codec throws(RunError) in try RecordCompressor(codec: codec) }
        path = output
        let part = output + ".part"
        partPath = part
        do { try FileIO.makeDirectories(FilePath.directory(of: part)) } catch { throw RunError.io(error) }
        // Before anything is truncated or counted: another run may be writing here.
        let lock = try OutputLock(output)
        var count = 0
        var lastID: String?
        if resume {
            do throws(RunError) {
                if !FileIO.exists(part) && FileIO.exists(output) {
                    guard rename(output, part) == 0 else { throw RunError.io(.errno(output, "cannot reopen for --resume")) }
                }
                if FileIO.exists(part) {
                    (count, lastID) = try compressor == nil ? Self.recover(part) : Self.recoverCompressed(part)
                }
            } catch {
                lock.release()
                throw error
            }
        }
        let flags = O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | (resume ? 0 : O_TRUNC)
        let fd = open(part, flags, 0o644)
        guard fd >= 0 else {
            lock.release()
            throw RunError.io(.errno(part, "cannot open for writing"))
        }
        self.fd = fd
        self.lock = lock
        resumedCount = count
        resumedLastID = lastID
    }

    /// Counts the complete records of a partial output and cuts off a torn last line.
    private static func recover(_ part: String) throws(RunError) -> (Int, String?) {
        let reader: LineReader
        do { reader = try LineReader(path: part) } catch { throw RunError.io(error) }
        var count = 0
        var completeBytes = 0
        var lastLine: [UInt8]?
        let size = FileIO.fileSize(part) ?? 0
        do {
            while let line = try reader.next() {
                let end = completeBytes + line.count + 1
                // The last line is complete only if a newline follows it in the file.
                if end > size { break }
                // A record that does not parse was torn mid-write by an earlier crash.
                guard (try? JSONParser.parse(line)) != nil else { break }
                completeBytes = end
                count += 1
                lastLine = line
            }
        } catch { throw RunError.io(error) }
        if completeBytes < size {
            guard truncate(part, off_t(completeBytes)) == 0 else { throw RunError.io(.errno(part, "cannot cut off a torn record")) }
        }
        let lastID = lastLine.flatMap { try? JSONParser.parse($0) }?["id"]?.stringValue
        return (count, lastID)
    }

    /// Counts the records of a compressed partial output in its whole members and cuts off
    /// what follows the last one (a member torn by a crash, or cut short by a full disk).
    private static func recoverCompressed(_ part: String) throws(RunError) -> (Int, String?) {
        let source: Decompressor
        do { source = try Decompressor(path: part) } catch { throw RunError.io(error) }
        let size = Int64(FileIO.fileSize(part) ?? 0)
        if source.codec == .plain && size > 0 {
            throw RunError.usage("\(part) is not compressed, though the output's name asks for it; cannot resume it")
        }
        var count = 0
        var lastLine: ArraySlice<UInt8>?
        var member: [UInt8] = []
        var keep: Int64 = 0
        while true {
            // A member that does not decompress is where a crash tore the file: cut it there.
            guard let chunk = try? source.next() else { break }
            member.append(contentsOf: chunk)
            guard source.memberJustEnded else { continue }
            // Every member this sink writes holds whole records.
            guard member.last == 0x0A else { break }
            let lines = member.dropLast().split(separator: 0x0A, omittingEmptySubsequences: false)
            count += lines.count
            lastLine = lines.last
            keep = source.compressedOffsetOfLastMemberEnd
            member = []
        }
        if keep < size {
            guard truncate(part, off_t(keep)) == 0 else { throw RunError.io(.errno(part, "cannot cut off a torn member")) }
        }
        let lastID = lastLine.flatMap { try? JSONParser.parse(Array($0)) }?["id"]?.stringValue
        return (count, lastID)
    }

    func append(_ line: [UInt8]) throws(RunError) {
        if compressor != nil {
            pending.append(contentsOf: line)
            if pending.count >= Self.memberBytes { try flush() }
            return
        }
        do { try FileIO.writeAll(fd: fd, line, path: partPath ?? "stdout") } catch { throw RunError.io(error) }
    }

    /// Writes the gathered records of a compressed output as one member.
    private func flush() throws(RunError) {
        guard let compressor, !pending.isEmpty else { return }
        let member = compressor.member(pending)
        pending.removeAll(keepingCapacity: true)
        do { try FileIO.writeAll(fd: fd, member, path: partPath ?? "stdout") } catch { throw RunError.io(error) }
    }

    /// Flushes the file to disk and moves it to its final name.
    func commit() throws(RunError) {
        guard let path, let partPath else { return }
        defer { lock?.release() }
        do { try flush() } catch {
            close(fd)
            throw error
        }
        guard fsync(fd) == 0 || errno == EINVAL else {
            let e = FileIOError.errno(partPath, "cannot write to disk")
            close(fd)
            throw RunError.io(e)
        }
        close(fd)
        guard rename(partPath, path) == 0 else { throw RunError.io(.errno(path, "cannot move \(partPath) into place")) }
    }

    /// Leaves the partial file for a later `--resume`.
    func abandon() {
        // The records gathered so far are whole: keep them (after a failed write, the torn
        // member is cut off by the resume).
        try? flush()
        if partPath != nil { fsync(fd); close(fd) }
        lock?.release()
    }
}

/// Why a run could not start or finish (as opposed to a document failing).
public enum RunError: Error, Sendable, CustomStringConvertible {
    case usage(String)
    case io(FileIOError)
    case resumeMismatch(String)
    /// Another run holds the output.
    case locked(String)

    public var description: String {
        switch self {
        case .usage(let m): return m
        case .io(let e): return e.description
        case .resumeMismatch(let m): return m
        case .locked(let m): return m
        }
    }

    /// The exit status `mekong run` ends with for this error (see the README's exit codes).
    public var exitStatus: Int32 {
        switch self {
        case .usage, .resumeMismatch: return 2
        case .io: return 3
        case .locked: return 4
        }
    }
}
