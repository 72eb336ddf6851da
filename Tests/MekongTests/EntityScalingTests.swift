import Testing
@testable import Mekong

/// The entities and link stages must grow with a document in proportion: each word asked
/// whether a known name covers it, each run asked for the name before it, each person's name
/// compared with every earlier person, made 2 MB of names take 28 s and 12 MB over 300 s.
@Suite("entity scaling")
struct EntityScalingTests {
    static let families = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ"]
    static let middles = ["Văn", "Thị", "Minh", "Hữu", "Đức", "Thanh", "Quốc", "Ngọc"]
    static let givens = ["An", "Bình", "Cường", "Dũng", "Giang", "Hải", "Khánh", "Lan", "Mai", "Nam", "Phúc", "Quân", "Sơn", "Tâm"]
    static let places = ["Hà Nội", "Đà Nẵng", "Pháp", "Canada", "Nhật Bản", "Huế"]

    /// `n` sentences, each naming people, an organization and a place, with a currency.
    static func text(sentences n: Int) -> String {
        var rng = SeededGenerator(seed: 5)
        func name() -> String { "\(families.randomElement(using: &rng)!) \(middles.randomElement(using: &rng)!) \(givens.randomElement(using: &rng)!)" }
        var out = ""
        for i in 0..<n {
            let place = places.randomElement(using: &rng)!
            out += "Ông \(name()) gặp bà \(name()) và Thủ tướng \(place) \(name()) tại \(place) hôm \(i % 28 + 1)/2, bàn khoản 5 tỷ USD với Công ty \(givens.randomElement(using: &rng)!) \(place). "
            if i % 10 == 9 { out += "\n\n" }
        }
        return out
    }

    /// Seconds the entities and link stages take over `sentences` sentences (best of two).
    static func seconds(sentences: Int) throws -> Double {
        let prepare = try Support.pipeline(#"{"name": "p", "language": "vi", "stages": [{"use": "sentences"}, {"use": "tokens"}, {"use": "words"}]}"#)
        let entities = try EntitiesStage(), link = try LinkStage()
        defer { prepare.finish() }
        var d = Document(id: "d", text: text(sentences: sentences), language: "vi")
        try prepare.process(&d)
        var best = Double.infinity
        for _ in 0..<2 {
            var e = d
            let start = ContinuousClock.now
            try entities.process(&e)
            try link.process(&e)
            let t = ContinuousClock.now - start
            best = min(best, Double(t.components.seconds) + Double(t.components.attoseconds) * 1e-18)
            #expect(e.layers[.entities].count >= 4 * sentences)
        }
        return best
    }

    @Test func manyNamesCostTimeInProportion() throws {
        let small = try Self.seconds(sentences: 300)
        let large = try Self.seconds(sentences: 1_200)
        // Linear is 4×, quadratic 16×; the bound leaves room for a busy machine.
        #expect(large / small < 8, "4× the names took \(large / small)× the time (\(small) s, \(large) s)")
    }
}
