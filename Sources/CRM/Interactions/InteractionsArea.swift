import Fluent
import Vapor

/// Every contact with a customer on one timeline: calls, emails (logged from the mail server), meetings, notes,
/// social messages, faxes and price quotes, with the contact-frequency cap.
enum InteractionsArea: Area {
    static let migrations: [any Migration] = [CreateInteractions(), CreateContactCapRules(), CreateOutboundMail(), IndexInteractionsByDeal(), OutboundMailForColleagues()]

    static var commands: [(name: String, command: any AnyAsyncCommand)] { [("mail", MailCommand())] }

    static var schemas: [(String, JSONSchema)] {
        [
            ("InteractionInput", InteractionDTO.inputSchema), ("Interaction", InteractionDTO.schema),
            ("TimelineEntry", Timeline.entrySchema), ("QuotedPrice", QuotedPrices.LatestDTO.schema),
            ("ContactCapRule", ContactCapRules.Rule.schema), ("ContactCapStatus", InteractionsAPIController.CapStatusDTO.schema),
            ("MailIngestResult", MailAPIController.IngestResult.schema), ("Delivery", OutboxAPIController.DeliveryDTO.schema),
        ]
    }

    static func routes(_ routes: AreaRoutes) throws {
        let api = routes.api
        api.post("interactions", use: InteractionsAPIController.create)
        api.get("interactions", ":interactionID", use: InteractionsAPIController.show)
        api.patch("interactions", ":interactionID", use: InteractionsAPIController.patch)
        api.get("interactions", ":interactionID", "edits", use: InteractionsAPIController.edits)
        api.get("accounts", ":accountID", "timeline", use: InteractionsAPIController.accountTimeline)
        api.get("contacts", ":contactID", "timeline", use: InteractionsAPIController.contactTimeline)
        api.get("accounts", ":accountID", "quotes", "latest", use: InteractionsAPIController.latestQuote)
        api.get("contacts", ":contactID", "contact-cap", use: InteractionsAPIController.capStatus)
        api.get("contacts", ":contactID", "contact-cap", "rules", use: InteractionsAPIController.contactRules)
        api.put("contacts", ":contactID", "contact-cap", "rules", use: InteractionsAPIController.replaceContactRules)
        api.get("settings", "contact-cap", use: InteractionsAPIController.generalRules)
        api.put("settings", "contact-cap", use: InteractionsAPIController.replaceGeneralRules)
        api.on(.POST, "mail", "inbound", body: .collect(maxSize: "50mb"), use: MailAPIController.inbound)
        api.get("mail", "unmatched", use: MailAPIController.unmatched)
        api.post("contacts", ":contactID", "emails", use: OutboxAPIController.send)
        api.get("mail", "outbox", use: OutboxAPIController.outbox)
        api.post("mail", "outbox", ":mailID", "retry", use: OutboxAPIController.retry)
        api.post("mail", "unmatched", ":interactionID", "attach", use: MailAPIController.attach)

        let pages = routes.pages
        pages.get(Site.accountTimeline, use: TimelinePages.accountPage)
        pages.get(Site.contactTimeline, use: TimelinePages.contactPage)
        pages.get(Site.unmatchedMail, use: TimelinePages.unmatched)
        pages.post(Site.unmatchedAttach, use: TimelinePages.attach)
        pages.post(Site.unmatchedCreateContact, use: TimelinePages.createContact)
        let log = LogInteractionPages.self
        pages.get(Site.contactLog) { try await log.new($0, try await log.contactTarget($0)) }
        pages.post(Site.contactLog) { try await log.create($0, try await log.contactTarget($0)) }
        pages.get(Site.accountLog) { try await log.new($0, try await log.accountTarget($0)) }
        pages.post(Site.accountLog) { try await log.create($0, try await log.accountTarget($0)) }
        pages.get(Site.dealLog) { try await log.new($0, try await log.dealTarget($0)) }
        pages.post(Site.dealLog) { try await log.create($0, try await log.dealTarget($0)) }
        pages.get(Site.contactEmail, use: ContactActionPages.compose)
        pages.post(Site.contactEmail, use: ContactActionPages.send)
        pages.get(Site.interaction, use: InteractionPages.show)
        pages.post(Site.interaction, use: InteractionPages.update)
        pages.get(Site.accountQuote, use: QuotePages.new)
        pages.post(Site.accountQuote, use: QuotePages.create)
        pages.get(Site.outbox, use: ContactActionPages.outbox)
        pages.get(Site.contactCapRules, use: ContactCapPage.show)
        pages.post(Site.contactCapRules, use: ContactCapPage.save)
        pages.get(Site.contactCap, use: ContactCapPage.show)
        pages.post(Site.contactCap, use: ContactCapPage.save)
        pages.post(Site.outboxRetry, use: ContactActionPages.retry)
    }

    static var apiOperations: [APIOperation] {
        let interaction = APIOperation.pathParameter("interactionID", "The interaction's id")
        let account = APIOperation.pathParameter("accountID", "The account's id")
        let contact = APIOperation.pathParameter("contactID", "The contact's id")
        let one = JSONSchema.ref("Interaction")
        let timeline = JSONSchema.object([("items", .array(.ref("TimelineEntry"))), ("nextCursor", .nullable(.string()))], required: ["items"])
        let timelineParameters = APIOperation.pagingParameters + [
            APIOperation.query("type", .string(description: "Comma-separated: " + Timeline.Filter.types.joined(separator: ", ")), "Only these types"),
            APIOperation.query("user", .uuid, "Only what this user did"),
        ]
        let rules = JSONSchema.array(.ref("ContactCapRule"))
        return [
            .init(method: .POST, path: "/interactions", summary: "Record a call, email, meeting, note, social message, fax or price quote", tag: "Interactions",
                  requestBody: .ref("InteractionInput"), successStatus: 201, response: one, errors: [401, 422]),
            .init(method: .GET, path: "/interactions/{interactionID}", summary: "One interaction (ETag: its version)", tag: "Interactions",
                  parameters: [interaction], response: one, errors: [400, 401, 404]),
            .init(method: .PATCH, path: "/interactions/{interactionID}", summary: "Correct an interaction's text (If-Match required; the earlier text is kept)",
                  tag: "Interactions", parameters: [interaction], requestBody: InteractionDTO.editSchema, response: one,
                  errors: [400, 401, 403, 404, 409, 422, 428]),
            .init(method: .GET, path: "/interactions/{interactionID}/edits", summary: "Earlier texts of an interaction, oldest first", tag: "Interactions",
                  parameters: [interaction], response: .array(InteractionEditDTO.schema), errors: [400, 401, 404]),
            .init(method: .GET, path: "/accounts/{accountID}/timeline", summary: "The account's timeline, newest first", tag: "Interactions",
                  parameters: [account] + timelineParameters, response: timeline, errors: [400, 401, 404]),
            .init(method: .GET, path: "/contacts/{contactID}/timeline", summary: "The contact's timeline, newest first", tag: "Interactions",
                  parameters: [contact] + timelineParameters, response: timeline, errors: [400, 401, 404]),
            .init(method: .GET, path: "/accounts/{accountID}/quotes/latest", summary: "The last price quoted to the account for an item", tag: "Interactions",
                  parameters: [account, APIOperation.query("item", .string(description: "A product id or the item's text"), "The item")],
                  response: .ref("QuotedPrice"), errors: [400, 401, 404]),
            .init(method: .GET, path: "/contacts/{contactID}/contact-cap", summary: "Whether one more outbound contact passes the contact-frequency cap",
                  tag: "Interactions", parameters: [contact, APIOperation.query("channel", .string(enumeration: ["call", "email", "meeting", "note", "social", "fax", "quote"]), "Default email")],
                  response: .ref("ContactCapStatus"), errors: [400, 401, 404]),
            .init(method: .GET, path: "/contacts/{contactID}/contact-cap/rules", summary: "The contact's own cap rules (empty: the general ones apply)",
                  tag: "Interactions", parameters: [contact], response: rules, errors: [400, 401, 404]),
            .init(method: .PUT, path: "/contacts/{contactID}/contact-cap/rules", summary: "Set the contact's own cap rules (managers and admins)",
                  tag: "Interactions", parameters: [contact], requestBody: rules, response: rules, errors: [400, 401, 403, 404, 422]),
            .init(method: .GET, path: "/settings/contact-cap", summary: "The general contact-frequency rules", tag: "Interactions", response: rules),
            .init(method: .PUT, path: "/settings/contact-cap", summary: "Replace the general contact-frequency rules (admins)", tag: "Interactions",
                  requestBody: rules, response: rules, errors: [400, 401, 403, 422]),
            .init(method: .POST, path: "/mail/inbound", summary: "Log one raw RFC 5322 email (a mail service's webhook); 200 when logged before",
                  tag: "Interactions", requestBody: .string(description: "The raw message (also accepted as message/rfc822)"), requestContentType: "text/plain",
                  successStatus: 201, response: .ref("MailIngestResult"), errors: [400, 401, 413, 422]),
            .init(method: .GET, path: "/mail/unmatched", summary: "Emails no contact matched, newest first", tag: "Interactions",
                  parameters: APIOperation.pagingParameters,
                  response: .object([("items", .array(one)), ("nextCursor", .nullable(.string()))], required: ["items"])),
            .init(method: .POST, path: "/mail/unmatched/{interactionID}/attach", summary: "File an unmatched email under a contact the user may edit", tag: "Interactions",
                  parameters: [interaction], requestBody: .object([("contactId", .uuid)], required: ["contactId"]), response: one, errors: [400, 401, 403, 404, 409, 422]),
            .init(method: .POST, path: "/contacts/{contactID}/emails", summary: "Email a contact through CRM_SENDMAIL; 202 when queued for a retry",
                  tag: "Interactions", parameters: [contact],
                  requestBody: .object([("subject", .string()), ("body", .string()), ("capReason", .string(description: "Required past the contact-frequency cap"))],
                                       required: ["subject", "body"]),
                  successStatus: 201, response: .object([("interaction", one), ("delivery", .ref("Delivery"))], required: ["interaction", "delivery"]),
                  errors: [400, 401, 404, 409, 422]),
            .init(method: .GET, path: "/mail/outbox", summary: "Outgoing email, newest first: queued, sent and failed (sales and service users see what they sent)", tag: "Interactions",
                  parameters: [APIOperation.query("status", .string(enumeration: ["queued", "sent", "failed"]), "Only this status")],
                  response: .array(.ref("Delivery")), errors: [400, 401]),
            .init(method: .POST, path: "/mail/outbox/{mailID}/retry", summary: "Try a queued or failed email again now", tag: "Interactions",
                  parameters: [APIOperation.pathParameter("mailID", "The outgoing message's id")], response: .ref("Delivery"), errors: [400, 401, 404, 409]),
        ]
    }
}
