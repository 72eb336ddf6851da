import CMekongCLD2
import CMekongICU

/// A language guess for a piece of text.
public struct LanguageGuess: Sendable, Hashable {
    /// BCP 47 code ("vi", "en", "zh-Hant").
    public var code: String
    /// 0–1: the share of the text in this language, halved when CLD2 finds the guess unreliable.
    public var confidence: Double
    public var reliable: Bool
    /// The other candidates with their share of the text (0–100).
    public var alternatives: [(code: String, percent: Int)]

    public static func == (a: LanguageGuess, b: LanguageGuess) -> Bool {
        a.code == b.code && a.confidence == b.confidence && a.reliable == b.reliable
    }
    public func hash(into h: inout Hasher) { h.combine(code); h.combine(confidence) }
}

/// Language identification with CLD2 (80+ languages) and script detection with ICU.
public enum LanguageIdentifier {
    /// Letters CLD2 must see before its answer is trusted without hints.
    static let minimumLetters = 24

    /// Guesses the language of `text`. A declared language (an HTML `lang`, a
    /// Content-Language), the language the text is expected in (a pipeline's default) and a
    /// country domain are hints only: they are used when the text alone is too short or
    /// unclear, never against clear evidence.
    ///
    /// On fewer than `minimumLetters` letters no guess is reliable: CLD2 calls `Brooklyn, NY`
    /// Malagasy and `Rotterdam movers` Dutch with confidence. There the hint decides when the text
    /// is in the hint's script; otherwise CLD2's guess stands, or, when it has none, the language
    /// CLDR finds likeliest for the text's script (`Москва` → `ru`), marked unreliable.
    public static func identify(_ text: String, declared: String? = nil, domain: String? = nil, expected: String? = nil) -> LanguageGuess? {
        var plain = detect(text, hint: nil, tld: nil)
        // On a sentence or two, CLD2 takes Spanish and Portuguese for Galician; in news,
        // Galician is far rarer than either. Ask again with both as hints and keep their
        // answer if it is one of them.
        if let p = plain, p.guess.code == "gl", p.textBytes < 400,
            let again = detect(text, hint: "es,pt", tld: nil), again.guess.code == "es" || again.guess.code == "pt"
        {
            plain = again
        }
        if let plain, plain.guess.reliable, plain.textBytes >= minimumLetters { return plain.guess }
        let hint = declared ?? expected
        let letters = plain?.textBytes ?? 0
        guard letters < minimumLetters else {
            let hinted = (hint != nil || domain != nil) ? detect(text, hint: hint.map(primarySubtag), tld: domain) : nil
            if let hinted, hinted.guess.reliable { return hinted.guess }
            return plain?.guess ?? hinted?.guess
        }
        // Too few letters: CLD2 is asked again with the hint and English, the lingua franca of the
        // web's navigation and captions, as likelier than the rest.
        let likely = [hint.map(primarySubtag), "en"].compactMap { $0 }.filter { !$0.isEmpty }
        let hinted = detect(text, hint: Array(Set(likely)).sorted().joined(separator: ","), tld: domain)
        return shortText(text, guess: hinted?.guess ?? plain?.guess, hint: hint, likely: likely)
    }

    /// The answer for text too short to tell by its letters (see `identify`): a guess among the
    /// likely languages stands; another one only when the text is not in the hint's script.
    private static func shortText(_ text: String, guess: LanguageGuess?, hint: String?, likely: [String]) -> LanguageGuess? {
        if let guess, likely.contains(primarySubtag(guess.code)) { return unreliable(guess) }
        let script = dominantScript(text)
        if let hint, case let language = primarySubtag(hint), !language.isEmpty, script.map({ writes(hint, in: $0) }) ?? true {
            return LanguageGuess(code: language, confidence: 0, reliable: false,
                                 alternatives: guess.map { [($0.code, Int(($0.confidence * 100).rounded()))] } ?? [])
        }
        if let guess { return unreliable(guess) }
        // Latin script is shared by too many languages for its likeliest (English) to mean anything.
        guard let script, script != "Latn", let language = likelyLanguage(script: script) else { return nil }
        return LanguageGuess(code: language, confidence: 0, reliable: false, alternatives: [])
    }

    private static func unreliable(_ guess: LanguageGuess) -> LanguageGuess {
        var g = guess
        if g.reliable { g.confidence /= 2 }
        g.reliable = false
        return g
    }

    /// Whether `language` is written in `script` (the text's dominant script, by code point), by
    /// the script CLDR gives it; Han, kana and Hangul count for Chinese, Japanese and Korean.
    static func writes(_ language: String, in script: String) -> Bool {
        guard let own = likelyScript(of: language) else { return false }
        switch own {
        case "Hans", "Hant": return script == "Hani"
        case "Jpan": return ["Hani", "Hira", "Kana"].contains(script)
        case "Kore": return ["Hang", "Hani"].contains(script)
        default: return own == script
        }
    }

    /// The script CLDR gives a language by default: "Latn" for "vi", "Cyrl" for "ru",
    /// "Hant" for "zh-TW". Nil when ICU has no likely subtags for it.
    static func likelyScript(of tag: String) -> String? {
        likelySubtags(tag)?.split(separator: "-").dropFirst().first { $0.count == 4 }.map(String.init)
    }

    /// The language CLDR finds likeliest for a script: "ru" for "Cyrl", "zh" for "Hani".
    static func likelyLanguage(script: String) -> String? {
        guard let tag = likelySubtags("und-" + script), let language = tag.split(separator: "-").first,
              language != "und" else { return nil }
        return String(language)
    }

    private static func likelySubtags(_ tag: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 64)
        let n = mk_likely_subtags(tag, &buffer, Int32(buffer.count))
        guard n > 0 else { return nil }
        return String(decoding: buffer.prefix(Int(n)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func detect(_ text: String, hint: String?, tld: String?) -> (guess: LanguageGuess, textBytes: Int)? {
        var result = mk_language_guess()
        let bytes = Array(text.utf8)
        let rc = bytes.withUnsafeBufferPointer { b in
            b.withMemoryRebound(to: CChar.self) { mk_detect_language($0.baseAddress, Int32($0.count), hint, tld, &result) }
        }
        guard rc == 0 else { return nil }
        let codes = withUnsafeBytes(of: result.code) { raw -> [String] in
            (0..<3).map { i in
                let slice = raw[(i * 16)..<(i * 16 + 16)]
                return String(decoding: slice.prefix { $0 != 0 }, as: UTF8.self)
            }
        }
        let percents = [result.percent.0, result.percent.1, result.percent.2].map(Int.init)
        guard !codes[0].isEmpty, codes[0] != "un", codes[0] != "xxx" else { return nil }
        let reliable = result.reliable != 0
        let confidence = Double(percents[0]) / 100 * (reliable ? 1 : 0.5)
        var alternatives: [(String, Int)] = []
        for i in 1..<3 where !codes[i].isEmpty && codes[i] != "un" && percents[i] > 0 { alternatives.append((codes[i], percents[i])) }
        return (LanguageGuess(code: codes[0], confidence: confidence, reliable: reliable, alternatives: alternatives), Int(result.text_bytes))
    }

    /// "en" for "en-US", "vi" for "vi_VN".
    static func primarySubtag(_ tag: String) -> String {
        // Most tags are one already ("vi", "en"): three stages ask for every document.
        if !tag.isEmpty && tag.utf8.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) { return tag }
        return String(tag.lowercased().prefix { $0 != "-" && $0 != "_" })
    }

    /// The dominant script of `text` as an ISO 15924 code ("Latn", "Cyrl", "Hani"), from
    /// ICU's script property of its letters (common and inherited ones left out).
    public static func dominantScript(_ text: String, sample: Int = 4_096) -> String? {
        // Latin letters (all of Vietnamese) are counted without asking ICU; other scripts by
        // ICU's number for them, named at the end.
        var latin = 0
        var counts: [Int32: Int] = [:]
        var seen = 0
        for s in text.unicodeScalars where s.characterClass.contains(.alphabetic) {
            let v = s.value
            if (v < 0x250 && v != 0xB5) || (0x1E00...0x1EFF).contains(v) { latin += 1 } else {
                let n = mk_script_number(v)
                if n >= 0 { counts[n, default: 0] += 1 }
            }
            seen += 1
            if seen >= sample { break }
        }
        var named: [String: Int] = latin > 0 ? ["Latn": latin] : [:]
        var buffer = [CChar](repeating: 0, count: 8)
        for (number, count) in counts {
            let n = mk_script_name(number, &buffer, 8)
            guard n > 0 else { continue }
            let code = String(decoding: buffer.prefix(Int(n)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if code != "Zyyy" && code != "Zinh" { named[code, default: 0] += count }
        }
        return named.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key
    }
}
