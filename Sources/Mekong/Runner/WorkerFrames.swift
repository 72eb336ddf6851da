/// The frames a supervisor and its worker processes exchange over pipes.
///
/// Supervisor → worker: `D` and a document (its JSON form, then its raw bytes, which the JSON
/// form leaves out). Worker → supervisor: `H` once the pipeline is loaded, `S` and a stage
/// index as each stage begins (so a crash can be blamed on its stage), and `R` with the
/// finished record line, just after `T` with what each stage took (for `--stats`). Lengths are
/// little-endian `UInt32`; a document over 4 GiB cannot be sent, and the document size limit
/// keeps far below that.
enum WorkerFrame: Equatable {
    case hello
    case document(json: [UInt8], raw: [UInt8]?)
    case stage(Int)
    case result(ok: Bool, line: [UInt8])
    /// Per stage: its index, nanoseconds, annotations (`UInt32`, `UInt64`, `UInt32`) and 1 if
    /// the document failed there.
    case timings([StageSample])

    static let noRaw = UInt32.max

    /// The frame's bytes.
    var bytes: [UInt8] {
        var out: [UInt8] = []
        switch self {
        case .hello:
            out.append(UInt8(ascii: "H"))
        case .document(let json, let raw):
            out.reserveCapacity(9 + json.count + (raw?.count ?? 0))
            out.append(UInt8(ascii: "D"))
            Self.append(UInt32(json.count), to: &out)
            out.append(contentsOf: json)
            Self.append(raw.map { UInt32($0.count) } ?? Self.noRaw, to: &out)
            if let raw { out.append(contentsOf: raw) }
        case .stage(let i):
            out.append(UInt8(ascii: "S"))
            Self.append(UInt32(i), to: &out)
        case .timings(let samples):
            out.reserveCapacity(5 + 17 * samples.count)
            out.append(UInt8(ascii: "T"))
            Self.append(UInt32(samples.count), to: &out)
            for s in samples {
                Self.append(UInt32(s.stage), to: &out)
                let nanoseconds = UInt64(max(0, s.seconds * 1e9))
                Self.append(UInt32(truncatingIfNeeded: nanoseconds), to: &out)
                Self.append(UInt32(truncatingIfNeeded: nanoseconds >> 32), to: &out)
                Self.append(UInt32(min(s.annotations, Int(UInt32.max))), to: &out)
                out.append(s.failed ? 1 : 0)
            }
        case .result(let ok, let line):
            out.reserveCapacity(6 + line.count)
            out.append(UInt8(ascii: "R"))
            out.append(ok ? 1 : 0)
            Self.append(UInt32(line.count), to: &out)
            out.append(contentsOf: line)
        }
        return out
    }

    /// The bytes of `.result(ok:line:)` before the line: a worker writes the line after them
    /// as it is, rather than copying a large record into a frame.
    static func resultHeader(ok: Bool, count: Int) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "R"), ok ? 1 : 0]
        append(UInt32(count), to: &out)
        return out
    }

    /// Whether a document of this many bytes (JSON form plus raw) fits in a frame.
    static func fits(json: Int, raw: Int) -> Bool { json < Int(UInt32.max) && raw < Int(UInt32.max) }

    private static func append(_ v: UInt32, to out: inout [UInt8]) {
        out.append(UInt8(truncatingIfNeeded: v))
        out.append(UInt8(truncatingIfNeeded: v >> 8))
        out.append(UInt8(truncatingIfNeeded: v >> 16))
        out.append(UInt8(truncatingIfNeeded: v >> 24))
    }

    enum DecodingError: Error { case unknownKind(UInt8) }

    /// Takes one whole frame from the front of `buffer[start...]`, advancing `start`; nil when
    /// the buffer does not hold a whole frame yet.
    static func take(from buffer: [UInt8], at start: inout Int) throws(DecodingError) -> WorkerFrame? {
        var i = start
        func u32() -> UInt32? {
            guard buffer.count - i >= 4 else { return nil }
            let v = UInt32(buffer[i]) | UInt32(buffer[i + 1]) << 8 | UInt32(buffer[i + 2]) << 16 | UInt32(buffer[i + 3]) << 24
            i += 4
            return v
        }
        guard i < buffer.count else { return nil }
        let kind = buffer[i]
        i += 1
        let frame: WorkerFrame
        switch kind {
        case UInt8(ascii: "H"):
            frame = .hello
        case UInt8(ascii: "S"):
            guard let v = u32() else { return nil }
            frame = .stage(Int(v))
        case UInt8(ascii: "R"):
            guard i < buffer.count else { return nil }
            let ok = buffer[i] == 1
            i += 1
            guard let n = u32().map(Int.init), buffer.count - i >= n else { return nil }
            frame = .result(ok: ok, line: Array(buffer[i..<i + n]))
            i += n
        case UInt8(ascii: "T"):
            guard let n = u32().map(Int.init), buffer.count - i >= n * 17 else { return nil }
            var samples: [StageSample] = []
            samples.reserveCapacity(n)
            for _ in 0..<n {
                let stage = Int(u32()!)
                let nanoseconds = UInt64(u32()!) | UInt64(u32()!) << 32
                let annotations = Int(u32()!)
                samples.append(StageSample(stage: stage, seconds: Double(nanoseconds) / 1e9, annotations: annotations, failed: buffer[i] == 1))
                i += 1
            }
            frame = .timings(samples)
        case UInt8(ascii: "D"):
            guard let n = u32().map(Int.init), buffer.count - i >= n else { return nil }
            let json = Array(buffer[i..<i + n])
            i += n
            guard let r = u32() else { return nil }
            var raw: [UInt8]?
            if r != noRaw {
                let m = Int(r)
                guard buffer.count - i >= m else { return nil }
                raw = Array(buffer[i..<i + m])
                i += m
            }
            frame = .document(json: json, raw: raw)
        default:
            throw .unknownKind(kind)
        }
        start = i
        return frame
    }
}
