// libFuzzer harness. HTML ingestion: the html stage over raw bytes (article or page mode, a transport charset, or the bytes as XML).
// The target itself is FuzzTargets.html (Tests/MekongTests/FuzzTargets.swift), which the replay tests run too.
@testable import MekongFuzzTargets

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> CInt {
    FuzzTargets.prepare("html")
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzTargets.html(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}
