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
