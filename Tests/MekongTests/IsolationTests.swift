import Foundation
import Testing
@testable import Mekong

/// `mekong run` under supervision: a document that crashes, hangs or blows up its worker
/// costs only its own record; the output is locked; write failures have their own exit code;
/// a killed run resumes with every document exactly once.
@Suite("Crash isolation", .serialized)
struct IsolationTests {
    /// A folder with a tokens-only pipeline and `n` one-line JSON Lines documents `d0`, `d1`, ….
    func batch(_ n: Int) -> (dir: String, pipeline: String, input: String) {
        let dir = Support.temporaryDirectory()
        Support.write(#"{"name": "t", "language": "vi", "stages": [{"use": "sentences"}, {"use": "tokens"}]}"#, to: dir + "/p.json")
        var lines = ""
        for i in 0..<n { lines += #"{"id": "d\#(i)", "text": "Giá vàng hôm nay tăng \#(i) nghìn đồng."}"# + "\n" }
        Support.write(lines, to: dir + "/in.jsonl")
        return (dir, dir + "/p.json", dir + "/in.jsonl")
    }

    @Test func aCrashAHangAndRunawayMemoryCostOnlyTheirDocuments() throws {
        let b = batch(12)
        let r = try Support.run([Support.mekong, "run", "-p", b.pipeline, b.input, "-o", b.dir + "/out.jsonl", "--jobs", "2",
                                 "--timeout", "2", "--max-memory", "200"],
                                environment: ["MEKONG_FAULT": "crash:d2,hang:d5,memory:d7,crash:d11"])
        #expect(r.status == 1, "\(r.stderr)")
        let records = try Support.records(file: b.dir + "/out.jsonl")
        #expect(records.map { $0["id"]?.stringValue } == (0..<12).map { "d\($0)" })
        for (i, record) in records.enumerated() {
            switch i {
            case 2, 11:
                #expect(record["error"]?["stage"] == "sentences")
                #expect(record["error"]?["message"] == "crashed the process (signal 11, SIGSEGV)")
            case 5:
                #expect(record["error"]?["message"] == "timed out after 2 s (--timeout)")
            case 7:
                #expect(record["error"]?["message"] == "used more than 200 MB of memory (--max-memory)")
            default:
                #expect(record["error"] == nil)
                #expect(record["layers"]?["tokens"]?.arrayValue?.isEmpty == false)
            }
        }
        #expect(r.stderr.contains("12 documents: 8 ok, 4 failed (2 crashed, 1 timed out, 1 over the memory limit)"), "\(r.stderr)")
    }

    @Test func aMixedBatchEndsWithOneRecordEachAndCountsEachKindOfFailure() throws {
        let dir = Support.temporaryDirectory()
        let pipeline = Support.temporaryDirectory() + "/p.json"
        Support.write(#"{"name": "t", "language": "vi", "stages": [{"use": "html"}, {"use": "sentences"}, {"use": "tokens"}]}"#, to: pipeline)
        Support.write("Một văn bản tốt.\n", to: dir + "/a.txt")
        Support.write(String(repeating: "Dài quá. ", count: 300), to: dir + "/b.txt")
        Support.write(Array("<html><body>".utf8) + [0, 1, 2, 0] + Array("binary</body></html>".utf8), to: dir + "/c.html")
        Support.write("Tài liệu gây lỗi.\n", to: dir + "/d.txt")
        Support.write("Tài liệu treo.\n", to: dir + "/e.txt")
        Support.write("<p>Trang tốt.</p>", to: dir + "/f.html")
        let r = try Support.run([Support.mekong, "run", "-p", pipeline, dir, "--max-document-bytes", "1000", "--timeout", "2"],
                                environment: ["MEKONG_FAULT": "crash:\(dir)/d.txt,hang:\(dir)/e.txt"])
        #expect(r.status == 1)
        let records = try Support.records(r.stdout)
        #expect(records.map { $0["id"]?.stringValue } == ["a.txt", "b.txt", "c.html", "d.txt", "e.txt", "f.html"].map { "\(dir)/\($0)" })
        #expect(records[1]["error"]?["stage"] == "read")
        #expect(records[1]["error"]?["message"]?.stringValue?.contains("more than the document limit 1000 (--max-document-bytes)") == true)
        #expect(records[2]["error"]?["message"]?.stringValue?.contains("binary content") == true)
        #expect(records[3]["error"]?["message"] == "crashed the process (signal 11, SIGSEGV)")
        #expect(records[4]["error"]?["message"] == "timed out after 2 s (--timeout)")
        #expect(records[0]["error"] == nil && records[5]["error"] == nil)
        #expect(r.stderr.contains("6 documents: 2 ok, 4 failed (1 unreadable, 1 stage error, 1 crashed, 1 timed out)"), "\(r.stderr)")
    }

    /// Lines that cannot be read never reach a worker: the supervisor must not wait on the
    /// workers for them. It did, a second for every few lines, and a pretty-printed JSON file
    /// read as JSON Lines (one error a line) crawled for minutes.
    @Test func unreadableLinesDoNotStallTheSupervisor() throws {
        let b = batch(2)
        var lines = try String(contentsOfFile: b.input, encoding: .utf8)
        for i in 0..<400 { lines += "{\"id\": \"bad\(i)\", \n" }
        Support.write(lines, to: b.input)
        let start = Date()
        let r = try Support.run([Support.mekong, "run", "-p", b.pipeline, b.input, "-o", b.dir + "/out.jsonl", "--jobs", "1"])
        let seconds = Date().timeIntervalSince(start)
        #expect(r.status == 1, "\(r.stderr)")
        let records = try Support.records(file: b.dir + "/out.jsonl")
        #expect(records.count == 402)
        #expect(records.prefix(2).allSatisfy { $0["error"] == nil })
        #expect(records.dropFirst(2).allSatisfy { $0["error"]?["stage"] == "read" })
        // Waiting on the workers for each window of failed lines took 100 s here; reading them takes well under one.
        #expect(seconds < 30, "400 unreadable lines took \(seconds) s")
    }

    @Test func theTimeLimitComesFromThePipelineWhenNoFlagSetsIt() throws {
        let b = batch(3)
        Support.write(#"{"name": "t", "limits": {"documentSeconds": 1}, "stages": [{"use": "tokens"}]}"#, to: b.pipeline)
        let r = try Support.run([Support.mekong, "run", "-p", b.pipeline, b.input, "--jobs", "1"], environment: ["MEKONG_FAULT": "hang:d1"])
        let records = try Support.records(r.stdout)
        #expect(records.count == 3)
        #expect(records[1]["error"]?["message"] == "timed out after 1 s (--timeout)")
        #expect(records[2]["error"] == nil)
    }

    @Test func workersGiveTheSameRecordsAsThreads() throws {
        let dir = Support.temporaryDirectory()
        let workers = try Support.run([Support.mekong, "run", "-p", Support.path("Pipelines/news.json"), Support.path("Corpus"), "--jobs", "2"])
        let threads = try Support.run([Support.mekong, "run", "-p", Support.path("Pipelines/news.json"), Support.path("Corpus"), "--jobs", "2", "--in-process"])
        #expect(workers.status == 0 && threads.status == 0, "\(workers.stderr)\(threads.stderr)")
        #expect(!workers.stdout.isEmpty && workers.stdout == threads.stdout)
        _ = dir
    }

    @Test func exportsSeeEveryDocumentOnceWhenWorkersRunTheRest() throws {
        let b = batch(6)
        Support.write(#"{"name": "t", "stages": [{"use": "sentences"}, {"use": "tokens"}, {"use": "export.conllu", "with": {"path": "out/c.conllu"}}]}"#,
                      to: b.pipeline)
        let r = try Support.run([Support.mekong, "run", "-p", b.pipeline, b.input, "--jobs", "2", "-o", b.dir + "/out.jsonl"],
                                environment: ["MEKONG_FAULT": "crash:d3"])
        #expect(r.status == 1)
        let conllu = String(decoding: try FileIO.readAll(b.dir + "/out/c.conllu"), as: UTF8.self)
        let docs = conllu.split(separator: "\n").filter { $0.hasPrefix("# newdoc id = ") }
        #expect(docs == ["d0", "d1", "d2", "d4", "d5"].map { "# newdoc id = \($0)"[...] })
    }

    @Test func aSecondRunOnTheSameOutputRefuses() throws {
        let b = batch(2)
        let out = b.dir + "/out.jsonl"
        // Hold the lock as a running mekong would.
        let fd = open(out + ".lock", O_RDWR | O_CREAT, 0o644)
        #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
        let r = try Support.run([Support.mekong, "run", "-p", b.pipeline, b.input, "-o", out])
        #expect(r.status == 4)
        #expect(r.stderr.contains("another mekong run is writing \(out)"), "\(r.stderr)")
        #expect(!FileIO.exists(out + ".part") && !FileIO.exists(out))
        close(fd)
        let again = try Support.run([Support.mekong, "run", "-p", b.pipeline, b.input, "-o", out])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try Support.records(file: out).count == 2)
        #expect(!FileIO.exists(out + ".lock"))
    }

    @Test func aFullDiskExitsThreeNamingTheFile() throws {
        let b = batch(2)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Support.mekong)
        process.arguments = ["run", "-p", b.pipeline, b.input]
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/full")
        let err = Pipe()
        process.standardError = err
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 3)
        #expect(message.contains("stdout: cannot write: No space left on device"), "\(message)")
    }

    @Test func aKilledSupervisorResumesWithEveryDocumentOnce() throws {
        let b = batch(8)
        let out = b.dir + "/out.jsonl"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Support.mekong)
        process.arguments = ["run", "-p", b.pipeline, b.input, "-o", out, "--jobs", "1", "--timeout", "600"]
        process.environment = ProcessInfo.processInfo.environment.merging(["MEKONG_FAULT": "hang:d5"]) { $1 }
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until the records before the hanging document are written, then kill -9.
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, ((try? FileIO.readAll(out + ".part"))?.filter { $0 == 0x0A }.count ?? 0) < 5 { usleep(20_000) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(try Support.records(file: out + ".part").count == 5)
        let r = try Support.run([Support.mekong, "run", "-p", b.pipeline, b.input, "-o", out, "--resume"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try Support.records(file: out).map { $0["id"]?.stringValue } == (0..<8).map { "d\($0)" })
    }

    @Test func resourcePathsMustBeRegularFilesInsideThePipelinesFolder() throws {
        let dir = Support.temporaryDirectory()
        let fifo = dir + "/names.fifo"
        #expect(mkfifo(fifo, 0o644) == 0)
        Support.write(#"{"name": "t", "stages": [{"use": "tokens"}, {"use": "gazetteer", "with": {"file": "names.fifo"}}]}"#, to: dir + "/fifo.json")
        let r = try Support.run([Support.mekong, "validate", dir + "/fifo.json"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("$.stages[1].with.file: stage 'gazetteer', option 'file': '\(fifo)' is a FIFO, not a regular file"), "\(r.stderr)")

        let outside = Support.temporaryDirectory() + "/names.tsv"
        Support.write("Hà Nội\tLOC\n", to: outside)
        Support.write(#"{"name": "t", "stages": [{"use": "tokens"}, {"use": "gazetteer", "with": {"file": "\#(outside)"}}]}"#, to: dir + "/outside.json")
        let refused = try Support.run([Support.mekong, "validate", dir + "/outside.json"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("lies outside the pipeline's folder") && refused.stderr.contains("--allow-paths-outside"), "\(refused.stderr)")
        let allowed = try Support.run([Support.mekong, "validate", "--allow-paths-outside", dir + "/outside.json"])
        #expect(allowed.status == 0, "\(allowed.stderr)")

        // A symbolic link inside the folder to a file outside it is outside.
        #expect(symlink(outside, dir + "/link.tsv") == 0)
        Support.write(#"{"name": "t", "stages": [{"use": "tokens"}, {"use": "gazetteer", "with": {"file": "link.tsv"}}]}"#, to: dir + "/link.json")
        #expect(try Support.run([Support.mekong, "validate", dir + "/link.json"]).status == 2)
        // Beside the pipeline is fine.
        Support.write("Hà Nội\tLOC\n", to: dir + "/inside.tsv")
        Support.write(#"{"name": "t", "stages": [{"use": "tokens"}, {"use": "gazetteer", "with": {"file": "inside.tsv"}}]}"#, to: dir + "/inside.json")
        #expect(try Support.run([Support.mekong, "validate", dir + "/inside.json"]).status == 0)
    }

    @Test func limitsInAPipelineAreChecked() throws {
        let json = #"{"name": "t", "limits": {"documentSecond": 5, "workerMemoryMB": 1}, "stages": [{"use": "tokens"}]}"#
        #expect {
            try Support.pipeline(json)
        } throws: { error in
            let text = "\(error)"
            return text.contains("$.limits.documentSecond: unknown limit 'documentSecond'") && text.contains("did you mean 'documentSeconds'?")
                && text.contains("$.limits.workerMemoryMB: expected an integer of at least 16")
        }
        #expect {
            try Support.pipeline(#"{"name": "t", "language": "aaaaaaaaaaaa", "stages": [{"use": "tokens"}]}"#)
        } throws: { error in
            "\(error)".contains("$.language: 'aaaaaaaaaaaa' is not a valid BCP 47 language tag")
        }
        #expect(try Support.pipeline(#"{"name": "t", "language": "vi_vn", "stages": [{"use": "tokens"}]}"#).language == "vi-VN")
        let p = try Support.pipeline(#"{"name": "t", "limits": {"documentSeconds": 2.5, "documentBytes": 1000}, "stages": [{"use": "tokens"}]}"#)
        #expect(p.limits == Limits(documentBytes: 1000, documentSeconds: 2.5))
    }

    @Test func framesSurviveBeingCutAnywhere() throws {
        let frames: [WorkerFrame] = [.hello, .stage(3), .result(ok: true, line: Array("{\"id\":\"x\"}\n".utf8)),
                                     .document(json: Array("{}".utf8), raw: [0, 1, 2, 255]), .document(json: [], raw: nil),
                                     .result(ok: false, line: [])]
        let bytes = frames.flatMap(\.bytes)
        #expect(WorkerFrame.resultHeader(ok: true, count: 3) + [1, 2, 3] == WorkerFrame.result(ok: true, line: [1, 2, 3]).bytes)
        for cut in 0...bytes.count {
            var buffer = Array(bytes[..<cut])
            var start = 0
            var got: [WorkerFrame] = []
            while let f = try WorkerFrame.take(from: buffer, at: &start) { got.append(f) }
            buffer.append(contentsOf: bytes[cut...])
            while let f = try WorkerFrame.take(from: buffer, at: &start) { got.append(f) }
            #expect(got == frames)
        }
    }
}
