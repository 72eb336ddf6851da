import Foundation

/// Where Mekong finds the files it ships — the word segmenter model, quantity words, the
/// knowledge base's sources and cue words, the entity model and its name lists — and a
/// prebuilt default knowledge base.
///
/// A resources folder laid out like the shipped one (`kb/`, `ner/`, `quantities/`,
/// `vi-segmenter.mkseg`, and optionally `kb/store/`) can stand in for it, named by
/// `MEKONG_RESOURCES` (or `mekong run --resources DIR`, which sets it for the run and its
/// worker processes): each file is looked for there first, then in the bundle built beside
/// the executable. A cluster's executors get everything from one folder shipped with the job,
/// the knowledge base included (`mekong kb prebuild --into DIR`), and build nothing.
///
/// Every lookup of a shipped file goes through `path(_:)`; nothing else reads `Bundle.module`.
public enum MekongResources {
    /// The environment variable that names a resources folder.
    public static let environmentVariable = "MEKONG_RESOURCES"

    /// The resources folder named by `MEKONG_RESOURCES`, if any (as given, without a trailing slash).
    public static var overrideDirectory: String? {
        guard let value = ProcessInfo.processInfo.environment[environmentVariable], !value.isEmpty else { return nil }
        return value.count > 1 && value.hasSuffix("/") ? String(value.dropLast()) : value
    }

    /// Names a resources folder for this process and the workers it starts (what `--resources`
    /// does), as an absolute path: a child that starts elsewhere finds it too.
    public static func use(_ directory: String) {
        setenv(environmentVariable, FilePath.realPath(directory) ?? directory, 1)
    }

    /// Why the folder `MEKONG_RESOURCES` names cannot serve, or nil when it can (or none is named).
    public static var overrideProblem: String? {
        guard let dir = overrideDirectory else { return nil }
        return FileIO.isDirectory(dir) ? nil : "\(environmentVariable) (or --resources) names '\(dir)', which is not a folder"
    }

    /// The shipped folder (the bundle beside the executable).
    static var bundleDirectory: String? {
        // `Bundle.module` stops the process when it finds no bundle. With a resources folder
        // named, the executable may have been shipped alone (to a cluster): then there is none.
        if overrideDirectory != nil && !FileIO.isDirectory(Bundle.main.bundleURL.appendingPathComponent(bundleName).path) { return nil }
        return Bundle.module.resourceURL?.path
    }

    /// The bundle SwiftPM builds beside the executable: package `Mekong`, target `Mekong`.
    static let bundleName = "Mekong_Mekong.resources"

    /// The path of a resource, `relative` to a resources folder (`kb/cues.json`,
    /// `vi-segmenter.mkseg`): in the `MEKONG_RESOURCES` folder when it has the file, else in
    /// the shipped one; nil when neither has it.
    public static func path(_ relative: String) -> String? {
        if let p = overridePath(relative) { return p }
        guard let dir = bundleDirectory else { return nil }
        let p = dir + "/" + relative
        return FileIO.exists(p) ? p : nil
    }

    /// The path of a resource in the `MEKONG_RESOURCES` folder only.
    static func overridePath(_ relative: String) -> String? {
        guard let dir = overrideDirectory else { return nil }
        let p = dir + "/" + relative
        return FileIO.exists(p) ? p : nil
    }

    /// A resource's bytes; nil when it is missing or unreadable.
    static func bytes(_ relative: String) -> [UInt8]? {
        path(relative).flatMap { try? FileIO.readAll($0) }
    }

    /// The folders resources come from, the override first: a pipeline may read files in them.
    static var roots: [String] {
        [overrideDirectory, bundleDirectory].compactMap { $0 }
    }

    /// Copies the shipped resources into `directory` (a resources folder for
    /// `MEKONG_RESOURCES`), leaving files that are there already; the paths copied.
    public static func copyShipped(into directory: String) throws -> [String] {
        guard let source = bundleDirectory else { return [] }
        var copied: [String] = []
        var pending = [""]
        while let relative = pending.popLast() {
            let from = relative.isEmpty ? source : source + "/" + relative
            let to = relative.isEmpty ? directory : directory + "/" + relative
            if FileIO.isDirectory(from) {
                try FileIO.makeDirectories(to)
                pending += try FileIO.listDirectory(from).map { relative.isEmpty ? $0 : relative + "/" + $0 }
            } else if !FileIO.exists(to) {
                try FileManager.default.copyItem(atPath: from, toPath: to)
                copied.append(relative)
            }
        }
        return copied.sorted()
    }
}
