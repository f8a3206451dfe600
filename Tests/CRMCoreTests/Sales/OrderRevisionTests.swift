import CRMCore
import Testing

@Suite struct OrderRevisionWordsTests {
    func line(_ key: String, _ quantity: Int64, _ price: Int64, discount: Int64 = 0) -> OrderRevision.Line {
        .init(itemKey: key, description: key.capitalized, quantity: quantity, unitPriceMinor: price, discountBasisPoints: discount)
    }

    @Test func changedLinesReadAsChangesNotAsRemovalAndAddition() {
        let before = [line("widget", 2, 10_000), line("bulk", 1, 5_000), line("gadget", 4, 100)]
        let after = [line("widget", 3, 9_500), line("bulk", 1, 5_000, discount: 1_250), line("fitting", 1, 2_000)]
        #expect(OrderRevision.changes(from: before, to: after, currency: "EUR") == [
            "Widget: quantity 2 → 3, unit price 100.00 EUR → 95.00 EUR",
            "Bulk: discount 0.00 % → 12.50 %",
            "added Fitting × 1 at 20.00 EUR",
            "removed Gadget × 4",
        ])
    }

    @Test func theSameLinesInAnotherOrderChangeNothing() {
        let lines = [line("widget", 2, 10_000), line("bulk", 1, 5_000)]
        #expect(OrderRevision.changes(from: lines, to: lines.reversed(), currency: "EUR").isEmpty)
    }

    @Test func twoLinesOfOneItemAreMatchedInTurn() {
        let before = [line("widget", 2, 10_000), line("widget", 5, 9_000)]
        let after = [line("widget", 2, 10_000), line("widget", 6, 9_000)]
        #expect(OrderRevision.changes(from: before, to: after, currency: "EUR") == ["Widget: quantity 5 → 6"])
    }
}
