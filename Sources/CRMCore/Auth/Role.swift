/// What a user does in the company; it decides what the CRM lets them change. Code asks for a capability by
/// name, never for a role, so what a check guards reads at the call site.
public enum Role: String, CaseIterable, Codable, Sendable {
    case admin, manager, sales, service

    private var isManagerOrAdmin: Bool { self == .admin || self == .manager }

    /// Only admins manage accounts, because that includes granting admin rights.
    public var canManageUsers: Bool { self == .admin }
    /// The audit log shows who erased what; it is read by admins.
    public var canReadAuditLog: Bool { self == .admin }
    /// Pipelines and their stages, probabilities and forecast categories.
    public var canConfigurePipelines: Bool { self == .admin }
    /// Margin thresholds and commission rates decide pay: admins set them.
    public var canEditMarginTiers: Bool { self == .admin }
    /// Dated exchange rates into the base currency.
    public var canRecordExchangeRates: Bool { self == .admin }
    /// How many accounts fall into tiers A, B and C.
    public var canEditTierSettings: Bool { self == .admin }
    /// The general contact-frequency cap.
    public var canSetContactCap: Bool { self == .admin }
    /// Background jobs: their schedules, failures, retry and discard.
    public var canManageJobs: Bool { self == .admin }
    /// Departments, routing rules, working hours and SLA targets of the service desk.
    public var canConfigureServiceDesk: Bool { self == .admin }
    /// Service staff, managers and admins work any case; others the cases assigned to them or their department.
    public var canWorkAnyCase: Bool { self != .sales }
    /// One contact's own contact-frequency rules.
    public var canSetContactRules: Bool { isManagerOrAdmin }
    /// Revisit plans and other loyalty programmes.
    public var canPlanProgrammes: Bool { isManagerOrAdmin }

    /// Managers see their team's figures, commissions and outgoing mail, not only their own.
    public var canSeeTeamWork: Bool { isManagerOrAdmin }
    /// Book an order as someone else's sale.
    public var canBookForOthers: Bool { isManagerOrAdmin }
    /// Import products, orders and payments from CSV.
    public var canImport: Bool { isManagerOrAdmin }
    /// An account's credit limit.
    public var canSetCreditLimits: Bool { isManagerOrAdmin }
    /// Recompute every account's tier now, outside the daily run.
    public var canRecomputeTiers: Bool { isManagerOrAdmin }
    /// The product catalogue: prices, costs, new products.
    public var canKeepCatalogue: Bool { isManagerOrAdmin }
    /// Orders and invoices are sales work; service staff record deliveries only.
    public var canBookOrders: Bool { self != .service }
    /// Anyone records a delivery (shipped, delivered); every other move of an order is its salesperson's, or a manager's.
    public func canMoveOrder(to status: OrderStatus, own: Bool) -> Bool {
        status == .shipped || status == .delivered || (canBookOrders && (own || canBookForOthers))
    }
    /// A salesperson revises their own orders; managers and admins anyone's.
    public func canReviseOrder(own: Bool) -> Bool { canBookOrders && (own || canBookForOthers) }

    public var label: String {
        switch self {
        case .admin: "Administrator"
        case .manager: "Manager"
        case .sales: "Sales"
        case .service: "Service"
        }
    }
}
