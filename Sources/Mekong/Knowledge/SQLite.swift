import Foundation
import CSQLite

/// A small face over SQLite's C API: a connection, prepared statements, transactions. Errors
/// carry SQLite's own message.
public final class SQLiteDatabase: @unchecked Sendable {
    // One connection is used from one thread at a time: the knowledge base gives each reader
    // its own connection (SQLite's "multi-thread" mode).
    let handle: OpaquePointer

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// Opens (or creates, with `create`) a database file; ":memory:" for one in memory.
    /// `immutable`: the file will not change while open, so SQLite takes no locks at all (a
    /// lock per query costs two system calls, which a lookup-heavy stage feels).
    public init(path: String, readOnly: Bool = false, create: Bool = false, immutable: Bool = false) throws(Failure) {
        var db: OpaquePointer?
        var flags = readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE
        if create && !readOnly { flags |= SQLITE_OPEN_CREATE }
        flags |= SQLITE_OPEN_NOMUTEX
        var name = path
        if immutable && readOnly {
            flags |= SQLITE_OPEN_URI
            let escaped = path.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "?", with: "%3f").replacingOccurrences(of: "#", with: "%23")
            name = "file:\(escaped)?immutable=1"
        }
        let rc = sqlite3_open_v2(name, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            if let db { sqlite3_close(db) }
            throw Failure(message: "\(path): \(message)")
        }
        handle = db
    }

    deinit { sqlite3_close(handle) }

    var lastError: String { String(cString: sqlite3_errmsg(handle)) }

    /// Runs one or more statements without results.
    public func execute(_ sql: String) throws(Failure) {
        var error: UnsafeMutablePointer<CChar>?
        if sqlite3_exec(handle, sql, nil, nil, &error) != SQLITE_OK {
            let message = error.map { String(cString: $0) } ?? lastError
            sqlite3_free(error)
            throw Failure(message: message)
        }
    }

    public func prepare(_ sql: String) throws(Failure) -> SQLiteStatement {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw Failure(message: "\(lastError) in: \(sql)")
        }
        return SQLiteStatement(statement, database: self)
    }

    /// Runs `body` in one transaction, committed when it returns and rolled back when it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }
}

/// A prepared statement, reset and reused for each set of parameters.
public final class SQLiteStatement {
    let handle: OpaquePointer
    let database: SQLiteDatabase

    init(_ handle: OpaquePointer, database: SQLiteDatabase) {
        self.handle = handle
        self.database = database
    }

    deinit { sqlite3_finalize(handle) }

    public enum Value {
        case text(String)
        case integer(Int)
        case real(Double)
        case null
    }

    /// Binds the parameters (1-based, in order) after a reset.
    public func bind(_ values: [Value]) throws(SQLiteDatabase.Failure) {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (i, v) in values.enumerated() {
            let n = Int32(i + 1)
            let rc: Int32
            switch v {
            case .text(let s): rc = sqlite3_bind_text(handle, n, s, -1, mk_sqlite_transient())
            case .integer(let x): rc = sqlite3_bind_int64(handle, n, Int64(x))
            case .real(let d): rc = sqlite3_bind_double(handle, n, d)
            case .null: rc = sqlite3_bind_null(handle, n)
            }
            if rc != SQLITE_OK { throw SQLiteDatabase.Failure(message: database.lastError) }
        }
    }

    /// Steps once: true while there is a row to read.
    public func step() throws(SQLiteDatabase.Failure) -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw SQLiteDatabase.Failure(message: database.lastError)
        }
    }

    /// Binds, runs to the end, and resets.
    public func run(_ values: [Value]) throws(SQLiteDatabase.Failure) {
        try bind(values)
        while try step() {}
        sqlite3_reset(handle)
    }

    /// Ends a read before its last row: until then the statement holds the file's read lock.
    public func reset() { sqlite3_reset(handle) }

    /// How many times SQLite compiled the statement again: after a schema change, or because a
    /// parameter's value could change the plan (a term such as `folded = ?` that a partial
    /// index's condition names). A query that runs per name must stay at zero.
    var recompilations: Int { Int(sqlite3_stmt_status(handle, SQLITE_STMTSTATUS_REPREPARE, 0)) }

    public func text(_ column: Int32) -> String? {
        guard let p = sqlite3_column_text(handle, column) else { return nil }
        return String(cString: p)
    }
    /// The bytes of a text column, as SQLite's `=` compares them, with no string made; valid
    /// until the statement steps again.
    public func textBytes(_ column: Int32) -> UnsafeRawBufferPointer {
        guard let p = sqlite3_column_text(handle, column) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: p, count: Int(sqlite3_column_bytes(handle, column)))
    }
    public func integer(_ column: Int32) -> Int { Int(sqlite3_column_int64(handle, column)) }
    public func real(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }
}

func sqliteLastInsertRowID(_ db: SQLiteDatabase) -> Int64 { sqlite3_last_insert_rowid(db.handle) }
