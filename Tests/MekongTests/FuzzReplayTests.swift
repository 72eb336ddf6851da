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

    /// Fixtures (HARNESS/FILE) of crashes in code being fixed on another branch: replayed by a
    /// test of their own, disabled until that branch is merged.
    static let fixedElsewhere: Set<String> = [
        "language_tags/udat-open-issue-17-long-tag.bin", "language_tags/udat-open-tag-and-text.bin",
        "language_tags/udat-open-tag-f-backtick.bin", "pipeline_json/udat-open-pipeline-language.json",
    ]

    static func isFixedElsewhere(_ path: String) -> Bool {
        fixedElsewhere.contains(path.split(separator: "/").suffix(2).joined(separator: "/"))
    }

    static func replay(_ harness: String, fixedElsewhere: Bool = false) throws {
        let target = try #require(FuzzTargets.all[harness])
        for path in try inputs(harness) where isFixedElsewhere(path) == fixedElsewhere {
            target(try FileIO.readAll(path))
        }
    }

    @Test(arguments: ["html", "xml", "warc", "jsonl", "charset", "normalize", "quantities", "entities", "language_tags", "pipeline_json"])
    func crashInputsNoLongerCrash(harness: String) throws {
        try Self.replay(harness)
    }

    /// udat_open (ICU) crashed on odd language tags, from the quantities stage's month names:
    /// a document's tag, or a pipeline's "language".
    @Test(.disabled("fixed on branch rel-stages (c3775af, language tags checked before ICU sees them); enable when it is merged"),
          arguments: ["language_tags", "pipeline_json"])
    func crashInputsFixedOnAnotherBranchNoLongerCrash(harness: String) throws {
        try Self.replay(harness, fixedElsewhere: true)
    }

    /// Every fixture listed as fixed elsewhere exists.
    @Test func fixturesFixedElsewhereExist() {
        for name in Self.fixedElsewhere { #expect(FileManager.default.fileExists(atPath: Self.folder + "/" + name), "\(name)") }
    }

    /// The targets themselves run (as after a fresh clone, with no fixture yet): empty input,
    /// a page and a text behind a few variant bytes, a pipeline file.
    @Test(arguments: ["html", "xml", "warc", "jsonl", "charset", "normalize", "quantities", "entities", "pipeline_json"])
    func targetsRunOnSamples(harness: String) throws {
        let target = try #require(FuzzTargets.all[harness])
        let page = try FileIO.readAll(Support.path("Corpus/vi-dau-tu-ai-phap.html"))
        let text = try FileIO.readAll(Support.path("Corpus/en-ai-summit.txt"))
        target([])
        for variant: UInt8 in [0x00, 0x01, 0x03, 0x81] { target([variant] + page); target([variant] + text) }
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
