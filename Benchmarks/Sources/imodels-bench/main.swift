// imodels-bench: each scenario measures the SDK and its alternative side by side in the same run and prints one
// line. Run with `swift run -c release --package-path Benchmarks imodels-bench`; see BENCHMARKS.md.

let scenarios = [
    PollingScenario.scenario, RateLimitScenario.scenario, DecodingScenario.scenario, PipelineScenario.scenario,
]
for scenario in scenarios {
    do {
        print("\(scenario.name): \(try await scenario.run())")
    } catch {
        print("\(scenario.name): FAILED \(error)")
    }
}
