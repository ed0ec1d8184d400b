/// The geographic area of an iModel.
public struct IModelExtent: Sendable, Hashable, Codable {
    /// A point in WGS 84 degrees.
    public struct Point: Sendable, Hashable, Codable {
        /// Latitude, −90...90.
        public var latitude: Double
        /// Longitude, −180...180.
        public var longitude: Double

        /// Creates a point.
        public init(latitude: Double, longitude: Double) {
            self.latitude = latitude
            self.longitude = longitude
        }
    }

    /// The south-west corner.
    public var southWest: Point
    /// The north-east corner.
    public var northEast: Point

    /// Creates an extent.
    public init(southWest: Point, northEast: Point) {
        self.southWest = southWest
        self.northEast = northEast
    }
}
