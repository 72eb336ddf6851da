import ArgumentParser
import Foundation
import Mekong

extension MekongCommand {
    struct Segment: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Vietnamese word segmentation of standard input, line by line: syllables of a word joined by _.",
            discussion: """
                Example:
                  echo 'Hà Nội là thủ đô của Việt Nam' | mekong segment      → Hà_Nội là thủ_đô của Việt_Nam
                The input's characters are kept (NFD, old tone marks and all).
                """)

        @Option(help: "A model file from 'mekong train segmenter' (default: the shipped model).") var model: String?
        @Option(help: "Output: text (words joined by _), conllu (one word a line, SpaceAfter=No where due) or jsonl (the record with its words layer).")
        var format: SegmentFormat = .text

        enum SegmentFormat: String, ExpressibleByArgument, CaseIterable { case text, conllu, jsonl }

        func run() throws {
            var words: JSONObject = [:]
            if let model { words["model"] = .string(FilePath.resolve(model, against: FileManager.default.currentDirectoryPath)) }
            let p = try QuickPath.pipeline([("tokens", [:]), ("words", words)], language: "vi")
            var sentence = 0
            let format = self.format
            try QuickPath.eachLine(p) { doc in
                let spans = Array(doc.layers.spans(.words))
                switch format {
                case .jsonl:
                    return JSONWriter.serialize(doc.jsonValue())
                case .text:
                    return Self.underscored(spans, doc.view.scalars)
                case .conllu:
                    // A line is a sentence; the line after the block ends it with its blank line.
                    sentence += 1
                    return String(CoNLLUWriter.sentence(id: "\(sentence)", range: 0..<doc.length, words: spans, view: doc.view).dropLast())
                }
            }
        }

        /// Words separated by spaces, the space inside a word (a no-break space too) written `_` — built as UTF-8
        /// bytes in one pass, not a string per word.
        static func underscored(_ words: [SpanLayer.Span], _ scalars: [Unicode.Scalar]) -> String {
            var out: [UInt8] = []
            out.reserveCapacity(scalars.count + scalars.count / 2)
            for (n, w) in words.enumerated() {
                if n > 0 { out.append(0x20) }
                for s in scalars[w.start..<w.end] {
                    if s.characterClass.contains(.whitespace) { out.append(UInt8(ascii: "_")) } else { UTF8.encode(s) { out.append($0) } }
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}

extension MekongCommand {
    struct Train: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Train models.", subcommands: [TrainSegmenter.self, TrainNER.self])
    }

    struct TrainSegmenter: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "segmenter",
            abstract: "Train the Vietnamese word segmenter on CoNLL-U data (word FORMs with spaces between syllables).",
            discussion: "Example: mekong train segmenter --train vi_vtb-ud-train.conllu --dev vi_vtb-ud-dev.conllu --lexicon words.txt -o vi.mkseg")

        @Option(help: "Training data, CoNLL-U.") var train: [String]
        @Option(help: "Development data, CoNLL-U: scored after training.") var dev: String?
        @Option(help: "A word list, one word a line, syllables separated by spaces.") var lexicon: String?
        @Option(help: "Training passes.") var epochs = 6
        @Option(help: "Seed for the order of examples.") var seed: UInt64 = 1
        @Option(name: .shortAndLong, help: "Where to write the model.") var output: String

        func run() throws {
            var examples: [WordSegmenter.Example] = []
            for t in train { examples += try CoNLLUSegmentation.retokenized(CoNLLUSegmentation.read(t)) }
            let words = try lexicon.map { String(decoding: try FileIO.readAll($0), as: UTF8.self).split(separator: "\n").map(String.init) } ?? []
            StandardError.write("training on \(examples.count) sentences, \(examples.reduce(0) { $0 + $1.syllables.count }) syllables, \(words.count) lexicon words\n")
            let model = WordSegmenter.train(examples, lexicon: words, epochs: epochs, seed: seed) { StandardError.write($0 + "\n") }
            try model.save(to: output)
            if let dev {
                let score = SegmentationScore.evaluate(model, on: try CoNLLUSegmentation.retokenized(CoNLLUSegmentation.read(dev)))
                print("dev: \(score.summary)")
            }
        }
    }

    struct Eval: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Evaluate models.", subcommands: [EvalSegmentation.self, EvalEntities.self, EvalNER.self])
    }

    struct EvalSegmentation: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "segmentation",
            abstract: "Score the word segmenter on gold CoNLL-U: word precision, recall and F1 by span, multi-syllable and OOV recall.")

        @Option(help: "Gold CoNLL-U.") var gold: String
        @Option(help: "A model file (default: the shipped model).") var model: String?
        @Option(help: "CoNLL-U files whose words count as known, for OOV recall.") var trainVocab: [String] = []
        @Flag(help: "Also print how long the model took to load.") var timing = false

        func run() throws {
            let started = MonotonicClock.seconds()
            let segmenter = try SegmentationCommands.segmenter(model)
            let loaded = MonotonicClock.seconds() - started
            var known = Set<String>()
            for t in trainVocab { for e in try CoNLLUSegmentation.read(t) { for w in SegmentationScore.words(e.syllables, e.joins) { known.insert(w.lowercased()) } } }
            let score = SegmentationScore.evaluate(segmenter, on: try CoNLLUSegmentation.retokenized(CoNLLUSegmentation.read(gold)), known: trainVocab.isEmpty ? nil : known)
            print(score.summary)
            if timing { print(String(format: "model loaded in %.1f ms", loaded * 1000)) }
        }
    }
}

enum SegmentationCommands {
    static func segmenter(_ path: String?) throws -> WordSegmenter {
        if let path { return try WordSegmenter.load(path: path) }
        guard let shipped = WordSegmenter.shipped else {
            StandardError.write("mekong: the shipped segmenter model is missing; give one with --model\n")
            throw ExitCode(2)
        }
        return shipped
    }
}

/// Word P/R/F1 over syllable spans (gold tokenization), multi-syllable and OOV recall.
struct SegmentationScore {
    var correct = 0, system = 0, gold = 0
    var multiGold = 0, multiCorrect = 0
    var oovGold = 0, oovCorrect = 0
    var seconds = 0.0
    var syllables = 0

    static func spans(_ joins: [Bool]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = 0
        for i in 1...max(1, joins.count) where i == joins.count || !joins[i] {
            result.append(start..<i)
            start = i
        }
        return joins.isEmpty ? [] : result
    }

    static func words(_ syllables: [String], _ joins: [Bool]) -> [String] {
        spans(joins).map { syllables[$0].joined(separator: " ") }
    }

    static func evaluate(_ model: WordSegmenter, on examples: [WordSegmenter.Example], known: Set<String>? = nil) -> SegmentationScore {
        var s = SegmentationScore()
        let start = MonotonicClock.seconds()
        let predictions = examples.map { model.joins($0.syllables) }
        s.seconds = MonotonicClock.seconds() - start
        for (e, predicted) in zip(examples, predictions) {
            let g = spans(e.joins), p = Set(spans(predicted))
            s.syllables += e.syllables.count
            s.gold += g.count
            s.system += p.count
            for span in g {
                let hit = p.contains(span)
                if hit { s.correct += 1 }
                if span.count > 1 { s.multiGold += 1; if hit { s.multiCorrect += 1 } }
                if let known, !known.contains(e.syllables[span].joined(separator: " ").lowercased()) {
                    s.oovGold += 1
                    if hit { s.oovCorrect += 1 }
                }
            }
        }
        return s
    }

    var summary: String {
        let p = Double(correct) / Double(max(1, system)), r = Double(correct) / Double(max(1, gold))
        let f = p + r > 0 ? 2 * p * r / (p + r) : 0
        var out = String(format: "words %d, P %.2f, R %.2f, F1 %.2f, multi-syllable recall %.2f", gold, 100 * p, 100 * r, 100 * f,
                         100 * Double(multiCorrect) / Double(max(1, multiGold)))
        if oovGold > 0 { out += String(format: ", OOV recall %.2f (%d OOV words)", 100 * Double(oovCorrect) / Double(oovGold), oovGold) }
        out += String(format: ", %.0f words/s", Double(gold) / max(seconds, 1e-9))
        return out
    }
}
