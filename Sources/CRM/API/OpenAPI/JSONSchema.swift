/// The part of JSON Schema the OpenAPI document uses to describe request and response bodies.
indirect enum JSONSchema: Encodable, Sendable {
    case string(format: String? = nil, enumeration: [String]? = nil, description: String? = nil)
    case integer(description: String? = nil)
    case boolean
    case array(JSONSchema)
    case object([(String, JSONSchema)], required: [String] = [])
    case dictionary(JSONSchema)
    case ref(String)
    case nullable(JSONSchema)
    case null

    static let uuid = JSONSchema.string(format: "uuid")
    static let dateTime = JSONSchema.string(format: "date-time")
    static let email = JSONSchema.string(format: "email")

    private enum Keys: String, CodingKey {
        case type, format, `enum`, description, items, properties, required, additionalProperties, ref = "$ref", oneOf
    }

    private struct Name: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        switch self {
        case let .string(format, enumeration, description):
            try container.encode("string", forKey: .type)
            try container.encodeIfPresent(format, forKey: .format)
            try container.encodeIfPresent(enumeration, forKey: .enum)
            try container.encodeIfPresent(description, forKey: .description)
        case let .integer(description):
            try container.encode("integer", forKey: .type)
            try container.encodeIfPresent(description, forKey: .description)
        case .boolean:
            try container.encode("boolean", forKey: .type)
        case let .array(items):
            try container.encode("array", forKey: .type)
            try container.encode(items, forKey: .items)
        case let .object(properties, required):
            try container.encode("object", forKey: .type)
            var props = container.nestedContainer(keyedBy: Name.self, forKey: .properties)
            for (name, schema) in properties { try props.encode(schema, forKey: Name(stringValue: name)) }
            if !required.isEmpty { try container.encode(required, forKey: .required) }
        case let .dictionary(values):
            try container.encode("object", forKey: .type)
            try container.encode(values, forKey: .additionalProperties)
        case let .ref(name):
            try container.encode("#/components/schemas/\(name)", forKey: .ref)
        case let .nullable(schema):
            try container.encode([schema, .null], forKey: .oneOf)
        case .null:
            try container.encode("null", forKey: .type)
        }
    }
}
