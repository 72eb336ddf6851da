// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Mekong",
    products: [
        // The library: document model, stage protocol, registry, pipeline, runner, built-in stages.
        .library(name: "Mekong", targets: ["Mekong"]),
        // The command line as a library, so a package with its own Swift stages can ship its own `mekong`.
        .library(name: "MekongCLI", targets: ["MekongCLI"]),
        .executable(name: "mekong", targets: ["mekong"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // ICU behind plain C types: Foundation on Linux carries its own ICU, so ICU's headers
        // must never reach a Swift module.
        .target(
            name: "CMekongICU",
            linkerSettings: [
                .linkedLibrary("icui18n"), .linkedLibrary("icuuc"), .linkedLibrary("icudata"),
            ]
        ),
        // libxml2 through a shim header that switches off its ICU include.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // zlib, for gzip-compressed inputs (WARC files one member per record) and outputs.
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        // SQLite, the knowledge base's store; bzip2, for Wikidata dumps.
        .systemLibrary(name: "CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CBzip2", providers: [.apt(["libbz2-dev"])]),
        // zstd, for compressed inputs and outputs (.zst).
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
        // Compact Language Detector 2 (C++) behind a C header.
        .target(name: "CMekongCLD2", linkerSettings: [.linkedLibrary("cld2")]),
        // Process spawning for external stages (needs _GNU_SOURCE, which Swift's Glibc lacks).
        .target(name: "CMekongSystem"),
        .target(
            name: "Mekong",
            dependencies: ["CMekongICU", "CLibXML2", "CMekongSystem", "CMekongCLD2", "CZlib", "CSQLite", "CBzip2", "CZstd"],
            // The Vietnamese word segmenter, trained on UD Vietnamese-VTB (CC BY-SA 4.0) with pyvi's word list (MIT).
            // Quantity words per language (vi, en, fr, de and the shared ones), extended by users' own files.
            resources: [.copy("Resources/vi-segmenter.mkseg"), .copy("Resources/quantities"), .copy("Resources/kb"), .copy("Resources/ner")]),
        .target(
            name: "MekongCLI",
            dependencies: ["Mekong", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(name: "mekong", dependencies: ["MekongCLI"]),
        .testTarget(
            name: "MekongTests",
            dependencies: ["Mekong", "MekongCLI", "mekong"],
            resources: [.copy("Fixtures")]
        ),
    ]
)
