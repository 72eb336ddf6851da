#if canImport(Glibc)
import Glibc
#endif
import CMekongSystem

/// A long-lived child process spoken to in lines: one line to its standard input, one
/// line back from its standard output, with a deadline. Its standard error is collected
/// so failures can show what it said.
final class ChildProcess: @unchecked Sendable {
    let pid: pid_t
    private let stdinFD: Int32
    private let stdoutFD: Int32
    private let stderrFD: Int32
    private var stdoutBuffer: [UInt8] = []
    private var stderrTail: [UInt8] = []
    private var exited = false
    private var exitStatus: Int32 = 0
    static let stderrLimit = 16 * 1024

    enum Failure: Error {
        case timedOut(seconds: Double)
        case exited(status: String)
        case io(String)
    }

    init(command: [String], directory: String) throws(Failure) {
        // Writing to a child that died must give EPIPE, not kill Mekong.
        signal(SIGPIPE, SIG_IGN)
        var argv: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) }
        argv.append(nil)
        defer { argv.forEach { free($0) } }
        var fds: [Int32] = [0, 0, 0]
        var error: Int32 = 0
        let child = argv.withUnsafeBufferPointer { a in
            mk_spawn(a.baseAddress, directory == "." ? nil : directory, &fds, &error)
        }
        guard child > 0 else {
            throw .io("cannot start '\(command[0])': \(String(cString: strerror(error)))")
        }
        pid = child
        stdinFD = fds[0]
        stdoutFD = fds[1]
        stderrFD = fds[2]
    }

    deinit { terminate() }

    /// What the child wrote to standard error lately (the last 16 KB).
    var stderrText: String { String(decoding: stderrTail, as: UTF8.self) }

    func clearStderr() { stderrTail.removeAll(keepingCapacity: true) }

    /// Sends one line and waits for one line back.
    func exchange(_ line: [UInt8], timeout: Double) throws(Failure) -> [UInt8] {
        let deadline = MonotonicClock.seconds() + timeout
        var pending = line[...]
        while true {
            if let nl = stdoutBuffer.firstIndex(of: 0x0A) {
                let answer = Array(stdoutBuffer[..<nl])
                stdoutBuffer.removeFirst(nl + 1)
                return answer
            }
            if exited { throw .exited(status: statusText) }
            let remaining = deadline - MonotonicClock.seconds()
            if remaining <= 0 { throw .timedOut(seconds: timeout) }
            var fds = [
                pollfd(fd: stdoutFD, events: Int16(POLLIN), revents: 0),
                pollfd(fd: stderrFD, events: Int16(POLLIN), revents: 0),
                pollfd(fd: pending.isEmpty ? -1 : stdinFD, events: Int16(POLLOUT), revents: 0),
            ]
            let ready = poll(&fds, 3, Int32(min(remaining * 1000 + 1, 1_000_000)))
            if ready < 0 {
                if errno == EINTR { continue }
                throw .io("poll failed: \(String(cString: strerror(errno)))")
            }
            if fds[1].revents != 0 { drainStderr() }
            if fds[2].revents & Int16(POLLOUT) != 0 {
                let n = pending.withUnsafeBytes { write(stdinFD, $0.baseAddress, $0.count) }
                if n > 0 { pending = pending.dropFirst(n) }
                else if n < 0 && errno != EAGAIN && errno != EINTR { reap(); if exited { throw .exited(status: statusText) } }
            } else if fds[2].revents & Int16(POLLERR | POLLHUP) != 0 {
                reap(wait: true)
                drainStderr()
                throw .exited(status: statusText)
            }
            if fds[0].revents != 0 {
                var chunk = [UInt8](repeating: 0, count: 1 << 16)
                let n = chunk.withUnsafeMutableBytes { read(stdoutFD, $0.baseAddress, $0.count) }
                if n > 0 {
                    stdoutBuffer.append(contentsOf: chunk[0..<n])
                } else if n == 0 {
                    // End of output: the child is gone (or closed stdout, which is as bad).
                    drainStderr()
                    reap(wait: true)
                    drainStderr()
                    throw .exited(status: statusText)
                }
            }
        }
    }

    private func drainStderr() {
        var chunk = [UInt8](repeating: 0, count: 1 << 14)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(stderrFD, $0.baseAddress, $0.count) }
            guard n > 0 else { return }
            stderrTail.append(contentsOf: chunk[0..<n])
            if stderrTail.count > Self.stderrLimit { stderrTail.removeFirst(stderrTail.count - Self.stderrLimit) }
        }
    }

    private func reap(wait: Bool = false) {
        guard !exited else { return }
        var status: Int32 = 0
        var r = waitpid(pid, &status, wait ? 0 : WNOHANG)
        if wait && r == 0 { r = waitpid(pid, &status, 0) }
        if r == pid {
            exited = true
            exitStatus = status
        } else if wait && r < 0 {
            exited = true
        }
    }

    private var statusText: String {
        let termSig = exitStatus & 0x7F
        if termSig == 0 { return "exited with status \((exitStatus >> 8) & 0xFF)" }
        return "was killed by signal \(termSig)"
    }

    /// Kills the child and its process group, and reaps it.
    func terminate() {
        guard !exited else { closeAll(); return }
        closeStdin()
        kill(-pid, SIGKILL)
        kill(pid, SIGKILL)
        reap(wait: true)
        closeAll()
    }

    /// Closes stdin so a well-behaved child ends by itself; kills it after `grace` seconds.
    func shutdown(grace: Double) {
        guard !exited else { closeAll(); return }
        closeStdin()
        let deadline = MonotonicClock.seconds() + grace
        while MonotonicClock.seconds() < deadline {
            reap()
            if exited { closeAll(); return }
            usleep(5_000)
        }
        kill(-pid, SIGKILL)
        kill(pid, SIGKILL)
        reap(wait: true)
        closeAll()
    }

    private var closed = false
    private var stdinClosed = false
    private func closeStdin() {
        guard !stdinClosed else { return }
        stdinClosed = true
        close(stdinFD)
    }

    private func closeAll() {
        guard !closed else { return }
        closed = true
        closeStdin()
        close(stdoutFD)
        close(stderrFD)
    }
}
