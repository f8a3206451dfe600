import CRMCore
import Vapor

/// The CSV import in the browser: choose what the file holds and upload it; every row is checked as the API checks it
/// and either every error is listed by line and column, or what would be created is counted — nothing is written
/// until the import is confirmed. Columns are described in docs/import.md.
enum SalesImportPages {
    struct UploadForm: Content {
        var kind: String?
        var file: File?
        /// The file's text, carried from the preview to the confirmation.
        var text: String?
    }

    @Sendable static func form(_ request: Request) async throws -> Response {
        try requireImport(request)
        return page(request, kind: nil, error: nil).response()
    }

    @Sendable static func preview(_ request: Request) async throws -> Response {
        try requireImport(request)
        let form = try request.content.decode(UploadForm.self)
        guard let kind = form.kind.flatMap(SalesImport.Kind.init(rawValue:)) else {
            return page(request, kind: nil, error: "Choose what the file holds.").response(status: .unprocessableEntity)
        }
        guard let file = form.file, file.data.readableBytes > 0,
              let text = file.data.getString(at: file.data.readerIndex, length: file.data.readableBytes) else {
            return page(request, kind: kind, error: "Choose a CSV file.").response(status: .unprocessableEntity)
        }
        return try await run(request, kind: kind, text: text, dryRun: true)
    }

    @Sendable static func confirm(_ request: Request) async throws -> Response {
        try requireImport(request)
        let form = try request.content.decode(UploadForm.self)
        guard let kind = form.kind.flatMap(SalesImport.Kind.init(rawValue:)), let text = form.text, !text.isEmpty else {
            return page(request, kind: nil, error: "Upload the file again.").response(status: .unprocessableEntity)
        }
        return try await run(request, kind: kind, text: text, dryRun: false)
    }

    private static func requireImport(_ request: Request) throws {
        guard try request.user.role.canImport else { throw APIError.forbidden }
    }

    private static func run(_ request: Request, kind: SalesImport.Kind, text: String, dryRun: Bool) async throws -> Response {
        let importer = SalesImport(db: request.db, actor: try request.user, now: request.now, baseCurrency: request.application.config.baseCurrency)
        do {
            let report = try await importer.run(kind, csv: text, dryRun: dryRun)
            return result(request, report: report, text: text).response(status: dryRun ? .ok : .created)
        } catch let error as APIError where error.status == .unprocessableEntity {
            return page(request, kind: kind, error: error.message, rowErrors: rowErrors(error.fields)).response(status: .unprocessableEntity)
        }
    }

    /// "line 12: unit_price" → (12, "unit_price", message), in the file's order.
    static func rowErrors(_ fields: [String: String]) -> [(line: Int, column: String, message: String)] {
        fields.map { key, message in
            let parts = key.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            let line = Int(parts[0].replacingOccurrences(of: "line ", with: "")) ?? 0
            return (line, parts.count > 1 ? parts[1] : "", message)
        }.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
    }

    private static func page(_ request: Request, kind: SalesImport.Kind?, error: String?,
                             rowErrors: [(line: Int, column: String, message: String)] = []) -> Node {
        let context = PageContext(request)
        return Layout.page("Import from CSV", context) {
            Node.h1 { "Import products, orders or payments from CSV" }
            Node.p(.class("muted")) {
                "Every row is checked first; you see each error by line and column, or what the import would create, before anything is saved. "
                "The columns are described in docs/import.md; the import is all or nothing."
            }
            if let error { Node.p(.class("field-error"), .init("role", "alert")) { .text(error) } }
            if !rowErrors.isEmpty {
                Node.table(.class("list"), .id("row-errors")) {
                    Node.thead { Node.tr { Node.th { "Line" }; Node.th { "Column" }; Node.th { "Problem" } } }
                    Node.tbody {
                        for row in rowErrors {
                            Node.tr { Node.td(.class("number")) { .text(String(row.line)) }; Node.td { .text(row.column) }; Node.td { .text(row.message) } }
                        }
                    }
                }
            }
            Node.form(.method("post"), .action(Site.salesImport()), Attribute("enctype", "multipart/form-data"), .class("record")) {
                context.csrfField
                FormField.select("kind", label: "The file holds", options: [("orders", "Orders (one row per line)"), ("products", "Products"), ("payments", "Payments")],
                                 selected: kind?.rawValue ?? "orders")
                Node.div(.class("field")) {
                    Node.label(.for("file")) { "CSV file" }
                    Node.void("input", [.type("file"), .id("file"), .name("file"), Attribute("accept", ".csv,text/csv")])
                }
                Node.button(.type("submit")) { "Check the file" }
            }
        }
    }

    private static func result(_ request: Request, report: SalesImport.Report, text: String) -> Node {
        let context = PageContext(request)
        let counts = [("products", report.products), ("orders", report.orders), ("order lines", report.lines),
                      ("invoices", report.invoices), ("payments", report.payments)].filter { $0.1 > 0 }
            .map { "\($0.1) \($0.0)" }.joined(separator: ", ")
        return Layout.page("Import from CSV", context) {
            if report.dryRun {
                Node.h1 { "Import: the file is correct" }
                Node.p { .text("\(report.rows) rows checked, no errors. Importing creates \(counts.isEmpty ? "nothing new" : counts).") }
                Node.form(.method("post"), .action(Site.salesImportConfirm())) {
                    context.csrfField
                    Node.input(.type("hidden"), .name("kind"), .value(report.kind))
                    Node.element("textarea", [.name("text"), Attribute("hidden", nil)], [.text(text)])
                    Node.button(.type("submit")) { .text("Import the \(report.rows) rows") }
                }
                Node.p { Node.a(.href(Site.salesImport())) { "Choose another file" } }
            } else {
                Node.h1 { "Import done" }
                Node.p(.class("notice"), .init("role", "status")) { .text("\(report.rows) rows imported: \(counts.isEmpty ? "nothing new" : counts).") }
                Node.p {
                    Node.a(.href(report.kind == "products" ? Site.products() : Site.orders())) { report.kind == "products" ? "See the products" : "See the orders" }
                }
            }
        }
    }
}
