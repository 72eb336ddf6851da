#if canImport(Glibc)
import Glibc
#endif
import CMekongSystem

/// How many CPUs this process may use — `mekong run`'s default `--jobs`.
///
/// The least of three counts: the cores online, the CPU affinity mask (`taskset`, a
/// container's cpuset, a YARN or Kubernetes CPU pinning) and the cgroup v2 CPU quota
/// (`cpu.max`, as `docker --cpus` or a Kubernetes limit sets it; cgroup v1's
/// `cpu.cfs_quota_us` too). Online cores alone would
/// start a worker per core of the whole machine inside a container allowed two, and each
/// worker would get a slice of a throttled quota.
public enum AvailableCores {
    /// The CPUs this process may use now; at least 1.
    public static func count() -> Int {
        let online = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        let counts = [online > 0 ? online : nil, affinity(), cgroupQuota()].compactMap { $0 }
        return Swift.max(1, counts.min() ?? 1)
    }

    /// CPUs in this process's affinity mask (`sched_getaffinity`), nil when unknown.
    public static func affinity() -> Int? {
        let n = Int(mk_affinity_cpu_count())
        return n > 0 ? n : nil
    }

    /// The tightest CPU quota of this process's cgroup and its ancestors, in whole CPUs
    /// (rounded up); nil when there is none or no cgroup v2.
    public static func cgroupQuota() -> Int? {
        // "0::/some/group" in /proc/self/cgroup names the cgroup v2 of this process; each
        // ancestor's cpu.max caps it too. In a container's cgroup namespace it reads "0::/"
        // and /sys/fs/cgroup is the container's own group.
        var group = ""
        if let text = try? FileIO.readAll("/proc/self/cgroup") {
            for line in String(decoding: text, as: UTF8.self).split(separator: "\n") where line.hasPrefix("0::") {
                group = String(line.dropFirst(3))
            }
        }
        var parts = group.split(separator: "/").map(String.init)
        var quotas: [Int] = []
        while true {
            let dir = "/sys/fs/cgroup" + parts.map { "/" + $0 }.joined()
            if let text = try? FileIO.readAll(dir + "/cpu.max"), let q = parseCPUMax(String(decoding: text, as: UTF8.self)) {
                quotas.append(q)
            }
            if parts.isEmpty { break }
            parts.removeLast()
        }
        if let v1 = cgroupV1Quota() { quotas.append(v1) }
        return quotas.min()
    }

    /// The cgroup v1 CPU quota (`cpu.cfs_quota_us` over `cpu.cfs_period_us`, -1 for none), which
    /// older YARN and Docker hosts still set; nil when there is none.
    static func cgroupV1Quota() -> Int? {
        for dir in ["/sys/fs/cgroup/cpu", "/sys/fs/cgroup/cpu,cpuacct"] {
            guard let quota = try? FileIO.readAll(dir + "/cpu.cfs_quota_us"),
                  let period = try? FileIO.readAll(dir + "/cpu.cfs_period_us") else { continue }
            let text = String(decoding: quota, as: UTF8.self).trimmingTrailingWhitespace + " " + String(decoding: period, as: UTF8.self)
            return parseCPUMax(text)
        }
        return nil
    }

    /// Whole CPUs from a cgroup v2 `cpu.max` text, "QUOTA PERIOD" in microseconds: quota over
    /// period rounded up, at least 1 ("150000 100000" → 2, "50000 100000" → 1). Nil for
    /// "max …" (no limit) and for text that is not a quota.
    public static func parseCPUMax(_ text: String) -> Int? {
        let fields = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" })
        guard let first = fields.first, first != "max", let quota = Int(first), quota > 0 else { return nil }
        // The period is optional in what a writer gives; the kernel's default is 100 ms.
        let period = fields.count > 1 ? Int(fields[1]) ?? 0 : 100_000
        guard period > 0 else { return nil }
        return Swift.max(1, (quota + period - 1) / period)
    }
}
