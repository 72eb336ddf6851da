import ArgumentParser
import Foundation
import Mekong

extension MekongCommand {
    struct TrainNER: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ner",
            abstract: "Train the entity model (PER, ORG, LOC, MISC) on labelled sentences.",
            discussion: """
                DATA is a folder of sources, each a folder with sentences.jsonl ({"sent_id", "text"}) and \
                mentions.jsonl (the annotation guidelines' format: {"sent_id", "surface", "start", "type", "en"}). \
                Sentences listed in --heldout are never trained on; with --heldout the model alone is scored on them \
                after training (the whole pipeline: 'mekong eval ner').

                The shipped model is made with:
                  mekong train ner --data Data/entities --heldout Data/entities/heldout.txt \\
                      -o Sources/Mekong/Resources/ner/vi-entities.mkner
                """)

        @Option(help: "The labelled data: a folder of sources.") var data: String
        @Option(help: "Sentence ids (one a line) to keep out of training.") var heldout: String?
        @Option(help: "More name lists: class<TAB>phrase files (classes: \(NameLists.classes.joined(separator: ", "))).") var names: [String] = []
        @Option(help: "Training passes.") var epochs = 12
        @Option(help: "Seed for the order of sentences.") var seed: UInt64 = 1
        @Option(help: "Perceptrons to train (seeds SEED, SEED+1, …) and average: steadier than one.") var runs = 8
        @Option(name: .shortAndLong, help: "Where to write the model.") var output: String

        func run() throws {
            let corpus = try EntityCorpus.read(data)
            let held = try heldout.map(readIDs) ?? []
            let (train, test) = corpus.split(heldOut: held)
            let lists = try NameLists.standard(extra: names)
            StandardError.write("training on \(train.sentenceCount) sentences (\(train.mentionCount) mentions), \(lists.count) listed names; \(test.sentenceCount) sentences held out\n")
            let about = "trained on \(train.sentenceCount) sentences, \(train.mentionCount) mentions of \(data); \(epochs) epochs, seed \(seed)\(runs > 1 ? ", \(runs) runs averaged" : "")"
            let (model, report) = try EntityTraining.train(train, lists: lists, epochs: epochs, seed: seed, runs: runs, about: about) { StandardError.write($0 + "\n") }
            try model.save(to: output)
            StandardError.write("\(report.tokens) tokens; \(report.misaligned) mentions do not end on token edges; \(model.featureCount) features\n")
            if test.sentenceCount > 0 {
                let score = try EntityModelScore.evaluate(model, on: test)
                print("held out (model alone, \(test.sentenceCount) sentences):\n\(score.table)")
            }
        }
    }

    struct EvalNER: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ner",
            abstract: "Score the entity model alone on labelled sentences: precision, recall and F1 per type.",
            discussion: """
                Example:
                  mekong eval ner --data Data/entities --heldout Data/entities/heldout.txt
                """)

        @Option(help: "The labelled data: a folder of sources.") var data: String
        @Option(help: "Score only these sentence ids (one a line); by default every sentence.") var heldout: String?
        @Option(help: "The model (default: the one that ships).") var model: String?
        @Flag(help: "Also time loading the model (best of five) and tagging the sentences.") var timing = false

        func run() throws {
            let corpus = try EntityCorpus.read(data)
            let test = try heldout.map { try corpus.split(heldOut: readIDs($0)).test } ?? corpus
            guard let path = model ?? EntityModel.shippedPath else { throw ValidationError("no model ships with this build; pass --model") }
            var best = Double.infinity
            var m = try EntityModel.load(path: path)
            for _ in 0..<(timing ? 5 : 0) {
                let t = Timer()
                m = try EntityModel.load(path: path)
                best = min(best, t.seconds)
            }
            print(m.about)
            let t = Timer()
            print(try EntityModelScore.evaluate(m, on: test).table)
            if timing {
                let size = (try? FileIO.readAll(path).count) ?? 0
                print(String(format: "model load: %.3f s (%.1f MB, %d features, %d listed names); scoring %d sentences took %.2f s", best,
                             Double(size) / 1_000_000, m.featureCount, m.lists.count, test.sentenceCount, t.seconds))
            }
        }
    }
}

func readIDs(_ path: String) throws -> Set<String> {
    Set(String(decoding: try FileIO.readAll(path), as: UTF8.self).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        .filter { !$0.isEmpty && !$0.hasPrefix("#") })
}
