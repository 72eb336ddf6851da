import Foundation

/// Runs a function over a stream of inputs on a fixed number of threads and hands the
/// results back in input order. At most `window` inputs are in flight (queued, running or
/// waiting for an earlier one to finish), which is what keeps memory flat.
final class OrderedWorkQueue<Input: Sendable, Output: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [(Int, Input)] = []
    private var queueHead = 0
    private var results: [Int: Output] = [:]
    private var submitted = 0
    private var delivered = 0
    private var closed = false
    private let window: Int
    private let work: @Sendable (Input) -> Output
    private var threads: [Thread] = []
    private var running = 0

    init(workers: Int, window: Int, work: @escaping @Sendable (Input) -> Output) {
        self.window = max(window, workers)
        self.work = work
        for i in 0..<max(1, workers) {
            let t = Thread { [unowned self] in self.workerLoop() }
            t.name = "mekong-worker-\(i)"
            t.stackSize = 8 << 20
            threads.append(t)
            running += 1
            t.start()
        }
    }

    private func workerLoop() {
        while true {
            condition.lock()
            while queueHead >= queue.count && !closed { condition.wait() }
            if queueHead >= queue.count && closed {
                running -= 1
                condition.broadcast()
                condition.unlock()
                return
            }
            let (seq, input) = queue[queueHead]
            queueHead += 1
            if queueHead > 1024 && queueHead * 2 > queue.count {
                queue.removeFirst(queueHead)
                queueHead = 0
            }
            condition.unlock()
            let output = work(input)
            condition.lock()
            results[seq] = output
            condition.broadcast()
            condition.unlock()
        }
    }

    /// Queues an input, first handing finished results (in order) to `deliver` while the
    /// window is full.
    func submit(_ input: Input, deliver: (Output) throws -> Void) rethrows {
        condition.lock()
        while submitted - delivered >= window {
            if let r = results.removeValue(forKey: delivered) {
                delivered += 1
                condition.unlock()
                try deliver(r)
                condition.lock()
            } else {
                condition.wait()
            }
        }
        queue.append((submitted, input))
        submitted += 1
        condition.broadcast()
        condition.unlock()
    }

    /// Hands over results that are ready, in order, without waiting.
    func drainReady(deliver: (Output) throws -> Void) rethrows {
        condition.lock()
        while let r = results.removeValue(forKey: delivered) {
            delivered += 1
            condition.unlock()
            try deliver(r)
            condition.lock()
        }
        condition.unlock()
    }

    /// Waits for every submitted input and hands over the remaining results in order.
    func finish(deliver: (Output) throws -> Void) rethrows {
        condition.lock()
        closed = true
        condition.broadcast()
        while delivered < submitted {
            if let r = results.removeValue(forKey: delivered) {
                delivered += 1
                condition.unlock()
                try deliver(r)
                condition.lock()
            } else {
                condition.wait()
            }
        }
        condition.unlock()
        stop()
    }

    /// Stops the workers once they finish what they hold; undelivered results are dropped.
    func stop() {
        condition.lock()
        closed = true
        queue.removeAll()
        queueHead = 0
        condition.broadcast()
        while running > 0 { condition.wait() }
        condition.unlock()
    }
}
