/// The one place built-in stages are registered.
public enum BuiltinStages {
    public static let all: [StageDescriptor] = [
        HTMLTextStage.descriptor,
        NormalizeStage.descriptor,
        LanguageStage.descriptor,
        SentencesStage.descriptor,
        TokensStage.descriptor,
        WordsStage.descriptor,
        QuantitiesStage.descriptor,
        EntitiesStage.descriptor,
        LinkStage.descriptor,
        GazetteerStage.descriptor,
        ExportConllUStage.descriptor,
        ExportXliffStage.descriptor,
        ExportTbxStage.descriptor,
        ExportCsvStage.descriptor,
        ExternalStage.descriptor,
    ]
}

extension StageRegistry {
    /// Mekong's built-in stages.
    public static var builtIn: StageRegistry {
        var r = StageRegistry()
        for d in BuiltinStages.all { r.register(d) }
        return r
    }
}
