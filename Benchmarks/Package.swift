// swift-tools-version: 6.0
// The benchmarks: a separate package so the library stays dependency-free and benchmarks are never timed tests.
import Foundation
import PackageDescription

// A path dependency is known by its folder's name, which differs between checkouts.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "Benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [.package(path: "..")],
    targets: [
        .executableTarget(
            name: "imodels-bench",
            dependencies: [
                .product(name: "IModelsClient", package: root),
                .product(name: "IModelsTesting", package: root),
            ]
        )
    ],
    swiftLanguageModes: [.v6]
)
