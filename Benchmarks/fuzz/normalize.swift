// libFuzzer harness. The normalize stage (five option sets), then sentences and tokens over the rewritten text.
// The target itself is FuzzTargets.normalize (Tests/MekongTests/FuzzTargets.swift), which the replay tests run too.
@testable import MekongFuzzTargets

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> CInt {
    FuzzTargets.prepare("normalize")
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzTargets.normalize(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}
