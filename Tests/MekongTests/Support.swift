import Foundation
import Testing
@testable import Mekong

/// `Support.scratchRoot` as a C string, for the exit handler (which can capture nothing).
nonisolated(unsafe) private var scratchRootForExit: UnsafeMutablePointer<CChar>?

/// Paths and helpers shared by the tests.
enum Support {
    /// The package's root folder.
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static func path(_ relative: String) -> String { root + "/" + relative }

    static let fixtures = path("Tests/MekongTests/Fixtures")

    /// The `mekong` executable built beside the test bundle.
    static let mekong: String = {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
        let candidate = dir.appendingPathComponent("mekong").path
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        return path(".build/debug/mekong")
    }()

    /// The folder all of this test process's temporary folders live in; removed when the process
    /// exits, so that thousands of runs do not leave thousands of folders behind in /tmp.
    static let scratchRoot: String = {
        let dir = NSTemporaryDirectory() + "mekong-tests-\(getpid())-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        scratchRootForExit = strdup(dir)
        atexit {
            guard let root = scratchRootForExit else { return }
            try? FileManager.default.removeItem(atPath: String(cString: root))
        }
        return dir
    }()

    /// A fresh temporary folder, inside `scratchRoot`.
    static func temporaryDirectory() -> String {
        let dir = scratchRoot + "/" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    static func write(_ text: String, to path: String) {
        try! text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    static func write(_ bytes: [UInt8], to path: String) {
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
    }

    /// Runs a command; returns its exit status, stdout and stderr.
    @discardableResult
    static func run(_ arguments: [String], stdin: String? = nil, directory: String? = nil,
                    environment: [String: String] = [:]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        // stderr goes to a file so that reading stdout to its end cannot deadlock on it.
        let errPath = NSTemporaryDirectory() + "mekong-stderr-" + UUID().uuidString
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: errPath) }
        let errHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        let out = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = errHandle
        process.standardInput = input
        try process.run()
        try errHandle.close()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errData = FileManager.default.contents(atPath: errPath) ?? Data()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    /// Parses JSON Lines output.
    static func records(_ text: String) throws -> [JSONValue] {
        try text.split(separator: "\n").map { try JSONParser.parse(String($0)) }
    }

    static func records(file: String) throws -> [JSONValue] {
        try records(String(decoding: FileIO.readAll(file), as: UTF8.self))
    }

    /// Builds a pipeline from JSON text.
    static func pipeline(_ json: String, baseDirectory: String = ".", registry: StageRegistry = .builtIn) throws -> Pipeline {
        try Pipeline.build(JSONParser.parse(json), registry: registry, baseDirectory: baseDirectory)
    }

    /// Runs a document through a pipeline given as JSON text.
    static func process(_ document: Document, _ json: String) throws -> Document {
        let p = try pipeline(json)
        defer { p.finish() }
        var d = document
        try p.process(&d)
        return d
    }
}

/// The property tests draw from the library's seeded generator, so they repeat exactly.
typealias SeededGenerator = SplitMix
