/// The parameters of an AlignIModelData configuration (GA): optimises the source's schemas (drops unused classes,
/// merges classes) and remaps its data to other classes in the target.
///
/// From the "Create AlignIModelData configuration" page: `schemaOptimizationOptions { removeUnusedClasses,
/// classMergingGroups [{ sourceECClasses [{ ecClassName, ecSchemaName }], targetECClass }] }` and
/// `dataRemappingOptions { additionalECSchemas [{ ecSchemaName, ecSchemaVersion }], elementGroups [{ targetECClass,
/// elementPropertyQuery }] }`. The page marks neither as required; the SDK requires at least one of the two (an
/// alignment with no options does nothing) and refuses blank names and queries.
///
/// ```swift
/// AlignIModelDataParameters(schemaOptimizationOptions: .init(removeUnusedClasses: true))
/// ```
public struct AlignIModelDataParameters: ConfigurationParameters, Codable {
    /// An EC class named by schema and class name.
    public struct ECClass: Sendable, Hashable, Codable {
        /// The class name.
        public var ecClassName: String
        /// The schema name.
        public var ecSchemaName: String

        /// Creates a class reference.
        public init(ecClassName: String, ecSchemaName: String) {
            self.ecClassName = ecClassName
            self.ecSchemaName = ecSchemaName
        }
    }

    /// Source classes merged into one target class.
    public struct ClassMergingGroup: Sendable, Hashable, Codable {
        /// The classes merged.
        public var sourceECClasses: [ECClass]
        /// The class they become (as the page shows it, a string such as `"Schema:Class"`).
        public var targetECClass: String

        /// Creates a group.
        public init(sourceECClasses: [ECClass], targetECClass: String) {
            self.sourceECClasses = sourceECClasses
            self.targetECClass = targetECClass
        }
    }

    /// How the schemas are optimised.
    public struct SchemaOptimizationOptions: Sendable, Hashable, Codable {
        /// Whether classes without instances are removed.
        public var removeUnusedClasses: Bool?
        /// Classes merged together.
        public var classMergingGroups: [ClassMergingGroup]?

        /// Creates options.
        public init(removeUnusedClasses: Bool? = nil, classMergingGroups: [ClassMergingGroup]? = nil) {
            self.removeUnusedClasses = removeUnusedClasses
            self.classMergingGroups = classMergingGroups
        }
    }

    /// An extra schema the remapping needs.
    public struct ECSchema: Sendable, Hashable, Codable {
        /// The schema name.
        public var ecSchemaName: String
        /// The schema version, for example `"01.00.00"`.
        public var ecSchemaVersion: String

        /// Creates a schema reference.
        public init(ecSchemaName: String, ecSchemaVersion: String) {
            self.ecSchemaName = ecSchemaName
            self.ecSchemaVersion = ecSchemaVersion
        }
    }

    /// Elements a query selects, remapped to a target class.
    public struct ElementGroup: Sendable, Hashable, Codable {
        /// The class the elements become.
        public var targetECClass: String
        /// The query selecting the elements and their properties.
        public var elementPropertyQuery: String

        /// Creates a group.
        public init(targetECClass: String, elementPropertyQuery: String) {
            self.targetECClass = targetECClass
            self.elementPropertyQuery = elementPropertyQuery
        }
    }

    /// How the data is remapped.
    public struct DataRemappingOptions: Sendable, Hashable, Codable {
        /// Extra schemas to import.
        public var additionalECSchemas: [ECSchema]?
        /// Element groups to remap.
        public var elementGroups: [ElementGroup]?

        /// Creates options.
        public init(additionalECSchemas: [ECSchema]? = nil, elementGroups: [ElementGroup]? = nil) {
            self.additionalECSchemas = additionalECSchemas
            self.elementGroups = elementGroups
        }
    }

    /// `AlignIModelData`.
    public static var transformType: TransformType { .alignIModelData }

    /// How the schemas are optimised.
    public var schemaOptimizationOptions: SchemaOptimizationOptions?
    /// How the data is remapped.
    public var dataRemappingOptions: DataRemappingOptions?

    /// Creates the parameters.
    public init(
        schemaOptimizationOptions: SchemaOptimizationOptions? = nil, dataRemappingOptions: DataRemappingOptions? = nil
    ) {
        self.schemaOptimizationOptions = schemaOptimizationOptions
        self.dataRemappingOptions = dataRemappingOptions
    }

    /// Refuses parameters with neither option, and blank names, classes or queries.
    public func validate() throws {
        guard schemaOptimizationOptions != nil || dataRemappingOptions != nil else {
            throw ITwinClientError.invalidRequest(
                "AlignIModelData needs schemaOptimizationOptions or dataRemappingOptions.")
        }
        for group in schemaOptimizationOptions?.classMergingGroups ?? [] {
            try InputValidation.required(group.targetECClass, named: "classMergingGroups.targetECClass")
            guard !group.sourceECClasses.isEmpty else {
                throw ITwinClientError.invalidRequest("classMergingGroups.sourceECClasses must not be empty.")
            }
            for ecClass in group.sourceECClasses {
                try InputValidation.required(ecClass.ecClassName, named: "sourceECClasses.ecClassName")
                try InputValidation.required(ecClass.ecSchemaName, named: "sourceECClasses.ecSchemaName")
            }
        }
        for schema in dataRemappingOptions?.additionalECSchemas ?? [] {
            try InputValidation.required(schema.ecSchemaName, named: "additionalECSchemas.ecSchemaName")
            try InputValidation.required(schema.ecSchemaVersion, named: "additionalECSchemas.ecSchemaVersion")
        }
        for group in dataRemappingOptions?.elementGroups ?? [] {
            try InputValidation.required(group.targetECClass, named: "elementGroups.targetECClass")
            try InputValidation.required(group.elementPropertyQuery, named: "elementGroups.elementPropertyQuery")
        }
    }
}
