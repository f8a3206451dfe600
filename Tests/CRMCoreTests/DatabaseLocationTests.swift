import Testing
@testable import CRMCore

@Suite struct DatabaseLocationTests {
    @Test func unsetOrEmptyMeansTheDefaultFile() throws {
        #expect(try DatabaseLocation.parse(nil) == .sqliteFile(path: "crm.sqlite"))
        #expect(try DatabaseLocation.parse("  ") == .sqliteFile(path: "crm.sqlite"))
    }

    @Test func sqliteURLsNameAFile() throws {
        #expect(try DatabaseLocation.parse("sqlite:///var/lib/crm/data.sqlite") == .sqliteFile(path: "/var/lib/crm/data.sqlite"))
        #expect(try DatabaseLocation.parse("sqlite://relative.sqlite") == .sqliteFile(path: "relative.sqlite"))
        #expect(try DatabaseLocation.parse("sqlite://:memory:") == .sqliteMemory)
    }

    @Test func postgresURLsAreKeptWhole() throws {
        let url = "postgres://crm:secret@127.0.0.1:5432/crm?sslmode=disable"
        #expect(try DatabaseLocation.parse(url) == .postgres(url: url))
        #expect(try DatabaseLocation.parse("postgresql://u@db/crm") == .postgres(url: "postgresql://u@db/crm"))
    }

    @Test(arguments: [
        ("mysql://u:p@h/db", "scheme \"mysql\""),
        ("crm.sqlite", "must start with"),
        ("postgres://u:p@h:99999/db", "out of range"),
        ("postgres://u:p@host", "names no database"),
        ("postgres://host/db", "names no user"),
        ("sqlite://", "needs a file path"),
    ])
    func badValuesNameTheProblem(value: String, expected: String) {
        #expect {
            try DatabaseLocation.parse(value)
        } throws: { error in
            "\(error)".contains(expected) && !"\(error)".contains("\n")
        }
    }

    @Test func passwordsNeverAppearInErrors() {
        #expect(DatabaseLocation.redacted("ftp:x:hunter2@host") == "ftp:x:***@host")
        do {
            _ = try DatabaseLocation.parse("postgres:/u:hunter2@host/db")
        } catch {
            #expect(!"\(error)".contains("hunter2"))
        }
    }
}
