import CRMCore
import Vapor

/// The frame of every page: header with navigation, the page's content, and a shared stylesheet.
enum Layout {
    /// `script` names one same-origin script for pages that need a little behaviour (the board's drag and drop).
    static func page(_ title: String, _ context: PageContext, script: String? = nil, @NodeBuilder content: () -> [Node]) -> Node {
        .fragment([
            .trusted("<!DOCTYPE html>"),
            .html(.lang("en")) {
                Node.head {
                    Node.meta(Attribute("charset", "utf-8"))
                    Node.meta(.name("viewport"), .content("width=device-width, initial-scale=1"))
                    Node.title(title + " · CRM")
                    Node.link(.rel("stylesheet"), .href(Stylesheet.path))
                    Node.script(.src(TypeAheadScript.script.path), Attribute("defer", nil))
                    if let script { Node.script(.src(script), Attribute("defer", nil)) }
                }
                Node.body {
                    header(context)
                    Node.main(.id("content")) {
                        if let notice = context.notice {
                            Node.p(.class("notice"), .init("role", "status")) { .text(notice) }
                        }
                        content()
                    }
                }
            },
        ])
    }

    private static func header(_ context: PageContext) -> Node {
        .header(.class("top")) {
            Node.a(.href("/"), .class("brand")) { "CRM" }
            if let name = context.userName {
                Node.nav(.aria("label", "Main")) {
                    navLink("Home", "/", context)
                    navLink("My day", Site.myDay(), context)
                    navLink("Accounts", Site.accounts(), context)
                    navLink("Contacts", Site.contacts(), context)
                    navLink("Pipeline", Site.board(), context)
                    navLink("Orders", Site.orders(), context)
                    navLink("Products", Site.products(), context)
                    navLink("Profit", Site.profit(), context)
                    navLink("Commissions", Site.commissions(), context)
                    navLink("Cases", Site.cases(), context)
                    navLink("Loyalty", Site.loyalty(), context)
                    navLink("Caller lookup", Site.lookup(), context)
                    navLink("Unmatched mail", Site.unmatchedMail(), context)
                    navLink("Outgoing mail", Site.outbox(), context)
                    if context.role?.canManageUsers == true { navLink("Users", Site.users(), context) }
                    if context.role?.canSetContactCap == true { navLink("Contact cap", Site.contactCapRules(), context) }
                    if context.role?.canManageJobs == true { navLink("Jobs", Site.jobs(), context) }
                    navLink("Settings", Site.settings(), context)
                }
                Node.form(.method("get"), .action(Site.search()), .class("quick-search"), .init("role", "search")) {
                    Node.input(.type("search"), .name("q"), .placeholder("Search name, email, phone"), .aria("label", "Search customers"))
                }
                Node.form(.method("post"), .action(Site.signOut()), .class("signout")) {
                    context.csrfField
                    Node.span(.class("who")) { .text(name) }
                    Node.button(.type("submit")) { "Sign out" }
                }
            }
        }
    }

    private static func navLink(_ label: String, _ href: String, _ context: PageContext) -> Node {
        let current = href == "/" ? context.path == "/" : context.path.hasPrefix(href)
        return .a(.href(href), .when(current, .aria("current", "page"))) { .text(label) }
    }
}

extension Node {
    /// An HTML response with the page; `status` lets a form re-render with 422 and its errors.
    func response(status: HTTPResponseStatus = .ok) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .html
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: status, headers: headers, body: .init(string: render()))
    }
}
