import Vapor

/// A page's path with its `:parameters`, e.g. `/accounts/:accountID/edit`.
struct PagePath: Sendable {
    let template: String

    init(_ template: String) {
        self.template = template
    }

    /// The path with its parameters filled in, in order: `Site.accountEdit(id)`.
    func callAsFunction(_ values: any CustomStringConvertible...) -> String {
        var remaining = values.makeIterator()
        let filled = template.split(separator: "/").map { part in
            part.hasPrefix(":") ? (remaining.next().map { String(describing: $0) } ?? String(part)) : String(part)
        }
        return "/" + filled.joined(separator: "/")
    }

    var components: [PathComponent] {
        template.split(separator: "/").map { PathComponent(stringLiteral: String($0)) }
    }
}

extension RoutesBuilder {
    @discardableResult
    func get<Response: AsyncResponseEncodable>(_ path: PagePath, use handler: @Sendable @escaping (Request) async throws -> Response) -> Route {
        get(path.components, use: handler)
    }

    @discardableResult
    func post<Response: AsyncResponseEncodable>(_ path: PagePath, use handler: @Sendable @escaping (Request) async throws -> Response) -> Route {
        post(path.components, use: handler)
    }
}

/// Every page's path, in one table. Routes are registered from it and every link, form action and redirect is built
/// from it, so a renamed path cannot leave a dead link: `SiteTests` checks that each is registered and that no other
/// source file writes a page path by hand.
enum Site {
    static let home = PagePath("/")
    static let signIn = PagePath("/signin")
    static let signOut = PagePath("/signout")
    static let settings = PagePath("/settings")
    static let settingsPassword = PagePath("/settings/password")
    static let settingsTokens = PagePath("/settings/tokens")
    static let settingsSignature = PagePath("/settings/signature")
    static let settingsTokenRevoke = PagePath("/settings/tokens/:tokenID/revoke")
    static let users = PagePath("/admin/users")
    static let userRole = PagePath("/admin/users/:userID/role")
    static let userDisable = PagePath("/admin/users/:userID/disable")
    static let userEnable = PagePath("/admin/users/:userID/enable")
    static let userResetPassword = PagePath("/admin/users/:userID/reset-password")
    static let auditLog = PagePath("/admin/audit")
    static let jobs = PagePath("/admin/jobs")
    static let jobRetry = PagePath("/admin/jobs/:jobID/retry")
    static let jobDiscard = PagePath("/admin/jobs/:jobID/discard")
    static let jobScheduleRun = PagePath("/admin/jobs/schedules/:name/run")
    static let jobsProbe = PagePath("/admin/jobs/probe")

    // Tasks
    static let myDay = PagePath("/my-day")
    static let myDayTeam = PagePath("/my-day/team")
    static let myDayReminders = PagePath("/my-day/reminders")
    static let myDayFeed = PagePath("/my-day/calendar-feed")
    static let myDayFeedRevoke = PagePath("/my-day/calendar-feed/revoke")
    /// A user's tasks as iCalendar; the secret in the path is its only credential.
    static let calendarFeed = PagePath("/calendar/:token")
    static let taskNew = PagePath("/tasks/new")
    static let task = PagePath("/tasks/:taskID")
    static let taskEdit = PagePath("/tasks/:taskID/edit")
    static let taskComplete = PagePath("/tasks/:taskID/complete")
    static let taskCancel = PagePath("/tasks/:taskID/cancel")

    // Customers
    static let accounts = PagePath("/accounts")
    static let accountNew = PagePath("/accounts/new")
    /// JSON for the account pickers' type-ahead (`TypeAheadScript`).
    static let accountSuggest = PagePath("/accounts/suggest")
    static let account = PagePath("/accounts/:accountID")
    static let accountEdit = PagePath("/accounts/:accountID/edit")
    static let accountArchive = PagePath("/accounts/:accountID/archive")
    static let accountRestore = PagePath("/accounts/:accountID/restore")
    static let accountErase = PagePath("/accounts/:accountID/erase")
    static let accountCompetitors = PagePath("/accounts/:accountID/competitors")
    static let contacts = PagePath("/contacts")
    static let contactNew = PagePath("/contacts/new")
    static let contact = PagePath("/contacts/:contactID")
    static let contactEdit = PagePath("/contacts/:contactID/edit")
    static let contactArchive = PagePath("/contacts/:contactID/archive")
    static let contactRestore = PagePath("/contacts/:contactID/restore")
    static let contactErase = PagePath("/contacts/:contactID/erase")
    static let contactVCard = PagePath("/contacts/:contactID/vcard")
    static let contactsVCard = PagePath("/contacts.vcf")
    static let contactImport = PagePath("/contacts/import")
    static let contactImportConfirm = PagePath("/contacts/import/confirm")
    static let lookup = PagePath("/lookup")
    static let search = PagePath("/search")

    // Interactions
    static let accountTimeline = PagePath("/accounts/:accountID/timeline")
    static let contactTimeline = PagePath("/contacts/:contactID/timeline")
    static let accountLog = PagePath("/accounts/:accountID/interactions/new")
    static let contactLog = PagePath("/contacts/:contactID/interactions/new")
    static let dealLog = PagePath("/opportunities/:opportunityID/interactions/new")
    static let accountQuote = PagePath("/accounts/:accountID/quotes/new")
    static let contactEmail = PagePath("/contacts/:contactID/email")
    static let contactCap = PagePath("/contacts/:contactID/contact-cap")
    static let contactCapRules = PagePath("/admin/contact-cap")
    static let interaction = PagePath("/interactions/:interactionID")
    static let unmatchedMail = PagePath("/mail/unmatched")
    static let unmatchedAttach = PagePath("/mail/unmatched/:interactionID/attach")
    static let unmatchedCreateContact = PagePath("/mail/unmatched/:interactionID/create")
    static let outbox = PagePath("/mail/outbox")
    static let outboxRetry = PagePath("/mail/outbox/:mailID/retry")

    // Pipeline
    static let board = PagePath("/pipeline")
    static let forecast = PagePath("/forecast")
    static let forecastCSV = PagePath("/forecast.csv")
    static let deals = PagePath("/opportunities")
    static let dealNew = PagePath("/opportunities/new")
    static let deal = PagePath("/opportunities/:opportunityID")
    static let dealEdit = PagePath("/opportunities/:opportunityID/edit")
    static let dealMove = PagePath("/opportunities/:opportunityID/move")
    static let pipelines = PagePath("/admin/pipelines")
    static let pipelineStages = PagePath("/admin/pipelines/:pipelineID/stages")
    static let stage = PagePath("/admin/stages/:stageID")
    static let stageMove = PagePath("/admin/stages/:stageID/move")
    static let stageRemove = PagePath("/admin/stages/:stageID/remove")

    // Sales
    static let orders = PagePath("/orders")
    static let accountOrderNew = PagePath("/accounts/:accountID/orders/new")
    static let order = PagePath("/orders/:orderID")
    static let orderStatus = PagePath("/orders/:orderID/status")
    static let orderInvoices = PagePath("/orders/:orderID/invoices")
    static let orderCreditNotes = PagePath("/orders/:orderID/credit-notes")
    static let orderRevise = PagePath("/orders/:orderID/revise")
    static let salesImport = PagePath("/imports")
    static let salesImportConfirm = PagePath("/imports/confirm")
    static let invoicePayment = PagePath("/invoices/:invoiceID/payments")
    static let overdueInvoices = PagePath("/invoices/overdue")
    static let marginTiers = PagePath("/admin/margin-tiers")
    static let exchangeRates = PagePath("/admin/exchange-rates")
    static let exchangeRateRemove = PagePath("/admin/exchange-rates/remove")
    static let products = PagePath("/products")
    static let productNew = PagePath("/products/new")
    static let product = PagePath("/products/:productID")
    static let productEdit = PagePath("/products/:productID/edit")
    static let profit = PagePath("/reports/profit")
    static let profitCSV = PagePath("/reports/profit.csv")
    static let accountProfit = PagePath("/reports/profit/accounts/:accountID")
    static let commissions = PagePath("/reports/commissions")
    static let tiers = PagePath("/reports/tiers")

    // Service
    static let cases = PagePath("/cases")
    static let caseNew = PagePath("/cases/new")
    static let serviceCase = PagePath("/cases/:caseID")
    static let caseReply = PagePath("/cases/:caseID/reply")
    static let caseNote = PagePath("/cases/:caseID/note")
    static let caseStatus = PagePath("/cases/:caseID/status")
    static let caseAssign = PagePath("/cases/:caseID/assign")
    static let caseClassify = PagePath("/cases/:caseID/classify")
    static let serviceSettings = PagePath("/admin/service")
    static let serviceHours = PagePath("/admin/service/hours")
    static let departmentNew = PagePath("/admin/service/departments")
    static let department = PagePath("/admin/service/departments/:departmentID")
    static let routingRuleNew = PagePath("/admin/service/rules")
    static let routingRuleMove = PagePath("/admin/service/rules/:ruleID/move")
    static let routingRuleRemove = PagePath("/admin/service/rules/:ruleID/remove")
    static let survey = PagePath("/survey/:surveyToken")
    static let serviceReport = PagePath("/reports/service")
    static let serviceReportCSV = PagePath("/reports/service.csv")

    // Loyalty
    static let loyalty = PagePath("/loyalty")
    static let revisitPlanNew = PagePath("/loyalty/revisit-plans")
    static let revisitPlan = PagePath("/loyalty/revisit-plans/:planID")
    static let revisitPlanRemove = PagePath("/loyalty/revisit-plans/:planID/remove")
    static let reorderSettings = PagePath("/loyalty/reorder-settings")
    static let greetings = PagePath("/loyalty/greetings")
    static let greeting = PagePath("/loyalty/greetings/:greetingID")
    static let greetingSchedule = PagePath("/loyalty/greetings/:greetingID/schedule")
    static let greetingUnschedule = PagePath("/loyalty/greetings/:greetingID/unschedule")
    static let greetingSend = PagePath("/loyalty/greetings/:greetingID/send")
    static let greetingRemove = PagePath("/loyalty/greetings/:greetingID/remove")
    static let holidayCalendarImport = PagePath("/loyalty/holiday-calendars")
    static let holidayCalendarRemove = PagePath("/loyalty/holiday-calendars/remove")

    /// The whole table, for the check that each is registered.
    static let all: [PagePath] = [
        home, signIn, signOut, settings, settingsPassword, settingsTokens, settingsSignature, settingsTokenRevoke, users, userRole, userDisable, userEnable,
        userResetPassword, auditLog, jobs, jobRetry, jobDiscard, jobScheduleRun, jobsProbe,
        myDay, myDayTeam, myDayReminders, myDayFeed, myDayFeedRevoke, calendarFeed, taskNew, task, taskEdit, taskComplete, taskCancel,
        accounts, accountNew, accountSuggest, account, accountEdit, accountArchive, accountRestore, accountErase, accountCompetitors,
        contacts, contactNew, contact, contactEdit, contactArchive, contactRestore, contactErase, contactVCard, contactsVCard, contactImport,
        contactImportConfirm, lookup, search,
        accountTimeline, contactTimeline, accountLog, contactLog, dealLog, accountQuote, contactEmail, contactCap, contactCapRules, interaction,
        unmatchedMail, unmatchedAttach, unmatchedCreateContact, outbox, outboxRetry,
        board, forecast, forecastCSV, deals, dealNew, deal, dealEdit, dealMove, pipelines, pipelineStages, stage, stageMove, stageRemove,
        orders, accountOrderNew, order, orderStatus, orderInvoices, orderCreditNotes, orderRevise, salesImport, salesImportConfirm, invoicePayment, overdueInvoices, marginTiers, exchangeRates, exchangeRateRemove, products, productNew, product, productEdit, profit, profitCSV, accountProfit, commissions, tiers,
        cases, caseNew, serviceCase, caseReply, caseNote, caseStatus, caseAssign, caseClassify, serviceSettings, serviceHours, departmentNew, department,
        routingRuleNew, routingRuleMove, routingRuleRemove, survey, serviceReport, serviceReportCSV,
        loyalty, revisitPlanNew, revisitPlan, revisitPlanRemove, reorderSettings, greetings, greeting, greetingSchedule, greetingUnschedule,
        greetingSend, greetingRemove, holidayCalendarImport, holidayCalendarRemove,
    ]
}
