import IModelsCLI

/// What the tool says on standard error when it runs against the built-in simulator.
enum Banner {
    static func simulator(_ samples: SimulatorSamples, forced: Bool) -> String {
        let why = forced ? "--simulator" : "No access token (ITWIN_ACCESS_TOKEN or --token-command)"
        return """
            \(why): running against the built-in simulator,
            an in-memory iModels and Transformations service seeded with sample data, where every subcommand works
            end to end in seconds and nothing leaves this process. It starts fresh for every command, so ids that a
            command creates are gone in the next one; the sample ids are the same every time, and subcommands use
            them when you omit ids:
            \(samples.listing)

            """
    }
}
