// libFuzzer harness. The same bytes as a JSON Lines file and as a .json file through the input reader, then the html stage for markup records.
// The target itself is FuzzTargets.jsonl (Tests/MekongTests/FuzzTargets.swift), which the replay tests run too.
@testable import MekongFuzzTargets

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> CInt {
    FuzzTargets.prepare("jsonl")
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzTargets.jsonl(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}
