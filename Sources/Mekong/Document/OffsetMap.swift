/// Maps code-point offsets in a rewritten text back to the text it was made from.
///
/// A stage that rewrites the text (normalization) describes the rewrite as a run of
/// copied and replaced pieces. Copied pieces map point to point; a replaced piece maps as a
/// block, so a span that starts or ends inside it widens to the whole original piece.
/// Deleted text (a stray U+FEFF) leaves no piece in the new text: spans around it map to
/// the characters on either side.
public struct OffsetMap: Sendable, Hashable {
    /// A piece of the new text and the piece of the old text it came from.
    public struct Piece: Sendable, Hashable {
        public var newStart: Int
        public var oldStart: Int
        public var newLength: Int
        public var oldLength: Int
        public var isCopy: Bool
    }

    /// Pieces in order, covering the new text without gaps or overlaps; none is empty.
    public private(set) var pieces: [Piece]
    public let newLength: Int
    public let oldLength: Int

    /// The map of a text that was not changed.
    public static func identity(length: Int) -> OffsetMap {
        var b = Builder()
        b.copy(length)
        return b.build()
    }

    init(pieces: [Piece], newLength: Int, oldLength: Int) {
        self.pieces = pieces
        self.newLength = newLength
        self.oldLength = oldLength
    }

    public var isIdentity: Bool { newLength == oldLength && pieces.allSatisfy(\.isCopy) }

    /// Where a span starting at `offset` in the new text starts in the old one.
    public func oldStart(_ offset: Int) -> Int {
        if offset >= newLength { return oldLength }
        if offset <= 0 { return pieces.first.map { $0.isCopy ? $0.oldStart : $0.oldStart } ?? 0 }
        let p = pieces[pieceIndex(containing: offset)]
        return p.isCopy ? p.oldStart + (offset - p.newStart) : p.oldStart
    }

    /// Where a span ending (exclusive) at `offset` in the new text ends in the old one.
    public func oldEnd(_ offset: Int) -> Int {
        if offset <= 0 { return 0 }
        if offset > newLength { return oldLength }
        let p = pieces[pieceIndex(containing: offset - 1)]
        return p.isCopy ? p.oldStart + (offset - p.newStart) : p.oldStart + p.oldLength
    }

    /// The old-text range of a new-text range.
    public func oldRange(_ range: Range<Int>) -> Range<Int> {
        if range.isEmpty {
            let s = oldStart(range.lowerBound)
            return s..<s
        }
        let s = oldStart(range.lowerBound)
        return s..<max(s, oldEnd(range.upperBound))
    }

    /// Where a span starting at `offset` in the old text starts in the new one (the inverse
    /// direction, for moving spans that existed before the rewrite). A start inside a
    /// replaced or deleted piece moves to that piece's start.
    public func newStart(_ offset: Int) -> Int {
        if offset <= 0 { return 0 }
        if offset >= oldLength { return newLength }
        guard let i = pieceIndex(containingOld: offset) else { return nextNewOffset(afterOld: offset) }
        let p = pieces[i]
        return p.isCopy ? p.newStart + (offset - p.oldStart) : p.newStart
    }

    /// Where a span ending at `offset` in the old text ends in the new one. An end inside a
    /// replaced piece moves to that piece's end.
    public func newEnd(_ offset: Int) -> Int {
        if offset <= 0 { return 0 }
        if offset >= oldLength { return newLength }
        guard let i = pieceIndex(containingOld: offset - 1) else { return nextNewOffset(afterOld: offset) }
        let p = pieces[i]
        return p.isCopy ? p.newStart + (offset - p.oldStart) : p.newStart + p.newLength
    }

    /// The new-text range of an old-text range.
    public func newRange(_ range: Range<Int>) -> Range<Int> {
        let s = newStart(range.lowerBound)
        return s..<max(s, newEnd(range.upperBound))
    }

    /// The piece whose old range holds `offset`, or nil when the offset was deleted.
    private func pieceIndex(containingOld offset: Int) -> Int? {
        var lo = 0
        var hi = pieces.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if pieces[mid].oldStart <= offset { lo = mid } else { hi = mid - 1 }
        }
        guard lo < pieces.count else { return nil }
        let p = pieces[lo]
        return offset >= p.oldStart && offset < p.oldStart + p.oldLength ? lo : nil
    }

    /// The new offset where the text after a deleted old offset continues.
    private func nextNewOffset(afterOld offset: Int) -> Int {
        for p in pieces where p.oldStart >= offset { return p.newStart }
        return newLength
    }

    /// This map applied after `earlier`: `earlier` maps text B to text A, this maps text C to B;
    /// the result maps C straight to A. Copies stay point to point where both were copies.
    public func composed(after earlier: OffsetMap) -> OffsetMap {
        // Each piece of this map, split where the earlier map's pieces change, with the old
        // range it reaches through the earlier map.
        struct Item { var new: Int; var oldStart: Int; var oldEnd: Int; var copy: Bool }
        var items: [Item] = []
        for p in pieces {
            let middle = p.oldStart..<(p.oldStart + p.oldLength)
            if p.isCopy {
                var m = middle.lowerBound
                while m < middle.upperBound, let i = earlier.pieceIndexForComposition(m) {
                    let q = earlier.pieces[i]
                    let end = min(middle.upperBound, q.newStart + q.newLength)
                    if q.isCopy {
                        let o = q.oldStart + (m - q.newStart)
                        items.append(Item(new: end - m, oldStart: o, oldEnd: o + (end - m), copy: true))
                    } else {
                        items.append(Item(new: end - m, oldStart: q.oldStart, oldEnd: q.oldStart + q.oldLength, copy: false))
                    }
                    m = end
                }
            } else if middle.isEmpty {
                let o = earlier.oldStart(middle.lowerBound)
                items.append(Item(new: p.newLength, oldStart: o, oldEnd: o, copy: false))
            } else {
                let r = earlier.oldRange(middle)
                items.append(Item(new: p.newLength, oldStart: r.lowerBound, oldEnd: r.upperBound, copy: false))
            }
        }
        // A block of the earlier map reached from several pieces becomes one block, so that
        // any part of it maps to all of it, as two steps would.
        var merged: [Item] = []
        for item in items {
            if var last = merged.last, item.oldStart < last.oldEnd || (!last.copy && !item.copy && item.oldStart == last.oldEnd && item.oldStart == last.oldStart) {
                last.new += item.new
                last.oldEnd = max(last.oldEnd, item.oldEnd)
                last.copy = false
                merged[merged.count - 1] = last
            } else {
                merged.append(item)
            }
        }
        var b = Builder()
        var oldCursor = 0
        for item in merged {
            if item.oldStart > oldCursor { b.replace(old: item.oldStart - oldCursor, new: 0) }
            let start = max(oldCursor, item.oldStart)
            let end = max(start, item.oldEnd)
            if item.copy && end - start == item.new { b.copy(item.new) } else { b.replace(old: end - start, new: item.new) }
            oldCursor = end
        }
        if oldCursor < earlier.oldLength { b.replace(old: earlier.oldLength - oldCursor, new: 0) }
        return b.build()
    }

    private func pieceIndexForComposition(_ offset: Int) -> Int? {
        guard !pieces.isEmpty, offset < newLength else { return nil }
        return pieceIndex(containing: offset)
    }

    private func pieceIndex(containing offset: Int) -> Int {
        var lo = 0
        var hi = pieces.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if pieces[mid].newStart <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// The rewrite as edits `[newStart, newLength, oldStart, oldLength]`, copies left out:
    /// the compact form records carry.
    public var edits: [[Int]] {
        var result: [[Int]] = []
        var newCursor = 0
        var oldCursor = 0
        for p in pieces {
            if p.oldStart > oldCursor {
                result.append([newCursor, 0, oldCursor, p.oldStart - oldCursor])
            }
            if !p.isCopy { result.append([p.newStart, p.newLength, p.oldStart, p.oldLength]) }
            newCursor = p.newStart + p.newLength
            oldCursor = p.oldStart + p.oldLength
        }
        if oldCursor < oldLength { result.append([newCursor, 0, oldCursor, oldLength - oldCursor]) }
        return result
    }

    /// Rebuilds a map from its edits and the two lengths.
    public init(edits: [[Int]], newLength: Int, oldLength: Int) throws(OffsetMapError) {
        var b = Builder()
        var newCursor = 0
        var oldCursor = 0
        for e in edits {
            guard e.count == 4, e.allSatisfy({ $0 >= 0 }), e[0] >= newCursor, e[2] - oldCursor == e[0] - newCursor else {
                throw OffsetMapError(reason: "edit \(e) is malformed or out of order")
            }
            b.copy(e[0] - newCursor)
            b.replace(old: e[3], new: e[1])
            newCursor = e[0] + e[1]
            oldCursor = e[2] + e[3]
        }
        guard newLength - newCursor == oldLength - oldCursor, newLength >= newCursor else {
            throw OffsetMapError(reason: "edits do not account for the lengths \(newLength) and \(oldLength)")
        }
        b.copy(newLength - newCursor)
        self = b.build()
    }

    /// Builds a map while a rewrite walks the old text from left to right.
    public struct Builder: Sendable {
        private var pieces: [Piece] = []
        private var newCursor = 0
        private var oldCursor = 0

        public init() {}

        /// `count` characters were copied unchanged.
        public mutating func copy(_ count: Int) {
            guard count > 0 else { return }
            if var last = pieces.last, last.isCopy,
                last.newStart + last.newLength == newCursor, last.oldStart + last.oldLength == oldCursor
            {
                last.newLength += count
                last.oldLength += count
                pieces[pieces.count - 1] = last
            } else {
                pieces.append(Piece(newStart: newCursor, oldStart: oldCursor, newLength: count, oldLength: count, isCopy: true))
            }
            newCursor += count
            oldCursor += count
        }

        /// `old` characters were replaced by `new` ones (either may be zero).
        public mutating func replace(old: Int, new: Int) {
            guard old > 0 || new > 0 else { return }
            if new > 0 {
                pieces.append(Piece(newStart: newCursor, oldStart: oldCursor, newLength: new, oldLength: old, isCopy: false))
            }
            newCursor += new
            oldCursor += old
        }

        public func build() -> OffsetMap {
            OffsetMap(pieces: pieces, newLength: newCursor, oldLength: oldCursor)
        }
    }
}

public struct OffsetMapError: Error, Sendable, CustomStringConvertible {
    public var reason: String
    public var description: String { "offset map: \(reason)" }
}
