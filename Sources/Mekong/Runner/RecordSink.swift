#if canImport(Glibc)
import Glibc
#endif

/// Where output records go: standard output, or a file written through `FILE.part` and
/// renamed into place when the run ends, so a killed run never leaves a torn file under
/// the final name. Each record is one `write` of a whole line.
///
/// With `resume`, an existing `FILE.part` (or a finished `FILE`) is kept: a torn last line
/// is cut off and the run skips the documents whose records are already there.
final class RecordSink {
    let path: String?
    private let partPath: String?
    private let fd: Int32
    private let lock: OutputLock?
    /// Records already in the file when a resumed run started.
    let resumedCount: Int
    /// The id of the last of them, to check the input is the same.
    let resumedLastID: String?

    init(output: String?, resume: Bool) throws(RunError) {
        guard let output, output != "-" else {
            if resume { throw RunError.usage("--resume needs an output file (-o FILE)") }
            path = nil; partPath = nil; fd = 1; resumedCount = 0; resumedLastID = nil; lock = nil
            return
        }
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
                    (count, lastID) = try Self.recover(part)
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

    func append(_ line: [UInt8]) throws(RunError) {
        do { try FileIO.writeAll(fd: fd, line, path: partPath ?? "stdout") } catch { throw RunError.io(error) }
    }

    /// Flushes the file to disk and moves it to its final name.
    func commit() throws(RunError) {
        guard let path, let partPath else { return }
        defer { lock?.release() }
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
