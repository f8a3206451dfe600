import CRMCore
import Fluent
import SQLKit
import Vapor

/// How a list is ordered: `sort=name`, `-name`, `updatedAt` or `-updatedAt`.
enum ListSort: String, CaseIterable {
    case name, nameDescending = "-name", updatedAt, updatedAtDescending = "-updatedAt"

    static func from(_ request: Request) throws -> ListSort {
        guard let raw = request.query[String.self, at: "sort"] else { return .name }
        guard let sort = ListSort(rawValue: raw) else {
            throw APIError.badRequest("The sort order is not known.", fields: ["sort": "must be one of " + allCases.map(\.rawValue).joined(separator: ", ")])
        }
        return sort
    }

    var descending: Bool { self == .nameDescending || self == .updatedAtDescending }
    var byName: Bool { self == .name || self == .nameDescending }

    static let parameter = APIOperation.query("sort", .string(enumeration: allCases.map(\.rawValue)), "Order of the list; default name.")
}

extension Request {
    /// A UUID from the query string, or a 400 naming the parameter.
    func queryUUID(_ name: String) throws -> UUID? {
        guard let raw = query[String.self, at: name], !raw.isEmpty else { return nil }
        guard let id = UUID(uuidString: raw) else { throw APIError.badRequest("A parameter is not valid.", fields: [name: "must be a UUID"]) }
        return id
    }

    /// A month written `YYYY-MM` from the query string; an unreadable one is noted in `fields` under its name,
    /// so a report names every bad parameter at once.
    func queryMonth(_ name: String, into fields: inout [String: String]) -> String? {
        guard let raw = query[String.self, at: name], !raw.isEmpty else { return nil }
        guard let month = CalendarDate.monthKey(parsing: raw) else {
            fields[name] = "must be a month written YYYY-MM"
            return nil
        }
        return month
    }

    func queryDate(_ name: String) throws -> Date? {
        guard let raw = query[String.self, at: name], !raw.isEmpty else { return nil }
        guard let date = try? Date(raw, strategy: .iso8601) else {
            throw APIError.badRequest("A parameter is not valid.", fields: [name: "must be an ISO 8601 time such as 2026-01-31T00:00:00Z"])
        }
        return date
    }

    func pathUUID(_ name: String) throws -> UUID {
        guard let id = parameters.get(name, as: UUID.self) else {
            throw APIError.badRequest("The id in the path is not valid.", fields: [name: "must be a UUID"])
        }
        return id
    }

    /// The version an update is based on, from `If-Match` (the ETag of the read).
    func expectedVersion() throws -> Int {
        guard let raw = headers.first(name: .ifMatch) else {
            throw APIError(.preconditionRequired, code: "precondition_required",
                           message: "Send the ETag of the record you read as If-Match, so that no one else's change is overwritten.")
        }
        let digits = raw.replacingOccurrences(of: "W/", with: "").trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
        guard let version = Int(digits) else {
            throw APIError.badRequest("If-Match is not an ETag of this API.", fields: ["If-Match": "must be an ETag such as \"3\""])
        }
        return version
    }

    /// A JSON Merge Patch body applied to `current`, decoded as the resource's input.
    func mergePatch<Input: StrictInput>(onto current: Input) throws -> Input {
        guard let data = body.data.map({ Data(buffer: $0) }), let patch = try? JSONSerialization.jsonObject(with: data),
              let object = patch as? [String: Any] else {
            throw APIError.badRequest("The body must be a JSON object with the fields to change.")
        }
        try Input.rejectUnknown(Array(object.keys))
        let base = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(current))
        let merged = try JSONSerialization.data(withJSONObject: JSONMergePatch.apply(patch, to: base))
        do {
            return try JSONDecoder().decode(Input.self, from: merged)
        } catch let error as DecodingError {
            throw CRMErrorMiddleware.describe(error, logger: logger)
        }
    }
}

/// A request body whose members must all be known: a misspelt field is an error, not silently ignored.
protocol StrictInput: Content {
    init()
}

extension StrictInput {
    /// The JSON member names, read off the type's stored properties (these inputs use no custom coding keys).
    static var fieldNames: Set<String> { Set(Mirror(reflecting: Self()).children.compactMap(\.label)) }

    static func rejectUnknown(_ keys: [String]) throws {
        let unknown = keys.filter { !fieldNames.contains($0) }
        guard unknown.isEmpty else {
            throw APIError.invalid(Dictionary(uniqueKeysWithValues: unknown.map { ($0, "is not a field of this resource") }))
        }
    }
}

extension Request {
    /// Decodes a JSON body, refusing members the input does not have.
    func decodeStrict<Input: StrictInput>(_ type: Input.Type) throws -> Input {
        if let data = body.data.map({ Data(buffer: $0) }), let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
            try Input.rejectUnknown(Array(object.keys))
        }
        return try content.decode(Input.self)
    }
}

extension Response {
    /// A JSON response carrying the record's version as its ETag.
    static func json<T: Encodable>(_ value: T, status: HTTPResponseStatus = .ok, version: Int? = nil) throws -> Response {
        let response = Response(status: status)
        try response.content.encode(value, as: .json)
        if let version { response.headers.replaceOrAdd(name: .eTag, value: "\"\(version)\"") }
        return response
    }
}
