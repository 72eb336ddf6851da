extension StageOptions {
    /// A stage option that names a locale (`sv`, `en-US`, `de@ss=standard`), checked when the
    /// pipeline is built: a malformed one is a pipeline error, never an id handed to ICU.
    func locale(_ key: String) throws(PipelineError) -> String? {
        guard let value = string(key) else { return nil }
        guard LanguageTag.icuLocale(value) != nil else {
            throw PipelineError(path: "\(path).\(key)", message: "'\(LanguageTag.quoted(value))' is not a BCP 47 language tag or ICU locale id (such as \"vi\", \"en-US\", \"de@ss=standard\")")
        }
        return value
    }

    /// A list option of language tags, each checked and put in canonical case.
    func languageTags(_ key: String) throws(PipelineError) -> [String]? {
        guard let values = strings(key) else { return nil }
        var tags: [String] = []
        for (n, value) in values.enumerated() {
            do { tags.append(try LanguageTag(parsing: value).description) } catch {
                throw PipelineError(path: "\(path).\(key)[\(n)]", message: error.description)
            }
        }
        return tags
    }

    /// A language tag option, checked and in canonical case.
    func languageTag(_ key: String) throws(PipelineError) -> String? {
        guard let value = string(key) else { return nil }
        do { return try LanguageTag(parsing: value).description } catch {
            throw PipelineError(path: "\(path).\(key)", message: error.description)
        }
    }
}
