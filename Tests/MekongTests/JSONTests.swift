import Testing
@testable import Mekong

@Suite("JSON")
struct JSONTests {
    @Test func parsesAllTypesAndKeepsKeyOrder() throws {
        let v = try JSONParser.parse(#"{"z": 1, "a": [true, false, null, 1.5, -2e3, "x\n\u00e9\ud83d\ude00"], "m": {}}"#)
        #expect(v.objectValue?.keys == ["z", "a", "m"])
        #expect(v["z"] == .integer(1))
        let a = try #require(v["a"]?.arrayValue)
        #expect(a == [.bool(true), .bool(false), .null, .number(1.5), .number(-2000), .string("x\né😀")])
    }

    @Test func roundTripsThroughTheWriter() throws {
        let text = #"{"id":"a\"b\\c","t":"Tiếng Việt\t\u0001","n":[1,2.25,-0.5],"o":{"k":null}}"#
        let v = try JSONParser.parse(text)
        #expect(JSONWriter.serialize(v) == text)
        #expect(try JSONParser.parse(JSONWriter.serialize(v, indent: 2)) == v)
    }

    @Test(arguments: [
        ("{\"a\": 1,\n  \"b\": }", 2, 8, "expected a value"),
        ("[1, 2", 1, 6, "unterminated array"),
        ("{\"a\" 1}", 1, 6, "expected ':'"),
        ("{\"a\": 1, \"a\": 2}", 1, 10, "duplicate key"),
        ("[01]", 1, 3, "leading zeros"),
        ("\"abc", 1, 1, "unterminated string"),
        ("{} x", 1, 4, "unexpected content"),
        ("[\"\\q\"]", 1, 3, "invalid escape"),
    ])
    func reportsLineAndColumn(input: String, line: Int, column: Int, reason: String) {
        do {
            _ = try JSONParser.parse(input)
            Issue.record("expected a syntax error for \(input)")
        } catch {
            #expect(error.line == line, "\(error)")
            #expect(error.column == column, "\(error)")
            #expect(error.reason.contains(reason), "\(error)")
        }
    }

    @Test func rejectsHostileNesting() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(deep) }
    }

    /// An object of many keys reads in time linear in its size: each key used to be searched
    /// for among those before it, and a 1.5 MB record of 100,000 metadata keys took 48 s.
    @Test func anObjectOfManyKeysReadsInLinearTime() throws {
        let n = 200_000
        let text = "{" + (0..<n).map { "\"k\($0)\": \($0)" }.joined(separator: ",") + "}"
        let o = try #require(try JSONParser.parse(text).objectValue)
        #expect(o.count == n)
        #expect(o["k0"] == .integer(0) && o["k199999"] == .integer(199_999) && o["k200000"] == nil)
        #expect(o.keys.prefix(3) == ["k0", "k1", "k2"])
        var copy = o
        copy["k5"] = nil
        copy["new"] = .bool(true)
        #expect(copy.count == n && copy["k5"] == nil && copy["k6"] == .integer(6) && copy["new"] == .bool(true) && copy != o)
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse("{" + (0..<40).map { "\"k\($0)\": 0" }.joined(separator: ",") + ", \"k3\": 1}") }
    }

    @Test func randomBytesNeverCrashTheParser() throws {
        var rng = SeededGenerator(seed: 7)
        let alphabet = Array("{}[]\",:0123456789.eE+-tfnrulas \\u\n".utf8) + [0xC3, 0xA9, 0xFF]
        for _ in 0..<5_000 {
            let n = Int.random(in: 0..<40, using: &rng)
            let bytes = (0..<n).map { _ in alphabet.randomElement(using: &rng)! }
            if let v = try? JSONParser.parse(bytes) {
                // Whatever parses must serialize and parse back to the same value.
                #expect(try JSONParser.parse(JSONWriter.serialize(v)) == v)
            }
        }
    }
}
