import Foundation
import Testing
import VaporTesting
@testable import CRM

/// Pages are reached only through the route table (`Site`): each of its paths is served, and no source file writes a
/// page path by hand, so renaming one cannot leave a dead link behind.
@Suite struct SiteTests {
    @Test func everyPathInTheTableIsRegistered() async throws {
        try await withTestApp { app in
            let registered = Set(app.routes.all.map { "/" + $0.path.map(\.description).joined(separator: "/") })
            let missing = Site.all.map(\.template).filter { !registered.contains($0) }
            #expect(missing == [])
        }
    }

    @Test func pathsAreFilledInOrder() {
        let id = UUID()
        #expect(Site.accountEdit(id) == "/accounts/\(id)/edit")
        #expect(Site.accounts() == "/accounts" && Site.home() == "/")
    }

    @Test func noSourceFileWritesAPagePathByHand() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/CRM")
        let files = (FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)?.allObjects as? [URL] ?? [])
            .filter { $0.pathExtension == "swift" && $0.lastPathComponent != "Site.swift" }
        #expect(files.count > 100)
        var offences: [String] = []
        for file in files {
            for (number, line) in try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                // API descriptions (`path: "/accounts/{accountID}"`) and the non-page paths are not links to pages.
                let text = line.replacing(/path: "\/[^"]*"/, with: "").replacing(/"\/(api|assets|usr|healthz|readyz)[^"]*"/, with: "")
                if text.contains(/"\/[a-z]/) { offences.append("\(file.lastPathComponent):\(number + 1)") }
            }
        }
        #expect(offences == [])
    }
}
