import CRMCore
import Foundation

/// Collects field errors while turning raw input into clean values, so one request reports every bad field at once.
struct FieldCheck {
    private(set) var errors: [String: String] = [:]

    mutating func fail(_ field: String, _ reason: String) {
        if errors[field] == nil { errors[field] = reason }
    }

    /// Trimmed text; empty becomes `nil`.
    mutating func text(_ value: String?, _ field: String, max: Int = 200) -> String? {
        guard let trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        if trimmed.count > max { fail(field, "must be at most \(max) characters") }
        return trimmed
    }

    mutating func required(_ value: String?, _ field: String, max: Int = 200) -> String {
        guard let text = text(value, field, max: max) else {
            fail(field, "must not be empty")
            return ""
        }
        return text
    }

    mutating func choice<E: RawRepresentable & CaseIterable>(_ value: String?, _ field: String, as type: E.Type) -> E? where E.RawValue == String {
        guard let raw = text(value, field) else { return nil }
        guard let parsed = E(rawValue: raw) else {
            fail(field, "must be one of " + E.allCases.map(\.rawValue).joined(separator: ", "))
            return nil
        }
        return parsed
    }

    mutating func date(_ value: String?, _ field: String) -> String? {
        guard let raw = text(value, field) else { return nil }
        guard let date = CalendarDate(raw) else {
            fail(field, "must be a date written YYYY-MM-DD")
            return nil
        }
        return date.description
    }

    mutating func phones(_ inputs: [ContactPointInput]?, _ field: String, defaultCountry: String) -> [CheckedPoint] {
        (inputs ?? []).enumerated().compactMap { index, input -> CheckedPoint? in
            let path = "\(field)[\(index)]"
            let label = choice(input.label ?? ContactPointLabel.work.rawValue, path + ".label", as: ContactPointLabel.self) ?? .other
            guard let value = text(input.value, path + ".value", max: 60) else {
                fail(path + ".value", "must not be empty")
                return nil
            }
            do {
                let number = try PhoneNumber(value, defaultCountry: defaultCountry)
                return CheckedPoint(label: label.rawValue, value: value, normalized: number.e164, searchValue: String(number.e164.dropFirst()))
            } catch {
                fail(path + ".value", "\(error)")
                return nil
            }
        }
    }

    mutating func emails(_ inputs: [ContactPointInput]?, _ field: String) -> [CheckedPoint] {
        (inputs ?? []).enumerated().compactMap { index, input -> CheckedPoint? in
            let path = "\(field)[\(index)]"
            let label = choice(input.label ?? ContactPointLabel.work.rawValue, path + ".label", as: ContactPointLabel.self) ?? .other
            guard let email = EmailAddress(input.value) else {
                fail(path + ".value", "must be a valid email address")
                return nil
            }
            return CheckedPoint(label: label.rawValue, value: email.value, normalized: email.value, searchValue: email.value)
        }
    }

    /// Tags are compared without regard to case, so "VIP" and "vip" are one tag.
    mutating func tags(_ inputs: [String]?, _ field: String) -> [String] {
        var seen: [String] = []
        for (index, raw) in (inputs ?? []).enumerated() {
            guard let tag = text(raw, "\(field)[\(index)]", max: 50)?.lowercased() else { continue }
            if !seen.contains(tag) { seen.append(tag) }
        }
        if seen.count > 50 { fail(field, "must hold at most 50 tags") }
        return seen
    }

    func throwIfFailed() throws {
        guard errors.isEmpty else { throw APIError.invalid(errors) }
    }

    /// Fails with `earlier` (errors only a form can have, such as an unreadable amount) together with every error
    /// `check` finds, so one answer names every problem; does nothing when `earlier` is empty.
    static func failing(with earlier: [String: String], alsoChecking check: () async throws -> Void) async throws {
        guard !earlier.isEmpty else { return }
        do {
            try await check()
        } catch let error as APIError {
            throw APIError.invalid(earlier.merging(error.fields) { first, _ in first })
        }
        throw APIError.invalid(earlier)
    }
}

/// A phone number or email address as written, with its normalised form and what search finds it by, whole or by any
/// part (a number's digits without the plus, so that the local digits people type are found inside them).
struct CheckedPoint: Equatable {
    let label: String
    let value: String
    let normalized: String
    let searchValue: String
}

/// A phone or email as the API and forms send it.
struct ContactPointInput: Codable, Equatable, Sendable {
    var label: String?
    var value: String
}
