import Testing
@testable import CRMCore

@Suite struct RecordPermissionsTests {
    @Test func ownersManagersAndAdminsEdit() {
        #expect(RecordPermissions.canEdit(role: .sales, isOwner: true))
        #expect(RecordPermissions.canEdit(role: .service, isOwner: true))
        #expect(!RecordPermissions.canEdit(role: .sales, isOwner: false))
        #expect(!RecordPermissions.canEdit(role: .service, isOwner: false))
        #expect(RecordPermissions.canEdit(role: .manager, isOwner: false))
        #expect(RecordPermissions.canEdit(role: .admin, isOwner: false))
    }

    @Test func onlyAdminsErase() {
        #expect(Role.allCases.filter { RecordPermissions.canErase(role: $0) } == [.admin])
        #expect(Role.allCases.filter { RecordPermissions.canAssignOthers(role: $0) } == [.admin, .manager])
    }
}

@Suite struct OrderMovePermissionTests {
    @Test func serviceStaffRecordDeliveriesOnly() {
        #expect(OrderStatus.allCases.filter { Role.service.canMoveOrder(to: $0, own: false) } == [.shipped, .delivered])
        #expect(OrderStatus.allCases.filter { Role.sales.canMoveOrder(to: $0, own: false) } == [.shipped, .delivered],
                "a salesperson confirms or cancels only their own orders")
        #expect(OrderStatus.allCases.allSatisfy { Role.sales.canMoveOrder(to: $0, own: true) && Role.manager.canMoveOrder(to: $0, own: false) })
    }
}

@Suite struct CalendarDateTests {
    @Test func validDatesParseAndPrint() {
        #expect(CalendarDate("1984-02-29")?.description == "1984-02-29")
        #expect(CalendarDate("2026-11-25")! < CalendarDate("2026-12-01")!)
    }

    @Test(arguments: ["", "1985-02-29", "2026-13-01", "2026-1-5", "25.11.2026", "2026-04-31", "0000-01-01"])
    func invalidDatesAreRejected(text: String) {
        #expect(CalendarDate(text) == nil)
    }
}

/// One reading of a `YYYY-MM` month for every report (the forecast once took `2026-1`, the profit report did not).
@Suite struct MonthKeyTests {
    @Test func onlyARealMonthWithFourDigitYearAndTwoDigitMonthReads() {
        #expect(CalendarDate.monthKey(parsing: "2026-11") == "2026-11")
        #expect(CalendarDate.monthKey(parsing: "2026-1") == nil)
        #expect(CalendarDate.monthKey(parsing: "2026-13") == nil)
        #expect(CalendarDate.monthKey(parsing: "2026-11-01") == nil)
        #expect(CalendarDate.monthKey(parsing: "") == nil)
    }
}
