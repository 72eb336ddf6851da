import Foundation
import Testing
@testable import Mekong

@Suite("Available cores (--jobs default)")
struct AvailableCoresTests {
    @Test func cpuMaxTextsBecomeWholeCPUs() {
        #expect(AvailableCores.parseCPUMax("max 100000\n") == nil)
        #expect(AvailableCores.parseCPUMax("max") == nil)
        #expect(AvailableCores.parseCPUMax("200000 100000\n") == 2)
        #expect(AvailableCores.parseCPUMax("150000 100000") == 2)
        #expect(AvailableCores.parseCPUMax("50000 100000") == 1)
        #expect(AvailableCores.parseCPUMax("1000 100000") == 1)
        #expect(AvailableCores.parseCPUMax("400000 50000") == 8)
        #expect(AvailableCores.parseCPUMax("300000") == 3)
        #expect(AvailableCores.parseCPUMax("") == nil)
        #expect(AvailableCores.parseCPUMax("garbage 100000") == nil)
        #expect(AvailableCores.parseCPUMax("100000 0") == nil)
        #expect(AvailableCores.parseCPUMax("-1 100000") == nil)
    }

    @Test func theCountIsAtMostTheOnlineCoresAndTheAffinityMask() {
        let online = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        let count = AvailableCores.count()
        #expect(count >= 1 && count <= online)
        if let affinity = AvailableCores.affinity() { #expect(count <= affinity && affinity <= online) }
        if let quota = AvailableCores.cgroupQuota() { #expect(count <= quota) }
        #expect(RunOptions.defaultJobs == count)
    }

    /// A process pinned to one CPU (as `taskset`, a cpuset or a YARN container does) defaults to one job.
    @Test func aPinnedProcessDefaultsToOneJob() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/taskset") else { return }
        let r = try Support.run(["/usr/bin/taskset", "-c", "0", Support.mekong, "run", "--help"])
        #expect(r.status == 0)
        let words = r.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains("quota: here 1)"), "\(r.stdout)")
    }
}
