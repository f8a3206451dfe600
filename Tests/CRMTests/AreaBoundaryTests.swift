import Foundation
import Testing

/// Areas reach each other through `Contributions` and the directories they offer (`CustomerDirectory`, `DealDirectory`,
/// `SalesDirectory`), never by naming another area's models. Checked on the source of every area; Auth's `User` is the
/// platform every area uses, and `Demo` and `Bench`, which load whole data sets, are tools rather than areas.
@Suite struct AreaBoundaryTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/CRM")
    static let areas = ["Auth", "Customers", "Pipeline", "Sales", "Interactions", "Tasks", "Service", "Loyalty", "Jobs", "Home"]

    func swiftFiles(in area: String) throws -> [URL] {
        let folder = Self.sources.appendingPathComponent(area)
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        return (enumerator?.allObjects as? [URL] ?? []).filter { $0.pathExtension == "swift" }
    }

    /// The code an area runs; its released migrations stay as written, and a foreign key naming another area's table
    /// is the database's own declared dependency.
    func code(in area: String) throws -> [URL] {
        try swiftFiles(in: area).filter { !$0.path.contains("/Migrations/") }
    }

    /// The Fluent models each area declares.
    func models(of area: String) throws -> Set<String> {
        var names = Set<String>()
        for file in try swiftFiles(in: area) {
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in text.matches(of: /final class (\w+): Model/) { names.insert(String(match.1)) }
        }
        return names
    }

    @Test(arguments: areas)
    func anAreaNamesNoOtherAreasModels(area: String) throws {
        var foreign: [String: String] = [:]
        for other in Self.areas where other != area && other != "Auth" {
            for model in try models(of: other) { foreign[model] = other }
        }
        #expect(!foreign.isEmpty, "the other areas' models were found")
        var offences: [String] = []
        for file in try code(in: area) {
            // Words in text shown to people ("Account", "Order") and in comments are not the models.
            let text = try String(contentsOf: file, encoding: .utf8)
                .replacing(/"(?:[^"\\\n]|\\.)*"/, with: "\"\"").replacing(/\/\/[^\n]*/, with: "")
            for (model, owner) in foreign where text.contains(try Regex("\\b\(model)\\b")) {
                offences.append("\(file.lastPathComponent) names \(owner)'s \(model)")
            }
        }
        #expect(offences.sorted() == [])
    }
}
