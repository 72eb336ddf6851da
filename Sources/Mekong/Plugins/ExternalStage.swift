import Synchronization

/// A stage that is an external program in any language.
///
/// The program runs as a long-lived child: Mekong writes one document per line to its
/// standard input, as the same JSON as the JSON Lines output, and the program answers with
/// the document, with its layers added, as one line on its standard output. Standard error
/// is free for logs and is kept in the error of a document that fails.
///
/// A crash fails the document it was working on and the program is started again for the
/// next one; a timeout or an answer that is not a document fails that document alone. One
/// child runs per worker thread that needs one.
public final class ExternalStage: DeclaredStage {
    public let needs: [LayerName]
    public let adds: [LayerName]
    let command: [String]
    let directory: String
    let timeout: Double
    private let idle = Mutex<[ChildProcess]>([])

    public init(command: [String], directory: String = ".", timeoutSeconds: Double = 30, needs: [LayerName] = [.text], adds: [LayerName] = []) {
        self.command = command
        self.directory = directory
        self.timeout = timeoutSeconds
        self.needs = needs
        self.adds = adds
    }

    public static let descriptor = StageDescriptor(
        name: "external",
        summary: "Runs an external program in any language: one document per JSON line on its stdin, the annotated document back on its stdout.",
        options: [
            OptionSpec("command", .command, required: true, help: "The program and its arguments, e.g. [\"python3\", \"plugin.py\"]. Runs in the pipeline file's folder."),
            OptionSpec("timeoutSeconds", .number, default: 30, minimum: 0.001, maximum: 86_400, help: "How long one document may take before it fails and the program is restarted."),
            OptionSpec("needs", .stringList, default: ["text"], help: "Layers the program reads; checked against earlier stages."),
            OptionSpec("adds", .stringList, default: [], help: "Layers the program adds; an answer without them fails the document."),
        ],
        needs: [.text], adds: [],
        example: ["command": ["python3", "Examples/external-plugin/capitalized.py"], "timeoutSeconds": 10, "adds": ["capitalized"]],
        make: { options in
            ExternalStage(command: options.strings("command")!, directory: options.baseDirectory,
                          timeoutSeconds: options.double("timeoutSeconds")!,
                          needs: options.strings("needs")!.map { LayerName($0) }, adds: options.strings("adds")!.map { LayerName($0) })
        })

    private func checkout() throws(StageError) -> ChildProcess {
        if let child = idle.withLock({ $0.popLast() }) { return child }
        do {
            return try ChildProcess(command: command, directory: directory)
        } catch {
            throw StageError(stage: name, reason: describe(error))
        }
    }

    private func describe(_ failure: ChildProcess.Failure) -> String {
        switch failure {
        case .timedOut(let s): return "the program \(commandText) gave no answer within \(s) s; it was stopped and will be restarted"
        case .exited(let status): return "the program \(commandText) \(status) before answering; it will be restarted"
        case .io(let m): return m
        }
    }

    private var commandText: String { "'" + command.joined(separator: " ") + "'" }

    public func process(_ document: inout Document) throws {
        let child = try checkout()
        var request = Records.line(for: document)
        request.reserveCapacity(request.count)
        child.clearStderr()
        let answer: [UInt8]
        do {
            answer = try child.exchange(request, timeout: timeout)
        } catch {
            let stderr = child.stderrText
            child.terminate()
            throw StageError(stage: name, reason: describe(error), detail: stderr)
        }
        if let failure = merge(answer, into: &document) {
            // Whatever it printed, the program may be out of step now: start afresh.
            let stderr = child.stderrText
            child.terminate()
            throw StageError(stage: name, reason: failure, detail: stderr)
        }
        idle.withLock { $0.append(child) }
    }

    /// Takes the program's layers and metadata into the document; returns why not, if not.
    private func merge(_ answer: [UInt8], into document: inout Document) -> String? {
        func preview() -> String {
            let s = String(decoding: answer.prefix(200), as: UTF8.self)
            return answer.count > 200 ? s + "…" : s
        }
        let json: JSONValue
        do { json = try JSONParser.parse(answer) } catch {
            return "the program's answer is not JSON (\(error)): \(preview())"
        }
        let returned: Document
        do { returned = try Document(json: json) } catch {
            return "the program's answer is not a document: \(error)"
        }
        guard returned.id == document.id else {
            return "the program answered for document '\(returned.id)' instead of '\(document.id)'"
        }
        guard returned.text == document.text else {
            return "the program changed the text; external stages may add layers and metadata but not rewrite the text"
        }
        for layer in adds where !returned.layers.contains(layer) {
            return "the program's answer lacks the '\(layer)' layer it declares in 'adds'"
        }
        for (layerName, annotations) in returned.layers {
            document.layers.set(layerName, annotations)
        }
        document.metadata = returned.metadata
        if let language = returned.language { document.language = language }
        for e in returned.errors where !document.errors.contains(e) { document.errors.append(e) }
        return nil
    }

    public func finish() {
        let children = idle.withLock { list -> [ChildProcess] in
            defer { list.removeAll() }
            return list
        }
        for child in children { child.shutdown(grace: 2) }
    }
}
