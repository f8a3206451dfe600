import Fluent
import Foundation

/// A team that acts on cases (service, sales, manufacturing, quality, finance): its members work its queue, its
/// manager hears of SLA risks and breaches.
final class Department: Model, @unchecked Sendable {
    static let schema = "departments"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @OptionalParent(key: "manager_id") var manager: User?
    /// Where cases no rule routes go; exactly one department is the default.
    @Field(key: "is_default") var isDefault: Bool
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// A routing rule: the first, by position, whose conditions all match a new case sends it to its department.
final class RoutingRule: Model, @unchecked Sendable {
    static let schema = "case_routing_rules"

    @ID(key: .id) var id: UUID?
    @Field(key: "position") var position: Int
    @Parent(key: "department_id") var department: Department
    @OptionalField(key: "kind") var kind: String?
    @OptionalField(key: "product_id") var productID: UUID?
    @OptionalField(key: "keyword") var keyword: String?
    @OptionalField(key: "tier") var tier: String?

    init() {}
}
