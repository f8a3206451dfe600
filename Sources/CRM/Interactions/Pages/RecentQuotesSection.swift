import CRMCore
import Vapor

/// An account's newest price quotes as a card section, each linking to the whole quote.
enum RecentQuotesSection {
    static func node(_ quotes: [QuotedPrices.RecentQuote], accountID: UUID, timeZone: String, today: CalendarDate) -> Node {
        .section(.class("card"), .id("recent-quotes")) {
            Node.div(.class("title-row")) {
                Node.h2 { "Recent quotes" }
                Node.a(.href(Site.accountQuote(accountID))) { "New quote →" }
            }
            if quotes.isEmpty {
                Node.p(.class("muted")) { "No quotes yet." }
            } else {
                Node.table {
                    Node.thead { Node.tr { Node.th { "Quoted" }; Node.th { "Items" }; Node.th { "Total" }; Node.th { "Valid until" } } }
                    Node.tbody {
                        for quote in quotes {
                            Node.tr {
                                Node.td {
                                    Node.a(.href(Site.interaction(quote.interactionID))) { DateText.node(quote.quotedAt, timeZone: timeZone) }
                                    if let by = quote.quotedBy { Node.span(.class("muted")) { .text(" " + by) } }
                                }
                                Node.td { .text((quote.subject.map { $0 + ": " } ?? "") + quote.items.joined(separator: ", ")) }
                                Node.td(.class("number")) { .text(MinorUnits.display(quote.totalMinor, currency: quote.currency)) }
                                Node.td {
                                    .text(quote.validUntil ?? "—")
                                    if let until = quote.validUntil.flatMap(CalendarDate.init), until < today { Node.span(.class("tag")) { "expired" } }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
