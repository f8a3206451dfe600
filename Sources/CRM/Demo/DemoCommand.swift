import CRMCore
import Fluent
import Vapor

/// `crm demo`: a small, believable data set to try the CRM with. Running it again adds nothing twice.
struct DemoCommand: AsyncCommand {
    struct Signature: CommandSignature { init() {} }
    var help: String { "Loads the demo data set (idempotent)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        let report = try await DemoData.load(into: app)
        for line in report { context.console.print(line) }
    }
}

enum DemoData {
    static let team: [(email: String, name: String, role: Role, timeZone: String)] = [
        ("mia.manager@example.com", "Mia Kazlauskienė", .manager, "Europe/Vilnius"),
        ("sipho.sales@example.com", "Sipho van der Merwe", .sales, "Africa/Johannesburg"),
        ("li.sales@example.com", "李娜", .sales, "Asia/Shanghai"),
        ("lucia.service@example.com", "Lucía Fernández", .service, "Europe/Madrid"),
        ("kavya.service@example.com", "காவ்யா சுப்பிரமணியம்", .service, "Asia/Kolkata"),
    ]

    /// Adds what is missing and says what it did; passwords of new demo users are printed once.
    static func load(into app: Application) async throws -> [String] {
        var report: [String] = []
        if let admin = try await FirstAdmin.createIfNoAdmin(on: app.db, app: app) {
            report += FirstAdmin.announcement(admin)
        }
        for member in team {
            if try await User.query(on: app.db).filter(\.$email == member.email).first() != nil { continue }
            let created = try await app.users.create(.init(email: member.email, name: member.name, role: member.role.rawValue, timeZone: member.timeZone))
            report.append("Demo user \(member.email) (\(member.role.rawValue)), password: \(created.password)")
        }
        let customers = try await DemoCustomers.load(into: app)
        let owners = try await User.query(on: app.db).filter(\.$email ~~ team.map(\.email)).sort(\.$email).all()
        let generated = try await DemoDirectory.load(into: app, owners: owners)
        if customers + generated > 0 { report.append("Demo customers added: \(customers + generated).") }
        if let seller = owners.first(where: { $0.role == .manager }) ?? owners.first {
            let orders = try await DemoSales.load(into: app, seller: seller)
            if orders > 0 { report.append("Demo products and orders added: \(DemoSales.catalogue.count) products, \(orders) orders.") }
            let interactions = try await DemoInteractions.load(into: app, seller: seller)
            if interactions > 0 { report.append("Demo interactions added: \(interactions).") }
        }
        let tasks = try await DemoTasks.load(into: app)
        if tasks > 0 { report.append("Demo tasks added: \(tasks).") }
        let cases = try await DemoService.load(into: app)
        if cases > 0 { report.append("Demo service desk added: 3 departments, routing rules and \(cases) cases.") }
        let revisits = try await DemoLoyalty.load(into: app)
        if revisits > 0 { report.append("Demo revisit plans added: 2; they and the reorder reminders opened \(revisits) tasks.") }
        report.append(report.isEmpty ? "Demo data is already loaded." : "Demo data loaded.")
        return report
    }
}
