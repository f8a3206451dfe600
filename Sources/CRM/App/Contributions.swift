import CRMCore
import Fluent
import Vapor

/// What areas offer each other, registered by each `Area` at start. One area's data reaches another's rules and
/// pages only through these: Customers does not know that Sales keeps orders, it asks whether anything blocks an
/// erase; the account card does not know deals exist, it shows the sections other areas hand it.
struct Contributions: Sendable {
    /// A reason the account cannot be erased (the books keep its orders), or nil.
    typealias EraseBlocker = @Sendable (_ accountID: UUID, _ db: any Database) async throws -> String?
    /// Sections for a customer's card: `summary` ones go under the title, `activity` ones below the profile.
    typealias CardSections = @Sendable (_ subject: CustomerSubject, _ request: Request) async throws -> [CardSection]
    /// Sections for one caller on the caller screen: the customer and, when known, their account.
    typealias CallerSections = @Sendable (_ subject: CustomerSubject, _ accountID: UUID?, _ request: Request) async throws -> [CardSection]
    /// Sections for a deal's page (what was said about it).
    typealias DealSections = @Sendable (_ dealID: UUID, _ request: Request) async throws -> [CardSection]
    /// What an area adds to each caller the lookup API answers, under its own key (Sales: `sales`, the account's brief
    /// summary). `schema` describes it in the OpenAPI document.
    struct CallerDetail: Sendable {
        let key: String
        let schema: JSONSchema
        let load: @Sendable (_ accountID: UUID, _ request: Request) async throws -> (any Encodable & Sendable)?
    }

    /// Sections for one person's *my day* (their stale deals, their customers due to reorder).
    typealias MyDaySections = @Sendable (_ userID: UUID, _ request: Request) async throws -> [Node]
    /// Tiles for the signed-in user's home page (their open deals).
    typealias HomeTiles = @Sendable (_ request: Request) async throws -> [Node]
    /// A column of the account list (the tier by profit): its title and a short value per account shown.
    struct AccountColumn: Sendable {
        let title: String
        let values: @Sendable (_ accountIDs: [UUID], _ db: any Database) async throws -> [UUID: String]
    }

    /// A price quoted to a customer, as an order offers it again and the quote-consistency rule compares with it.
    struct QuotedPrice: Sendable {
        let productID: UUID?
        let description: String
        let quantity: Int64
        let unitPriceMinor: Int64
        let discountBasisPoints: Int64
        let netUnitMinor: Int64
        let currency: String
        /// `YYYY-MM-DD`, nil when the quote has no end.
        let validUntil: String?
        let quotedOn: String
        let quotedBy: String?

        func holds(on day: String) -> Bool { validUntil.map { $0 >= day } ?? true }
    }

    /// What Interactions tells Sales about quotes: the lines of a deal's newest quote, and the newest quote of each
    /// item (by `QuoteConsistency.itemKey`) made to an account on or before a day.
    struct Quotes: Sendable {
        let ofDeal: @Sendable (_ dealID: UUID, _ db: any Database) async throws -> [QuotedPrice]
        let latest: @Sendable (_ accountID: UUID, _ itemKeys: Set<String>, _ onOrBefore: String, _ db: any Database) async throws -> [String: QuotedPrice]
    }

    struct CardSection: Sendable {
        enum Place: Sendable { case summary, activity }
        let place: Place
        let node: Node
    }

    /// An interaction as it was logged or changed, for areas that act on it (Tasks turns a follow-up date into a task).
    struct LoggedInteraction: Sendable {
        let id: UUID
        let kind: String
        let subject: String?
        /// Who on our side, when known.
        let userID: UUID?
        let accountID: UUID?
        let contactIDs: [UUID]
        let dealID: UUID?
        let orderID: UUID?
        /// `YYYY-MM-DD`.
        let followUpOn: String?
        /// When it was logged or changed.
        let at: Date
    }
    typealias InteractionObserver = @Sendable (_ interaction: LoggedInteraction, _ actor: User, _ db: any Database) async throws -> Void

    /// What Interactions records for another area (completing a call task records the call), returning its id.
    struct InteractionRecording: Sendable {
        struct Entry: Sendable {
            let kind: InteractionKind
            let subject: String
            let outcome: String?
            let accountID: UUID?
            let contactIDs: [UUID]
            let dealID: UUID?
            let orderID: UUID?
            let capReason: String?
        }
        let record: @Sendable (_ entry: Entry, _ actor: User, _ now: Date, _ db: any Database) async throws -> UUID
    }

    /// Queues one plain-text email to a colleague (a task reminder, an SLA warning) in the outbox, on the caller's
    /// database so it is part of their transaction; false when the CRM sends no mail or the user cannot get any.
    /// The contact-frequency cap is for customers and does not apply.
    typealias ColleagueMail = @Sendable (_ userID: UUID, _ subject: String, _ body: String, _ db: any Database, _ app: Application) async throws -> Bool

    /// Logs an email to a customer on their timeline and queues it in the outbox, in the caller's transaction;
    /// returns the interaction. An answer to a customer who wrote to us (a reply on a case) passes the contact-frequency
    /// cap; anything else (`capped`, such as a satisfaction survey) is held to it as automated mail. Throws a conflict
    /// when the CRM sends no mail, the contact has not agreed to email or the cap is reached, and names `via` when
    /// they have no address. `actor` nil: sent by the CRM itself.
    struct CustomerEmail: Sendable {
        let contactID: UUID
        let subject: String
        let body: String
        var inReplyTo: String? = nil
        var capped = false
        /// Who it is from when the CRM sends it for someone (a greeting from the customer's owner); `CustomerMailing` only.
        var senderID: UUID? = nil
    }
    typealias CustomerMail = @Sendable (_ mail: CustomerEmail, _ actor: User?, _ db: any Database, _ app: Application) async throws -> UUID

    /// Automated mail to many customers (holiday greetings), held to consent and the contact-frequency cap, each call
    /// a constant number of statements however many contacts: `obstacles` says why each contact cannot be mailed now
    /// (absent: they can); `queue` logs and queues, in the caller's transaction, the mails of contacts without one and
    /// returns the interaction logged for each contact mailed.
    struct CustomerMailing: Sendable {
        let obstacles: @Sendable (_ contactIDs: [UUID], _ db: any Database, _ app: Application) async throws -> [UUID: String]
        let queue: @Sendable (_ mails: [CustomerEmail], _ db: any Database, _ app: Application) async throws -> [UUID: UUID]
        /// The interactions of customer email queued since `since` that could not be delivered (failed in the outbox):
        /// few, however many were sent.
        let undelivered: @Sendable (_ since: Date, _ db: any Database) async throws -> [UUID]
    }

    /// A follow-up task for someone (after-sales follow-up when a survey cannot go out), in the caller's transaction.
    struct FollowUpTask: Sendable {
        let assigneeID: UUID
        let title: String
        let notes: String?
        let dueOn: String
        let accountID: UUID?
        let contactID: UUID?
    }
    typealias TaskScheduling = @Sendable (_ task: FollowUpTask, _ db: any Database, _ now: Date) async throws -> Void

    /// A task a programme keeps for an account (a revisit, a reorder reminder): one open at a time per programme and
    /// account, brought up to date on each run rather than made again.
    struct ProgrammeTask: Sendable {
        /// `revisit:<plan id>`, `reorder`.
        let programme: String
        let accountID: UUID
        let assigneeID: UUID
        let kind: TaskKind
        let title: String
        let notes: String?
        let dueOn: CalendarDate
    }
    /// A programme's task as it stands.
    struct ProgrammeTaskState: Sendable {
        let id: UUID
        let programme: String
        let accountID: UUID
        let assigneeID: UUID
        let status: TaskStatus
        let dueOn: CalendarDate
        let createdAt: Date
        let doneAt: Date?
        let outcome: String?
    }
    struct ProgrammeTasks: Sendable {
        /// Opens each programme's task for its account, or brings the open one up to date; how many it opened.
        let keep: @Sendable (_ tasks: [ProgrammeTask], _ db: any Database, _ now: Date) async throws -> Int
        /// The programmes' tasks created since `since` (nil: only the open ones), oldest first: one statement.
        let tasks: @Sendable (_ programmes: [String], _ since: Date?, _ db: any Database) async throws -> [ProgrammeTaskState]
        /// Closes open tasks: done with an outcome the CRM writes (the customer ordered), or cancelled (no longer wanted).
        let close: @Sendable (_ ids: [UUID], _ status: TaskStatus, _ outcome: String?, _ db: any Database, _ now: Date) async throws -> Void
    }

    /// An email the mail server handed over, as it was just logged: areas that act on mail (the service desk opens
    /// cases from it) see it in the transaction that stores it, so both are kept or neither.
    struct InboundMail: Sendable {
        let interactionID: UUID
        let messageID: String
        /// The logged message this one answers, when it answers one.
        let parentInteractionID: UUID?
        let from: String
        /// To and Cc, lower case.
        let recipients: [String]
        let subject: String
        let text: String
        let contactIDs: [UUID]
        let accountID: UUID?
        let at: Date
    }
    typealias InboundMailObserver = @Sendable (_ mail: InboundMail, _ db: any Database, _ now: Date) async throws -> Void

    var accountEraseBlockers: [EraseBlocker] = []
    var inboundMailObservers: [InboundMailObserver] = []
    /// At most one area sends mail.
    var colleagueMail: ColleagueMail?
    var customerMail: CustomerMail?
    var customerMailing: CustomerMailing?
    /// At most one area keeps tasks.
    var taskScheduling: TaskScheduling?
    /// At most one area keeps tasks.
    var programmeTasks: ProgrammeTasks?
    var interactionObservers: [InteractionObserver] = []
    /// At most one area records interactions.
    var interactionRecording: InteractionRecording?
    var cardSections: [CardSections] = []
    var callerSections: [CallerSections] = []
    var dealSections: [DealSections] = []
    var accountColumns: [AccountColumn] = []
    var timelineSources: [TimelineSource] = []
    var homeTiles: [HomeTiles] = []
    var myDaySections: [MyDaySections] = []
    var callerDetails: [CallerDetail] = []
    /// Background work each area runs through the job queue (`JobKind`), recurring or enqueued.
    var jobKinds: [JobKind] = []
    /// At most one area keeps price quotes.
    var quotes: Quotes?

    /// Every area's sections for a card, in the order the areas are registered.
    func sections(of subject: CustomerSubject, _ request: Request) async throws -> [CardSection] {
        try await Self.concatenated(cardSections) { try await $0(subject, request) }
    }

    func dealSections(of dealID: UUID, _ request: Request) async throws -> [CardSection] {
        try await Self.concatenated(dealSections) { try await $0(dealID, request) }
    }

    func callerSections(of subject: CustomerSubject, accountID: UUID?, _ request: Request) async throws -> [CardSection] {
        try await Self.concatenated(callerSections) { try await $0(subject, accountID, request) }
    }

    func myDaySections(of userID: UUID, _ request: Request) async throws -> [Node] {
        try await Self.concatenated(myDaySections) { try await $0(userID, request) }
    }

    func homeTiles(_ request: Request) async throws -> [Node] {
        try await Self.concatenated(homeTiles) { try await $0(request) }
    }

    private static func concatenated<Producer, Element>(_ producers: [Producer], _ call: (Producer) async throws -> [Element]) async throws -> [Element] {
        var all: [Element] = []
        for producer in producers { all += try await call(producer) }
        return all
    }

    /// Each contributed column with its values for the accounts shown.
    func accountColumns(for accountIDs: [UUID], on db: any Database) async throws -> [(title: String, values: [UUID: String])] {
        var columns: [(title: String, values: [UUID: String])] = []
        for column in accountColumns { columns.append((column.title, accountIDs.isEmpty ? [:] : try await column.values(accountIDs, db))) }
        return columns
    }

    func eraseBlockers(of accountID: UUID, on db: any Database) async throws -> [String] {
        var reasons: [String] = []
        for blocker in accountEraseBlockers { if let reason = try await blocker(accountID, db) { reasons.append(reason) } }
        return reasons
    }
}

extension Application {
    private struct ContributionsKey: StorageKey { typealias Value = Contributions }

    /// What the areas registered at start.
    var contributions: Contributions {
        get { storage[ContributionsKey.self] ?? Contributions() }
        set { storage[ContributionsKey.self] = newValue }
    }
}

extension Array where Element == Contributions.CardSection {
    func nodes(_ place: Contributions.CardSection.Place) -> [Node] { filter { $0.place == place }.map(\.node) }
}
