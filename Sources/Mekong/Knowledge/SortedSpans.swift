/// Spans that do not overlap, in text order, with the questions the entity recognizer asks of
/// them answered by binary search: a document with a hundred thousand names asked each of its
/// words whether a known name covers it, and scanned every name to answer (quadratic).
struct SortedSpans<Element> {
    let elements: [Element]
    private let starts: [Int]
    private let ends: [Int]

    /// `elements` must not overlap; they are put in order of their starts.
    init(_ elements: [Element], range: (Element) -> Range<Int>) {
        let sorted = elements.sorted { range($0).lowerBound < range($1).lowerBound }
        self.elements = sorted
        starts = sorted.map { range($0).lowerBound }
        ends = sorted.map { range($0).upperBound }
        assert(zip(ends, starts.dropFirst()).allSatisfy { $0 <= $1 }, "spans overlap")
    }

    var count: Int { elements.count }

    /// The first index whose value in `keys` is greater than `x` (or equal, when `orEqual`).
    private static func partition(_ keys: [Int], after x: Int, orEqual: Bool = false) -> Int {
        var lo = 0, hi = keys.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if keys[mid] > x || (orEqual && keys[mid] == x) { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    /// The indices of the spans that overlap `range`, in order.
    func overlapping(_ range: Range<Int>) -> Range<Int> {
        let first = Self.partition(ends, after: range.lowerBound)
        var last = first
        while last < starts.count && starts[last] < range.upperBound { last += 1 }
        return first..<last
    }

    /// Whether some span overlaps `range`.
    func overlaps(_ range: Range<Int>) -> Bool {
        let first = Self.partition(ends, after: range.lowerBound)
        return first < starts.count && starts[first] < range.upperBound
    }

    /// The last span that ends at or before `offset`.
    func last(endingBy offset: Int) -> Element? {
        let i = Self.partition(ends, after: offset)
        return i > 0 ? elements[i - 1] : nil
    }

    /// The first span that starts after `offset`.
    func first(startingAfter offset: Int) -> Element? {
        let i = Self.partition(starts, after: offset)
        return i < elements.count ? elements[i] : nil
    }

    /// The index of the span that starts at `offset`.
    func index(startingAt offset: Int) -> Int? {
        let i = Self.partition(starts, after: offset, orEqual: true)
        return i < starts.count && starts[i] == offset ? i : nil
    }
}
