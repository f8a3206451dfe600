import CRMCore
import Fluent
import Vapor

/// What Interactions brings to customer cards and the caller screen: recent quotes, last quoted prices and the
/// timeline (with the contact-frequency cap on a contact's card); on a deal's page what was logged against it; on the
/// caller screen the latest interactions.
extension InteractionsArea {
    static func contribute(to contributions: inout Contributions) {
        contributions.quotes = .init(ofDeal: QuotedPrices.ofDeal, latest: QuotedPrices.latest)
        contributions.jobKinds.append(MailDelivery.retryKind)
        contributions.colleagueMail = { userID, subject, body, db, app in
            try await MailDelivery(db: db, now: app.clock.now(), config: app.config, threads: app.threadPool)
                .queueForColleague(userID: userID, subject: subject, body: body)
        }
        contributions.customerMail = { mail, actor, db, app in
            guard let contact = try await CustomerDirectory(db: db).contacts([mail.contactID]).first else { throw APIError.notFound("This contact") }
            return try await MailDelivery(db: db, now: app.clock.now(), config: app.config, threads: app.threadPool)
                .queue(mail, to: contact, actor: actor)
        }
        contributions.customerMailing = .init(
            obstacles: { contactIDs, db, app in
                try await MailDelivery(db: db, now: app.clock.now(), config: app.config, threads: app.threadPool).obstacles(to: contactIDs)
            },
            queue: { mails, db, app in
                try await MailDelivery(db: db, now: app.clock.now(), config: app.config, threads: app.threadPool).queueMany(mails)
            },
            undelivered: { since, db in
                try await OutboundMail.query(on: db).filter(\.$status == "failed").filter(\.$createdAt >= since).filter(\.$interaction.$id != nil)
                    .field(\.$interaction.$id).all().compactMap(\.$interaction.id)
            })
        contributions.interactionRecording = .init { entry, actor, now, db in
            var input = InteractionInput()
            input.kind = entry.kind.rawValue
            input.direction = InteractionDirection.outbound.rawValue
            input.subject = entry.subject
            input.outcome = entry.outcome
            input.accountId = entry.accountID
            input.contactIds = entry.contactIDs
            input.opportunityId = entry.dealID
            input.orderId = entry.orderID
            input.capReason = entry.capReason
            // Quotes are not recorded this way, so the base currency is never read.
            return try await InteractionStore(db: db, actor: actor, now: now, baseCurrency: "").create(input).requireID()
        }
        contributions.cardSections.append { subject, request in
            let timeZone = request.userTimeZone
            let timeline = try await Timeline(request).page(of: subject, filter: .init(), paging: PageRequest(limit: 15)).items
            let fullPath = "/\(subject.type)s/\(subject.id)/timeline"
            switch subject {
            case let .account(accountID):
                let recent = try await QuotedPrices.recentQuotes(accountID: accountID, on: request.db)
                let prices = try await QuotedPrices.all(accountID: accountID, limit: 20, on: request.db)
                var sections = [Contributions.CardSection(place: .activity, node: RecentQuotesSection.node(
                    recent, accountID: accountID, timeZone: timeZone, today: CalendarDate.today(at: request.now)))]
                if !prices.isEmpty { sections.append(.init(place: .activity, node: QuotedPricesSection.node(prices, timeZone: timeZone))) }
                sections.append(.init(place: .activity, node: TimelinePages.section(timeline, fullPath: fullPath, timeZone: timeZone)))
                return sections
            case let .contact(contactID):
                let cap = try await ContactCapCheck(db: request.db, now: request.now).status(of: contactID, channel: .email)
                let notice = cap.reachedRule.map { "Contact-frequency cap reached: \(cap.count) outbound contacts (\($0.description)). One more needs a reason." }
                let mayChangeRules = (try? request.user.role.canSetContactRules) == true
                return [.init(place: .activity, node: TimelinePages.section(
                    timeline, fullPath: fullPath, timeZone: timeZone, capNotice: notice, capPath: mayChangeRules ? Site.contactCap(contactID) : nil))]
            }
        }
        contributions.dealSections.append { dealID, request in
            let timeZone = request.userTimeZone
            let logged = try await Timeline(request).dealInteractions(dealID)
            return [.init(place: .activity, node: .section(.class("card"), .id("interactions")) {
                Node.h2 { "Interactions" }
                TimelinePages.list(logged, timeZone: timeZone)
            })]
        }
        contributions.callerSections.append { subject, accountID, request in
            let timeZone = request.userTimeZone
            // The account's timeline holds what anyone logged with any of its people: a complaint from minutes ago too.
            let scope = accountID.map(CustomerSubject.account) ?? subject
            let kinds = Timeline.Filter(types: Set(InteractionKind.allCases.map(\.rawValue)))
            let recent = try await Timeline(request).page(of: scope, filter: kinds, paging: PageRequest(limit: 5)).items
            var sections = [Contributions.CardSection(place: .summary, node: .section(.class("card"), .id("recent")) {
                Node.h2 { "Recent interactions" }
                TimelinePages.list(recent, timeZone: timeZone)
                Node.p { Node.a(.href("/\(subject.type)s/\(subject.id)/timeline")) { "Full timeline →" } }
            })]
            if let accountID {
                let prices = try await QuotedPrices.all(accountID: accountID, limit: 5, on: request.db)
                sections.append(.init(place: .summary, node: QuotedPricesSection.compact(prices, accountID: accountID)))
            }
            return sections
        }
    }
}
