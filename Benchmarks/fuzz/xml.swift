// libFuzzer harness. XML inputs: RSS, Atom and TEI presets, a custom XPath mapping or a fuzzed XPath, then the html stage.
// The target itself is FuzzTargets.xml (Tests/MekongTests/FuzzTargets.swift), which the replay tests run too.
@testable import MekongFuzzTargets

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> CInt {
    FuzzTargets.prepare("xml")
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzTargets.xml(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}
