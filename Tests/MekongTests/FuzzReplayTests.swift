import Foundation
import Testing
@testable import Mekong

/// Every input a fuzzer found to crash (`Fixtures/fuzz/HARNESS/`) goes again through the
/// code its harness ran (`FuzzTargets`), and must not crash there any more. A crash takes the
/// test process down with it, which is the failure. See `Benchmarks/fuzz/README.md`.
@Suite("Fuzz replay")
struct FuzzReplayTests {
    static let folder = Support.fixtures + "/fuzz"

    /// The fixture files of one harness, in name order.
    static func inputs(_ harness: String) throws -> [String] {
        let dir = folder + "/" + harness
        guard FileManager.default.fileExists(atPath: dir) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: dir).filter { !$0.hasPrefix(".") }.sorted().map { dir + "/" + $0 }
    }

    static func replay(_ harness: String) throws {
        let target = try #require(FuzzTargets.all[harness])
        for path in try inputs(harness) { target(try FileIO.readAll(path)) }
    }

    @Test(arguments: ["html", "xml", "warc", "jsonl", "compressed", "charset", "normalize", "quantities", "entities", "language_tags", "pipeline_json"])
    func crashInputsNoLongerCrash(harness: String) throws {
        try Self.replay(harness)
    }

    /// The targets themselves run (as after a fresh clone, with no fixture yet): empty input,
    /// a page and a text behind a few variant bytes, a pipeline file.
    @Test(arguments: ["html", "xml", "warc", "jsonl", "compressed", "charset", "normalize", "quantities", "entities", "pipeline_json"])
    func targetsRunOnSamples(harness: String) throws {
        let target = try #require(FuzzTargets.all[harness])
        let page = try FileIO.readAll(Support.path("Corpus/vi-dau-tu-ai-phap.html"))
        let text = try FileIO.readAll(Support.path("Corpus/en-ai-summit.txt"))
        target([])
        for variant: UInt8 in [0x00, 0x01, 0x03, 0x0a, 0x16, 0x81] { target([variant] + page); target([variant] + text) }
        target(try FileIO.readAll(Support.path("Pipelines/news.json")))
    }

    /// Each harness in Benchmarks/fuzz has its target here, and each fixture folder its harness.
    @Test func everyHarnessHasATargetAndEveryFixtureAHarness() throws {
        let harnesses = try FileManager.default.contentsOfDirectory(atPath: Support.path("Benchmarks/fuzz"))
            .filter { $0.hasSuffix(".swift") }.map { String($0.dropLast(6)) }
        #expect(Set(harnesses) == Set(FuzzTargets.all.keys))
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: Self.folder)) ?? []
        for name in folders where !name.hasPrefix(".") { #expect(FuzzTargets.all[name] != nil, "Fixtures/fuzz/\(name) names no harness") }
    }
}
