import Synchronization

/// Read-only connections to one knowledge base, one per worker at a time: SQLite connections
/// are not shared across threads, and opening one per document would cost more than the work.
/// They are opened immutable (no locks): do not change the file while a pipeline reads it.
public final class KnowledgeBasePool: Sendable {
    public let path: String
    private let idle = Mutex<[KnowledgeBaseBox]>([])

    /// Opens the pool, checking now that the file is a knowledge base.
    public init(path: String) throws(SQLiteDatabase.Failure) {
        self.path = path
        let first = try KnowledgeBase(path: path, readOnly: true, immutable: true)
        idle.withLock { $0.append(KnowledgeBaseBox(first)) }
    }

    /// Runs `body` with a connection of its own.
    public func with<T>(_ body: (KnowledgeBase) throws -> T) throws -> T {
        let box = try idle.withLock { $0.popLast() } ?? KnowledgeBaseBox(KnowledgeBase(path: path, readOnly: true, immutable: true))
        defer { idle.withLock { $0.append(box) } }
        return try body(box.kb)
    }
}

/// A connection handed between threads by the pool, never used by two at once.
final class KnowledgeBaseBox: @unchecked Sendable {
    let kb: KnowledgeBase
    init(_ kb: KnowledgeBase) { self.kb = kb }
}
