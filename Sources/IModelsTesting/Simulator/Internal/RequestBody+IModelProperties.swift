import Foundation
import IModelsClient

/// The iModel properties of `POST /imodels`, clone and fork bodies, validated as the service does where it is
/// documented and strictly where it is not.
extension RequestBody {
    /// `extent`: `{"southWest": {"latitude", "longitude"}, "northEast": {…}}`, or `nil` when absent or null.
    ///
    /// A latitude outside -90…90 gets the service's message, "Provided 'extent' value is not valid. Valid 'latitude'
    /// value range is -90 to 90." (iTwin/imodels-clients, tests/imodels-clients-tests/src/unit/IModelsErrorParser
    /// tests); a longitude outside -180…180 the same wording for 'longitude'. A missing corner, a coordinate that is
    /// not a number and a member the documentation does not name are refused too (the simulator's stricter choice).
    func extent() throws -> IModelExtent? {
        guard let value = members["extent"], value != .null else { return nil }
        let notValid = invalidValue("extent", "The value must have 'southWest' and 'northEast' points.")
        guard let object = value.objectValue, Set(object.keys) == ["southWest", "northEast"] else { throw notValid }
        func point(_ name: String) throws -> IModelExtent.Point {
            guard let point = object[name]?.objectValue, Set(point.keys) == ["latitude", "longitude"],
                let latitude = point["latitude"]?.doubleValue, let longitude = point["longitude"]?.doubleValue
            else {
                throw invalidValue("extent", "'\(name)' must have a numeric 'latitude' and 'longitude'.")
            }
            guard (-90...90).contains(latitude) else {
                throw invalidValue("extent", "Valid 'latitude' value range is -90 to 90.")
            }
            guard (-180...180).contains(longitude) else {
                throw invalidValue("extent", "Valid 'longitude' value range is -180 to 180.")
            }
            return IModelExtent.Point(latitude: latitude, longitude: longitude)
        }
        return IModelExtent(southWest: try point("southWest"), northEast: try point("northEast"))
    }

    /// `containersEnabled`: a bit mask of 1 (SchemaSync), 2 (CodeStore) and 4 (ViewStore), so 0…7; 0 when absent.
    /// The documentation lists the bits without saying how other values are treated: the simulator refuses them.
    func containersEnabled() throws -> Int {
        guard let value = try int("containersEnabled") else { return 0 }
        guard (0...7).contains(value) else {
            throw invalidValue(
                "containersEnabled",
                "The value must combine 1 (SchemaSync), 2 (CodeStore) and 4 (ViewStore), from 0 to 7.")
        }
        return value
    }

    /// `geographicCoordinateSystem.horizontalCRSId`, or `nil` when absent or null. A non-blank string is required and
    /// no other member is taken (the simulator's stricter choice).
    func horizontalCRSId() throws -> String? {
        guard let value = members["geographicCoordinateSystem"], value != .null else { return nil }
        guard let object = value.objectValue, Set(object.keys) == ["horizontalCRSId"],
            let id = object["horizontalCRSId"]?.stringValue,
            !id.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        else {
            throw invalidValue("geographicCoordinateSystem", "The value must have a non-empty 'horizontalCRSId'.")
        }
        return id
    }
}
