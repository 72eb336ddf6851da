import KeywordsStage
import MekongCLI

// The full `mekong` command line, with the keywords stage registered.
MekongCommand.main(registry: .withKeywords)
