import Fluent
import Vapor

/// A record type as its pages serve it: where they live, what a record is called on them, and its form page.
protocol RecordPageResource: RecordResource {
    associatedtype Form: RecordForm where Form.Input == Kind.Input
    /// The type's pages, from the route table (`Site`).
    static var list: PagePath { get }
    static var card: PagePath { get }
    static var newForm: PagePath { get }
    static var editForm: PagePath { get }
    static func title(of record: Kind.Record) -> String
    /// The form, again, with each problem next to its field; `input` is what the form was read as, when it was.
    static func formPage(_ request: Request, form: Form, editing record: Kind.Record?, input: Kind.Input?,
                         errors: [String: String], conflict: Bool) async throws -> Node
}

/// What the confirmation pages say, for a type whose records can be archived and erased.
protocol RecordConfirmations {
    static var archive: PagePath { get }
    static var restore: PagePath { get }
    static var erase: PagePath { get }
    /// What archiving keeps and hides.
    static var archiveExplanation: String { get }
    /// What erasing deletes and keeps.
    static var eraseExplanation: String { get }
}

/// A record's form as posted from its page: turned into the API's input, with what could not even be read.
protocol RecordForm: Content {
    associatedtype Input
    /// The version the form was opened at; a change saved meanwhile is reported, not overwritten.
    var version: Int? { get set }
    func input(_ request: Request) async throws -> (Input, [String: String])
}

/// The page handlers every record type shares: saving the form, and archive, restore and erase behind a confirmation.
enum RecordPages<Resource: RecordPageResource> {
    typealias Record = Resource.Kind.Record

    /// Creates the record, or shows the form again with each problem next to its field.
    @Sendable static func create(_ request: Request) async throws -> Response {
        let form = try request.content.decode(Resource.Form.self)
        let (input, formErrors) = try await form.input(request)
        do {
            let store = try Resource.store(request)
            try await store.validate(input, existing: nil, alsoFailing: formErrors)
            let record = try await store.create(input)
            return request.redirect(to: Resource.card(try record.requireID()))
        } catch let error as APIError where error.status == .unprocessableEntity {
            return try await Resource.formPage(request, form: form, editing: nil, input: input, errors: formErrors.merging(error.fields) { $1 },
                                               conflict: false).response(status: .unprocessableEntity)
        }
    }

    /// Saves the form; a change made meanwhile by someone else is reported, not overwritten.
    @Sendable static func update(_ request: Request) async throws -> Response {
        let record = try await Resource.load(request)
        let store = try Resource.store(request)
        try store.requireEdit(record)
        var form = try request.content.decode(Resource.Form.self)
        let (input, formErrors) = try await form.input(request)
        do {
            try await store.validate(input, existing: record, alsoFailing: formErrors)
            try await store.update(record, with: input, expectedVersion: form.version ?? 0)
            return request.redirect(to: Resource.card(try record.requireID()))
        } catch let error as APIError where error.status == .unprocessableEntity {
            return try await Resource.formPage(request, form: form, editing: record, input: input, errors: formErrors.merging(error.fields) { $1 },
                                               conflict: false).response(status: .unprocessableEntity)
        } catch let error as APIError where error.status == .conflict {
            form.version = try await Record.find(record.id, on: request.db)?.version
            return try await Resource.formPage(request, form: form, editing: record, input: input, errors: [:], conflict: true)
                .response(status: .conflict)
        }
    }
}

extension RecordPages where Record: ArchivableRecord, Resource: RecordConfirmations {
    @Sendable static func confirmArchive(_ request: Request) async throws -> Response {
        let record = try await Resource.load(request)
        try Resource.store(request).requireEdit(record)
        let id = try record.requireID()
        return ConfirmationPage.node(title: "Archive", question: "Archive \(Resource.title(of: record))?", explanation: Resource.archiveExplanation,
                                     action: Resource.archive(id), button: "Archive", danger: false, cancel: Resource.card(id), PageContext(request)).response()
    }

    @Sendable static func setArchived(_ request: Request, archived: Bool) async throws -> Response {
        let record = try await Resource.load(request)
        try await Resource.store(request).setArchived(record, archived)
        return request.redirect(to: Resource.card(try record.requireID()))
    }
}

extension RecordPages where Resource.Kind: ErasableKind, Resource: RecordConfirmations {
    @Sendable static func confirmErase(_ request: Request) async throws -> Response {
        guard try Resource.store(request).canErase else { throw APIError.forbidden }
        let record = try await Resource.load(request)
        let id = try record.requireID()
        return ConfirmationPage.node(title: "Erase", question: "Erase \(Resource.title(of: record)) for good?", explanation: Resource.eraseExplanation,
                                     action: Resource.erase(id), button: "Erase for good", danger: true, cancel: Resource.card(id), PageContext(request)).response()
    }

    @Sendable static func erase(_ request: Request) async throws -> Response {
        let record = try await Resource.load(request)
        try await Resource.store(request).erase(record)
        return request.redirect(to: Resource.list())
    }
}

extension RecordPages {
    /// The form's two targets.
    static func register(on pages: any RoutesBuilder) {
        pages.post(Resource.newForm, use: create)
        pages.post(Resource.editForm, use: update)
    }
}

extension RecordPages where Record: ArchivableRecord, Resource: RecordConfirmations {
    /// The question (`GET` archive), archiving and restoring.
    static func registerArchiving(on pages: any RoutesBuilder) {
        pages.get(Resource.archive, use: confirmArchive)
        pages.post(Resource.archive) { try await setArchived($0, archived: true) }
        pages.post(Resource.restore) { try await setArchived($0, archived: false) }
    }
}

extension RecordPages where Resource.Kind: ErasableKind, Resource: RecordConfirmations {
    /// The question (`GET` erase) and erasing.
    static func registerErasing(on pages: any RoutesBuilder) {
        pages.get(Resource.erase, use: confirmErase)
        pages.post(Resource.erase, use: erase)
    }
}
