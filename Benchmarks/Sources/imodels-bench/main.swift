// imodels-bench: each scenario measures the SDK and its alternative side by side in the same run and prints one
// line. Run with `swift run -c release --package-path Benchmarks imodels-bench [WORD ...]`; with words, only the
// scenarios whose names contain one of them run. See BENCHMARKS.md.

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == MemoryScenario.childArgument {
    try await MemoryScenario.runAsChild(waits: Int(arguments.dropFirst().first ?? "") ?? MemoryScenario.waits)
} else {
    let scenarios =
        [CallOverheadScenario.scenario] + LoopbackScenario.scenarios + [PostCostScenario.scenario]
        + WaitingEconomyScenario.scenarios + [
            RateLimitScenario.scenario, MemoryScenario.scenario, DecodingScenario.scenario,
        ]
    let words = arguments.map { $0.lowercased() }
    for scenario in scenarios where words.isEmpty || words.contains(where: scenario.name.lowercased().contains) {
        do {
            print("\(scenario.name): \(try await scenario.run())")
        } catch {
            print("\(scenario.name): FAILED \(error)")
        }
    }
}
