import Mekong
import MekongCLI

MekongCommand.main(registry: .builtIn)
