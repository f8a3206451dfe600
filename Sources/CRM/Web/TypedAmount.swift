import CRMCore

/// An amount as people type it in a form ("1250.50"): minor units of the currency, nothing when left empty, or the
/// error noted under the API's field name so the form shows it beside the field.
enum TypedAmount {
    static let problem = "must be an amount such as 1250.50"

    static func read(_ text: String?, currency: String, field: String, errors: inout [String: String]) -> Int64? {
        guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        guard let minor = MinorUnits.parse(text, currency: currency) else {
            errors[field] = problem
            return nil
        }
        return minor
    }
}
