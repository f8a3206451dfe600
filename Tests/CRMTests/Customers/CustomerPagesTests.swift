import CRMCore
import Fluent
import Testing
import VaporTesting
@testable import CRM

@Suite struct CustomerPagesTests {
    func signedIn(_ app: Application, _ email: String, role: Role = .sales) async throws -> TestBrowser {
        let (_, password) = try await app.makeUser(email, role: role)
        let browser = TestBrowser(app)
        try await browser.signIn(email, password)
        try await browser.get("/")
        return browser
    }

    @Test func anAccountIsCreatedFromTheFormAndShownOnItsCard() async throws {
        try await withTestApp { app in
            app.config.defaultCountry = "ZA"
            let browser = try await signedIn(app, "sipho@example.co.za")
            try await browser.get("/accounts/new")

            let created = try await browser.post("/accounts/new", [
                "name": "Karoo Wol <Bpk>", "kind": "company", "industry": "Textiles",
                "phones[0][label]": "work", "phones[0][value]": "021 555 1234", "phones[1][label]": "work", "phones[1][value]": "",
                "emails[0][label]": "work", "emails[0][value]": "info@karoo.co.za",
                "addresses[0][kind]": "office", "addresses[0][city]": "Graaff-Reinet", "addresses[0][country]": "za",
                "annualPurchaseVolume": "1 250 000,50", "currency": "zar", "tags": "wool, VIP",
            ])
            #expect(created.status == .seeOther)
            let location = try #require(created.headers.first(name: .location))
            let card = try await browser.get(location)
            let html = card.body.string
            #expect(html.contains("Karoo Wol &lt;Bpk&gt;"))
            #expect(html.contains("tel:+27215551234"))
            #expect(html.contains("1,250,000.50 ZAR"))
            #expect(html.contains("Graaff-Reinet"))
            let stored = try #require(try await Account.query(on: app.db).first())
            #expect(stored.tags == ["wool", "vip"])
            #expect(stored.annualVolumeMinor == 125_000_050)
        }
    }

    @Test func formErrorsAppearNextToTheirFieldAndNothingIsStored() async throws {
        try await withTestApp { app in
            let browser = try await signedIn(app, "sipho@example.co.za")
            try await browser.get("/accounts/new")
            let response = try await browser.post("/accounts/new", [
                "name": "", "phones[0][label]": "work", "phones[0][value]": "12", "annualPurchaseVolume": "lots", "currency": "ZAR",
            ])
            #expect(response.status == .unprocessableEntity)
            let html = response.body.string
            #expect(html.contains(#"id="field-name-error">must not be empty"#))
            #expect(html.contains(#"id="field-phones-0-value-error">is too short to be a telephone number"#))
            #expect(html.contains(#"id="field-annualPurchaseVolume-error">must be an amount such as 1250.50"#))
            #expect(html.contains(#"value="lots""#))
            #expect(try await Account.query(on: app.db).count() == 0)
        }
    }

    @Test func aStaleEditIsReportedAndDoesNotOverwrite() async throws {
        try await withTestApp { app in
            let browser = try await signedIn(app, "sipho@example.co.za")
            try await browser.get("/accounts/new")
            let location = try #require(try await browser.post("/accounts/new", ["name": "Karoo Wol", "kind": "company"]).headers.first(name: .location))
            try await browser.get(location + "/edit")
            #expect(try await browser.post(location + "/edit", ["name": "Karoo Wol 2", "kind": "company", "version": "1"]).status == .seeOther)

            let stale = try await browser.post(location + "/edit", ["name": "Karoo Wol 3", "kind": "company", "version": "1"])
            #expect(stale.status == .conflict)
            #expect(stale.body.string.contains("Someone else changed this account"))
            #expect(stale.body.string.contains(#"name="version" value="2""#))
            #expect(try await Account.query(on: app.db).first()?.name == "Karoo Wol 2")
        }
    }

    @Test func contactsAreCreatedUnderTheirAccountByName() async throws {
        try await withTestApp { app in
            let browser = try await signedIn(app, "lucia@example.es")
            try await browser.get("/accounts/new")
            let account = try #require(try await browser.post("/accounts/new", ["name": "Pesca Sur", "kind": "company"]).headers.first(name: .location))
            let id = String(account.split(separator: "/").last!)
            let form = try await browser.get("/contacts/new?account=\(id)")
            #expect(form.body.string.contains(#"name="accountName" value="Pesca Sur""#))

            let created = try await browser.post("/contacts/new", [
                "givenName": "Lucía", "familyName": "Fernández", "accountName": "Pesca Sur", "buyingRole": "decision_maker",
                "department": "Compras", "mayEmail": "true", "profile[birthday]": "1980-05-17", "profile[hobbies]": "Vela",
                "socialProfiles[0][network]": "linkedin", "socialProfiles[0][handle]": "https://linkedin.com/in/lucia",
            ])
            #expect(created.status == .seeOther)
            let contact = try #require(try await Contact.query(on: app.db).first())
            #expect(contact.displayName == "Lucía Fernández")
            #expect(contact.mayEmail && !contact.mayCall && !contact.mayMarket)
            #expect(contact.profile.hobbies == "Vela")
            let card = try await browser.get(account)
            #expect(card.body.string.contains("Compras"))
            #expect(card.body.string.contains("Decision maker"))

            let unknown = try await browser.post("/contacts/new", ["givenName": "X", "accountName": "Nowhere Ltd"])
            #expect(unknown.status == .unprocessableEntity)
            #expect(unknown.body.string.contains("is not the name of an account"))
        }
    }

    @Test func theCallerScreenShowsTheCustomerOrOffersANewContact() async throws {
        try await withTestApp { app in
            app.config.defaultCountry = "LT"
            let browser = try await signedIn(app, "ona@example.lt")
            let (api, _) = try await app.apiClient("api@example.lt")
            try await api.createContact(["displayName": "Ona Žemaitė", "phones": [["value": "+370 612 34567"]]])

            let found = try await browser.get("/lookup?phone=8%20612%2034567")
            #expect(found.body.string.contains("Ona Žemaitė"))
            #expect(found.body.string.contains("Owner: api@example.lt"))

            let missing = try await browser.get("/lookup?phone=8%20699%2099999")
            #expect(missing.body.string.contains(#"id="no-match""#))
            #expect(missing.body.string.contains("/contacts/new?phone=8%20699%2099999"))
            let prefilled = try await browser.get("/contacts/new?phone=8%20699%2099999")
            #expect(prefilled.body.string.contains(#"value="8 699 99999""#))

            #expect(try await browser.get("/lookup?phone=abc").status == .badRequest)
        }
    }

    @Test func quickSearchAndArchiving() async throws {
        try await withTestApp { app in
            let browser = try await signedIn(app, "ona@example.lt")
            try await browser.get("/accounts/new")
            let account = try #require(try await browser.post("/accounts/new", ["name": "Žemaitijos pienas", "kind": "company"]).headers.first(name: .location))

            #expect(try await browser.get("/search?q=zemaitijos").body.string.contains("Žemaitijos pienas"))
            #expect(try await browser.get(account + "/archive").body.string.contains("Archive Žemaitijos pienas?"))
            #expect(try await browser.post(account + "/archive").status == .seeOther)
            #expect(!(try await browser.get("/accounts")).body.string.contains("Žemaitijos pienas"))
            #expect(try await browser.get("/accounts?archived=true").body.string.contains("Žemaitijos pienas"))
            #expect(try await browser.get("/search?q=zemaitijos").body.string.contains("Nothing found"))
        }
    }

    @Test func othersReadButDoNotChangeOrErase() async throws {
        try await withTestApp { app in
            let (api, _) = try await app.apiClient("owner@example.lt")
            let account = try await api.createAccount(["name": "Baltic Amber"])
            let browser = try await signedIn(app, "colleague@example.lt")

            let card = try await browser.get("/accounts/\(account.id)")
            #expect(card.status == .ok)
            #expect(!card.body.string.contains("/edit"))
            #expect(try await browser.get("/accounts/\(account.id)/edit").status == .forbidden)
            #expect(try await browser.post("/accounts/\(account.id)/edit", ["name": "Mine", "version": "1"]).status == .forbidden)
            #expect(try await browser.get("/accounts/\(account.id)/erase").status == .forbidden)
            #expect(try await browser.post("/accounts/\(account.id)/erase").status == .forbidden)
            #expect(try await Account.query(on: app.db).first()?.name == "Baltic Amber")
        }
    }
}
