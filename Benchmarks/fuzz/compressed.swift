// libFuzzer harness. Compressed inputs (gzip, bzip2, zstd around JSON Lines, text, HTML; whole, cut short, or garbage behind a magic number) through the input reader.
// The target itself is FuzzTargets.compressed (Tests/MekongTests/FuzzTargets.swift), which the replay tests run too.
@testable import MekongFuzzTargets

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> CInt {
    FuzzTargets.prepare("compressed")
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzTargets.compressed(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}
