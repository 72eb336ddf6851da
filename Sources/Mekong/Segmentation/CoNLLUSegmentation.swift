import Foundation

/// Reads word segmentation from CoNLL-U: each token's FORM is a word whose syllables are
/// separated by spaces (UD Vietnamese-VTB).
public enum CoNLLUSegmentation {
    public static func read(_ path: String) throws -> [WordSegmenter.Example] {
        let text = String(decoding: try FileIO.readAll(path), as: UTF8.self)
        var examples: [WordSegmenter.Example] = []
        var syllables: [String] = []
        var joins: [Bool] = []
        func flush() {
            if !syllables.isEmpty { examples.append(WordSegmenter.Example(syllables: syllables, joins: joins)) }
            syllables = []
            joins = []
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty { flush(); continue }
            if line.hasPrefix("#") { continue }
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard columns.count >= 2, !columns[0].contains("-"), !columns[0].contains(".") else { continue }
            for (k, syllable) in columns[1].split(separator: " ").enumerated() {
                syllables.append(String(syllable))
                joins.append(k > 0)
            }
        }
        flush()
        return examples
    }
}
