/// Given names of people written in the Latin script of other languages (`Mark`, `Françoise`,
/// `Mikheil`), from the first word of the English names of the people the shipped knowledge
/// base holds (`Resources/kb/people.jsonl`). A name of two words or more that opens with one is a
/// person's, whatever its neighbours suggest: the recognizer, trained mostly on Vietnamese
/// names, types foreign ones by little more than context (`hậu vệ Marco Materazzi` came out a place).
enum ForeignGivenNames {
    static let shipped: Set<String> = {
        guard let people = try? EntityFile.parse(DefaultKnowledgeBase.bytes(of: "people"), name: "kb/people.jsonl", tsv: false) else { return [] }
        var names = Set<String>()
        for person in people where person.type == "PER" {
            guard let english = person.labels["en"] else { continue }
            let words = english.split(separator: " ")
            // A given name, not an initial ("J. K. Rowling") or a Vietnamese syllable (family names first).
            guard words.count >= 2, let first = words.first, first.count >= 2, !first.hasSuffix("."),
                  first.first!.isUppercase, first.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || $0 == "-" }),
                  VietnameseSyllable(first.unicodeScalars) == nil else { continue }
            names.insert(String(first))
        }
        return names
    }()
}
