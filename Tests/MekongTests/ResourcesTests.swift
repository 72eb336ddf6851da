import Foundation
import Testing
@testable import Mekong

/// `MEKONG_RESOURCES` / `--resources`: a folder of resources used before the shipped ones, in
/// the supervisor and its workers, with a prebuilt default knowledge base. The environment is
/// only ever set for child processes here: tests share this process's.
@Suite("Resources folder", .serialized)
struct ResourcesTests {
    @Test func theShippedFilesAreFoundThroughTheLocator() {
        #expect(MekongResources.path("kb/cues.json")?.hasSuffix("/kb/cues.json") == true)
        #expect(MekongResources.path("vi-segmenter.mkseg") != nil)
        #expect(MekongResources.path("ner/vi-entities.mkner") != nil)
        #expect(MekongResources.path("quantities/vi.json") != nil)
        #expect(MekongResources.path("kb/no-such-file.json") == nil)
        #expect(!MekongResources.roots.isEmpty)
    }

    /// A resources folder holding a (tiny) default knowledge base under `kb/store/`, named as
    /// the cache would name the real one.
    func resourcesWithPrebuiltStore() throws -> String {
        let res = Support.temporaryDirectory()
        try FileIO.makeDirectories(res + "/kb/store")
        let store = res + "/kb/store/" + FilePath.fileName(of: DefaultKnowledgeBase.cachePath)
        do {
            let kb = try KnowledgeBase(path: store, create: true)
            try kb.add(KBEntity(id: "mekong:tiki", type: "ORG", prior: 0.6, labels: ["vi": "Tiki"]))
            try kb.writeAliasIndex()
        }
        return res
    }

    @Test func aPrebuiltStoreIsUsedInWorkersAndInProcessAndNothingIsBuilt() throws {
        let res = try resourcesWithPrebuiltStore()
        let dir = Support.temporaryDirectory()
        let cache = Support.temporaryDirectory()
        Support.write(#"{"name": "e", "language": "vi", "stages": [{"use": "tokens"}, {"use": "entities"}, {"use": "link"}]}"#, to: dir + "/p.json")
        Support.write(#"{"id": "d", "text": "Khách hàng của Tiki tăng mạnh."}"# + "\n", to: dir + "/in.jsonl")
        let runs = [
            try Support.run([Support.mekong, "run", "-p", dir + "/p.json", dir + "/in.jsonl", "--jobs", "1", "--resources", res, "--quiet"],
                            environment: ["MEKONG_CACHE_DIR": cache]),
            try Support.run([Support.mekong, "run", "-p", dir + "/p.json", dir + "/in.jsonl", "--in-process", "--quiet"],
                            environment: ["MEKONG_CACHE_DIR": cache, "MEKONG_RESOURCES": res]),
        ]
        for r in runs {
            #expect(r.status == 0, "\(r.stderr)")
            let record = try #require(try Support.records(r.stdout).first)
            #expect(record["layers"]?["entities"]?.arrayValue?.first?["id"] == "mekong:tiki", "\(r.stdout)")
            #expect(!r.stderr.contains("holds no knowledge base"))
        }
        #expect(try FileIO.listDirectory(cache).isEmpty)
        // kb info opens the prebuilt store too.
        let info = try Support.run([Support.mekong, "kb", "info"], environment: ["MEKONG_CACHE_DIR": cache, "MEKONG_RESOURCES": res])
        #expect(info.status == 0 && info.stdout.hasPrefix(res + "/kb/store/") && info.stdout.contains("1 entities"), "\(info.stdout)\(info.stderr)")
    }

    /// The layout `scripts/package.sh` ships: the executable copied elsewhere with its resources
    /// beside it (`Mekong_Mekong.resources`, a prebuilt store in `kb/store/`), and no
    /// environment pointing anywhere: it finds both and builds nothing.
    @Test func anExecutableWithItsResourcesBesideItUsesTheirPrebuiltStore() throws {
        let res = try resourcesWithPrebuiltStore()
        let bin = Support.temporaryDirectory() + "/bin"
        try FileIO.makeDirectories(bin)
        try FileManager.default.copyItem(atPath: Support.mekong, toPath: bin + "/mekong")
        _ = try MekongResources.copyShipped(into: res)
        try FileManager.default.moveItem(atPath: res, toPath: bin + "/" + MekongResources.bundleName)
        let dir = Support.temporaryDirectory()
        let cache = Support.temporaryDirectory()
        Support.write(#"{"name": "e", "language": "vi", "stages": [{"use": "tokens"}, {"use": "entities"}, {"use": "link"}]}"#, to: dir + "/p.json")
        Support.write("Khách hàng của Tiki tăng mạnh.", to: dir + "/a.txt")
        let r = try Support.run([bin + "/mekong", "run", "-p", dir + "/p.json", dir + "/a.txt", "--jobs", "1", "--quiet"],
                                environment: ["MEKONG_CACHE_DIR": cache])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try Support.records(r.stdout).first?["layers"]?["entities"]?.arrayValue?.first?["id"] == "mekong:tiki", "\(r.stdout)")
        #expect(try FileIO.listDirectory(cache).isEmpty)
    }

    @Test func aResourcesFolderOverridesTheShippedFilesPerFile() throws {
        let res = Support.temporaryDirectory()
        let dir = Support.temporaryDirectory()
        Support.write(#"{"name": "w", "language": "vi", "stages": [{"use": "sentences"}, {"use": "tokens"}, {"use": "words"}]}"#, to: dir + "/p.json")
        Support.write("Hà Nội đẹp.", to: dir + "/a.txt")
        // A broken segmenter model in the folder is the one loaded: the pipeline does not load.
        Support.write("not a model", to: res + "/vi-segmenter.mkseg")
        let broken = try Support.run([Support.mekong, "run", "-p", dir + "/p.json", dir + "/a.txt", "--resources", res])
        #expect(broken.status == 2 && broken.stderr.contains("model"), "\(broken.stderr)")
        // The real one copied there works, and the rest still comes from the shipped folder.
        try FileManager.default.removeItem(atPath: res + "/vi-segmenter.mkseg")
        try FileManager.default.copyItem(atPath: MekongResources.path("vi-segmenter.mkseg")!, toPath: res + "/vi-segmenter.mkseg")
        let ok = try Support.run([Support.mekong, "run", "-p", dir + "/p.json", dir + "/a.txt", "--quiet"], environment: ["MEKONG_RESOURCES": res])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(try Support.records(ok.stdout).first?["layers"]?["words"]?.arrayValue?.isEmpty == false)
        // A pipeline may read files in the resources folder, as in the shipped one.
        Support.write("Hà Nội\tLOC\n", to: res + "/places.tsv")
        Support.write(#"{"name": "g", "stages": [{"use": "tokens"}, {"use": "gazetteer", "with": {"file": "\#(res)/places.tsv"}}]}"#, to: dir + "/g.json")
        let outside = try Support.run([Support.mekong, "run", "-p", dir + "/g.json", dir + "/a.txt", "--quiet"])
        #expect(outside.status == 2)
        let inside = try Support.run([Support.mekong, "run", "-p", dir + "/g.json", dir + "/a.txt", "--quiet", "--resources", res])
        #expect(inside.status == 0, "\(inside.stderr)")
        // A folder that is not there is a usage error.
        let missing = try Support.run([Support.mekong, "run", "-p", dir + "/p.json", dir + "/a.txt", "--resources", dir + "/nope"])
        #expect(missing.status == 2 && missing.stderr.contains("not a folder"))
        let badEnvironment = try Support.run([Support.mekong, "run", "-p", dir + "/p.json", dir + "/a.txt"], environment: ["MEKONG_RESOURCES": dir + "/nope"])
        #expect(badEnvironment.status == 2 && badEnvironment.stderr.contains("MEKONG_RESOURCES"))
    }

    /// A store folder without this build's store is passed over with a warning: the cache's
    /// serves (here a tiny one already there, so nothing is built).
    @Test func aStoreForAnotherBuildIsNotUsed() throws {
        let res = try resourcesWithPrebuiltStore()
        let name = FilePath.fileName(of: DefaultKnowledgeBase.cachePath)
        let other = name.replacingOccurrences(of: "-v\(DefaultKnowledgeBase.version)-", with: "-v1-")
        try FileManager.default.moveItem(atPath: res + "/kb/store/" + name, toPath: res + "/kb/store/" + other)
        let cache = Support.temporaryDirectory()
        do {
            let kb = try KnowledgeBase(path: cache + "/" + name, create: true)
            try kb.add(KBEntity(id: "mekong:cached", type: "ORG", prior: 0.6, labels: ["vi": "Tiki"]))
            try kb.writeAliasIndex()
        }
        let info = try Support.run([Support.mekong, "kb", "info"], environment: ["MEKONG_RESOURCES": res, "MEKONG_CACHE_DIR": cache])
        #expect(info.status == 0 && info.stdout.hasPrefix(cache + "/" + name), "\(info.stdout)")
        #expect(info.stderr.contains("holds no knowledge base for this build"), "\(info.stderr)")
    }

    /// `kb prebuild` keeps a store already there (the build itself is the cache's, tested
    /// elsewhere: too large for a unit test) and copies the shipped files beside it.
    @Test func prebuildFillsAResourcesFolder() throws {
        let res = try resourcesWithPrebuiltStore()
        let store = res + "/kb/store/" + FilePath.fileName(of: DefaultKnowledgeBase.cachePath)
        let storeOnly = try Support.run([Support.mekong, "kb", "prebuild", "--into", res, "--store-only"])
        #expect(storeOnly.status == 0 && storeOnly.stdout.hasPrefix(store + "\n" + store + ".keys"), "\(storeOnly.stdout)\(storeOnly.stderr)")
        #expect(!FileIO.exists(res + "/vi-segmenter.mkseg"))
        let full = try Support.run([Support.mekong, "kb", "prebuild", "--into", res])
        #expect(full.status == 0, "\(full.stderr)")
        for file in ["vi-segmenter.mkseg", "kb/cues.json", "kb/curated.jsonl", "kb/world.jsonl.gz", "ner/vi-entities.mkner", "quantities/vi.json"] {
            #expect(FileIO.exists(res + "/" + file), "\(file)")
        }
        // The copy names the same store: the curated files and the world file are the same bytes.
        let info = try Support.run([Support.mekong, "kb", "info"], environment: ["MEKONG_RESOURCES": res, "MEKONG_CACHE_DIR": Support.temporaryDirectory()])
        #expect(info.stdout.hasPrefix(store), "\(info.stdout)\(info.stderr)")
    }
}
