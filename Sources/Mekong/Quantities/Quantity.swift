/// One quantity found in a text: its span, kind and normalized value.
public struct Quantity: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable {
        case number, ordinal, money, percent, measure, date, time, duration, range
    }
    /// Code-point offsets in the document's text.
    public var start: Int
    public var end: Int
    public var kind: Kind
    /// The amount (numbers, ordinals, money, percentages, measures, durations).
    public var value: Double?
    /// A range's ends.
    public var min: Double?
    public var max: Double?
    /// ISO 4217 code for money, a unit symbol for measures and percentages (`km`, `GW`, `%`),
    /// the designator for durations (`Y`, `M`, `D`, `H`, …).
    public var unit: String?
    /// ISO 8601 value for dates (`2025-02-09`, `--02-09`, `192X`), times (`T08:30`) and
    /// durations (`P3M`).
    public var iso: String?
    /// The qualifier as written (`khoảng`, `hơn`, `about`) …
    public var approximate: String?
    /// … and what it says: `about`, `nearly`, `over`, `under`, `at least`, `at most`, `order of`, `a few`.
    public var qualifier: String?
    /// For a range: the kind of its ends.
    public var rangeOf: Kind?

    public init(start: Int, end: Int, kind: Kind) {
        self.start = start
        self.end = end
        self.kind = kind
    }
}
