import Testing
import VaporTesting
@testable import CRM

@Suite struct UsersAPITests {
    @Test func usersArePagedByCursorWithoutGapsOrRepeats() async throws {
        try await withTestApp { app in
            let (_, token) = try await app.makeTokenUser("reader@example.lt")
            for name in ["Žemaitė", "Alda", "李娜", "Bongani", "Carmen", "Alda"] {
                try await app.makeUser("\(UUID().uuidString.prefix(8))@example.lt", name: name)
            }

            var seen: [String] = []
            var cursor: String? = nil
            var pages = 0
            repeat {
                let query = "/api/v1/users?limit=2" + (cursor.map { "&cursor=\($0)" } ?? "")
                let response = try await app.testing().sendRequest(.GET, query, headers: .bearer(token))
                #expect(response.status == .ok)
                let page = try response.content.decode(ListPage<UsersAPIController.UserDTO>.self)
                #expect(page.items.count <= 2)
                seen += page.items.map(\.name)
                cursor = page.nextCursor
                pages += 1
            } while cursor != nil && pages < 10

            #expect(seen.count == 7)
            #expect(seen == seen.sorted())
            #expect(pages == 4)
        }
    }
}
