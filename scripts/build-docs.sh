#!/usr/bin/env bash
# Builds the DocC reference of IModelsClient with the toolchain's swift-symbolgraph-extract and docc (no plugin) and fails on any
# documentation warning (a broken symbol link, for example). Output: .build/docs/IModelsClient.doccarchive
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"

symbols=.build/symbol-graphs
output=.build/docs/IModelsClient.doccarchive
rm -rf "$symbols" "$output"
mkdir -p "$symbols" "$(dirname "$output")"

swift build --target IModelsClient >/dev/null
modules="$(swift build --show-bin-path)/Modules"
swift-symbolgraph-extract -module-name IModelsClient -I "$modules" \
    -target "$(uname -m)-unknown-linux-gnu" -minimum-access-level public -output-dir "$symbols"

docc convert Sources/IModelsClient/IModelsClient.docc \
    --additional-symbol-graph-dir "$symbols" \
    --fallback-display-name IModelsClient \
    --fallback-bundle-identifier com.imodelsclient.IModelsClient \
    --output-path "$output" \
    --warnings-as-errors
echo "DocC archive: $output"
