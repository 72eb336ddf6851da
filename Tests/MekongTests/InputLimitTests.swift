import Testing
@testable import Mekong

/// The document size limit is kept before anything is read, and a byte-order mark does not
/// cost a JSON Lines file its first record.
@Suite("Input limits")
struct InputLimitTests {
    static func texts(_ items: [InputItem]) -> [String] {
        items.map { item in
            switch item {
            case .document(let d): return d.text
            case .failure(let f): return "error: " + f.reason
            }
        }
    }

    @Test func aByteOrderMarkBeforeJSONLinesIsNotPartOfTheFirstRecord() {
        let dir = Support.temporaryDirectory()
        Support.write("\u{FEFF}{\"id\": \"a\", \"text\": \"một\"}\n{\"id\": \"b\", \"text\": \"hai\"}\n", to: dir + "/in.jsonl")
        // Without a .jsonl name the content tells the format, mark and all.
        Support.write("\u{FEFF}{\"id\": \"c\", \"text\": \"ba\"}\n", to: dir + "/noext")
        let items = Array(DocumentInputs(paths: [dir + "/in.jsonl", dir + "/noext"]))
        #expect(items.map(\.id) == ["a", "b", "c"] && Self.texts(items) == ["một", "hai", "ba"])
    }

    @Test func aByteOrderMarkBeforeJSONLinesOnStandardInput() throws {
        let dir = Support.temporaryDirectory()
        Support.write(#"{"name": "p", "stages": [{"use": "normalize"}]}"#, to: dir + "/p.json")
        let run = try Support.run([Support.mekong, "run", "-p", dir + "/p.json", "-", "--quiet", "--no-progress"],
                                  stdin: "\u{FEFF}{\"id\": \"a\", \"text\": \"một\"}\n{\"id\": \"b\", \"text\": \"hai\"}\n")
        let records = try Support.records(run.stdout)
        #expect(records.map { $0.objectValue?["id"]?.stringValue } == ["a", "b"], "\(run.stderr)")
        #expect(records.allSatisfy { $0.objectValue?["errors"] == nil || $0.objectValue?["errors"]?.arrayValue?.isEmpty == true })
    }

    /// A file over the limit is refused by its size: a 3 GB sparse file costs no reading.
    @Test func aFileOverTheLimitIsRefusedBeforeReading() throws {
        let dir = Support.temporaryDirectory()
        for name in ["big.txt", "big.html", "big"] {
            let fd = open(dir + "/" + name, O_WRONLY | O_CREAT, 0o644)
            #expect(ftruncate(fd, 3_000_000_000) == 0)
            close(fd)
        }
        Support.write("nhỏ", to: dir + "/small.txt")
        let items = Array(DocumentInputs(paths: [dir + "/big.txt", dir + "/big.html", dir + "/big", dir + "/small.txt"]))
        #expect(Self.texts(items) == Array(repeating: "error: the file has 3000000000 bytes, more than the document limit 50000000 (--max-document-bytes)", count: 3) + ["nhỏ"])
        let small = Array(DocumentInputs(paths: [dir + "/small.txt"], maxDocumentBytes: 4))
        #expect(Self.texts(small) == ["error: the file has 5 bytes, more than the document limit 4 (--max-document-bytes)"])
    }

    /// Standard input over the limit is an error record naming the limit.
    @Test func standardInputOverTheLimitIsAnErrorRecord() throws {
        let dir = Support.temporaryDirectory()
        Support.write(#"{"name": "p", "stages": [{"use": "normalize"}]}"#, to: dir + "/p.json")
        // From a file (a pipe's writer would be stopped by SIGPIPE, as `head` stops it), whose
        // size is known: refused before reading. The peeked-at head counts in the limit.
        Support.write(String(repeating: "Xin chào Việt Nam. ", count: 3_000_000), to: dir + "/in.txt")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Support.mekong)
        process.arguments = ["run", "-p", dir + "/p.json", "-", "--quiet", "--no-progress"]
        process.standardInput = FileHandle(forReadingAtPath: dir + "/in.txt")
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let records = try Support.records(String(decoding: data, as: UTF8.self))
        #expect(records.count == 1)
        #expect(records.first?.objectValue?["error"]?.objectValue?["message"]?.stringValue
                == "the input is longer than the document limit of 50000000 bytes (--max-document-bytes)")
    }

    /// A pipe has no size: it is read up to the limit and no further.
    @Test func aPipeIsReadUpToTheLimit() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let (readEnd, writeEnd) = (fds[0], fds[1])
        let writer = Thread { try? FileIO.writeAll(fd: writeEnd, Array(repeating: 0x61, count: 5000), path: "pipe"); close(writeEnd) }
        writer.start()
        defer { close(readEnd) }
        #expect(throws: FileIOError.self) { try FileIO.readAll(fd: readEnd, path: "stdin", limit: 1000) }
        do { _ = try FileIO.readAll(fd: readEnd, path: "stdin", limit: 10) } catch {
            #expect(error.reason == "the input is longer than the document limit of 10 bytes (--max-document-bytes)")
        }
    }

    /// A JSON Lines line over the limit is an error record of its own; it is passed over, not
    /// held, and the next line is read.
    @Test func aLongJSONLinesLineIsAnErrorAndReadingGoesOn() throws {
        let dir = Support.temporaryDirectory()
        let long = "{\"id\": \"long\", \"text\": \"" + String(repeating: "x", count: 3_000_000) + "\"}"
        Support.write("{\"id\": \"a\", \"text\": \"một\"}\n\(long)\r\n{\"id\": \"b\", \"text\": \"hai\"}\n\(long)", to: dir + "/in.jsonl")
        let items = Array(DocumentInputs(paths: [dir + "/in.jsonl"], maxDocumentBytes: 1000))
        let error = "error: the line has \(long.utf8.count) bytes, more than the document limit 1000 (--max-document-bytes); skipped"
        #expect(Self.texts(items) == ["một", error, "hai", error])
        #expect(items.map(\.id) == ["a", dir + "/in.jsonl#2", "b", dir + "/in.jsonl#4"])
        // The reader never holds much more than the limit of a long line.
        let reader = try LineReader(path: dir + "/in.jsonl")
        var lines: [LineReader.Line] = []
        while let line = try reader.next(limit: 1000) { lines.append(line) }
        #expect(lines.count == 4 && lines[1] == .tooLong(bytes: long.utf8.count))
    }
}

import Foundation
