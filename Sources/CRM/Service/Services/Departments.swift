import CRMCore
import Fluent
import SQLKit
import Vapor

/// Departments, their members and the routing rules that send new cases to them.
struct Departments {
    let db: any Database

    struct Summary: Content, Equatable {
        let id: UUID
        let name: String
        let manager: UserRef?
        let isDefault: Bool
        let members: [UserRef]

        static let schema = JSONSchema.object([
            ("id", .uuid), ("name", .string()), ("manager", .nullable(UserRef.schema)), ("isDefault", .boolean), ("members", .array(UserRef.schema)),
        ], required: ["id", "name", "isDefault", "members"])
    }

    struct Input: StrictInput {
        var name: String?
        var managerId: UUID?
        var memberIds: [UUID]?
        var isDefault: Bool?

        static let schema = JSONSchema.object([
            ("name", .string()), ("managerId", .nullable(.uuid)), ("memberIds", .array(.uuid)), ("isDefault", .boolean),
        ], required: ["name"])
    }

    /// Every department with its manager and members: three statements.
    func all() async throws -> [Summary] {
        let departments = try await Department.query(on: db).sort(\.$name).all()
        let memberRows = try await db.sql.select().columns("department_id", "user_id").from("department_members").all()
        var members: [UUID: [UUID]] = [:]
        for row in memberRows { members[try row.decode(column: "department_id", as: UUID.self), default: []].append(try row.decode(column: "user_id", as: UUID.self)) }
        let people = try await UserDirectory.names(of: Set(members.values.flatMap { $0 } + departments.compactMap(\.$manager.id)), on: db)
        func ref(_ id: UUID) -> UserRef { UserRef(id: id, name: people[id] ?? "") }
        return departments.map { department in
            Summary(id: department.id!, name: department.name, manager: department.$manager.id.map(ref), isDefault: department.isDefault,
                    members: (members[department.id!] ?? []).map(ref).sorted { $0.name < $1.name })
        }
    }

    func names() async throws -> [UUID: String] {
        Dictionary(try await Department.query(on: db).all().map { ($0.id!, $0.name) }, uniquingKeysWith: { first, _ in first })
    }

    /// Each department's manager, for warnings.
    func managers() async throws -> [UUID: UUID] {
        var managers: [UUID: UUID] = [:]
        for department in try await Department.query(on: db).filter(\.$manager.$id != nil).all() { managers[department.id!] = department.$manager.id }
        return managers
    }

    func isMember(_ userID: UUID, of departmentID: UUID) async throws -> Bool {
        try await db.sql.select().column("user_id").from("department_members").where("department_id", .equal, SQLBind(departmentID))
            .where("user_id", .equal, SQLBind(userID)).first() != nil
    }

    /// The departments a person works in.
    func departments(of userID: UUID) async throws -> [UUID] {
        try await db.sql.select().column("department_id").from("department_members").where("user_id", .equal, SQLBind(userID)).all()
            .map { try $0.decode(column: "department_id", as: UUID.self) }
    }

    /// Creates or changes a department; naming it the default takes that from the others in the same transaction.
    func save(_ input: Input, id: UUID? = nil) async throws -> UUID {
        var fields = FieldCheck()
        let name = fields.required(input.name, "name", max: 100)
        var existing: Department?
        if let id {
            guard let found = try await Department.find(id, on: db) else { throw APIError.notFound("This department") }
            existing = found
        }
        if let other = try await Department.query(on: db).filter(\.$name == name).first(), other.id != id { fields.fail("name", "is taken by another department") }
        let people = Set((input.memberIds ?? []) + [input.managerId].compactMap { $0 })
        let active = try await User.query(on: db).filter(\.$id ~~ people).filter(\.$isDisabled == false).all().compactMap(\.id)
        if let manager = input.managerId, !active.contains(manager) { fields.fail("managerId", "is not an active user") }
        if (input.memberIds ?? []).contains(where: { !active.contains($0) }) { fields.fail("memberIds", "must all be active users") }
        try fields.throwIfFailed()
        let department = existing ?? Department()
        let count = try await Department.query(on: db).count()
        department.name = name
        department.$manager.id = input.managerId
        department.isDefault = input.isDefault ?? (existing?.isDefault ?? (count == 0))
        if existing == nil { department.createdAt = Date() }
        let members = Set(input.memberIds ?? [])
        try await db.transaction { db in
            if department.isDefault { try await db.sql.update(Department.schema).set("is_default", to: SQLBind(false)).run() }
            try await department.save(on: db)
            let departmentID = try department.requireID()
            try await db.sql.delete(from: "department_members").where("department_id", .equal, SQLBind(departmentID)).run()
            for member in members {
                try await db.sql.insert(into: "department_members").columns("department_id", "user_id").values(SQLBind(departmentID), SQLBind(member)).run()
            }
        }
        return try department.requireID()
    }

    /// The default department: where cases no rule routes go.
    func defaultDepartment() async throws -> UUID {
        if let found = try await Department.query(on: db).filter(\.$isDefault == true).first() { return try found.requireID() }
        if let first = try await Department.query(on: db).sort(\.$createdAt).first() { return try first.requireID() }
        throw APIError.conflict("There is no department to take cases: an admin adds one under Service settings.")
    }

    // MARK: Routing

    struct RuleDTO: Content, Equatable {
        let id: UUID
        let position: Int
        let department: RecordRef
        let kind: String?
        let productId: UUID?
        let keyword: String?
        let tier: String?

        static let schema = JSONSchema.object([
            ("id", .uuid), ("position", .integer()), ("department", RecordRef.schema), ("kind", .nullable(.string())), ("productId", .nullable(.uuid)),
            ("keyword", .nullable(.string())), ("tier", .nullable(.string())),
        ], required: ["id", "position", "department"])
    }

    struct RuleInput: StrictInput {
        var departmentId: UUID?
        var kind: String?
        var productId: UUID?
        var keyword: String?
        var tier: String?

        static let schema = JSONSchema.object([
            ("departmentId", .uuid), ("kind", .nullable(.string(enumeration: CaseKind.allCases.map(\.rawValue)))), ("productId", .nullable(.uuid)),
            ("keyword", .nullable(.string())), ("tier", .nullable(.string(enumeration: ["A", "B", "C"]))),
        ], required: ["departmentId"])
    }

    func rules() async throws -> [RuleDTO] {
        let names = try await names()
        return try await RoutingRule.query(on: db).sort(\.$position).all().map { rule in
            RuleDTO(id: rule.id!, position: rule.position, department: RecordRef(id: rule.$department.id, name: names[rule.$department.id] ?? ""),
                    kind: rule.kind, productId: rule.productID, keyword: rule.keyword, tier: rule.tier)
        }
    }

    /// Adds a rule at the end of the order.
    func addRule(_ input: RuleInput) async throws -> UUID {
        var fields = FieldCheck()
        if input.departmentId == nil { fields.fail("departmentId", "is required") }
        if let id = input.departmentId, try await Department.find(id, on: db) == nil { fields.fail("departmentId", "is not an existing department") }
        let kind = fields.choice(input.kind, "kind", as: CaseKind.self)
        let keyword = fields.text(input.keyword, "keyword", max: 100)
        let tier = fields.text(input.tier, "tier", max: 1)
        if let tier, ProfitTiers.Tier(rawValue: tier) == nil { fields.fail("tier", "must be A, B or C") }
        if let id = input.productId, try await SalesDirectory(db: db).products([id]).isEmpty { fields.fail("productId", "is not an existing product") }
        if kind == nil, keyword == nil, tier == nil, input.productId == nil { fields.fail("kind", "a rule needs at least one condition: kind, product, keyword or tier") }
        try fields.throwIfFailed()
        let rule = RoutingRule()
        rule.position = (try await RoutingRule.query(on: db).max(\.$position) ?? 0) + 1
        rule.$department.id = input.departmentId!
        rule.kind = kind?.rawValue
        rule.productID = input.productId
        rule.keyword = keyword
        rule.tier = tier
        try await rule.create(on: db)
        return try rule.requireID()
    }

    func deleteRule(_ id: UUID) async throws {
        guard let rule = try await RoutingRule.find(id, on: db) else { throw APIError.notFound("This rule") }
        try await rule.delete(on: db)
    }

    /// Moves a rule one place earlier (`up`) or later in the order, swapping with its neighbour.
    func moveRule(_ id: UUID, up: Bool) async throws {
        let rules = try await RoutingRule.query(on: db).sort(\.$position).all()
        guard let index = rules.firstIndex(where: { $0.id == id }) else { throw APIError.notFound("This rule") }
        let other = up ? index - 1 : index + 1
        guard rules.indices.contains(other) else { return }
        let (a, b) = (rules[index], rules[other])
        try await db.transaction { db in
            (a.position, b.position) = (b.position, a.position)
            try await a.save(on: db)
            try await b.save(on: db)
        }
    }

    /// The department a new case goes to: the first matching rule's, else the default department.
    func route(_ new: CaseRoutingRule.Case) async throws -> UUID {
        let rules = try await RoutingRule.query(on: db).sort(\.$position).all()
        let pure = rules.map { CaseRoutingRule(departmentID: $0.$department.id.uuidString, kind: $0.kind.flatMap(CaseKind.init(rawValue:)),
                                               productID: $0.productID?.uuidString, keyword: $0.keyword, tier: $0.tier) }
        if let index = CaseRoutingRule.route(new, rules: pure) { return rules[index].$department.id }
        return try await defaultDepartment()
    }
}
