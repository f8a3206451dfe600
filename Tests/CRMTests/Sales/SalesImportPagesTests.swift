import CRMCore
import Fluent
import Testing
import VaporTesting
@testable import CRM

/// The CSV import as a page, over a real socket (the file arrives as a multipart body): a file with a bad row shows
/// the row and column and writes nothing; the corrected file is previewed, then imported on confirmation.
@Suite struct SalesImportPagesTests {
    @Test func aBadRowIsNamedAndNothingWrittenThenTheCorrectedFileImports() async throws {
        try await withTestApp { app in
            let fixture = try await SalesFixture.make(app)
            let (_, password) = try await app.makeUser("importer@example.com", role: .manager)
            let browser = TestBrowser(app, over: try await app.startServer())
            try await browser.signIn("importer@example.com", password)
            #expect(try await browser.get("/orders").body.string.contains("Import from CSV"))
            let form = try await browser.get("/imports")
            #expect(form.status == .ok && form.body.string.contains(#"enctype="multipart/form-data""#))
            let before = try await Order.query(on: app.db).count()
            let header = "order_ref,account,order_date,status,sku,quantity,unit_price\n"
            let bad = header + "H-1,Alpha,2025-06-01,delivered,W-1,2,\nH-2,Beta,2025-06-02,delivered,W-1,two,\n"
            let refused = try await browser.upload("/imports", field: "file", fileName: "orders.csv", content: bad, fields: ["kind": "orders"])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("The file has 1 error(s); nothing was imported."))
            #expect(refused.body.string.contains(#"<td class="number">3</td><td>quantity</td><td>must be a whole number</td>"#))
            #expect(try await Order.query(on: app.db).count() == before)

            let good = header + "H-1,Alpha,2025-06-01,delivered,W-1,2,\nH-2,Beta,2025-06-02,delivered,W-1,3,\n"
            let preview = try await browser.upload("/imports", field: "file", fileName: "orders.csv", content: good, fields: ["kind": "orders"])
            #expect(preview.status == .ok && preview.body.string.contains("2 rows checked, no errors. Importing creates 2 orders, 2 order lines"))
            #expect(try await Order.query(on: app.db).count() == before, "a preview writes nothing")
            let imported = try await browser.post("/imports/confirm", ["kind": "orders", "text": good])
            #expect(imported.status == .created && imported.body.string.contains("2 rows imported"))
            #expect(try await Order.query(on: app.db).count() == before + 2)
            #expect(try await Order.query(on: app.db).filter(\.$externalRef == "H-2").first()?.accountID == fixture.beta)

            let noKind = try await browser.upload("/imports", field: "file", fileName: "orders.csv", content: good, fields: ["kind": "stock"])
            #expect(noKind.status == .unprocessableEntity && noKind.body.string.contains("Choose what the file holds."))
        }
    }

    @Test func salesUsersDoNotImport() async throws {
        try await withTestApp { app in
            let (_, password) = try await app.makeUser("rep@example.com", role: .sales)
            let browser = TestBrowser(app)
            try await browser.signIn("rep@example.com", password)
            #expect(try await browser.get("/imports").status == .forbidden)
            #expect(!(try await browser.get("/orders").body.string.contains("Import from CSV")))
        }
    }
}
