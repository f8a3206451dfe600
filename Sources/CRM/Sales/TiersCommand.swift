import Vapor

/// `crm tiers recompute`: recomputes customer tiers by profit now; the `sales.tiers.recompute` job does it nightly.
struct TiersCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "recompute") var action: String
        init() {}
    }

    var help: String { "Recomputes every account's ABC tier from its trailing twelve-month profit (the workers also do it nightly)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "recompute" else { throw CommandFailure("unknown action \"\(signature.action)\"; the only one is recompute") }
        let app = context.application
        try await app.autoMigrate()
        let result = try await ProfitTiering(db: app.db, now: app.clock.now()).recompute()
        context.console.print("Tiers recomputed for \(result.accounts) accounts (\(result.from) to \(result.to)): "
                              + "A \(result.a), B \(result.b), C \(result.c); \(result.changed) changed.")
    }
}
