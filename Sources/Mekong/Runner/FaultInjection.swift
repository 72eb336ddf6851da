#if canImport(Glibc)
import Glibc
#endif

/// A test facility: `MEKONG_FAULT=crash:ID,hang:ID,memory:ID,…` makes a worker process crash
/// with SIGSEGV, hang, or allocate memory without end when it starts the document with that
/// id — so tests can prove that such a document costs only its own record. Read once per
/// worker; unset, it costs nothing.
struct FaultInjection: Sendable {
    enum Fault: String, Sendable { case crash, hang, memory }
    private var faults: [String: Fault] = [:]

    init(_ spec: String?) {
        guard let spec, !spec.isEmpty else { return }
        for part in spec.split(separator: ",") {
            guard let colon = part.firstIndex(of: ":"), let kind = Fault(rawValue: String(part[..<colon])) else { continue }
            faults[String(part[part.index(after: colon)...])] = kind
        }
    }

    static func fromEnvironment() -> FaultInjection {
        FaultInjection(getenv("MEKONG_FAULT").map { String(cString: $0) })
    }

    func fault(for id: String) -> Fault? { faults.isEmpty ? nil : faults[id] }

    /// Carries out the fault; never returns.
    static func trigger(_ fault: Fault) -> Never {
        switch fault {
        case .crash:
            raise(SIGSEGV)
            abort()
        case .hang:
            while true { sleep(3600) }
        case .memory:
            // Touched, so it is resident, not just reserved.
            var blocks: [[UInt8]] = []
            while true {
                blocks.append([UInt8](repeating: 1, count: 16 << 20))
                usleep(5_000)
            }
        }
    }
}
