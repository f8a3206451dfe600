/// The order of a pipeline's stages as admins arrange it. Open stages come first and the closing stages (won,
/// lost) last, so a new open stage is placed before them; moving a stage swaps it with its neighbour.
public enum StageOrder {
    /// Where a new stage goes among `outcomes` (the stages in their present order): an open stage before the first
    /// closing stage, a closing stage at the end.
    public static func insertionIndex(of new: StageOutcome, among outcomes: [StageOutcome]) -> Int {
        guard new == .open else { return outcomes.count }
        return outcomes.firstIndex { $0 != .open } ?? outcomes.count
    }

    /// `ids` with `id` moved to `index` (clamped to the list); the others keep their order.
    public static func moving<ID: Equatable>(_ id: ID, to index: Int, in ids: [ID]) -> [ID] {
        guard let from = ids.firstIndex(of: id) else { return ids }
        var result = ids
        result.remove(at: from)
        result.insert(id, at: min(max(index, 0), result.count))
        return result
    }

    public enum RemovalProblem: Error, Equatable, CustomStringConvertible {
        case lastOfItsKind(StageOutcome)

        public var description: String {
            switch self {
            case let .lastOfItsKind(outcome): "is the pipeline's only \(outcome.rawValue) stage; a pipeline needs an open, a won and a lost stage"
            }
        }
    }

    /// A pipeline keeps at least one open, one won and one lost stage, so every deal has somewhere to go.
    public static func checkRemoval(of outcome: StageOutcome, among outcomes: [StageOutcome]) throws(RemovalProblem) {
        if outcomes.filter({ $0 == outcome }).count <= 1 { throw .lastOfItsKind(outcome) }
    }
}
