import Fluent
import Vapor

/// The JSON handlers every record type shares: create, read, JSON Merge Patch with `If-Match`, archive and restore,
/// erase. A type's API controller adds its list and whatever it alone does.
enum RecordAPI<Resource: RecordResource> {
    typealias Record = Resource.Kind.Record

    /// Creates a record owned by the caller (or, for managers and admins, by `ownerId`).
    @Sendable static func create(_ request: Request) async throws -> Response {
        let input = try request.decodeStrict(Resource.Kind.Input.self)
        let record = try await Resource.store(request).create(input)
        return try await answer(record.id, request, status: .created)
    }

    /// One record; its ETag is the version to send back with a change.
    @Sendable static func show(_ request: Request) async throws -> Response {
        let dto = try await Resource.dto(try await Resource.load(request), request)
        return try .json(dto, version: dto.version)
    }

    /// Changes the fields present in the body (`null` clears); needs the version read as `If-Match`.
    @Sendable static func patch(_ request: Request) async throws -> Response {
        let store = try Resource.store(request)
        let record = try await Resource.load(request)
        try store.requireEdit(record)
        let expected = try request.expectedVersion()
        let input = try request.mergePatch(onto: try await Resource.dto(record, request).input)
        try await store.update(record, with: input, expectedVersion: expected)
        return try await answer(record.id, request)
    }

    /// The record as it now is, with its version as the ETag.
    static func answer(_ id: UUID?, _ request: Request, status: HTTPResponseStatus = .ok) async throws -> Response {
        let dto = try await Resource.dto(try await Resource.load(id, on: request.db), request)
        return try .json(dto, status: status, version: dto.version)
    }
}

extension RecordAPI where Record: ArchivableRecord {
    /// Archives (hides from lists and search, keeps everything) or restores.
    @Sendable static func setArchived(_ request: Request, archived: Bool) async throws -> Response {
        let record = try await Resource.load(request)
        try await Resource.store(request).setArchived(record, archived)
        return try await answer(record.id, request)
    }
}

extension RecordAPI where Resource.Kind: ErasableKind {
    /// Erases the record for good (admins only; recorded in the audit log).
    @Sendable static func erase(_ request: Request) async throws -> HTTPStatus {
        let record = try await Resource.load(request)
        try await Resource.store(request).erase(record)
        return .noContent
    }
}

extension RecordAPI {
    /// `POST /`, `GET /:id` and `PATCH /:id` under the type's path.
    static func register(on group: any RoutesBuilder) {
        let id = PathComponent(stringLiteral: ":" + Resource.idParameter)
        group.post(use: create)
        group.get(id, use: show)
        group.patch(id, use: patch)
    }
}

extension RecordAPI where Record: ArchivableRecord {
    /// `POST /:id/archive` and `/:id/restore`.
    static func registerArchiving(on group: any RoutesBuilder) {
        let id = PathComponent(stringLiteral: ":" + Resource.idParameter)
        group.post(id, "archive") { try await setArchived($0, archived: true) }
        group.post(id, "restore") { try await setArchived($0, archived: false) }
    }
}

extension RecordAPI where Resource.Kind: ErasableKind {
    /// `DELETE /:id`.
    static func registerErasing(on group: any RoutesBuilder) {
        group.delete(PathComponent(stringLiteral: ":" + Resource.idParameter), use: erase)
    }
}
