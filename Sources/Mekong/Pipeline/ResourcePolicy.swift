#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Which files a pipeline's stages may read (gazetteers, models, lexicons, knowledge bases).
///
/// A pipeline file is often someone else's: by default a stage may read only regular files
/// inside the pipeline file's folder (after symbolic links are followed) or among Mekong's
/// own resources. A FIFO or a device would block or never end, and `/etc/shadow` is not a
/// gazetteer. `mekong run --allow-paths-outside` lifts the folder rule, never the regular-file one.
public struct ResourcePolicy: Sendable {
    /// Whether files outside the pipeline's folder and Mekong's resources may be read.
    public var allowOutside: Bool

    public init(allowOutside: Bool = false) {
        self.allowOutside = allowOutside
    }

    /// Why `path` may not be read, or nil when it may. A file that does not exist passes:
    /// the stage that loads it says so in its own words.
    func check(_ path: String, baseDirectory: String) -> String? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        let kind = st.st_mode & S_IFMT
        if kind != S_IFREG {
            let what: String
            switch kind {
            case S_IFIFO: what = "a FIFO"
            case S_IFDIR: what = "a directory"
            case S_IFCHR, S_IFBLK: what = "a device"
            case S_IFSOCK: what = "a socket"
            default: what = "not a file"
            }
            return "'\(path)' is \(what), not a regular file"
        }
        if allowOutside { return nil }
        guard let real = Self.realPath(path) else { return nil }
        let roots = [Self.realPath(baseDirectory.isEmpty ? "." : baseDirectory)].compactMap { $0 } + Self.resourceRoots
        if roots.contains(where: { Self.isInside(real, $0) }) { return nil }
        return "'\(path)' lies outside the pipeline's folder (\(roots.first ?? baseDirectory)); a pipeline reads only files beside it or below it. Move the file there, or pass --allow-paths-outside to read it"
    }

    static func isInside(_ path: String, _ root: String) -> Bool {
        root == "/" || path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }

    static func realPath(_ path: String) -> String? { FilePath.realPath(path) }

    /// Mekong's resources (the segmenter model, quantity words, the knowledge base's sources):
    /// the `MEKONG_RESOURCES` folder and the shipped one.
    static var resourceRoots: [String] { MekongResources.roots.compactMap(realPath) }
}
