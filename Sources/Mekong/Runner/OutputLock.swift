#if canImport(Glibc)
import Glibc
#endif
import CMekongSystem

/// An exclusive lock on a run's output, held from before the output is opened until the run
/// ends, through `FILE.lock` beside it. Two runs writing one file would interleave records
/// and then fight over renaming `FILE.part`; the second refuses instead. The kernel drops
/// the lock when its holder dies, so a killed run leaves nothing to clean up by hand.
final class OutputLock {
    let path: String
    private var fd: Int32

    init(_ output: String) throws(RunError) {
        path = output + ".lock"
        while true {
            let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw RunError.io(.errno(path, "cannot create the output's lock")) }
            switch mk_try_lock(fd) {
            case 0:
                // The holder before us may have removed the file between our open and our
                // lock; then we hold a lock nobody else can see: take it again.
                var held = stat(), named = stat()
                if fstat(fd, &held) == 0, stat(path, &named) == 0, held.st_ino == named.st_ino, held.st_dev == named.st_dev {
                    self.fd = fd
                    return
                }
                close(fd)
            case 1:
                close(fd)
                throw RunError.locked("another mekong run is writing \(output) (it holds \(path)); wait for it to end, or write elsewhere with -o")
            default:
                let e = FileIOError.errno(path, "cannot lock the output")
                close(fd)
                throw RunError.io(e)
            }
        }
    }

    /// Removes the lock file and lets go of the lock (removing first, so that no one locks
    /// the old file after we let go).
    func release() {
        guard fd >= 0 else { return }
        unlink(path)
        close(fd)
        fd = -1
    }

    deinit { release() }
}
