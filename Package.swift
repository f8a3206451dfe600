// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "crm",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "crm", targets: ["CRMCommand"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
    ],
    targets: [
        // Pure domain logic: no Vapor, no Fluent, so it is tested fast and in isolation.
        .target(name: "CRMCore"),
        .target(
            name: "CRM",
            dependencies: [
                "CRMCore",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
            ]
        ),
        .executableTarget(
            name: "CRMCommand",
            dependencies: ["CRM"]
        ),
        // The mail corpus: real-world message shapes the ingest must read.
        .testTarget(name: "CRMCoreTests", dependencies: ["CRMCore"], resources: [.copy("Mail/Corpus")]),
        .testTarget(
            name: "CRMTests",
            dependencies: [
                "CRM",
                .product(name: "VaporTesting", package: "vapor"),
            ]
        ),
    ]
)
