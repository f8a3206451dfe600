import CRMCore
import Vapor

/// The last price quoted for each item, as a section of the account card.
enum QuotedPricesSection {
    /// So whoever talks to the customer next quotes the same.
    static func node(_ lines: [QuoteLine], timeZone: String) -> Node {
        .section(.class("card"), .id("quoted-prices")) {
            Node.h2 { "Last quoted prices" }
            Node.table {
                Node.thead { Node.tr { Node.th { "Item" }; Node.th { "Net unit price" }; Node.th { "Valid until" }; Node.th { "Quoted" } } }
                Node.tbody {
                    for line in lines {
                        Node.tr {
                            Node.td { .text(line.description) }
                            Node.td(.class("num")) { .text(MinorUnits.display(line.netUnitMinor, currency: line.currency)) }
                            Node.td { .text(line.validUntil ?? "—") }
                            Node.td {
                                DateText.node(line.quotedAt, timeZone: timeZone)
                                Node.text(" " + (line.quotedBy?.name ?? ""))
                            }
                        }
                    }
                }
            }
        }
    }

    /// The short form for the caller screen.
    static func compact(_ lines: [QuoteLine], accountID: UUID) -> Node {
        .section(.class("card"), .id("last-prices")) {
            Node.h2 { "Last quoted prices" }
            if lines.isEmpty { Node.p(.class("muted")) { "Nothing quoted yet." } }
            Node.ul(.class("plain")) {
                for line in lines {
                    Node.li {
                        Node.text(line.description + ": " + MinorUnits.display(line.netUnitMinor, currency: line.currency))
                        if let until = line.validUntil { Node.span(.class("muted")) { .text(" until " + until) } }
                    }
                }
            }
            Node.p { Node.a(.href(Site.accountQuote(accountID))) { "New quote →" } }
        }
    }
}
