/// CoNLL-U text: the one writer behind the `export.conllu` stage and `mekong segment --format
/// conllu`.
public enum CoNLLUWriter {
    /// One sentence: `# sent_id`, `# text`, a line per word, then a blank line. FORM is the word
    /// as written (a Vietnamese word keeps the spaces between its syllables, as UD
    /// Vietnamese-VTB writes them; a tab becomes a space); MISC has `SpaceAfter=No` where no
    /// white space follows, then `misc(word)`'s fields. Empty when there are no words: CoNLL-U
    /// has no empty sentences.
    public static func sentence(id: String, range: Range<Int>, words: [SpanLayer.Span], view: TextView,
                                misc: (SpanLayer.Span) -> [String] = { _ in [] }) -> String {
        guard !words.isEmpty else { return "" }
        var out = "# sent_id = \(oneLine(id))\n"
        out += "# text = \(oneLine(view.string(range)))\n"
        for (i, w) in words.enumerated() {
            var fields: [String] = []
            if w.end < view.count && !view.scalars[w.end].properties.isWhitespace { fields.append("SpaceAfter=No") }
            fields += misc(w)
            let form = String(oneLine(view.string(w.range)).map { $0 == "\t" ? " " : $0 })
            out += "\(i + 1)\t\(form)\t_\t_\t_\t_\t_\t_\t_\t\(fields.isEmpty ? "_" : fields.joined(separator: "|"))\n"
        }
        return out + "\n"
    }

    /// `s` on one line: a line break becomes a space (a comment or a FORM cannot hold one).
    public static func oneLine(_ s: String) -> String {
        String(s.map { $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
    }
}
