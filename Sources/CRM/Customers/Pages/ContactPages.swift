import CRMCore
import Foundation

/// The contact list, card and form.
enum ContactPages {
    struct ListModel {
        let page: ListPage<ContactDTO>
        let query: [String: String]
        let owners: [UserRef]
    }

    static func list(_ model: ListModel, _ context: PageContext) -> Node {
        Layout.page("Contacts", context) {
            Node.div(.class("title-row")) {
                Node.h1 { "Contacts" }
                Node.div(.class("actions")) {
                    Node.a(.href(Site.contactNew()), .class("button")) { "New contact" }
                    Node.a(.href(Site.contactImport()), .class("button secondary")) { "Import vCard" }
                    Node.a(.href(Site.contactsVCard() + "?" + ["owner", "tag", "account"].compactMap { key in
                        model.query[key].flatMap { $0.isEmpty ? nil : key + "=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") }
                    }.joined(separator: "&")), .class("button secondary")) { "Export vCard" }
                }
            }
            Node.form(.method("get"), .action(Site.contacts()), .class("filters")) {
                FormField.select("owner", label: "Owner", options: model.owners.map { ($0.id.uuidString, $0.name) },
                                 selected: model.query["owner"], includeEmpty: true)
                FormField.input("tag", label: "Tag", value: model.query["tag"])
                FormField.select("sort", label: "Sort by", options: [("name", "Name A–Z"), ("-name", "Name Z–A"),
                                                                     ("-updatedAt", "Recently changed"), ("updatedAt", "Least recently changed")],
                                 selected: model.query["sort"] ?? "name")
                FormField.checkbox("archived", label: "Archived only", checked: model.query["archived"] == "true")
                Node.button(.type("submit"), .class("secondary")) { "Filter" }
            }
            if model.page.items.isEmpty {
                Node.p(.class("muted")) { "No contacts match." }
            } else {
                Node.table(.class("list")) {
                    Node.thead { Node.tr { Node.th { "Name" }; Node.th { "Title" }; Node.th { "Account" }; Node.th { "Phone" }; Node.th { "Email" }; Node.th { "Owner" } } }
                    Node.tbody {
                        for contact in model.page.items {
                            Node.tr {
                                Node.td { Node.a(.href(Site.contact(contact.id))) { .text(contact.displayName) } }
                                Node.td { .text(contact.title ?? "") }
                                Node.td {
                                    if let account = contact.account { Node.a(.href(Site.account(account.id))) { .text(account.name) } }
                                }
                                Node.td { .text(contact.phones.first?.value ?? "") }
                                Node.td { .text(contact.emails.first?.value ?? "") }
                                Node.td { .text(contact.owner?.name ?? "") }
                            }
                        }
                    }
                }
            }
            NextPageLink.node(Site.contacts(), query: model.query, nextCursor: model.page.nextCursor)
        }
    }

    struct CardModel {
        let card: CustomerCards.ContactCard
        let canEdit: Bool
        let canErase: Bool
        let timeZone: String
        /// Sections other areas add (the timeline).
        var sections: [Contributions.CardSection] = []
    }

    static func card(_ model: CardModel, _ context: PageContext) -> Node {
        let contact = model.card.contact
        return Layout.page(contact.displayName, context) {
            Node.div(.class("title-row")) {
                Node.h1 {
                    .text(contact.displayName)
                    if contact.archivedAt != nil { Node.span(.class("tag warn")) { "Archived" } }
                }
                Node.div(.class("actions")) {
                    Node.a(.href(Site.contactLog(contact.id)), .class("button")) { "Log interaction" }
                    Node.a(.href(Site.contactEmail(contact.id)), .class("button secondary")) { "Email" }
                    Node.a(.href(Site.contactVCard(contact.id)), .class("button secondary")) { "vCard" }
                    if model.canEdit {
                        Node.a(.href(Site.contactEdit(contact.id)), .class("button")) { "Edit" }
                        if contact.archivedAt == nil {
                            Node.a(.href(Site.contactArchive(contact.id)), .class("button secondary")) { "Archive" }
                        } else {
                            Node.form(.method("post"), .action(Site.contactRestore(contact.id))) {
                                context.csrfField
                                Node.button(.type("submit"), .class("secondary")) { "Restore" }
                            }
                        }
                    }
                    if model.canErase { Node.a(.href(Site.contactErase(contact.id)), .class("button danger")) { "Erase…" } }
                }
            }
            Node.p(.class("subtitle")) {
                .text([contact.title, contact.department].compactMap { $0 }.joined(separator: ", "))
                if let account = contact.account {
                    Node.text(" at ")
                    Node.a(.href(Site.account(account.id))) { .text(account.name) }
                }
                Node.text(" · Owner: ")
                Node.strong { .text(contact.owner?.name ?? "—") }
            }
            CustomerPageParts.tags(contact.tags, listPath: Site.contacts())
            Node.div(.class("grid")) {
                Node.section(.class("card")) {
                    Node.h2 { "Reaching them" }
                    Node.dl {
                        Node.dt { "Phone" }; Node.dd { CustomerPageParts.points(contact.phones, phone: true) }
                        Node.dt { "Email" }; Node.dd { CustomerPageParts.points(contact.emails, phone: false) }
                        if let channel = contact.preferredChannel.flatMap(PreferredChannel.init(rawValue:)) {
                            Node.dt { "Prefers" }; Node.dd { .text(channel.label) }
                        }
                        if let language = contact.language { Node.dt { "Language" }; Node.dd { .text(language) } }
                        Node.dt { "Consent" }
                        Node.dd { .text(consent(contact)) }
                        for social in contact.socialProfiles {
                            Node.dt { .text(social.network.capitalized) }
                            Node.dd {
                                if social.handle.hasPrefix("https://") || social.handle.hasPrefix("http://") {
                                    Node.a(.href(social.handle), .rel("noopener noreferrer")) { .text(social.handle) }
                                } else {
                                    Node.text(social.handle)
                                }
                            }
                        }
                    }
                }
                Node.section(.class("card")) {
                    Node.h2 { "Personal profile" }
                    Node.dl {
                        if let role = contact.buyingRole.flatMap(BuyingRole.init(rawValue:)) { Node.dt { "Buying role" }; Node.dd { .text(role.label) } }
                        for (label, value) in profileLines(contact.profile) {
                            Node.dt { .text(label) }; Node.dd(.class("prose")) { .text(value) }
                        }
                    }
                }
            }
            model.sections.nodes(.summary)
            model.sections.nodes(.activity)
        }
    }

    static func consent(_ contact: ContactDTO) -> String {
        let allowed = [(contact.mayEmail, "email"), (contact.mayCall, "calls"), (contact.mayMarket, "marketing")].filter(\.0).map(\.1)
        return allowed.isEmpty ? "No contact allowed" : "Allows " + allowed.joined(separator: ", ")
    }

    static func profileLines(_ profile: PersonalProfileValue) -> [(String, String)] {
        [("Birthday", profile.birthday), ("Family", profile.family), ("Home town", profile.homeTown), ("School", profile.school),
         ("Sports", profile.sports), ("Hobbies", profile.hobbies), ("Ambitions", profile.ambitions), ("Notes", profile.notes)]
            .compactMap { label, value in value.map { (label, $0) } }
    }

    struct FormModel {
        var form: ContactForm
        var errors: [String: String] = [:]
        var owners: [UserRef]
        var contactID: UUID?
        var conflict = false
    }

    static func form(_ model: FormModel, _ context: PageContext) -> Node {
        let editing = model.contactID != nil
        let form = model.form
        let errors = model.errors
        let profile = form.profile ?? PersonalProfileValue()
        let title = editing ? "Edit \(form.displayName ?? "contact")" : "New contact"
        return Layout.page(title, context) {
            Node.h1 { .text(title) }
            if model.conflict {
                Node.p(.class("alert"), .init("role", "alert")) {
                    "Someone else changed this contact while you were editing. Your changes are below and were not saved; save again to keep them over the other change, or open the contact to see it."
                }
            }
            Node.form(.method("post"), .action(editing ? Site.contactEdit(model.contactID!) : Site.contactNew()), .class("record")) {
                context.csrfField
                if let version = form.version { Node.input(.type("hidden"), .name("version"), .value(String(version))) }
                FormField.otherErrors(errors, shown: shownFields(errors))
                Node.fieldset {
                    Node.legend("Person")
                    FormField.input("givenName", label: "Given name", value: form.givenName, errors: errors)
                    FormField.input("familyName", label: "Family name", value: form.familyName, errors: errors)
                    FormField.input("displayName", label: "Shown as (leave empty for given + family name)", value: form.displayName, errors: errors)
                    FormField.input("title", label: "Title / role", value: form.title, errors: errors)
                    FormField.input("accountName", label: "Account", value: form.accountName, errors: errors, errorKey: "accountId",
                                    extra: CustomerPageParts.accountPicker)
                    CustomerPageParts.accountNames
                    FormField.input("department", label: "Department", value: form.department, errors: errors)
                    FormField.select("buyingRole", label: "Buying role", options: BuyingRole.allCases.map { ($0.rawValue, $0.label) },
                                     selected: form.buyingRole, errors: errors, includeEmpty: true)
                    FormField.select("ownerId", label: "Owner (responsible person)", options: model.owners.map { ($0.id.uuidString, $0.name) },
                                     selected: form.ownerId ?? context.userID, errors: errors)
                    FormField.input("tags", label: "Tags (comma-separated)", value: form.tags, errors: errors)
                }
                CustomerPageParts.pointRows("phones", form.phones, type: "tel", errors: errors)
                CustomerPageParts.pointRows("emails", form.emails, type: "email", errors: errors)
                Node.fieldset {
                    Node.legend("Communication")
                    FormField.select("preferredChannel", label: "Preferred channel", options: PreferredChannel.allCases.map { ($0.rawValue, $0.label) },
                                     selected: form.preferredChannel, errors: errors, includeEmpty: true)
                    FormField.input("language", label: "Language (e.g. lt, af, zh-Hans, es, ta)", value: form.language, errors: errors)
                    FormField.checkbox("mayEmail", label: "May be emailed", checked: form.mayEmail == "true")
                    FormField.checkbox("mayCall", label: "May be called", checked: form.mayCall == "true")
                    FormField.checkbox("mayMarket", label: "Agreed to marketing", checked: form.mayMarket == "true")
                }
                Node.fieldset(.class("rows")) {
                    Node.legend("Social profiles")
                    for (index, social) in ((form.socialProfiles ?? []) + [SocialProfileValue(network: "", handle: "")]).enumerated() {
                        Node.div(.class("row")) {
                            FormField.input("socialProfiles[\(index)][network]", label: "Network", value: social.network, errors: errors, errorKey: "socialProfiles[\(index)]")
                            FormField.input("socialProfiles[\(index)][handle]", label: "Handle or URL", value: social.handle, errors: errors, errorKey: "socialProfiles[\(index)].handle")
                        }
                    }
                }
                Node.fieldset {
                    Node.legend("Personal profile")
                    FormField.input("profile[birthday]", label: "Birthday", value: profile.birthday, type: "date", errors: errors, errorKey: "profile.birthday")
                    FormField.input("profile[homeTown]", label: "Home town", value: profile.homeTown, errors: errors, errorKey: "profile.homeTown")
                    FormField.input("profile[school]", label: "School", value: profile.school, errors: errors, errorKey: "profile.school")
                    FormField.input("profile[family]", label: "Family", value: profile.family, errors: errors, errorKey: "profile.family")
                    FormField.input("profile[sports]", label: "Sports", value: profile.sports, errors: errors, errorKey: "profile.sports")
                    FormField.input("profile[hobbies]", label: "Hobbies", value: profile.hobbies, errors: errors, errorKey: "profile.hobbies")
                    FormField.input("profile[ambitions]", label: "Ambitions", value: profile.ambitions, errors: errors, errorKey: "profile.ambitions")
                    FormField.textarea("profile[notes]", label: "Notes", value: profile.notes, errors: errors)
                }
                Node.button(.type("submit")) { .text(editing ? "Save changes" : "Create contact") }
            }
        }
    }

    private static func shownFields(_ errors: [String: String]) -> Set<String> {
        let direct: Set<String> = ["givenName", "familyName", "displayName", "title", "accountId", "department", "buyingRole", "ownerId",
                                   "tags", "preferredChannel", "language"]
        return direct.union(errors.keys.filter {
            $0.hasPrefix("phones[") || $0.hasPrefix("emails[") || $0.hasPrefix("socialProfiles[") || ($0.hasPrefix("profile.") && $0 != "profile.notes")
        })
    }
}
