import CRMCore

/// Who may use each route, decided once: a route registered without a row here fails `PermissionsMatrixTests`.
/// "Allowed" means the role gets past authorization (the answer may still be 404 or 422 for the test's empty
/// input); "refused" means 403 for a signed-in role, and 401 or the sign-in page without one.
/// Records in the test belong to another salesperson, so rules that let owners edit show here as manager/admin.
enum PermissionsMatrix {
    enum Access {
        /// Anyone, signed in or not.
        case publicRoute
        /// Every signed-in role.
        case everyone
        case only(Set<Role>)

        func allows(_ role: Role) -> Bool {
            switch self {
            case .publicRoute, .everyone: true
            case let .only(roles): roles.contains(role)
            }
        }
    }

    static let admin = Access.only([.admin])
    static let managers = Access.only([.admin, .manager])
    static let sellers = Access.only([.admin, .manager, .sales])
    /// Service staff, managers and admins work any case; a salesperson only cases assigned to them or their department.
    static let caseWorkers = Access.only([.admin, .manager, .service])

    /// Bodies for routes whose permission depends on what is asked: service staff may mark an order shipped.
    nonisolated(unsafe) static let samples: [String: [String: Any]] = [
        "POST /api/v1/orders/:orderID/status": ["status": "shipped"],
    ]

    static let rows: [String: Access] = [
        // Auth and settings
        "GET /signin": .publicRoute, "POST /signin": .publicRoute, "POST /signout": .everyone,
        "GET /admin/users": admin, "POST /admin/users": admin, "POST /admin/users/:userID/role": admin,
        "POST /admin/users/:userID/disable": admin, "POST /admin/users/:userID/enable": admin,
        "POST /admin/users/:userID/reset-password": admin,
        "GET /settings": .everyone, "POST /settings/password": .everyone, "POST /settings/tokens": .everyone, "POST /settings/signature": .everyone,
        "POST /settings/tokens/:tokenID/revoke": .everyone,
        "GET /api/v1/me": .everyone, "GET /api/v1/users": .everyone, "GET /api/v1/users/:userID": .everyone,
        // Customers: everyone reads and creates; the owner, managers and admins change; admins erase.
        "GET /api/v1/accounts": .everyone, "POST /api/v1/accounts": .everyone, "GET /api/v1/accounts/:accountID": .everyone,
        "PATCH /api/v1/accounts/:accountID": managers, "DELETE /api/v1/accounts/:accountID": admin,
        "POST /api/v1/accounts/:accountID/archive": managers, "POST /api/v1/accounts/:accountID/restore": managers,
        "GET /api/v1/accounts/:accountID/card": .everyone, "GET /api/v1/accounts/:accountID/competitors": .everyone,
        "POST /api/v1/accounts/:accountID/competitors": .everyone,
        "GET /api/v1/contacts": .everyone, "POST /api/v1/contacts": .everyone, "GET /api/v1/contacts/:contactID": .everyone,
        "PATCH /api/v1/contacts/:contactID": managers, "DELETE /api/v1/contacts/:contactID": admin,
        "POST /api/v1/contacts/:contactID/archive": managers, "POST /api/v1/contacts/:contactID/restore": managers,
        "GET /api/v1/contacts/:contactID/card": .everyone, "GET /api/v1/contacts/:contactID/vcard": .everyone,
        "POST /api/v1/contacts/vcard": .everyone, "GET /api/v1/contacts.vcf": .everyone,
        "PATCH /api/v1/competitors/:competitorID": managers, "POST /api/v1/competitors/:competitorID/archive": managers,
        "POST /api/v1/competitors/:competitorID/restore": managers,
        "GET /api/v1/lookup": .everyone, "GET /api/v1/search": .everyone,
        "GET /accounts": .everyone, "GET /accounts/new": .everyone, "POST /accounts/new": .everyone, "GET /accounts/:accountID": .everyone,
        "GET /accounts/:accountID/edit": managers, "POST /accounts/:accountID/edit": managers,
        "GET /accounts/:accountID/archive": managers, "POST /accounts/:accountID/archive": managers,
        "POST /accounts/:accountID/restore": managers, "GET /accounts/:accountID/erase": admin, "POST /accounts/:accountID/erase": admin,
        "POST /accounts/:accountID/competitors": .everyone,
        "GET /contacts": .everyone, "GET /contacts/new": .everyone, "POST /contacts/new": .everyone, "GET /contacts/:contactID": .everyone,
        "GET /contacts/:contactID/edit": managers, "POST /contacts/:contactID/edit": managers,
        "GET /contacts/:contactID/archive": managers, "POST /contacts/:contactID/archive": managers,
        "POST /contacts/:contactID/restore": managers, "GET /contacts/:contactID/erase": admin, "POST /contacts/:contactID/erase": admin,
        "GET /contacts/:contactID/vcard": .everyone, "GET /contacts.vcf": .everyone,
        "GET /contacts/import": .everyone, "POST /contacts/import": .everyone, "POST /contacts/import/confirm": .everyone,
        "GET /admin/audit": admin, "GET /lookup": .everyone, "GET /search": .everyone,
        // Pipeline: deals like customers; admins configure pipelines.
        "GET /api/v1/opportunities": .everyone, "POST /api/v1/opportunities": .everyone,
        "GET /api/v1/opportunities/:opportunityID": .everyone, "PATCH /api/v1/opportunities/:opportunityID": managers,
        "POST /api/v1/opportunities/:opportunityID/move": managers, "GET /api/v1/opportunities/:opportunityID/history": .everyone,
        "GET /api/v1/pipelines": .everyone, "POST /api/v1/pipelines": admin, "POST /api/v1/pipelines/:pipelineID/stages": admin,
        "GET /api/v1/pipelines/:pipelineID/analysis": .everyone, "PATCH /api/v1/stages/:stageID": admin, "DELETE /api/v1/stages/:stageID": admin,
        "GET /api/v1/board": .everyone, "GET /api/v1/forecast": .everyone, "GET /api/v1/forecast.csv": .everyone,
        "GET /pipeline": .everyone, "GET /forecast": .everyone, "GET /forecast.csv": .everyone,
        "GET /opportunities": .everyone, "GET /opportunities/new": .everyone, "POST /opportunities/new": .everyone,
        "GET /opportunities/:opportunityID": .everyone, "GET /opportunities/:opportunityID/edit": managers,
        "POST /opportunities/:opportunityID/edit": managers, "POST /opportunities/:opportunityID/move": managers,
        "GET /admin/pipelines": admin, "POST /admin/pipelines": admin, "POST /admin/pipelines/:pipelineID/stages": admin,
        "POST /admin/stages/:stageID": admin, "POST /admin/stages/:stageID/move": admin, "POST /admin/stages/:stageID/remove": admin,
        // Sales: managers keep the catalogue and import; admins set tiers, rates and margins; service staff book nothing.
        "GET /api/v1/products": .everyone, "POST /api/v1/products": managers, "GET /api/v1/products/:productID": .everyone,
        "PATCH /api/v1/products/:productID": managers, "GET /api/v1/products/:productID/prices": .everyone,
        "GET /api/v1/margin-tiers": .everyone, "PUT /api/v1/margin-tiers": admin,
        "GET /api/v1/exchange-rates": .everyone, "POST /api/v1/exchange-rates": admin,
        "GET /api/v1/tier-settings": .everyone, "PUT /api/v1/tier-settings": admin, "POST /api/v1/tiers/recompute": managers,
        "GET /api/v1/orders": .everyone, "GET /api/v1/accounts/suggest": .everyone, "GET /accounts/suggest": .everyone, "POST /api/v1/orders": sellers, "GET /api/v1/orders/:orderID": .everyone,
        "POST /api/v1/orders/:orderID/status": .everyone, "GET /api/v1/orders/:orderID/history": .everyone,
        "POST /api/v1/orders/:orderID/revisions": managers, "GET /api/v1/orders/:orderID/revisions": .everyone,
        "POST /api/v1/orders/:orderID/invoices": sellers, "POST /api/v1/orders/:orderID/credit-notes": sellers,
        "POST /api/v1/invoices/:invoiceID/payments": sellers,
        "GET /api/v1/accounts/:accountID/invoices": .everyone, "GET /api/v1/accounts/:accountID/sales": .everyone,
        "PUT /api/v1/accounts/:accountID/credit-limit": managers,
        "GET /api/v1/reports/profit": .everyone, "GET /api/v1/reports/profit.csv": .everyone,
        "GET /api/v1/reports/profit/accounts/:accountID": .everyone, "GET /api/v1/reports/profit/accounts/:accountID/csv": .everyone,
        "GET /api/v1/reports/commissions": .everyone, "GET /api/v1/reports/tier-disagreements": .everyone,
        "POST /api/v1/imports/:kind": managers,
        "GET /accounts/:accountID/orders/new": sellers, "POST /accounts/:accountID/orders/new": sellers,
        "GET /invoices/overdue": .everyone, "GET /api/v1/invoices/overdue": .everyone,
        "GET /orders": .everyone, "GET /orders/:orderID": .everyone, "POST /orders/:orderID/status": sellers,
        "GET /imports": managers, "POST /imports": managers, "POST /imports/confirm": managers,
        "GET /orders/:orderID/revise": managers, "POST /orders/:orderID/revise": managers,
        "POST /orders/:orderID/invoices": sellers, "POST /orders/:orderID/credit-notes": sellers, "POST /invoices/:invoiceID/payments": sellers,
        "GET /admin/exchange-rates": .everyone, "POST /admin/exchange-rates": admin, "POST /admin/exchange-rates/remove": admin,
        "DELETE /api/v1/exchange-rates/:currency/:validFrom": admin,
        "GET /admin/margin-tiers": .everyone, "POST /admin/margin-tiers": admin,
        "GET /products": .everyone, "GET /products/new": managers, "POST /products/new": managers, "GET /products/:productID": .everyone,
        "GET /products/:productID/edit": managers, "POST /products/:productID/edit": managers,
        "GET /reports/commissions": .everyone, "GET /reports/tiers": .everyone, "GET /reports/profit": .everyone,
        "GET /reports/profit.csv": .everyone, "GET /reports/profit/accounts/:accountID": .everyone,
        // Interactions: everyone logs; the author, managers and admins correct; admins set the general cap.
        "POST /api/v1/interactions": .everyone, "GET /api/v1/interactions/:interactionID": .everyone,
        "PATCH /api/v1/interactions/:interactionID": managers, "GET /api/v1/interactions/:interactionID/edits": .everyone,
        "GET /api/v1/accounts/:accountID/timeline": .everyone, "GET /api/v1/contacts/:contactID/timeline": .everyone,
        "GET /api/v1/accounts/:accountID/quotes/latest": .everyone, "GET /api/v1/contacts/:contactID/contact-cap": .everyone,
        "GET /api/v1/contacts/:contactID/contact-cap/rules": .everyone, "PUT /api/v1/contacts/:contactID/contact-cap/rules": managers,
        "GET /api/v1/settings/contact-cap": .everyone, "PUT /api/v1/settings/contact-cap": admin,
        "POST /api/v1/mail/inbound": .everyone, "GET /api/v1/mail/unmatched": .everyone,
        "POST /api/v1/contacts/:contactID/emails": .everyone, "GET /api/v1/mail/outbox": .everyone,
        "POST /api/v1/mail/outbox/:mailID/retry": .everyone, "POST /api/v1/mail/unmatched/:interactionID/attach": .everyone,
        "GET /accounts/:accountID/timeline": .everyone, "GET /contacts/:contactID/timeline": .everyone,
        "GET /mail/unmatched": .everyone, "POST /mail/unmatched/:interactionID/attach": .everyone,
        "POST /mail/unmatched/:interactionID/create": .everyone,
        "GET /contacts/:contactID/interactions/new": .everyone, "POST /contacts/:contactID/interactions/new": .everyone,
        "GET /accounts/:accountID/interactions/new": .everyone, "POST /accounts/:accountID/interactions/new": .everyone,
        "GET /opportunities/:opportunityID/interactions/new": .everyone, "POST /opportunities/:opportunityID/interactions/new": .everyone,
        "GET /contacts/:contactID/email": .everyone, "POST /contacts/:contactID/email": .everyone,
        "GET /interactions/:interactionID": .everyone, "POST /interactions/:interactionID": managers,
        "GET /accounts/:accountID/quotes/new": .everyone, "POST /accounts/:accountID/quotes/new": .everyone,
        "GET /mail/outbox": .everyone, "POST /mail/outbox/:mailID/retry": .everyone,
        "GET /admin/contact-cap": admin, "POST /admin/contact-cap": admin,
        "GET /contacts/:contactID/contact-cap": managers, "POST /contacts/:contactID/contact-cap": managers,
        // Service: everyone reads and opens cases; service staff, managers, admins (and the case's assignee and department)
        // work them; admins configure the desk.
        "GET /api/v1/cases": .everyone, "POST /api/v1/cases": .everyone, "GET /api/v1/cases/:caseID": .everyone,
        "GET /api/v1/cases/:caseID/events": .everyone, "POST /api/v1/cases/:caseID/replies": caseWorkers,
        "POST /api/v1/cases/:caseID/notes": caseWorkers, "POST /api/v1/cases/:caseID/status": caseWorkers,
        "POST /api/v1/cases/:caseID/assign": caseWorkers, "POST /api/v1/cases/:caseID/classify": caseWorkers,
        "GET /api/v1/departments": .everyone, "POST /api/v1/departments": admin, "PUT /api/v1/departments/:departmentID": admin,
        "GET /api/v1/case-routing-rules": .everyone, "POST /api/v1/case-routing-rules": admin, "DELETE /api/v1/case-routing-rules/:ruleID": admin,
        "GET /api/v1/reports/service": .everyone, "GET /reports/service": .everyone, "GET /reports/service.csv": .everyone,
        "GET /api/v1/service-settings": .everyone, "PUT /api/v1/service-settings": admin,
        "GET /cases": .everyone, "GET /cases/new": .everyone, "POST /cases/new": .everyone, "GET /cases/:caseID": .everyone,
        "POST /cases/:caseID/reply": caseWorkers, "POST /cases/:caseID/note": caseWorkers, "POST /cases/:caseID/status": caseWorkers,
        "POST /cases/:caseID/assign": caseWorkers, "POST /cases/:caseID/classify": caseWorkers,
        // Loyalty
        "GET /api/v1/revisit-plans": .everyone, "POST /api/v1/revisit-plans": managers, "GET /api/v1/revisit-plans/:planID": .everyone,
        "PUT /api/v1/revisit-plans/:planID": managers, "DELETE /api/v1/revisit-plans/:planID": managers,
        "GET /api/v1/revisit-plans/:planID/overdue": .everyone, "GET /api/v1/reorder-reminders": .everyone,
        "PUT /api/v1/reorder-reminders/settings": managers, "POST /loyalty/reorder-settings": managers,
        "GET /loyalty": .everyone, "POST /loyalty/revisit-plans": managers, "GET /loyalty/revisit-plans/:planID": .everyone,
        "POST /loyalty/revisit-plans/:planID": managers, "POST /loyalty/revisit-plans/:planID/remove": managers,
        "GET /api/v1/holiday-calendars": .everyone, "PUT /api/v1/holiday-calendars/:calendar": managers,
        "DELETE /api/v1/holiday-calendars/:calendar": managers, "GET /api/v1/holidays": .everyone,
        "GET /api/v1/greetings": .everyone, "POST /api/v1/greetings": managers, "GET /api/v1/greetings/:greetingID": .everyone,
        "PUT /api/v1/greetings/:greetingID": managers, "DELETE /api/v1/greetings/:greetingID": managers,
        "GET /api/v1/greetings/:greetingID/preview": managers, "POST /api/v1/greetings/:greetingID/schedule": managers,
        "POST /api/v1/greetings/:greetingID/unschedule": managers, "POST /api/v1/greetings/:greetingID/send": managers,
        "GET /loyalty/greetings": .everyone, "POST /loyalty/greetings": managers, "GET /loyalty/greetings/:greetingID": .everyone,
        "POST /loyalty/greetings/:greetingID": managers, "POST /loyalty/greetings/:greetingID/schedule": managers,
        "POST /loyalty/greetings/:greetingID/unschedule": managers, "POST /loyalty/greetings/:greetingID/send": managers,
        "POST /loyalty/greetings/:greetingID/remove": managers, "POST /loyalty/holiday-calendars": managers,
        "POST /loyalty/holiday-calendars/remove": managers,
        "GET /admin/service": admin, "POST /admin/service/hours": admin, "POST /admin/service/departments": admin,
        "GET /admin/service/departments/:departmentID": admin, "POST /admin/service/departments/:departmentID": admin,
        "GET /survey/:surveyToken": .publicRoute, "POST /survey/:surveyToken": .publicRoute,
        "POST /admin/service/rules": admin, "POST /admin/service/rules/:ruleID/move": admin, "POST /admin/service/rules/:ruleID/remove": admin,
        // Tasks: everyone sets, reads and (for their own) changes tasks; managers see colleagues' days.
        "GET /api/v1/tasks": .everyone, "POST /api/v1/tasks": .everyone, "GET /api/v1/tasks/:taskID": .everyone,
        "PATCH /api/v1/tasks/:taskID": managers, "POST /api/v1/tasks/:taskID/complete": managers, "POST /api/v1/tasks/:taskID/cancel": managers,
        "GET /api/v1/my-day": .everyone, "GET /my-day": .everyone, "GET /my-day/team": managers, "POST /my-day/reminders": .everyone,
        "POST /my-day/calendar-feed": .everyone, "POST /my-day/calendar-feed/revoke": .everyone, "GET /calendar/:token": .publicRoute,
        "GET /tasks/new": .everyone, "POST /tasks/new": .everyone, "GET /tasks/:taskID": .everyone,
        "GET /tasks/:taskID/edit": managers, "POST /tasks/:taskID/edit": managers,
        "POST /tasks/:taskID/complete": managers, "POST /tasks/:taskID/cancel": managers,
        // Jobs: admins only
        "GET /admin/jobs": admin, "POST /admin/jobs/:jobID/retry": admin, "POST /admin/jobs/:jobID/discard": admin,
        "POST /admin/jobs/schedules/:name/run": admin, "POST /admin/jobs/probe": admin,
        "GET /api/v1/jobs": admin, "POST /api/v1/jobs/:jobID/retry": admin, "POST /api/v1/jobs/:jobID/discard": admin,
        "GET /api/v1/job-schedules": admin, "POST /api/v1/job-schedules/:name/run": admin,
        // Health, home, assets and the API description
        "GET /healthz": .publicRoute, "GET /readyz": .publicRoute, "GET /": .everyone, "GET /assets/*": .publicRoute,
        "GET /api/v1/openapi.json": .publicRoute,
    ]
}
