import CRMCore
import Fluent
import SQLKit
import Vapor

/// One pipeline as columns of cards, optionally one owner's deals only.
struct Board: Content {
    struct Card: Content, Equatable {
        let id: UUID
        let name: String
        let account: AccountRef
        let amountMinor: Int64
        let currency: String
        let expectedClose: String
        let owner: UserRef?
        let probability: Int
        let isStale: Bool
    }

    struct Total: Content, Equatable {
        let currency: String
        let count: Int
        let amountMinor: Int64
    }

    struct Column: Content {
        let stage: StageRef
        let defaultProbability: Int
        let totals: [Total]
        /// Open stages show the deals closing first; won and lost show the latest closed.
        let cards: [Card]
        let hasMore: Bool
    }

    let pipeline: PipelineRef
    let columns: [Column]

    static let cardsPerColumn = 50

    /// One query per stage for the cards, one for all totals, two for the names on the cards.
    static func load(pipelineID: UUID, ownerID: UUID?, now: Date, staleDays: Int, on db: any Database) async throws -> Board {
        guard let pipeline = try await Pipeline.find(pipelineID, on: db) else { throw APIError.notFound("This pipeline") }
        let stages = try await PipelineStage.query(on: db).filter(\.$pipeline.$id == pipelineID).filter(\.$removedAt == nil).sort(\.$position).all()
        let totals = try await totals(pipelineID: pipelineID, ownerID: ownerID, on: db)

        var dealsByStage: [UUID: [Opportunity]] = [:]
        for stage in stages {
            // Only what a card shows: loading whole deals would cost more than the query itself.
            let query = Opportunity.query(on: db)
                .field(\.$id).field(\.$name).field(\.$accountID).field(\.$owner.$id).field(\.$amountMinor).field(\.$currency)
                .field(\.$expectedClose).field(\.$probability).field(\.$outcome).field(\.$lastActivityAt)
                .filter(\.$pipeline.$id == pipelineID).filter(\.$stage.$id == stage.id!)
            if let ownerID { query.filter(\.$owner.$id == ownerID) }
            if stage.outcome == StageOutcome.open.rawValue {
                query.sort(\.$expectedClose).sort(\.$id)
            } else {
                query.sort(\.$closedAt, .descending).sort(\.$id)
            }
            dealsByStage[stage.id!] = try await query.limit(cardsPerColumn + 1).all()
        }
        let deals = dealsByStage.values.flatMap { $0 }
        let names = try await CustomerDirectory(db: db).names(accounts: deals.map(\.accountID))
        let owners = try await User.query(on: db).filter(\.$id ~~ Set(deals.map(\.$owner.id))).field(\.$id).field(\.$name).all()
        let today = CalendarDate.today(at: now)

        let columns = stages.map { stage in
            let stageDeals = dealsByStage[stage.id!] ?? []
            return Column(
                stage: StageRef(id: stage.id!, name: stage.name, outcome: stage.outcome),
                defaultProbability: stage.defaultProbability,
                totals: totals[stage.id!] ?? [],
                cards: stageDeals.prefix(cardsPerColumn).map { deal in
                    Card(id: deal.id!, name: deal.name,
                         account: names.account(deal.accountID),
                         amountMinor: deal.amountMinor, currency: deal.currency, expectedClose: deal.expectedClose,
                         owner: UserRef(owners.first { $0.id == deal.$owner.id }), probability: deal.probability,
                         isStale: StageRules.isStale(outcome: StageOutcome(rawValue: deal.outcome) ?? .open, expectedClose: CalendarDate(deal.expectedClose),
                                                     lastActivity: deal.lastActivityAt, today: today, now: now, idleDays: staleDays))
                },
                hasMore: stageDeals.count > cardsPerColumn)
        }
        return Board(pipeline: PipelineRef(id: pipelineID, name: pipeline.name), columns: columns)
    }

    private static func totals(pipelineID: UUID, ownerID: UUID?, on db: any Database) async throws -> [UUID: [Total]] {
        let sql = db.sql
        let ownerFilter: SQLQueryString = ownerID.map { "AND owner_id = \(bind: $0)" } ?? ""
        let rows = try await sql.raw("""
            SELECT stage_id, currency, COUNT(*) AS deals, CAST(SUM(amount_minor) AS BIGINT) AS amount
            FROM opportunities WHERE pipeline_id = \(bind: pipelineID) \(ownerFilter)
            GROUP BY stage_id, currency ORDER BY currency
            """).all()
        var result: [UUID: [Total]] = [:]
        for row in rows {
            let stage = try row.decode(column: "stage_id", as: UUID.self)
            result[stage, default: []].append(Total(currency: try row.decode(column: "currency", as: String.self),
                                                    count: try row.decode(column: "deals", as: Int.self),
                                                    amountMinor: try row.decode(column: "amount", as: Int64.self)))
        }
        return result
    }
}

struct PipelineRef: Content, Equatable {
    let id: UUID
    let name: String
}
