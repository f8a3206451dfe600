import CRMCore
import Vapor

/// Margin tiers and their commission rates: everyone sees them (they decide each line's commission); admins change
/// them (`Role.canEditMarginTiers`). Percentages are typed as people write them ("12.5").
enum MarginTiersPage {
    struct Row: Content {
        var code: String?
        var minimumPercent: String?
        var commissionPercent: String?
    }

    struct Form: Content {
        var tiers: [Row]?
    }

    static let spareRows = 2

    @Sendable static func show(_ request: Request) async throws -> Response {
        let tiers = try await MarginTiersStore.load(on: request.db).tiers
        let rows = tiers.enumerated().map { index, tier in
            Row(code: tier.code, minimumPercent: index == tiers.count - 1 ? "" : MinorUnits.plain(tier.minimumBasisPoints, decimals: 2),
                commissionPercent: MinorUnits.plain(tier.commissionBasisPoints, decimals: 2))
        }
        return try page(request, rows: rows, errors: [:], notice: nil).response()
    }

    /// Replaces every tier at once; a bad row refuses the whole table, which is shown again as typed.
    @Sendable static func save(_ request: Request) async throws -> Response {
        _ = try request.requireRole(\.canEditMarginTiers)
        let rows = (try request.content.decode(Form.self).tiers ?? []).filter { !($0.code ?? "").trimmingCharacters(in: .whitespaces).isEmpty }
        var errors = [String: String]()
        var tiers = [MarginTier]()
        for (index, row) in rows.enumerated() {
            let last = index == rows.count - 1
            let minimum = last ? 0 : MinorUnits.parse(row.minimumPercent ?? "", decimals: 2)
            let commission = MinorUnits.parse(row.commissionPercent ?? "", decimals: 2)
            if minimum == nil { errors["tiers[\(index)].minimumPercent"] = "must be a percentage such as 25" }
            if commission == nil { errors["tiers[\(index)].commissionPercent"] = "must be a percentage such as 5" }
            tiers.append(MarginTier(code: (row.code ?? "").trimmingCharacters(in: .whitespaces), minimumBasisPoints: minimum ?? 0,
                                    commissionBasisPoints: commission ?? 0))
        }
        do {
            guard errors.isEmpty else { throw APIError.invalid(errors) }
            _ = try await MarginTiersStore.replace(with: tiers, on: request.db)
            return try page(request, rows: rows, errors: [:], notice: "Saved. New order lines use these tiers; booked ones keep theirs.").response()
        } catch let error as APIError where error.status == .unprocessableEntity {
            return try page(request, rows: rows, errors: errors.merging(error.fields) { first, _ in first }, notice: nil)
                .response(status: .unprocessableEntity)
        }
    }

    private static func page(_ request: Request, rows: [Row], errors: [String: String], notice: String?) throws -> Node {
        let canEdit = try request.user.role.canEditMarginTiers
        let context = PageContext(request, notice: notice)
        return Layout.page("Margin tiers", context) {
            Node.h1 { "Margin tiers and commissions" }
            Node.p(.class("muted")) {
                "A product's margin puts each order line in the first tier whose minimum it reaches; the last tier takes everything below. The tier's rate is the commission on the line's revenue."
            }
            if let error = errors["tiers"] { Node.p(.class("alert")) { .text(error) } }
            Node.form(.method("post"), .action(Site.marginTiers()), .class("record")) {
                context.csrfField
                Node.table(.class("list")) {
                    Node.thead { Node.tr { Node.th { "Tier" }; Node.th { "Minimum margin %" }; Node.th { "Commission %" } } }
                    Node.tbody {
                        for index in 0..<(rows.count + (canEdit ? spareRows : 0)) {
                            let row = index < rows.count ? rows[index] : Row()
                            Node.tr {
                                for (field, value) in [("code", row.code), ("minimumPercent", row.minimumPercent), ("commissionPercent", row.commissionPercent)] {
                                    Node.td {
                                        Node.void("input", [.type("text"), .name("tiers[\(index)][\(field)]"), .value(value ?? ""),
                                                            .aria("label", "\(field) of tier \(index + 1)")] + (canEdit ? [] : [Attribute("readonly", "readonly")]))
                                        if let error = errors["tiers[\(index)].\(field)"] { Node.p(.class("field-error")) { .text(error) } }
                                    }
                                }
                            }
                        }
                    }
                }
                if canEdit { Node.button(.type("submit")) { "Save tiers" } }
            }
        }
    }
}
