import Synchronization

/// A resource a stage loads once — when the pipeline prepares the stage (`Stage.prepare`), or
/// else at its first use — and then shares between the threads that run the stage.
///
/// A process that only writes records (a supervisor whose workers run the document stages)
/// never prepares those stages, so their models and knowledge bases are never loaded there.
public final class LoadOnce<Value: Sendable, Failure: Error>: Sendable {
    private let value: Mutex<Value?>
    private let load: @Sendable () throws(Failure) -> Value

    /// A resource `load` makes when it is first needed.
    public init(_ load: @escaping @Sendable () throws(Failure) -> Value) {
        self.value = Mutex(nil)
        self.load = load
    }

    /// A resource already in hand.
    public init(loaded: Value) {
        self.value = Mutex(loaded)
        self.load = { loaded }
    }

    /// The resource, loading it now if no one has. A failed load is tried again next time.
    public func get() throws(Failure) -> Value {
        try value.withLock { (value) throws(Failure) -> Value in
            if let loaded = value { return loaded }
            let loaded = try load()
            value = loaded
            return loaded
        }
    }
}
