/// How a customer pays: invoices paid late, how late on average, and what is overdue today.
public struct PaymentHistory: Equatable, Sendable {
    public struct Invoice: Sendable {
        public let amountMinor: Int64
        public let paidMinor: Int64
        public let due: CalendarDate
        /// The day the invoice was paid in full, if it was.
        public let paidOn: CalendarDate?

        public init(amountMinor: Int64, paidMinor: Int64, due: CalendarDate, paidOn: CalendarDate?) {
            self.amountMinor = amountMinor
            self.paidMinor = paidMinor
            self.due = due
            self.paidOn = paidOn
        }
    }

    public let invoices: Int
    public let paidLate: Int
    /// Over the invoices paid late; nil when none was.
    public let averageDaysLate: Int?
    public let outstandingMinor: Int64
    public let overdueMinor: Int64

    /// Credit notes (negative amounts) lower what is outstanding but are never late.
    public init(_ invoices: [Invoice], today: CalendarDate) {
        self.invoices = invoices.filter { $0.amountMinor > 0 }.count
        let lateDays = invoices.compactMap { invoice -> Int? in
            guard invoice.amountMinor > 0, let paidOn = invoice.paidOn else { return nil }
            let days = invoice.due.days(until: paidOn)
            return days > 0 ? days : nil
        }
        paidLate = lateDays.count
        averageDaysLate = lateDays.isEmpty ? nil : Int(Rounding.divide(Int64(lateDays.reduce(0, +)), by: Int64(lateDays.count)))
        outstandingMinor = invoices.reduce(0) { $0 + ($1.amountMinor - $1.paidMinor) }
        overdueMinor = invoices.filter { $0.amountMinor > $0.paidMinor && $0.due < today }.reduce(0) { $0 + ($1.amountMinor - $1.paidMinor) }
    }
}
