/// The presets available in one repository: the built-ins, overridden or extended by `.tapps.yaml`.
public struct PresetCatalogue: Sendable {
    public private(set) var presets: [Preset]

    public init(presets: [Preset] = BuiltInPresets.all) {
        self.presets = presets
    }

    /// The preset named `name`, or nil.
    public func preset(named name: String) -> Preset? { presets.first { $0.name == name } }

    /// The names, in catalogue order.
    public var names: [String] { presets.map(\.name) }

    /// Adds `preset`, replacing one of the same name in place.
    public mutating func upsert(_ preset: Preset) {
        if let index = presets.firstIndex(where: { $0.name == preset.name }) {
            presets[index] = preset
        } else {
            presets.append(preset)
        }
    }
}
