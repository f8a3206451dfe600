import CRMCore
import Fluent
import Testing
import VaporTesting
@testable import CRM

@Suite struct ProductPagesTests {
    @Test func everyoneReadsTheCatalogueAndOnlyKeepersChangeIt() async throws {
        try await withTestApp { app in
            let fixture = try await SalesFixture.make(app)
            let (_, password) = try await app.makeUser("rep@example.com", role: .sales)
            let rep = TestBrowser(app)
            try await rep.signIn("rep@example.com", password)
            let list = try await rep.get("/products")
            #expect(list.status == .ok && list.body.string.contains("Widget") && list.body.string.contains("100.00 EUR"))
            #expect(list.body.string.contains("50.00 %"), "the margin of price 100 and cost 50")
            #expect(!list.body.string.contains("New product"), "a salesperson does not keep the catalogue")
            let card = try await rep.get("/products/\(fixture.widget)")
            #expect(card.status == .ok && card.body.string.contains("Price and cost history") && !card.body.string.contains("/edit\""))
            #expect(try await rep.get("/products/new").status == .forbidden)
            #expect(try await rep.post("/products/\(fixture.widget)/edit", ["name": "Cheap", "price": "1.00"]).status == .forbidden)
            #expect(try await Product.find(fixture.widget, on: app.db)?.name == "Widget")
        }
    }

    @Test func aKeeperCreatesAProductAndChangesItsPriceThroughTheForms() async throws {
        try await withTestApp { app in
            app.config.baseCurrency = "EUR"
            let (_, password) = try await app.makeUser("keeper@example.com", role: .manager)
            let browser = TestBrowser(app)
            try await browser.signIn("keeper@example.com", password)
            try await browser.get("/products/new")
            let refused = try await browser.post("/products/new", ["sku": "", "name": "Stretch film", "unit": "roll", "price": "12,5x",
                                                                   "cost": "7.10", "currency": "EUR", "isActive": "true"])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("must be an amount such as 1250.50"), "the unreadable price is named")
            #expect(refused.body.string.contains("Stretch film"), "what was typed stays in the form")
            #expect(try await Product.query(on: app.db).count() == 0)

            let created = try await browser.post("/products/new", ["sku": "SF-23", "name": "Stretch film", "unit": "roll", "price": "1250.50",
                                                                   "cost": "710", "currency": "EUR", "isActive": "true"])
            #expect(created.status == .seeOther)
            let product = try #require(try await Product.query(on: app.db).first())
            #expect(product.priceMinor == 125_050 && product.costMinor == 71_000 && product.unit == "roll")

            let edit = try await browser.get("/products/\(product.id!)/edit")
            #expect(edit.body.string.contains("1250.50"), "the form shows the amount as it is typed")
            let saved = try await browser.post("/products/\(product.id!)/edit", ["sku": "SF-23", "name": "Stretch film", "unit": "roll",
                                                                                  "price": "1300", "cost": "710", "currency": "EUR",
                                                                                  "isActive": "true", "version": "1"])
            #expect(saved.status == .seeOther)
            let card = try await browser.get("/products/\(product.id!)")
            #expect(card.body.string.contains("1,300.00 EUR") && card.body.string.contains("1,250.50 EUR"), "both prices are in the history")
            let stale = try await browser.post("/products/\(product.id!)/edit", ["sku": "SF-23", "name": "Stretch film", "unit": "roll",
                                                                                  "price": "1400", "cost": "710", "currency": "EUR",
                                                                                  "isActive": "true", "version": "1"])
            #expect(stale.status == .conflict, "a change saved meanwhile is reported, not overwritten")
            #expect(try await Product.find(product.id, on: app.db)?.priceMinor == 130_000)
        }
    }
}
