import ArgumentParser
import Mekong

extension MekongCommand {
    struct Quantities: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Find numbers, money, measures, dates and times in standard input, line by line.",
            discussion: """
                Runs normalize → tokens → quantities on each line and prints one line per input \
                line: each quantity as text ⟶ kind value unit, separated by ' | ' (or the \
                JSON record with --format jsonl).

                Examples:
                  echo 'Pháp đầu tư 109 tỷ Euro, hôm 9/2' | mekong quantities --language vi
                    109 tỷ Euro ⟶ money 109000000000 EUR | 9/2 ⟶ date --02-09
                  echo 'about $5.6 billion' | mekong quantities --language en --target fr
                """)

        @Option(help: "Language of the input (vi, en, fr, de or any ICU locale).") var language = "vi"
        @Option(name: .customLong("target"), help: "Also render each quantity in this locale (repeatable).") var targets: [String] = []
        @Option(name: .customLong("lexicon"), help: "A quantity word file of your own (repeatable).") var lexicons: [String] = []
        @Option(help: "Output: text or jsonl.") var format: QuickFormat = .text

        func run() throws {
            let options: JSONObject = [
                "targets": .array(targets.map(JSONValue.string)),
                "lexicons": .array(lexicons.map(JSONValue.string)),
            ]
            let p = try QuickPath.pipeline([("normalize", [:]), ("tokens", [:]), ("quantities", options)], language: language)
            try QuickPath.eachLine(p) { doc in
                if format == .jsonl { return JSONWriter.serialize(doc.jsonValue()) }
                return doc.layers.quantities.map { q in
                    var parts = [q.text ?? "", "⟶", q.annotation.label ?? ""]
                    if let n = q.normal { parts.append(n) } else if let v = q[.value] { parts.append(JSONWriter.serialize(v)) }
                    if let lo = q[.min], let hi = q[.max] { parts.append("\(JSONWriter.serialize(lo))…\(JSONWriter.serialize(hi))") }
                    if let of = q[.of]?.stringValue { parts.append(of) }
                    if let u = q.unit { parts.append(u) }
                    if let a = q.approximate { parts.append("(\(a))") }
                    if let r = q[.renderings]?.objectValue { parts.append(r.map { "\($0.key): \($0.value.stringValue ?? "")" }.joined(separator: ", ")) }
                    return parts.joined(separator: " ")
                }.joined(separator: " | ")
            }
        }
    }
}
