import CRMCore
import Fluent
import Testing
import VaporTesting
@testable import CRM

/// A won deal becomes its order, filled from the deal's newest quote; order and deal show each other. Prices the
/// customer was quoted are offered again, and a different price needs a reason.
@Suite struct WonDealOrderTests {
    @Test func aWonDealOffersItsOrderFilledFromItsQuote() async throws {
        try await withTestApp { app in
            let fixture = try await SalesFixture.make(app)
            let deal = try await fixture.api.decode(OpportunityDTO.self, .POST, "/api/v1/opportunities", json: [
                "accountId": fixture.delta.uuidString, "name": "Delta fit-out", "amountMinor": 50_000, "currency": "EUR", "expectedClose": "2026-12-20",
            ], status: .created)
            _ = try await fixture.api.create(InteractionDTO.self, "/api/v1/interactions", json: [
                "kind": "quote", "accountId": fixture.delta.uuidString, "opportunityId": deal.id.uuidString, "validUntil": "2026-12-31",
                "lines": [["productId": fixture.widget.uuidString, "quantity": 3, "unitPriceMinor": 9_000], ["description": "Fitting", "quantity": 1, "unitPriceMinor": 5_000]],
            ])
            let (_, password) = try await app.makeUser("closer@example.com", role: .manager)
            let browser = TestBrowser(app)
            try await browser.signIn("closer@example.com", password)
            #expect(!(try await browser.get("/opportunities/\(deal.id)").body.string.contains("Create the order")), "open deals offer no order")

            let stages = try await fixture.api.decode([PipelineAdmin.PipelineDTO].self, .GET, "/api/v1/pipelines").first!.stages
            let won = try #require(stages.first { $0.name == "Won" })
            let moved = try await browser.post("/opportunities/\(deal.id)/move", ["stageId": won.id.uuidString, "closeReason": "Best fit", "returnTo": "/pipeline"])
            #expect(moved.headers.first(name: .location) == "/opportunities/\(deal.id)", "a won deal's page offers its order")
            let page = try await browser.get("/opportunities/\(deal.id)")
            #expect(page.body.string.contains("This deal is won and has no order yet.") && page.body.string.contains("Create the order"))

            let form = try await browser.get("/accounts/\(fixture.delta)/orders/new?deal=\(deal.id)")
            #expect(form.body.string.contains("From the won deal") && form.body.string.contains(#"name="opportunityId" value="\#(deal.id)""#))
            #expect(form.body.string.contains(#"name="lines[0][unitPrice]" value="90.00""#) && form.body.string.contains(#"value="Fitting""#))
            let booked = try await browser.post("/accounts/\(fixture.delta)/orders/new", [
                "orderDate": "2026-11-25", "currency": "EUR", "status": "confirmed", "opportunityId": deal.id.uuidString,
                "lines[0][product]": fixture.widget.uuidString, "lines[0][quantity]": "3", "lines[0][unitPrice]": "90.00",
                "lines[1][description]": "Fitting", "lines[1][quantity]": "1", "lines[1][unitPrice]": "50.00",
            ])
            #expect(booked.status == .created, "\(booked.body.string.prefix(300))")
            let order = try #require(try await Order.query(on: app.db).filter(\.$opportunityID == deal.id).first())
            #expect(order.revenueMinor == 32_000)
            #expect(booked.body.string.contains("Won from the deal") && booked.body.string.contains("Delta fit-out"))
            let after = try await browser.get("/opportunities/\(deal.id)")
            #expect(after.body.string.contains("#\(order.number)") && !after.body.string.contains("This deal is won and has no order yet."))
            #expect(try await fixture.api.decode(OrderDTO.self, .GET, "/api/v1/orders/\(order.id!)").opportunityId == deal.id)

            let elsewhere = try await fixture.api.send(.POST, "/api/v1/orders", json: [
                "accountId": fixture.alpha.uuidString, "opportunityId": deal.id.uuidString, "lines": [["productId": fixture.widget.uuidString, "quantity": 1]]])
            #expect(elsewhere.status == .unprocessableEntity && elsewhere.body.string.contains("is a deal of another account"))
        }
    }

    @Test func aQuotedPriceIsOfferedAndADifferentOneNeedsAReason() async throws {
        try await withTestApp { app in
            let fixture = try await SalesFixture.make(app)
            _ = try await fixture.api.create(InteractionDTO.self, "/api/v1/interactions", json: [
                "kind": "quote", "accountId": fixture.alpha.uuidString, "validUntil": "2026-12-31",
                "lines": [["productId": fixture.widget.uuidString, "quantity": 10, "unitPriceMinor": 10_000, "discountBasisPoints": 1_000]],
            ])
            func order(_ line: [String: Any], reason: String? = nil, date: String = "2026-11-25") async throws -> TestingHTTPResponse {
                var body: [String: Any] = ["accountId": fixture.alpha.uuidString, "orderDate": date, "lines": [line]]
                if let reason { body["priceReason"] = reason }
                return try await fixture.api.send(.POST, "/api/v1/orders", json: body)
            }
            let offered = try await order(["productId": fixture.widget.uuidString, "quantity": 2])
            #expect(offered.status == .created)
            #expect(try offered.content.decode(OrderDTO.self).revenueMinor == 18_000, "the quoted 100.00 less 10 %, not the list price")
            let differs = try await order(["productId": fixture.widget.uuidString, "quantity": 2, "unitPriceMinor": 10_000])
            #expect(differs.status == .unprocessableEntity && differs.body.string.contains("priceReason"))
            #expect(differs.body.string.contains("differs from 90.00 EUR quoted on 2026-11-25"))
            let reasoned = try await order(["productId": fixture.widget.uuidString, "quantity": 2, "unitPriceMinor": 10_000], reason: "Quote was for 10 units")
            #expect(reasoned.status == .created)
            #expect(try reasoned.content.decode(OrderDTO.self).priceReason == "Quote was for 10 units")
            // Revising that order keeps the reason it was booked with.
            let reasonedID = try reasoned.content.decode(OrderDTO.self).id
            let revised = try await fixture.api.send(.POST, "/api/v1/orders/\(reasonedID)/revisions", json: [
                "lines": [["productId": fixture.widget.uuidString, "quantity": 3, "unitPriceMinor": 10_000]]], ifMatch: "\"1\"")
            #expect(revised.status == .ok, "\(revised.body.string)")
            let expired = try await order(["productId": fixture.widget.uuidString, "quantity": 2, "unitPriceMinor": 10_000], date: "2027-01-05")
            #expect(expired.status == .created, "a quote that no longer holds asks for nothing")

            let (_, password) = try await app.makeUser("desk@example.com", role: .sales)
            let browser = TestBrowser(app)
            try await browser.signIn("desk@example.com", password)
            let form = try await browser.get("/accounts/\(fixture.alpha)/orders/new")
            #expect(form.body.string.contains(#"<option value="W-1 · Widget" label="100.00 EUR; quoted 90.00 EUR until 2026-12-31">"#))
            #expect(form.body.string.contains("Quoted to this customer and still holding: W-1 · Widget at 90.00 EUR until 2026-12-31"))
            let refused = try await browser.post("/accounts/\(fixture.alpha)/orders/new", [
                "orderDate": "2026-11-25", "currency": "EUR", "lines[0][product]": "W-1 · Widget", "lines[0][quantity]": "1", "lines[0][unitPrice]": "95",
            ])
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("is required: line 1 (Widget) differs from 90.00 EUR"))
            let unknown = try await browser.post("/accounts/\(fixture.alpha)/orders/new", [
                "orderDate": "2026-11-25", "currency": "EUR", "lines[0][product]": "Gizmo", "lines[0][quantity]": "1",
            ])
            #expect(unknown.status == .unprocessableEntity && unknown.body.string.contains("names no product on sale; pick one from the list"))
            let bySKU = try await browser.post("/accounts/\(fixture.alpha)/orders/new", [
                "orderDate": "2026-11-25", "currency": "EUR", "lines[0][product]": "w-1", "lines[0][quantity]": "1",
            ])
            #expect(bySKU.status == .created && bySKU.body.string.contains("90.00 EUR"), "the SKU typed alone finds the product, at the quoted price")
        }
    }
}
