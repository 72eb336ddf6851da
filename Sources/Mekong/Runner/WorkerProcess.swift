#if canImport(Glibc)
import Glibc
#endif
import CMekongSystem

/// The supervisor's handle on one worker process: its pipes, what it is working on, and what
/// it said on standard error lately (shown when it crashes). Nothing here blocks: the
/// supervisor polls every worker's pipes at once.
final class WorkerProcess {
    /// The document a worker holds.
    struct Job {
        var sequence: Int
        var id: String
        var source: Source
        var started: Double
        /// The index of the stage it last said it began, if any, and when it said so.
        var stage: Int?
        var stageStarted = 0.0
        /// What each stage took, as the worker reported it before the record.
        var samples: [StageSample] = []
    }

    let pid: pid_t
    let toWorker: Int32
    let fromWorker: Int32
    let errorsFromWorker: Int32
    private(set) var ready = false
    var job: Job?
    private var outgoing: [UInt8] = []
    private var outgoingOffset = 0
    private var incoming: [UInt8] = []
    private var incomingOffset = 0
    private var stderrTail: [UInt8] = []
    private(set) var exited = false
    private(set) var status: Int32 = 0
    /// Documents this process has finished.
    var finished = 0

    static let stderrKeep = 4096

    init(command: [String]) throws(RunError) {
        var argv: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) }
        argv.append(nil)
        defer { argv.forEach { free($0) } }
        var fds: [Int32] = [0, 0, 0]
        var error: Int32 = 0
        let child = argv.withUnsafeBufferPointer { mk_spawn($0.baseAddress, nil, &fds, &error) }
        guard child > 0 else { throw .usage("cannot start a worker process '\(command[0])': \(String(cString: strerror(error)))") }
        pid = child
        toWorker = fds[0]
        fromWorker = fds[1]
        errorsFromWorker = fds[2]
    }

    var isIdle: Bool { ready && job == nil && !exited }
    var wantsToWrite: Bool { outgoingOffset < outgoing.count }

    /// Queues a document to send; the bytes go out as the pipe takes them.
    func send(_ frame: WorkerFrame, job: Job) {
        self.job = job
        stderrTail.removeAll(keepingCapacity: true)
        outgoing = frame.bytes
        outgoingOffset = 0
        flush()
    }

    /// Writes what the pipe takes now. A worker that died shows up on its output pipe.
    func flush() {
        while outgoingOffset < outgoing.count {
            let n = outgoing.withUnsafeBytes { write(toWorker, $0.baseAddress! + outgoingOffset, $0.count - outgoingOffset) }
            if n > 0 { outgoingOffset += n; continue }
            if n < 0 && errno == EINTR { continue }
            if n < 0 && errno == EAGAIN { return }
            // EPIPE: it is gone; its output pipe will say so.
            outgoing = []; outgoingOffset = 0
            return
        }
        outgoing = []; outgoingOffset = 0
    }

    enum Event { case hello, stage(Int), timings([StageSample]), result(ok: Bool, line: [UInt8]), ended, garbled }

    /// Reads what the worker wrote and returns the events it makes, in order; `.ended` when
    /// its output closed (it exited or was killed).
    func readEvents() -> [Event] {
        var events: [Event] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var closed = false
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fromWorker, $0.baseAddress, $0.count) }
            if n > 0 { incoming.append(contentsOf: chunk[0..<n]); if n < chunk.count { break } else { continue } }
            if n < 0 && errno == EINTR { continue }
            if n == 0 { closed = true }
            break
        }
        while true {
            do {
                guard let frame = try WorkerFrame.take(from: incoming, at: &incomingOffset) else { break }
                switch frame {
                case .hello: ready = true; events.append(.hello)
                case .stage(let i): job?.stage = i; job?.stageStarted = MonotonicClock.seconds(); events.append(.stage(i))
                case .timings(let samples): events.append(.timings(samples))
                case .result(let ok, let line): events.append(.result(ok: ok, line: line))
                case .document: events.append(.garbled)
                }
            } catch {
                events.append(.garbled)
                closed = true
                break
            }
        }
        if incomingOffset > 0 && incomingOffset * 2 >= incoming.count {
            incoming.removeFirst(incomingOffset)
            incomingOffset = 0
        }
        if closed { events.append(.ended) }
        return events
    }

    /// Whether the worker's standard error is still open (one that closed it is not polled).
    private(set) var standardErrorOpen = true

    /// Copies what the worker wrote on standard error through to ours, keeping the tail.
    func relayStandardError() {
        guard standardErrorOpen else { return }
        var chunk = [UInt8](repeating: 0, count: 1 << 14)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(errorsFromWorker, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n == 0 { standardErrorOpen = false }
            guard n > 0 else { return }
            try? FileIO.writeAll(fd: 2, Array(chunk[0..<n]), path: "stderr")
            stderrTail.append(contentsOf: chunk[0..<n])
            if stderrTail.count > Self.stderrKeep { stderrTail.removeFirst(stderrTail.count - Self.stderrKeep) }
        }
    }

    /// What the worker said on standard error since its current document began.
    var recentStandardError: String {
        String(decoding: stderrTail, as: UTF8.self).trimmingTrailingWhitespace
    }

    /// Resident memory now, from /proc.
    var residentBytes: Int? {
        guard let bytes = try? FileIO.readAll("/proc/\(pid)/statm") else { return nil }
        let fields = bytes.split(separator: 0x20)
        guard fields.count > 1, let pages = Int(String(decoding: fields[1], as: UTF8.self)) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// Kills the worker (and anything it started in its process group) and reaps it.
    func kill() {
        guard !exited else { return }
        Glibc.kill(-pid, SIGKILL)
        Glibc.kill(pid, SIGKILL)
        reap()
    }

    /// Waits for the worker's exit status, then lets go of its pipes.
    func reap() {
        guard !exited else { return }
        var st: Int32 = 0
        while waitpid(pid, &st, 0) < 0 && errno == EINTR {}
        ended(status: st)
    }

    /// Asks the worker to end by closing its input, then reaps it; kills it after `grace`.
    func stop(grace: Double = 5) {
        guard !exited else { return }
        closeInput()
        let deadline = MonotonicClock.seconds() + grace
        var st: Int32 = 0
        while MonotonicClock.seconds() < deadline {
            if waitpid(pid, &st, WNOHANG) == pid { return ended(status: st) }
            usleep(2_000)
        }
        kill()
    }

    private var inputClosed = false
    private func closeInput() {
        guard !inputClosed else { return }
        inputClosed = true
        close(toWorker)
    }

    private func ended(status st: Int32) {
        status = st
        exited = true
        relayStandardError()
        closeInput()
        close(fromWorker)
        close(errorsFromWorker)
    }

    /// The status the process exited with; nil when a signal ended it.
    var exitStatus: Int32? { status & 0x7F == 0 ? (status >> 8) & 0xFF : nil }

    /// How the process ended, for an error record: `crashed the process (signal 11, SIGSEGV)`.
    var endDescription: String {
        guard let exitStatus else {
            let signal = status & 0x7F
            return "crashed the process (signal \(signal), \(Self.signalName(signal)))"
        }
        return "ended the process (exit status \(exitStatus))"
    }

    static func signalName(_ s: Int32) -> String {
        switch s {
        case SIGSEGV: return "SIGSEGV"
        case SIGABRT: return "SIGABRT"
        case SIGBUS: return "SIGBUS"
        case SIGILL: return "SIGILL (a Swift runtime trap)"
        case SIGTRAP: return "SIGTRAP (a Swift runtime trap)"
        case SIGFPE: return "SIGFPE"
        case SIGKILL: return "SIGKILL"
        case SIGTERM: return "SIGTERM"
        default: return "signal \(s)"
        }
    }
}

extension String {
    var trimmingTrailingWhitespace: String {
        var s = Substring(self)
        while let last = s.last, last.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
