import Foundation

/// A figure with at most one decimal.
func format(_ value: Double) -> String {
    value.rounded() == value ? String(Int(value)) : String(format: "%.1f", value)
}

/// A ratio with two decimals.
func format2(_ value: Double) -> String { String(format: "%.2f", value) }
