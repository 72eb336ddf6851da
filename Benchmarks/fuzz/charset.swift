// libFuzzer harness. Charset detection and decoding of text bytes, with a declared charset (listed or fuzzed).
// The target itself is FuzzTargets.charset (Tests/MekongTests/FuzzTargets.swift), which the replay tests run too.
@testable import MekongFuzzTargets

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> CInt {
    FuzzTargets.prepare("charset")
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzTargets.charset(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}
