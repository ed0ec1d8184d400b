// swift-tools-version: 6.0
// What Swift server teams add on top of the library, in a package of its own so that IModelsClient itself keeps
// zero dependencies: an AsyncHTTPClient transport, logs, traces and metrics through swift-log,
// swift-distributed-tracing and swift-metrics, and the socket-level fault suite that proves every real transport.
import Foundation
import PackageDescription

/// A path dependency's identity is its folder's name, which differs between checkouts: derive it.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "IModelsIntegrations",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "IModelsClientAsyncHTTPClient", targets: ["IModelsClientAsyncHTTPClient"]),
        .library(name: "IModelsClientObservability", targets: ["IModelsClientObservability"]),
    ],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-distributed-tracing", from: "1.7.3"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
    ],
    targets: [
        .target(
            name: "IModelsClientAsyncHTTPClient",
            dependencies: [
                .product(name: "IModelsClient", package: root),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .target(
            name: "IModelsClientObservability",
            dependencies: [
                .product(name: "IModelsClient", package: root),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
            ]
        ),
        .target(
            name: "SocketFaultServer",
            dependencies: [
                .product(name: "IModelsClient", package: root),
                .product(name: "IModelsTesting", package: root),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            path: "Tests/SocketFaultServer"
        ),
        .testTarget(
            name: "IModelsClientAsyncHTTPClientTests",
            dependencies: [
                "IModelsClientAsyncHTTPClient",
                "SocketFaultServer",
                .product(name: "IModelsClient", package: root),
                .product(name: "IModelsTesting", package: root),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        .testTarget(
            name: "IModelsClientObservabilityTests",
            dependencies: [
                "IModelsClientObservability",
                .product(name: "IModelsClient", package: root),
                .product(name: "IModelsTesting", package: root),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "InMemoryLogging", package: "swift-log"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "InMemoryTracing", package: "swift-distributed-tracing"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "MetricsTestKit", package: "swift-metrics"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
