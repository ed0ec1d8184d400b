#!/usr/bin/env bash
# Regenerates the OpenAPI peer client of the call-overhead benchmark from Benchmarks/OpenAPI/create-operation.yaml.
# The generated files are committed, so building the Benchmarks package needs only swift-openapi-runtime; run this
# only after changing the document. It builds swift-openapi-generator 1.14.3 in a temporary folder (about 5 minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
work=${OPENAPI_GENERATOR_CHECKOUT:-$(mktemp -d)/swift-openapi-generator}
if [ ! -x "$work/.build/release/swift-openapi-generator" ]; then
    git clone --quiet --branch 1.14.3 https://github.com/apple/swift-openapi-generator "$work"
    swift build -c release --package-path "$work" --product swift-openapi-generator
fi
"$work/.build/release/swift-openapi-generator" generate \
    --config Benchmarks/OpenAPI/openapi-generator-config.yaml \
    --output-directory Benchmarks/Generated/CreateOperationClient \
    Benchmarks/OpenAPI/create-operation.yaml
