// swift-tools-version: 6.1
// A Swift stage in a package of its own: it depends on Mekong's library, conforms to
// `Stage`, registers itself, and ships a `mekong` of its own that knows the new stage.
import PackageDescription

let package = Package(
    name: "MekongKeywords",
    dependencies: [
        // In your own package: .package(url: "<Mekong's git URL>", from: "0.1.0")
        .package(name: "Mekong", path: "../.."),
    ],
    targets: [
        .target(name: "KeywordsStage", dependencies: [.product(name: "Mekong", package: "Mekong")]),
        .executableTarget(
            name: "mekong-keywords",
            dependencies: ["KeywordsStage", .product(name: "MekongCLI", package: "Mekong")]),
    ]
)
