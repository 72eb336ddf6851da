// libFuzzer harness. Pipeline.build over fuzzed pipeline JSON; a pipeline that builds runs a small page.
// The target itself is FuzzTargets.pipelineJSON (Tests/MekongTests/FuzzTargets.swift), which the replay tests run too.
@testable import MekongFuzzTargets

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> CInt {
    FuzzTargets.prepare("pipeline_json")
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzTargets.pipelineJSON(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}
