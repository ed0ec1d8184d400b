#!/usr/bin/env bash
# Builds the DocC references of IModelsClient, IModelsTesting and IModelsTestingTraits with the toolchain's
# swift-symbolgraph-extract and docc (no plugin) and fails on any documentation warning (a broken symbol link, for
# example). Output: .build/docs/{IModelsClient,IModelsTesting,IModelsTestingTraits}.doccarchive
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"

swift build --target IModelsTesting >/dev/null
swift build --target IModelsTestingTraits >/dev/null
modules="$(swift build --show-bin-path)/Modules"

for module in IModelsClient IModelsTesting IModelsTestingTraits; do
    symbols=".build/symbol-graphs/$module"
    output=".build/docs/$module.doccarchive"
    rm -rf "$symbols" "$output"
    mkdir -p "$symbols" "$(dirname "$output")"
    swift-symbolgraph-extract -module-name "$module" -I "$modules" \
        -target "$(uname -m)-unknown-linux-gnu" -minimum-access-level public -output-dir "$symbols"
    docc convert "Sources/$module/$module.docc" \
        --additional-symbol-graph-dir "$symbols" \
        --fallback-display-name "$module" \
        --fallback-bundle-identifier "com.imodelsclient.$module" \
        --output-path "$output" \
        --warnings-as-errors
    echo "DocC archive: $output"
done
