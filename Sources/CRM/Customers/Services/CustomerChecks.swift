import CRMCore
import Fluent
import Vapor

/// Checks shared by accounts and contacts.
enum CustomerChecks {
    static func addresses(_ inputs: [AddressValue]?, _ fields: inout FieldCheck) -> [AddressValue] {
        (inputs ?? []).enumerated().compactMap { index, input in
            let path = "addresses[\(index)]"
            let kind = fields.choice(input.kind, path + ".kind", as: AddressKind.self) ?? .other
            var address = AddressValue(kind: kind.rawValue,
                                       street: fields.text(input.street, path + ".street", max: 300),
                                       city: fields.text(input.city, path + ".city", max: 100),
                                       region: fields.text(input.region, path + ".region", max: 100),
                                       postalCode: fields.text(input.postalCode, path + ".postalCode", max: 20),
                                       country: fields.text(input.country, path + ".country", max: 2)?.uppercased())
            if let country = address.country, country.count != 2 || !country.allSatisfy(\.isLetter) {
                fields.fail(path + ".country", "must be a two-letter country code such as LT")
                address.country = nil
            }
            let isEmpty = [address.street, address.city, address.region, address.postalCode, address.country].allSatisfy { $0 == nil }
            return isEmpty ? nil : address
        }
    }

    /// A web address as people write it ("example.lt", "https://example.lt/en"): http or https, a dotted host, no spaces.
    static func website(_ raw: String?, _ fields: inout FieldCheck) -> String? {
        guard let text = fields.text(raw, "website", max: 300) else { return nil }
        let withScheme = text.contains("://") ? text : "https://" + text
        guard !text.contains(where: \.isWhitespace), let url = URLComponents(string: withScheme),
              ["http", "https"].contains(url.scheme?.lowercased() ?? ""), let host = url.host, host.contains("."),
              !host.hasPrefix("."), !host.hasSuffix(".") else {
            fields.fail("website", "must be a web address such as example.lt or https://example.lt")
            return nil
        }
        return text
    }
}
