import CRMCore
import Vapor

/// The caller screen (`/lookup?phone=…`, which a telephone system can open on an incoming call) and quick search.
enum LookupPages {
    /// Shows who is calling, or "no match" with a one-click new contact for the number.
    @Sendable static func lookup(_ request: Request) async throws -> Response {
        let raw = request.query[String.self, at: "phone"] ?? ""
        let context = PageContext(request)
        guard !raw.trimmingCharacters(in: .whitespaces).isEmpty else { return page(raw: "", outcome: .empty, context).response() }
        do {
            let number = try PhoneNumber(raw, defaultCountry: request.application.config.defaultCountry)
            let result = try await CallerLookup(db: request.db, now: request.now).find(number)
            // What is going on with them comes from the other areas, for the first few callers (a number rarely has more).
            var sections: [UUID: [Contributions.CardSection]] = [:]
            for match in result.matches.prefix(3) {
                let accountID = match.type == "account" ? match.id : match.account?.id
                let subject: CustomerSubject = match.type == "account" ? .account(match.id) : .contact(match.id)
                sections[match.id] = try await request.application.contributions.callerSections(of: subject, accountID: accountID, request)
            }
            return page(raw: raw, outcome: .found(result, sections), context).response()
        } catch let problem as PhoneNumber.Problem {
            return page(raw: raw, outcome: .unreadable(problem.description), context).response(status: .badRequest)
        }
    }

    enum Outcome {
        case empty
        case unreadable(String)
        case found(CallerLookup.Result, [UUID: [Contributions.CardSection]])
    }

    static func page(raw: String, outcome: Outcome, _ context: PageContext) -> Node {
        Layout.page("Caller lookup", context) {
            Node.h1 { "Caller lookup" }
            Node.form(.method("get"), .action(Site.lookup()), .class("filters")) {
                FormField.input("phone", label: "Phone number", value: raw, type: "tel", extra: [.autofocus])
                Node.button(.type("submit")) { "Look up" }
            }
            switch outcome {
            case .empty:
                Node.p(.class("muted")) { "Type a number as the caller gave it, in any writing." }
            case let .unreadable(reason):
                Node.p(.class("alert")) { "This number \(reason)." }
            case let .found(result, _) where result.matches.isEmpty:
                Node.div(.class("card"), .id("no-match")) {
                    Node.p { "No customer has the number \(result.phone)." }
                    Node.a(.href(QueryString.link(Site.contactNew(), ["phone": raw])), .class("button")) {
                        "Create a contact with this number"
                    }
                }
            case let .found(result, sections):
                for match in result.matches {
                    caller(match, phone: result.phone, raw: raw, sections: sections[match.id] ?? [])
                }
            }
        }
    }

    /// One caller: who, the *Log this call* button, and what is going on with their account.
    private static func caller(_ match: CallerLookup.Match, phone: String, raw: String, sections: [Contributions.CardSection]) -> Node {
        let (path, logPath) = match.type == "contact" ? (Site.contact(match.id), Site.contactLog(match.id))
            : (Site.account(match.id), Site.accountLog(match.id))
        let logCall = QueryString.link(logPath, [
            "kind": "call", "direction": "inbound", "phone": raw, "returnTo": QueryString.link(Site.lookup(), ["phone": raw]),
        ])
        return .div(.class("card caller"), .data("type", match.type)) {
            Node.div(.class("title-row")) {
                Node.h2 { Node.a(.href(path)) { .text(match.name) } }
                Node.a(.href(logCall), .class("button"), .id("log-call")) { "Log this call" }
            }
            Node.p {
                if let title = match.title { Node.text(title) }
                if match.title != nil, match.account != nil { Node.text(" · ") }
                if let account = match.account { Node.a(.href(Site.account(account.id))) { .text(account.name) } }
            }
            Node.p(.class("muted")) {
                .text("Owner: \(match.owner?.name ?? "—") · matched the \(match.matchedLabel) number \(phone)")
            }
            Node.div(.class("grid")) { sections.nodes(.summary) }
            sections.nodes(.activity)
        }
    }

    /// The header's quick search.
    @Sendable static func search(_ request: Request) async throws -> Response {
        let q = (request.query[String.self, at: "q"] ?? "").trimmingCharacters(in: .whitespaces)
        let paging = try PageRequest(from: request)
        let page = q.isEmpty ? ListPage(items: [], nextCursor: nil)
            : try await CustomerSearch(db: request.db, defaultCountry: request.application.config.defaultCountry).page(String(q.prefix(100)), paging: paging)
        let (hits, next) = (page.items, page.nextCursor)
        return Layout.page("Search", PageContext(request)) {
            Node.h1 { q.isEmpty ? "Search" : "Results for “\(q)”" }
            if !q.isEmpty && hits.isEmpty { Node.p(.class("muted")) { "Nothing found." } }
            Node.ul(.class("results")) {
                for hit in hits {
                    Node.li {
                        Node.span(.class("tag")) { .text(hit.type == "account" ? "Account" : "Contact") }
                        Node.text(" ")
                        Node.a(.href("/\(hit.type == "account" ? "accounts" : "contacts")/\(hit.id)")) { .text(hit.name) }
                        if let detail = hit.detail { Node.span(.class("muted")) { .text(" " + detail) } }
                    }
                }
            }
            NextPageLink.node(Site.search(), query: ["q": q], nextCursor: next)
        }.response()
    }
}
