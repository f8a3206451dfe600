import CRMCore
import Fluent
import Vapor

/// The service desk as a newcomer finds it: Customer service (the default, with the demo service staff), Manufacturing
/// (managed by the demo manager, routed by words like "crack" and "leak") and Finance ("invoice"), office hours in
/// the installation's zone, and a few cases in every state, one of them close to its deadline.
enum DemoService {
    static let script: [(kind: CaseKind, subject: String, priority: CasePriority, hoursAgo: Double, then: CaseStatus?)] = [
        (.complaint, "Label rolls arrive cracked at the core", .high, 3, nil),
        (.question, "Can the December invoice be split in two?", .normal, 26, .waiting),
        (.serviceRequest, "Calibrate the applicator after the move", .normal, 50, .open),
        (.complaint, "Lids of the last batch leak", .urgent, 0.5, nil),
        (.praise, "Thank you for the quick delivery", .low, 80, .resolved),
        (.suggestion, "Offer the film in 25 µm too", .low, 120, .closed),
    ]

    /// Adds nothing when departments exist already. Returns how many cases were opened.
    static func load(into app: Application) async throws -> Int {
        guard try await Department.query(on: app.db).count() == 0 else { return 0 }
        let users = try await User.query(on: app.db).filter(\.$isDisabled == false).sort(\.$email).all()
        let servicePeople = users.filter { $0.role == .service }
        guard let manager = users.first(where: { $0.role == .manager }) ?? users.first else { return 0 }
        let departments = Departments(db: app.db)
        let service = try await departments.save(.init(name: "Customer service", managerId: manager.id, memberIds: servicePeople.compactMap(\.id), isDefault: true))
        let manufacturing = try await departments.save(.init(name: "Manufacturing", managerId: manager.id, memberIds: [manager.id!]))
        let finance = try await departments.save(.init(name: "Finance", managerId: manager.id))
        _ = service
        for keyword in ["crack", "leak"] { _ = try await departments.addRule(.init(departmentId: manufacturing, keyword: keyword)) }
        _ = try await departments.addRule(.init(departmentId: finance, keyword: "invoice"))
        let settings = try await ServiceSettings.save(ServiceSettings.load(on: app.db, defaultZone: app.config.timeZone).input, on: app.db)

        let contacts = try await Contact.query(on: app.db).filter(\.$archivedAt == nil).filter(\.$account.$id != nil).sort(\.$displayName).limit(10).all()
        guard !contacts.isEmpty, let agent = servicePeople.first ?? users.first else { return 0 }
        let now = app.clock.now()
        var opened = 0
        for (index, step) in script.enumerated() {
            // Opened in the past by the clock of that moment, so the SLA clocks show real progress.
            let openedAt = now.addingTimeInterval(-step.hoursAgo * 3_600)
            let store = CaseStore(db: app.db, actor: agent, now: openedAt, settings: settings)
            var input = CaseInput()
            input.kind = step.kind.rawValue
            input.subject = step.subject
            input.priority = step.priority.rawValue
            input.channel = index % 2 == 0 ? CaseChannel.phone.rawValue : CaseChannel.email.rawValue
            input.contactId = try contacts[index % contacts.count].requireID()
            let item = try await store.open(input)
            let later = CaseStore(db: app.db, actor: agent, now: openedAt.addingTimeInterval(1_800), settings: settings)
            if let then = step.then {
                var reply = CaseReplyInput()
                reply.body = "Thank you, we are on it."
                reply.via = "phone"
                try await later.reply(item, reply, app: app)
                if then != .open {
                    if then == .closed { try await later.move(item, CaseMoveInput(status: CaseStatus.resolved.rawValue)) }
                    try await later.move(item, CaseMoveInput(status: then.rawValue))
                }
            }
            opened += 1
        }
        return opened
    }
}
