import Testing
@testable import Mekong

@Suite("64-bit hash table")
struct HashTable64Tests {
    /// The table agrees with a dictionary of or-ed values through growth from its smallest
    /// size, with zero and with keys that share a home slot (differing only in bits the
    /// slot ignores).
    @Test func agreesWithADictionary() {
        var random = SystemRandomNumberGenerator()
        var table = HashTable64<UInt32>(capacity: 1)
        var reference: [UInt64: UInt32] = [:]
        let colliding = (0..<40).map { UInt64($0) << 58 }
        for n in 0..<20_000 {
            let key = n % 7 == 0 ? colliding[n % colliding.count] : UInt64.random(in: 0...UInt64.max, using: &random) >> (n % 3 == 0 ? 52 : 0)
            let bit = UInt32(1) << UInt32(n % 32)
            table.insert(key, bit)
            reference[key, default: 0] |= bit
        }
        #expect(table.count == reference.count)
        for (key, value) in reference { #expect(table[key] == value) }
        for _ in 0..<1000 {
            let key = UInt64.random(in: 0...UInt64.max, using: &random)
            #expect(table[key] == reference[key] ?? 0)
        }
        var visited: [UInt64: UInt32] = [:]
        table.forEach { visited[$0] = $1 }
        #expect(visited == reference)
    }
}
