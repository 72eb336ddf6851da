import Foundation
import Testing
@testable import Mekong

/// `-o FILE.gz` and `-o FILE.zst`: records in whole gzip members or zstd frames, resumable.
@Suite("Compressed outputs")
struct CompressedOutputTests {
    func corpus(_ n: Int) -> String {
        let dir = Support.temporaryDirectory()
        var lines = ""
        for i in 0..<n { lines += #"{"id": "doc-\#(i)", "text": "Văn bản số \#(i). Hà Nội."}"# + "\n" }
        Support.write(lines, to: dir + "/in.jsonl")
        return dir
    }

    /// The lines of a possibly compressed file, decompressed by the reader inputs use.
    static func lines(_ path: String) throws -> [String] {
        let reader = try LineReader(decompressing: path)
        var out: [String] = []
        while let line = try reader.next() { out.append(String(decoding: line, as: UTF8.self)) }
        return out
    }

    @Test(arguments: ["out.jsonl.gz", "out.jsonl.zst"])
    func recordsRoundTrip(_ name: String) throws {
        let dir = corpus(300)
        let pipeline = try Support.pipeline(#"{"name": "p", "language": "vi", "stages": [{"use": "sentences"}, {"use": "tokens"}]}"#)
        _ = try BatchRunner(pipeline: pipeline, options: RunOptions(jobs: 2, output: dir + "/plain.jsonl")).run(DocumentInputs(paths: [dir + "/in.jsonl"]))
        let summary = try BatchRunner(pipeline: pipeline, options: RunOptions(jobs: 2, output: dir + "/" + name)).run(DocumentInputs(paths: [dir + "/in.jsonl"]))
        #expect(summary.ok == 300)
        let bytes = try FileIO.readAll(dir + "/" + name)
        #expect(Decompressor.Codec.sniff(bytes) == (name.hasSuffix(".gz") ? .gzip : .zstd))
        #expect(bytes.count < FileIO.fileSize(dir + "/plain.jsonl")! / 3)
        #expect(try Self.lines(dir + "/" + name) == Self.lines(dir + "/plain.jsonl"))
        #expect(!FileIO.exists(dir + "/" + name + ".part"))
        // The output reads back as input: runs chain.
        let again = Array(DocumentInputs(paths: [dir + "/" + name]))
        #expect(again.count == 300 && again.map(\.id) == (0..<300).map { "doc-\($0)" })
    }

    /// A run that wrote two whole members and died inside the third: resume keeps the two,
    /// cuts the torn one, and finishes with every record once.
    @Test(arguments: [RecordCompressor.Codec.gzip, .zstd])
    func resumeKeepsWholeMembersAndCutsATornOne(_ codec: RecordCompressor.Codec) throws {
        let dir = corpus(60)
        let name = codec == .gzip ? "/out.jsonl.gz" : "/out.jsonl.zst"
        let pipeline = try Support.pipeline(#"{"name": "p", "language": "vi", "stages": [{"use": "tokens"}]}"#)
        _ = try BatchRunner(pipeline: pipeline, options: RunOptions(jobs: 1, output: dir + "/full.jsonl")).run(DocumentInputs(paths: [dir + "/in.jsonl"]))
        let full = try Self.lines(dir + "/full.jsonl")
        func member(_ range: Range<Int>) throws -> [UInt8] {
            try RecordCompressor(codec: codec).member(Array(full[range].map { $0 + "\n" }.joined().utf8))
        }
        let torn = try member(30..<45)
        Support.write(try member(0..<20) + member(20..<30) + Array(torn.prefix(torn.count / 2)), to: dir + name + ".part")
        let summary = try BatchRunner(pipeline: pipeline, options: RunOptions(jobs: 2, output: dir + name, resume: true))
            .run(DocumentInputs(paths: [dir + "/in.jsonl"]))
        #expect(summary.resumed == 30 && summary.ok == 30)
        #expect(try Self.lines(dir + name) == full)
        // Resuming a finished compressed output does nothing more.
        let again = try BatchRunner(pipeline: pipeline, options: RunOptions(jobs: 2, output: dir + name, resume: true))
            .run(DocumentInputs(paths: [dir + "/in.jsonl"]))
        #expect(again.resumed == 60 && again.processed == 0)
        #expect(try Self.lines(dir + name) == full)
    }

    @Test func theCommandLineWritesByTheNameAndRefusesWhatItCannotWrite() throws {
        let dir = corpus(5)
        Support.write(#"{"name": "p", "stages": [{"use": "tokens"}]}"#, to: dir + "/p.json")
        let r = try Support.run([Support.mekong, "run", "-p", dir + "/p.json", dir + "/in.jsonl", "-o", dir + "/out.jsonl.zst", "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try Self.lines(dir + "/out.jsonl.zst").count == 5)
        let bz = try Support.run([Support.mekong, "run", "-p", dir + "/p.json", dir + "/in.jsonl", "-o", dir + "/out.jsonl.bz2"])
        #expect(bz.status == 2 && bz.stderr.contains("gzip (.gz) and zstd (.zst)"), "\(bz.stderr)")
        #expect(!FileIO.exists(dir + "/out.jsonl.bz2") && !FileIO.exists(dir + "/out.jsonl.bz2.part"))
    }
}
