import Fluent
import Vapor

/// A record type as the API and the pages serve it: where its id sits in the path, how one is loaded and shown,
/// and the store the signed-in user changes it through.
protocol RecordResource {
    associatedtype Kind: RecordKind where Kind.Input: StrictInput
    associatedtype DTO: RecordDTO where DTO.Input == Kind.Input
    /// The path parameter naming one record: "accountID".
    static var idParameter: String { get }
    static func store(_ request: Request) throws -> RecordStore<Kind>
    /// The record with everything its DTO shows, or 404.
    static func load(_ id: UUID?, on db: any Database) async throws -> Kind.Record
    static func dto(_ record: Kind.Record, _ request: Request) async throws -> DTO
}

/// What the API answers for a record: its fields, its version (the ETag) and the input that would write it again.
protocol RecordDTO: Content {
    associatedtype Input: StrictInput
    var version: Int { get }
    var input: Input { get }
}

extension RecordResource {
    static func load(_ request: Request) async throws -> Kind.Record {
        try await load(try request.pathUUID(idParameter), on: request.db)
    }
}
