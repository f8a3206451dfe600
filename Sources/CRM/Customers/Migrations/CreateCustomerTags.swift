import Fluent
import SQLKit

struct CreateCustomerTags: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CustomerTag.schema)
            .id()
            .field("subject_type", .string, .required)
            .field("subject_id", .uuid, .required)
            .field("tag", .string, .required)
            .unique(on: "subject_type", "subject_id", "tag")
            .create()
        try await database.sql
            .create(index: "customer_tags_tag").on(CustomerTag.schema).column("subject_type").column("tag").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CustomerTag.schema).delete()
    }
}
