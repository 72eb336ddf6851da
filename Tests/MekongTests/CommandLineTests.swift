import Foundation
import Testing
@testable import Mekong

@Suite("mekong command line", .serialized)
struct CommandLineTests {
    @Test func versionAndHelp() throws {
        let v = try Support.run([Support.mekong, "--version"])
        #expect(v.status == 0 && v.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == MekongVersionString)
        let h = try Support.run([Support.mekong, "run", "--help"])
        #expect(h.status == 0 && h.stdout.contains("--resume"))
    }

    @Test func stagesListsEveryStageWithOptions() throws {
        let r = try Support.run([Support.mekong, "stages"])
        #expect(r.status == 0)
        for d in StageRegistry.builtIn.descriptors {
            #expect(r.stdout.contains(d.name + "\n  " + d.summary))
            for o in d.options { #expect(r.stdout.contains("    \(o.name) (")) }
        }
        let json = try JSONParser.parse(try Support.run([Support.mekong, "stages", "--json"]).stdout)
        #expect(json.arrayValue?.count == StageRegistry.builtIn.names.count)
    }

    @Test func validateExitsTwoWithTheJSONPath() throws {
        let dir = Support.temporaryDirectory()
        let cases: [(String, String)] = [
            (#"{"name": "t", "stages": [{"use": "tokenz"}]}"#, "$.stages[0].use: unknown stage 'tokenz'; did you mean 'tokens'?"),
            (#"{"name": "t", "stages": [{"use": "tokens", "with": {"locle": "vi"}}]}"#, "$.stages[0].with.locle: unknown option 'locle' for stage 'tokens'; did you mean 'locale'?"),
            (#"{"name": "t", "stages": [{"use": "tokens", "with": {"locale": 5}}]}"#, "$.stages[0].with.locale: stage 'tokens', option 'locale': expected string, found integer"),
            (#"{"name": "t", "stages": [{"use": "external", "with": {"command": ["x"], "needs": ["sentences"]}}]}"#, "$.stages[0].use: stage 'external' needs the 'sentences' layer"),
            ("{\"name\": \"t\",\n \"stages\": [}", "malformed JSON at line 2, column 13"),
        ]
        for (i, (json, expected)) in cases.enumerated() {
            let file = dir + "/p\(i).json"
            Support.write(json, to: file)
            let r = try Support.run([Support.mekong, "validate", file])
            #expect(r.status == 2, "\(json)")
            #expect(r.stderr.contains(expected), "\(r.stderr)")
        }
        let ok = try Support.run([Support.mekong, "validate", Support.path("Pipelines/news.json")])
        #expect(ok.status == 0 && ok.stdout.contains("ok"))
        let run = try Support.run([Support.mekong, "run", "-p", dir + "/p0.json", Support.path("Corpus")])
        #expect(run.status == 2 && run.stdout.isEmpty)
        let usage = try Support.run([Support.mekong, "run", "--bogus"])
        #expect(usage.status == 2)
    }

    /// The README's main command over `Corpus/`, compared with the committed golden output.
    /// Set MEKONG_UPDATE_GOLDEN=1 to rewrite it after an intended change.
    @Test func quantitiesLineInLineOut() throws {
        let r = try Support.run([Support.mekong, "quantities", "--language", "vi", "--target", "en"],
                                stdin: "Pháp đầu tư 109 tỷ Euro, hôm 9/2.\nKhông có số nào.\nUAE cam kết 30 - 50 tỷ Euro.\n")
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 4)
        #expect(lines[0] == "109 tỷ Euro ⟶ money 109000000000 EUR en: €109 billion | 9/2 ⟶ date XXXX-02-09")
        #expect(lines[1] == "")
        #expect(lines[2].hasPrefix("30 - 50 tỷ Euro ⟶ range 30000000000…50000000000 money EUR"))
    }

    @Test func goldenRunOverTheCorpus() throws {
        let dir = Support.temporaryDirectory()
        let r = try Support.run([Support.mekong, "run", "-p", "Pipelines/news.json", "Corpus/", "-o", dir + "/out.jsonl"], directory: Support.root)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("mekong: 10 documents: 10 ok, 0 failed"))
        let output = try String(contentsOfFile: dir + "/out.jsonl", encoding: .utf8)
        let golden = Support.path("Tests/MekongTests/Fixtures/golden/corpus-news.jsonl")
        if ProcessInfo.processInfo.environment["MEKONG_UPDATE_GOLDEN"] == "1" {
            Support.write(output, to: golden)
        }
        let expected = try String(contentsOfFile: golden, encoding: .utf8)
        #expect(output == expected)
        // One record per document, and every span inside its text.
        for record in try Support.records(output) {
            let d = try Document(json: record)
            for (_, annotations) in d.layers { for a in annotations { #expect(a.end <= d.length) } }
        }
    }

    @Test func theOutputFolderIsCreated() throws {
        let dir = Support.temporaryDirectory()
        let out = dir + "/new/nested/out.jsonl"
        let r = try Support.run([Support.mekong, "run", "-p", Support.path("Pipelines/news.json"), Support.path("Corpus/vi-kinh-te.txt"), "-o", out, "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try Support.records(file: out).count == 1)
    }

    @Test func standardInputAndOutput() throws {
        let r = try Support.run([Support.mekong, "run", "-p", Support.path("Pipelines/news.json"), "-", "--quiet"],
                                stdin: "<html><body><p>Xin chào Hà Nội.</p></body></html>")
        #expect(r.status == 0)
        let records = try Support.records(r.stdout)
        #expect(records.count == 1 && records[0]["text"] == "Xin chào Hà Nội.")
        let jsonl = try Support.run([Support.mekong, "run", "-p", Support.path("Pipelines/news.json"), "-", "--quiet"],
                                    stdin: "{\"id\":\"a\",\"text\":\"Một.\"}\n{\"id\":\"b\",\"text\":\"Hai.\"}\nnot json\n")
        #expect(jsonl.status == 1)
        #expect(try Support.records(jsonl.stdout).map { $0["id"]?.stringValue } == ["a", "b", "stdin#3"])
    }

    /// Kill -9 a run halfway through 2,000 documents, then resume: every document appears
    /// exactly once, in input order.
    @Test func killNineThenResumeLosesAndRepeatsNothing() throws {
        let dir = Support.temporaryDirectory()
        let paragraph = String(repeating: "Ngành trí tuệ nhân tạo của Pháp sẽ nhận khoản đầu tư 109 tỷ Euro. ", count: 10)
        var lines = ""
        for i in 0..<2_000 { lines += #"{"id": "doc-\#(i)", "text": "\#(i). \#(paragraph)"}"# + "\n" }
        Support.write(lines, to: dir + "/in.jsonl")
        Support.write(#"{"name": "k", "language": "vi", "stages": [{"use": "sentences"}, {"use": "tokens"}]}"#, to: dir + "/p.json")
        let out = dir + "/out.jsonl"

        let process = Process()
        process.executableURL = URL(fileURLWithPath: Support.mekong)
        process.arguments = ["run", "-p", dir + "/p.json", dir + "/in.jsonl", "-o", out, "--jobs", "2"]
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until some records are on disk, then kill without warning.
        let deadline = Date().addingTimeInterval(120)
        while (FileIO.fileSize(out + ".part") ?? 0) < 1_500_000 && process.isRunning && Date() < deadline { usleep(2_000) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal, "the run finished before it could be killed")
        #expect(!FileIO.exists(out))
        let partial = (try? Support.records(file: out + ".part"))?.count ?? 0

        let resumed = try Support.run([Support.mekong, "run", "-p", dir + "/p.json", dir + "/in.jsonl", "-o", out, "--jobs", "2", "--resume"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("already done (resumed)"))
        let ids = try Support.records(file: out).map { $0["id"]?.stringValue ?? "?" }
        #expect(ids == (0..<2_000).map { "doc-\($0)" })
        #expect(partial > 0 && partial < 2_000)
    }
}

let MekongVersionString = "0.1.0"
