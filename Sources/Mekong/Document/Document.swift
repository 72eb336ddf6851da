/// One document moving through a pipeline: its identity and source, its text, and the
/// annotation layers stages add over that text.
///
/// Offsets everywhere are Unicode code points into `text`, end exclusive — what Python
/// and spaCy users expect. The text is written once, by a reader or an ingestion stage,
/// and a stage may rewrite it only through `rewriteText(_:map:by:)`, which keeps the old
/// text and an offset map back to it; no stage can change it behind another's back.
public struct Document: Sendable {
    public var id: String
    public var source: Source
    /// A BCP 47 language tag (`vi`, `en`, `zh-Hant`), or nil while unknown. Only a valid tag
    /// is kept, in canonical case (`vi_vn` → `vi-VN`): an invalid one is dropped with a note in
    /// `errors`, as if no tag had been given (see `setLanguage(_:by:)`).
    public var language: String? {
        get { checkedLanguage }
        set { setLanguage(newValue, by: Self.languageStage) }
    }
    private var checkedLanguage: String?
    /// The last invalid tag dropped, if any (a stage that keeps a given language asks).
    public private(set) var droppedLanguageTag: String?
    /// Title, published date, author, url, site, description, … and whatever a reader or
    /// stage adds under its own key.
    public var metadata: JSONObject
    public private(set) var text: String {
        didSet { forms = TextForms(text) }
    }
    /// Code points and UTF-16 of `text`, made on first use and shared by the stages.
    private var forms: TextForms
    /// The length of `text` in code points.
    public private(set) var length: Int
    /// Whether a reader or an ingestion stage has set the text yet (markup has none until
    /// the `html` stage extracts it).
    public private(set) var hasText: Bool
    /// Earlier versions of the text, oldest first, each with the map from the text after it.
    public internal(set) var revisions: [TextRevision]
    public var layers: Layers
    /// Problems that did not stop the document (a stage that skipped part of it, a guessed
    /// charset). A failure that stops it becomes an error record instead.
    public var errors: [DocumentError]

    /// A document whose text is known.
    public init(id: String, text: String, source: Source? = nil, language: String? = nil, metadata: JSONObject = JSONObject()) {
        self.id = id
        self.source = source ?? Source(uri: id, format: .text, size: text.utf8.count)
        self.metadata = metadata
        self.text = text
        self.forms = TextForms(text)
        self.length = text.codePointCount
        self.hasText = true
        self.revisions = []
        self.layers = Layers()
        self.errors = []
        setLanguage(language, by: Self.languageStage)
    }

    /// A document whose text an ingestion stage will extract from `source.raw`.
    public init(id: String, source: Source, language: String? = nil, metadata: JSONObject = JSONObject()) {
        self.id = id
        self.source = source
        self.metadata = metadata
        self.text = ""
        self.forms = TextForms("")
        self.length = 0
        self.hasText = false
        self.revisions = []
        self.layers = Layers()
        self.errors = []
        setLanguage(language, by: Self.languageStage)
    }

    /// Sets the text of a document that has none yet (ingestion).
    public mutating func setText(_ newText: String, by stage: String) throws(StageError) {
        try setText(newText, scalars: nil, by: stage)
    }

    /// Sets the text as above, with its code points when the caller has them already (the
    /// markup's text collector builds the text from them): they are not decoded again.
    mutating func setText(_ newText: String, scalars: [Unicode.Scalar]?, by stage: String) throws(StageError) {
        guard !hasText || (text.isEmpty && layers.isEmpty) else {
            throw StageError(stage: stage, reason: "the document already has text; use rewriteText to change it")
        }
        text = newText
        if let scalars { forms = TextForms(newText, scalars: scalars) }
        length = scalars?.count ?? newText.codePointCount
        hasText = true
    }

    /// Replaces the text with a rewrite of it. `map` maps offsets in `newText` to offsets in
    /// the current text; the current text is kept in `revisions`. Spans that already exist
    /// (an ingestion stage's paragraphs) are moved onto the new text through the map; a
    /// span edge inside a rewritten piece widens to that piece.
    public mutating func rewriteText(_ newText: String, map: OffsetMap, by stage: String) throws(StageError) {
        try rewriteText(newText, scalars: nil, map: map, by: stage)
    }

    /// Rewrites the text as above, with its code points when the caller has them already (the
    /// normalizer makes them on its way): they are not decoded again.
    mutating func rewriteText(_ newText: String, scalars: [Unicode.Scalar]?, map: OffsetMap, by stage: String) throws(StageError) {
        let newLength = scalars?.count ?? newText.codePointCount
        guard hasText else { throw StageError(stage: stage, reason: "the document has no text to rewrite") }
        guard map.newLength == newLength, map.oldLength == length else {
            throw StageError(stage: stage, reason: "offset map covers \(map.newLength)→\(map.oldLength) code points, but the texts have \(newLength) and \(length)")
        }
        if map.isIdentity && newText == text { return }
        revisions.append(TextRevision(stage: stage, text: text, map: map))
        text = newText
        if let scalars { forms = TextForms(newText, scalars: scalars) }
        length = newLength
        layers.moveSpans(map.newRange)
    }

    /// Hands over the code points of the current text from a stage that made them anyway, so
    /// that the stages after it need not decode the text.
    mutating func offerScalars(_ scalars: [Unicode.Scalar]) {
        assert(scalars.count == length, "code points of another text")
        forms.offer(scalars)
    }

    /// Maps a range of the current text back to the text as first ingested.
    public func originalRange(_ range: Range<Int>) -> Range<Int> {
        var r = range
        for revision in revisions.reversed() { r = revision.map.oldRange(r) }
        return r
    }

    /// The text as first ingested.
    public var originalText: String { revisions.first?.text ?? text }

    /// Where a range of the current text comes from in the source file (code points of the
    /// source decoded from `source.charset`, markup included); nil for a source that was
    /// text already, where `originalRange` is the answer.
    public func sourceRange(_ range: Range<Int>) -> Range<Int>? {
        source.textMap.map { $0.oldRange(originalRange(range)) }
    }

    /// The text of a code-point range.
    public func text(in range: Range<Int>) -> String {
        view.string(range)
    }

    /// Code-point access to the text, computed once per text and shared by the stages.
    public var view: TextView { TextView(scalars: forms.scalars) }

    /// The syllable key and shape of each token of `tokens`, made by `make` on first use for
    /// this text and these spans and shared by the stages that read them (words, entities).
    func tokenKeys(of tokens: SpanLayer, make: () -> [(hash: UInt64, shape: UInt8)]) -> [(hash: UInt64, shape: UInt8)] {
        forms.tokenKeys(of: tokens, make: make)
    }

    /// The text in UTF-16, as ICU wants it, computed once per text.
    public var utf16: [UInt16] { forms.utf16 }

    /// The stage named in the note about an invalid tag given to `language` directly (by a
    /// reader, the pipeline or a document's JSON).
    public static let languageStage = "read"

    /// Sets the language from a tag of unknown quality: a valid tag is kept in canonical case;
    /// an invalid one (`aaaaaaaaaaaa`, `v적인 사안`) leaves the language unknown, so the
    /// pipeline's language applies, and `stage` gets a note in `errors`.
    public mutating func setLanguage(_ tag: String?, by stage: String) {
        guard let tag else { checkedLanguage = nil; return }
        // A bare language subtag in lower case ("vi", "en", "fil"), as most documents carry, is
        // its own canonical form: no parse (a document asks once, a benchmark per sentence).
        if (2...3).contains(tag.utf8.count) && tag.utf8.allSatisfy({ $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }) {
            checkedLanguage = tag
            return
        }
        do {
            checkedLanguage = try LanguageTag(parsing: tag).description
        } catch {
            checkedLanguage = nil
            droppedLanguageTag = tag
            warn(stage: stage, "language tag dropped: \(error)")
        }
    }

    /// Adds a non-fatal problem to the document.
    public mutating func warn(stage: String, _ message: String) {
        errors.append(DocumentError(stage: stage, message: message))
    }
}

/// Where a document came from.
public struct Source: Sendable, Hashable {
    /// A file path, URL, or `path#line` for one line of a JSON Lines file.
    public var uri: String
    public var format: DocumentFormat
    /// Size of the source in bytes.
    public var size: Int
    /// The charset the bytes were decoded from, when they were.
    public var charset: String?
    /// The raw bytes, kept only while a stage still needs them (ingestion drops them).
    public var raw: [UInt8]?
    /// For text extracted from markup: maps offsets in the text as extracted to code-point
    /// offsets in the source as decoded from `charset` (markup included).
    public var textMap: OffsetMap?

    public init(uri: String, format: DocumentFormat, size: Int, charset: String? = nil, raw: [UInt8]? = nil) {
        self.uri = uri
        self.format = format
        self.size = size
        self.charset = charset
        self.raw = raw
    }
}

/// The format of a document's source.
public struct DocumentFormat: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }

    public static let text: DocumentFormat = "text"
    public static let html: DocumentFormat = "html"
    public static let xml: DocumentFormat = "xml"
    public static let warc: DocumentFormat = "warc"
    public static let jsonl: DocumentFormat = "jsonl"

    /// Whether the text must be extracted from markup by an ingestion stage.
    public var isMarkup: Bool { self == .html || self == .xml }
}

/// A previous version of the text and the map from the version after it.
public struct TextRevision: Sendable, Hashable {
    /// The stage that rewrote this text.
    public var stage: String
    /// The text before the rewrite.
    public var text: String
    /// Maps offsets in the next version back to offsets in `text`.
    public var map: OffsetMap
}

/// A problem with one document, attributed to a stage.
public struct DocumentError: Error, Sendable, Hashable, CustomStringConvertible {
    public var stage: String
    public var message: String
    public init(stage: String, message: String) {
        self.stage = stage
        self.message = message
    }
    public var description: String { "\(stage): \(message)" }
}

/// The error a stage throws when it cannot process a document. The runner turns it into
/// the document's error record; the batch goes on.
public struct StageError: Error, Sendable, CustomStringConvertible {
    public var stage: String
    public var reason: String
    /// Anything that helps diagnose it (an external program's stderr).
    public var detail: String?
    public init(stage: String, reason: String, detail: String? = nil) {
        self.stage = stage
        self.reason = reason
        self.detail = detail
    }
    public var description: String { "\(stage): \(reason)" }
}
