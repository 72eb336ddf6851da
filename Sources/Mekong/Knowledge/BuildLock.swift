#if canImport(Glibc)
import Glibc
#endif
import CMekongSystem

/// A lock across processes on building a cached file (`FILE.lock` beside it): of several
/// processes that start at once with no default knowledge base yet, one builds and the others
/// wait, then find the file built. The kernel drops the lock when its holder dies, so a killed
/// build only makes the next process build again. The lock file stays (removing it would let
/// a waiter and a newcomer hold two locks on two files of one name).
final class BuildLock {
    private let fd: Int32

    /// Waits until the lock is free; `timeout` seconds at most, then builds anyway (a lock
    /// held that long is a stuck process, and building twice is safe: the second rename wins).
    init(path: String, timeout: Double = 300) throws(LocatedError) {
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw LocatedError(path: path, message: "cannot create the build lock (errno \(errno))") }
        var waited = 0.0
        while mk_try_lock(fd) == 1 && waited < timeout {
            usleep(50_000)
            waited += 0.05
        }
    }

    func release() { close(fd) }
}
