import Foundation
import Testing
@testable import Mekong

/// `mekong run` as a step of a shell pipe or of Spark's `rdd.pipe`: exit status policy,
/// empty standard input, compressed inputs and outputs, statistics, resources.
@Suite("mekong run in pipes and on clusters", .serialized)
struct PipeCommandLineTests {
    static let pipelineJSON = #"{"name": "t", "language": "vi", "stages": [{"use": "sentences"}, {"use": "tokens"}]}"#

    func pipeline(in dir: String) -> String {
        Support.write(Self.pipelineJSON, to: dir + "/p.json")
        return dir + "/p.json"
    }

    @Test func failOnNeverKeepsTheStatusZeroWithErrorRecords() throws {
        let dir = Support.temporaryDirectory()
        let p = pipeline(in: dir)
        let input = "{\"id\":\"a\",\"text\":\"Một.\"}\nnot json\n"
        let strict = try Support.run([Support.mekong, "run", "-p", p, "-", "--quiet"], stdin: input)
        #expect(strict.status == 1)
        let explicit = try Support.run([Support.mekong, "run", "-p", p, "-", "--quiet", "--fail-on", "error"], stdin: input)
        #expect(explicit.status == 1)
        let lenient = try Support.run([Support.mekong, "run", "-p", p, "-", "--fail-on", "never"], stdin: input)
        #expect(lenient.status == 0, "\(lenient.stderr)")
        let records = try Support.records(lenient.stdout)
        #expect(records.map { $0["id"]?.stringValue } == ["a", "stdin#2"])
        #expect(records[1]["error"]?["stage"] == "read")
        #expect(lenient.stderr.contains("1 ok, 1 failed"))
        // Usage errors keep their own status.
        let bad = try Support.run([Support.mekong, "run", "-p", p, "-", "--fail-on", "sometimes"], stdin: input)
        #expect(bad.status == 2 && bad.stderr.contains("fail-on"))
        let badPipeline = try Support.run([Support.mekong, "run", "-p", dir + "/missing.json", "-", "--fail-on", "never"], stdin: input)
        #expect(badPipeline.status == 2)
        let contradiction = try Support.run([Support.mekong, "run", "-p", p, "-", "--fail-on", "never", "--fail-fast"], stdin: input)
        #expect(contradiction.status == 2 && contradiction.stdout.isEmpty)
        let help = try Support.run([Support.mekong, "run", "--help"])
        #expect(help.stdout.contains("--fail-on"))
    }

    @Test func emptyStandardInputYieldsNoRecordButAnEmptyFileDoes() throws {
        let dir = Support.temporaryDirectory()
        let p = pipeline(in: dir)
        let empty = try Support.run([Support.mekong, "run", "-p", p, "-"], stdin: "")
        #expect(empty.status == 0, "\(empty.stderr)")
        #expect(empty.stdout.isEmpty)
        #expect(empty.stderr.contains("mekong: 0 documents"))
        // White space is bytes: a document with a text of no words, as a file of it would be.
        let blank = try Support.run([Support.mekong, "run", "-p", p, "-", "--quiet"], stdin: " \n\n")
        #expect(blank.status == 0)
        let blankRecords = try Support.records(blank.stdout)
        #expect(blankRecords.count == 1 && blankRecords[0]["id"] == "stdin")
        Support.write("", to: dir + "/empty.txt")
        let file = try Support.run([Support.mekong, "run", "-p", p, dir + "/empty.txt", "--quiet"])
        #expect(file.status == 0)
        let records = try Support.records(file.stdout)
        #expect(records.count == 1 && records[0]["id"]?.stringValue == dir + "/empty.txt")
        #expect(records[0]["text"] == "")
        // Empty standard input beside a file: the file's record only.
        let both = try Support.run([Support.mekong, "run", "-p", p, dir + "/empty.txt", "-", "--quiet"], stdin: "")
        #expect(try Support.records(both.stdout).count == 1)
    }
}

extension PipeCommandLineTests {
    /// Runs `mekong` with standard input read from a file (binary bytes).
    static func run(_ arguments: [String], stdinFile: String) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Support.mekong)
        process.arguments = arguments
        process.standardInput = FileHandle(forReadingAtPath: stdinFile)
        let out = Pipe()
        let errPath = stdinFile + ".stderr"
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        process.standardOutput = out
        process.standardError = FileHandle(forWritingAtPath: errPath)
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let err = FileManager.default.contents(atPath: errPath) ?? Data()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    @Test func compressedStandardInputIsDecompressed() throws {
        let dir = Support.temporaryDirectory()
        let p = pipeline(in: dir)
        let jsonl = Array("{\"id\":\"a\",\"text\":\"Một.\"}\n{\"id\":\"b\",\"text\":\"Hai.\"}\n".utf8)
        Support.write(Gzip.member(jsonl), to: dir + "/in.gz")
        Support.write(Zstd.frame(Array("Xin chào Hà Nội.".utf8)), to: dir + "/in.zst")
        Support.write(Gzip.member([]), to: dir + "/empty.gz")
        let gz = try Self.run(["run", "-p", p, "-", "--quiet"], stdinFile: dir + "/in.gz")
        #expect(gz.status == 0, "\(gz.stderr)")
        #expect(try Support.records(gz.stdout).map { $0["id"]?.stringValue } == ["a", "b"])
        let zst = try Self.run(["run", "-p", p, "-", "--quiet"], stdinFile: dir + "/in.zst")
        #expect(zst.status == 0)
        let records = try Support.records(zst.stdout)
        #expect(records.count == 1 && records[0]["id"] == "stdin" && records[0]["text"] == "Xin chào Hà Nội.")
        // Nothing inside the compression: no document, as for empty input.
        let empty = try Self.run(["run", "-p", p, "-"], stdinFile: dir + "/empty.gz")
        #expect(empty.status == 0 && empty.stdout.isEmpty)
        // A compressed input file on the command line, its format from the name.
        Support.write(Zstd.frame(jsonl), to: dir + "/docs.jsonl.zst")
        let file = try Support.run([Support.mekong, "run", "-p", p, dir + "/docs.jsonl.zst", "--quiet"])
        #expect(try Support.records(file.stdout).map { $0["id"]?.stringValue } == ["a", "b"])
    }
}

extension PipeCommandLineTests {
    /// The counts of `--stats-json`, by stage: [name: [documents, errors, annotations]].
    static func statistics(_ json: JSONValue) -> [String: [Int]] {
        var out: [String: [Int]] = [:]
        for s in json["stages"]?.arrayValue ?? [] {
            out[s["stage"]?.stringValue ?? "?"] = ["documents", "errors", "annotations"].map { s[$0]?.intValue ?? -1 }
        }
        return out
    }

    @Test func statsNameEveryStageAndCountDocumentsInWorkersAndInProcess() throws {
        let dir = Support.temporaryDirectory()
        let p = pipeline(in: dir)
        Support.write("{\"id\":\"a\",\"text\":\"Một. Hai.\"}\n{\"id\":\"b\",\"text\":\"Ba.\"}\nnot json\n{\"id\":\"c\",\"text\":\"Bốn năm.\"}\n", to: dir + "/a.jsonl")
        // HTML with no html stage: the sentences stage fails on it.
        Support.write("<html><body><p>Trang.</p></body></html>", to: dir + "/b.html")
        var seen: [[String: [Int]]] = []
        for mode in [["--jobs", "2"], ["--in-process"]] {
            let r = try Support.run([Support.mekong, "run", "-p", p, dir + "/a.jsonl", dir + "/b.html", "-o", dir + "/out.jsonl",
                                     "--stats", "--stats-json", dir + "/stats.json", "--fail-on", "never"] + mode)
            #expect(r.status == 0, "\(r.stderr)")
            // The table: a header, then read and every stage in order.
            let table = r.stderr.split(separator: "\n").drop { !$0.hasPrefix("stage ") }.map { String($0.split(separator: " ").first!) }
            #expect(table == ["stage", "read", "sentences", "tokens"], "\(r.stderr)")
            let json = try JSONParser.parse(try FileIO.readAll(dir + "/stats.json"))
            #expect(json["documents"] == 5 && json["jobs"]?.intValue == (mode.count == 2 ? 2 : RunOptions.defaultJobs))
            #expect(json["stages"]?.arrayValue?.map { $0["index"]?.intValue ?? -9 } == [-1, 0, 1])
            let counts = Self.statistics(json)
            #expect(counts["read"]?[0...1] == [5, 1])
            #expect(counts["sentences"]?[0...1] == [4, 1])
            #expect(counts["tokens"]?[0...1] == [3, 0])
            #expect((counts["sentences"]?[2] ?? 0) == 4 && (counts["tokens"]?[2] ?? 0) >= 8, "\(counts)")
            #expect(json["stages"]?.arrayValue?.allSatisfy { ($0["seconds"]?.doubleValue ?? -1) >= 0 } == true)
            seen.append(counts)
        }
        #expect(seen[0] == seen[1])
        // A stage that gathers across documents runs in the supervisor: it is counted too.
        Support.write(#"{"name": "x", "language": "vi", "stages": [{"use": "sentences"}, {"use": "tokens"}, {"use": "export.conllu", "with": {"path": "c.conllu"}}]}"#, to: dir + "/x.json")
        let gathered = try Support.run([Support.mekong, "run", "-p", dir + "/x.json", dir + "/a.jsonl", "--stats-json", dir + "/x-stats.json", "--quiet"])
        #expect(gathered.status == 1)
        let exported = Self.statistics(try JSONParser.parse(try FileIO.readAll(dir + "/x-stats.json")))
        #expect(exported["export.conllu"]?[0...1] == [3, 0] && exported["tokens"]?[0...1] == [3, 0], "\(exported)")
        // A document that crashes its worker counts as an error of the stage it was in.
        let crash = try Support.run([Support.mekong, "run", "-p", p, dir + "/a.jsonl", "--stats-json", "-", "--quiet"],
                                    environment: ["MEKONG_FAULT": "crash:b"])
        #expect(crash.status == 1)
        let counts = Self.statistics(try JSONParser.parse(crash.stderr.split(separator: "\n").last.map(String.init) ?? ""))
        #expect(counts["sentences"]?[0...1] == [3, 1] && counts["tokens"]?[0...1] == [2, 0], "\(crash.stderr)")
    }
}
