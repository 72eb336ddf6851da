import Testing
@testable import Mekong

@Suite("64-bit hash map")
struct HashMap64Tests {
    /// The map agrees with a dictionary through growth, with zero and keys that share a home
    /// slot (differing only in bits the spreading multiplication sends away).
    @Test func agreesWithADictionary() {
        var random = SystemRandomNumberGenerator()
        var map = HashMap64<Int>(minimumCapacity: 2)
        var reference: [UInt64: Int] = [:]
        let colliding = (0..<40).map { UInt64($0) << 60 }
        for n in 0..<20_000 {
            let key = n % 7 == 0 ? colliding[n % colliding.count] : UInt64.random(in: 0...UInt64.max, using: &random) >> (n % 3 == 0 ? 52 : 0)
            map.update(key, initial: 0) { $0 += n }
            reference[key, default: 0] += n
        }
        #expect(map.count == reference.count)
        for (key, value) in reference { #expect(map[key] == value) }
        for _ in 0..<1000 {
            let key = UInt64.random(in: 0...UInt64.max, using: &random)
            #expect(map[key] == reference[key])
        }
        var set = HashSet64()
        for key in reference.keys { set.insert(key) }
        set.insert(0)
        #expect(set.count == reference.count + (reference[0] == nil ? 1 : 0) && set.contains(0) && reference.keys.allSatisfy(set.contains))
    }
}
