import CRMCore
import Foundation

/// The account list, card and form.
enum AccountPages {
    struct ListModel {
        let page: ListPage<AccountDTO>
        let query: [String: String]
        let owners: [UserRef]
        /// Columns other areas add (the tier by profit), with their values for the accounts shown.
        var columns: [(title: String, values: [UUID: String])] = []
    }

    static func list(_ model: ListModel, _ context: PageContext) -> Node {
        Layout.page("Accounts", context) {
            Node.div(.class("title-row")) {
                Node.h1 { "Accounts" }
                Node.a(.href(Site.accountNew()), .class("button")) { "New account" }
            }
            Node.form(.method("get"), .action(Site.accounts()), .class("filters")) {
                FormField.select("owner", label: "Owner", options: model.owners.map { ($0.id.uuidString, $0.name) },
                                 selected: model.query["owner"], includeEmpty: true)
                FormField.input("tag", label: "Tag", value: model.query["tag"])
                FormField.input("industry", label: "Industry", value: model.query["industry"])
                FormField.select("sort", label: "Sort by", options: [("name", "Name A–Z"), ("-name", "Name Z–A"),
                                                                     ("-updatedAt", "Recently changed"), ("updatedAt", "Least recently changed")],
                                 selected: model.query["sort"] ?? "name")
                FormField.checkbox("archived", label: "Archived only", checked: model.query["archived"] == "true")
                Node.button(.type("submit"), .class("secondary")) { "Filter" }
            }
            if model.page.items.isEmpty {
                Node.p(.class("muted")) { "No accounts match." }
            } else {
                Node.table(.class("list")) {
                    Node.thead { Node.tr { Node.th { "Name" }; for column in model.columns { Node.th { .text(column.title) } }; Node.th { "Industry" }; Node.th { "Phone" }; Node.th { "Owner" }; Node.th { "Tags" } } }
                    Node.tbody {
                        for account in model.page.items {
                            Node.tr {
                                Node.td { Node.a(.href(Site.account(account.id))) { .text(account.name) } }
                                for column in model.columns { Node.td { .text(column.values[account.id] ?? "") } }
                                Node.td { .text(account.industry ?? "") }
                                Node.td { .text(account.phones.first?.value ?? "") }
                                Node.td { .text(account.owner?.name ?? "") }
                                Node.td { CustomerPageParts.tags(account.tags, listPath: Site.accounts()) }
                            }
                        }
                    }
                }
            }
            NextPageLink.node(Site.accounts(), query: model.query, nextCursor: model.page.nextCursor)
        }
    }

    struct CardModel {
        let card: CustomerCards.AccountCard
        let canEdit: Bool
        let canErase: Bool
        let timeZone: String
        var competitorErrors: [String: String] = [:]
        /// Sections other areas add: sales under the title; deals, quotes and the timeline below the profile.
        var sections: [Contributions.CardSection] = []
    }

    static func card(_ model: CardModel, _ context: PageContext) -> Node {
        let account = model.card.account
        return Layout.page(account.name, context) {
            Node.div(.class("title-row")) {
                Node.h1 {
                    .text(account.name)
                    if account.archivedAt != nil { Node.span(.class("tag warn")) { "Archived" } }
                }
                Node.div(.class("actions")) {
                    if model.canEdit {
                        Node.a(.href(Site.accountEdit(account.id)), .class("button")) { "Edit" }
                        if account.archivedAt == nil {
                            Node.a(.href(Site.accountArchive(account.id)), .class("button secondary")) { "Archive" }
                        } else {
                            Node.form(.method("post"), .action(Site.accountRestore(account.id))) {
                                context.csrfField
                                Node.button(.type("submit"), .class("secondary")) { "Restore" }
                            }
                        }
                    }
                    if model.canErase { Node.a(.href(Site.accountErase(account.id)), .class("button danger")) { "Erase…" } }
                    Node.a(.href(Site.accountLog(account.id)), .class("button secondary")) { "Log interaction" }
                    Node.a(.href(Site.dealNew() + "?account=\(account.id)"), .class("button secondary")) { "New deal" }
                    Node.a(.href(Site.accountQuote(account.id)), .class("button secondary")) { "New quote" }
                    Node.a(.href(Site.deals() + "?account=\(account.id)"), .class("button secondary")) { "Deals" }
                }
            }
            Node.p(.class("subtitle")) {
                .text([account.kind == "individual" ? "Individual" : "Company", account.industry, account.sizeBand.map { $0 + " employees" }]
                    .compactMap { $0 }.joined(separator: " · "))
                Node.text(" · Owner: ")
                Node.strong { .text(account.owner?.name ?? "—") }
                if let parent = model.card.parent {
                    Node.text(" · Part of ")
                    Node.a(.href(Site.account(parent.id))) { .text(parent.name) }
                }
            }
            CustomerPageParts.tags(account.tags, listPath: Site.accounts())
            model.sections.nodes(.summary)
            Node.div(.class("grid")) {
                Node.section(.class("card")) {
                    Node.h2 { "Contact details" }
                    Node.dl {
                        Node.dt { "Phone" }; Node.dd { CustomerPageParts.points(account.phones, phone: true) }
                        Node.dt { "Email" }; Node.dd { CustomerPageParts.points(account.emails, phone: false) }
                        if let website = account.website {
                            Node.dt { "Website" }
                            Node.dd { Node.a(.href(website.contains("://") ? website : "https://" + website), .rel("noopener noreferrer")) { .text(website) } }
                        }
                        for address in account.addresses {
                            Node.dt { .text(address.kind.capitalized + " address") }
                            Node.dd { .text([address.street, address.postalCode, address.city, address.region, address.country].compactMap { $0 }.joined(separator: ", ")) }
                        }
                    }
                }
                Node.section(.class("card")) {
                    Node.h2 { "Business" }
                    Node.dl {
                        if let volume = account.annualPurchaseVolumeMinor, let currency = account.currency {
                            Node.dt { "Annual purchase volume" }; Node.dd { .text(MinorUnits.display(volume, currency: currency)) }
                        }
                        if let price = account.typicalPriceMinor, let currency = account.currency {
                            Node.dt { "Typical price" }; Node.dd { .text(MinorUnits.display(price, currency: currency)) }
                        }
                        for (label, text) in [("Situation", account.businessNotes), ("Sales goals", account.salesGoals), ("How they use our products", account.productUsage)] {
                            if let text { Node.dt { .text(label) }; Node.dd(.class("prose")) { .text(text) } }
                        }
                    }
                }
            }
            organisation(model.card)
            competitors(model, context)
            if !model.card.subsidiaries.isEmpty {
                Node.section(.class("card")) {
                    Node.h2 { "Subsidiaries" }
                    Node.ul { for sub in model.card.subsidiaries { Node.li { Node.a(.href(Site.account(sub.id))) { .text(sub.name) } } } }
                }
            }
            model.sections.nodes(.activity)
        }
    }

    /// Departments with their people, decision makers first, so a salesperson sees who decides.
    private static func organisation(_ card: CustomerCards.AccountCard) -> Node {
        .section(.class("card")) {
            Node.div(.class("title-row")) {
                Node.h2 { "People and organisation" }
                Node.a(.href(Site.contactNew() + "?account=\(card.account.id)"), .class("button secondary")) { "Add contact" }
                Node.a(.href(Site.accountNew() + "?parent=\(card.account.id)"), .class("button secondary")) { "Add subsidiary" }
            }
            if card.organisation.isEmpty { Node.p(.class("muted")) { "No contacts yet." } }
            Node.div(.class("org")) {
                for department in card.organisation {
                    Node.div(.class("department")) {
                        Node.h3 { .text(department.department ?? "No department") }
                        Node.ul(.class("plain")) {
                            for person in department.people {
                                Node.li {
                                    Node.a(.href(Site.contact(person.id))) { .text(person.displayName) }
                                    if let title = person.title { Node.span(.class("muted")) { .text(" " + title) } }
                                    if let role = person.buyingRole.flatMap(BuyingRole.init(rawValue:)) {
                                        Node.span(.class(role == .decisionMaker ? "tag strong" : "tag")) { .text(role.label) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private static func competitors(_ model: CardModel, _ context: PageContext) -> Node {
        .section(.class("card"), .id("competitors")) {
            Node.h2 { "Competitors at this customer" }
            if model.card.competitors.isEmpty { Node.p(.class("muted")) { "Nothing known yet." } }
            for entry in model.card.competitors {
                Node.div(.class("competitor")) {
                    Node.strong { .text(entry.competitor) }
                    if let product = entry.product { Node.text(" — " + product) }
                    if let satisfaction = entry.satisfaction {
                        Node.span(.class("tag"), .title("Customer's satisfaction with it")) { .text("Satisfaction \(satisfaction)/5") }
                    }
                    if let rep = entry.competitorRep {
                        Node.p { .text("Their rep: " + rep + (entry.repRelationship.map { " (" + $0 + ")" } ?? "")) }
                    }
                    if let notes = entry.notes { Node.p(.class("prose")) { .text(notes) } }
                    Node.p(.class("muted")) { .text(["Learned " + (entry.learnedOn ?? "—"), entry.createdBy.map { "by " + $0.name }].compactMap { $0 }.joined(separator: " ")) }
                }
            }
            Node.details(.when(!model.competitorErrors.isEmpty, Attribute("open", nil))) {
                Node.el("summary") { "Add what you learned about a competitor" }
                Node.form(.method("post"), .action(Site.accountCompetitors(model.card.account.id))) {
                    context.csrfField
                    FormField.input("competitor", label: "Competitor", errors: model.competitorErrors, extra: [.required])
                    FormField.input("product", label: "Their product in use", errors: model.competitorErrors)
                    FormField.select("satisfaction", label: "Customer's satisfaction with it", options: (1...5).map { (String($0), "\($0) of 5") },
                                     selected: nil, errors: model.competitorErrors, includeEmpty: true)
                    FormField.input("competitorRep", label: "Their sales rep", errors: model.competitorErrors)
                    FormField.input("repRelationship", label: "Rep's relationship with the customer", errors: model.competitorErrors)
                    FormField.textarea("notes", label: "Notes", value: nil, errors: model.competitorErrors)
                    FormField.input("learnedOn", label: "Learned on", type: "date", errors: model.competitorErrors)
                    Node.button(.type("submit")) { "Add" }
                }
            }
        }
    }

    struct FormModel {
        var form: AccountForm
        var errors: [String: String] = [:]
        var owners: [UserRef]
        /// `nil` for a new account.
        var accountID: UUID?
        var conflict = false
    }

    static func form(_ model: FormModel, _ context: PageContext) -> Node {
        let editing = model.accountID != nil
        let form = model.form
        let errors = model.errors
        return Layout.page(editing ? "Edit \(form.name ?? "account")" : "New account", context) {
            Node.h1 { .text(editing ? "Edit \(form.name ?? "account")" : "New account") }
            if model.conflict {
                Node.p(.class("alert"), .init("role", "alert")) {
                    "Someone else changed this account while you were editing. Your changes are below and were not saved; save again to keep them over the other change, or open the account to see it."
                }
            }
            Node.form(.method("post"), .action(editing ? Site.accountEdit(model.accountID!) : Site.accountNew()), .class("record")) {
                context.csrfField
                if let version = form.version { Node.input(.type("hidden"), .name("version"), .value(String(version))) }
                FormField.otherErrors(errors, shown: shownFields(errors))
                Node.fieldset {
                    Node.legend("Account")
                    FormField.input("name", label: "Name", value: form.name, errors: errors, extra: [.required])
                    FormField.select("kind", label: "Kind", options: [("company", "Company"), ("individual", "Individual customer")],
                                     selected: form.kind, errors: errors)
                    FormField.input("industry", label: "Industry", value: form.industry, errors: errors)
                    FormField.select("sizeBand", label: "Size (employees)", options: ["1-10", "11-50", "51-250", "251-1000", "1000+"].map { ($0, $0) },
                                     selected: form.sizeBand, errors: errors, includeEmpty: true)
                    FormField.input("website", label: "Website", value: form.website, errors: errors)
                    FormField.input("parentName", label: "Part of (parent account)", value: form.parentName, errors: errors,
                                    errorKey: "parentId", extra: CustomerPageParts.accountPicker)
                    CustomerPageParts.accountNames
                    FormField.select("ownerId", label: "Owner (responsible person)", options: model.owners.map { ($0.id.uuidString, $0.name) },
                                     selected: form.ownerId ?? context.userID, errors: errors)
                    FormField.input("tags", label: "Tags (comma-separated)", value: form.tags, errors: errors)
                }
                CustomerPageParts.pointRows("phones", form.phones, type: "tel", errors: errors)
                CustomerPageParts.pointRows("emails", form.emails, type: "email", errors: errors)
                Node.fieldset(.class("rows")) {
                    Node.legend("Addresses")
                    for (index, address) in ((form.addresses ?? []) + [AddressValue(kind: "office")]).enumerated() {
                        Node.div(.class("row")) {
                            FormField.select("addresses[\(index)][kind]", label: "Kind", options: CustomerPageParts.addressKindOptions,
                                             selected: address.kind, errors: errors, errorKey: "addresses[\(index)].kind")
                            FormField.input("addresses[\(index)][street]", label: "Street", value: address.street, errors: errors, errorKey: "addresses[\(index)].street")
                            FormField.input("addresses[\(index)][postalCode]", label: "Postal code", value: address.postalCode, errors: errors, errorKey: "addresses[\(index)].postalCode")
                            FormField.input("addresses[\(index)][city]", label: "City", value: address.city, errors: errors, errorKey: "addresses[\(index)].city")
                            FormField.input("addresses[\(index)][region]", label: "Region", value: address.region, errors: errors, errorKey: "addresses[\(index)].region")
                            FormField.input("addresses[\(index)][country]", label: "Country (2 letters)", value: address.country, errors: errors, errorKey: "addresses[\(index)].country")
                        }
                    }
                }
                Node.fieldset {
                    Node.legend("Business")
                    FormField.textarea("businessNotes", label: "Business situation", value: form.businessNotes, errors: errors)
                    FormField.input("annualPurchaseVolume", label: "Annual purchase volume", value: form.annualPurchaseVolume, errors: errors, errorKey: "annualPurchaseVolumeMinor")
                    FormField.input("typicalPrice", label: "Typical price", value: form.typicalPrice, errors: errors, errorKey: "typicalPriceMinor")
                    FormField.input("currency", label: "Currency (e.g. EUR)", value: form.currency, errors: errors)
                    FormField.textarea("salesGoals", label: "Their sales goals", value: form.salesGoals, errors: errors)
                    FormField.textarea("productUsage", label: "How they use our products", value: form.productUsage, errors: errors)
                }
                Node.button(.type("submit")) { .text(editing ? "Save changes" : "Create account") }
            }
        }
    }

    /// Error keys that the form shows next to a control.
    private static func shownFields(_ errors: [String: String]) -> Set<String> {
        let direct: Set<String> = ["name", "kind", "industry", "sizeBand", "website", "parentId", "ownerId", "tags", "businessNotes",
                                   "annualPurchaseVolumeMinor", "typicalPriceMinor", "currency", "salesGoals", "productUsage"]
        return direct.union(errors.keys.filter { $0.hasPrefix("phones[") || $0.hasPrefix("emails[") || $0.hasPrefix("addresses[") })
    }
}
