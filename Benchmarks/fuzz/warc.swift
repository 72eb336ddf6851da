// libFuzzer harness. WARC files, plain and gzip (one member per record, or fuzzed compressed bytes), through the input reader.
// The target itself is FuzzTargets.warc (Tests/MekongTests/FuzzTargets.swift), which the replay tests run too.
@testable import MekongFuzzTargets

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> CInt {
    FuzzTargets.prepare("warc")
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzTargets.warc(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}
