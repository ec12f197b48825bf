import TappsCore

/// The content guards a blob visit runs, as bits in the order ``BlobVisits/order`` runs them (bit n is the
/// guard in the guard-result cache's slot n). A `Set<BuiltinCheck>` per blob would cost an allocation and the
/// hashing of a name for every staged file of a big change.
struct VisitChecks: OptionSet, Sendable, Hashable {
    let rawValue: UInt8

    init(rawValue: UInt8) { self.rawValue = rawValue }

    /// The bit of `check`; none for a guard that does not read single blobs.
    init(_ check: BuiltinCheck) {
        rawValue = GuardResultCache.slot(check).map { UInt8(1) << $0 } ?? 0
    }

    func contains(_ check: BuiltinCheck) -> Bool { !VisitChecks(check).isEmpty && contains(VisitChecks(check)) }

    /// The cache slots of these guards.
    var slots: [Int] { (0..<GuardResultFile.slotCount).filter { rawValue & (1 << $0) != 0 } }
}

/// One value per content guard, stored inline (no dictionary per blob).
struct PerVisitCheck<Value: Sendable>: Sendable {
    private var values: (Value, Value, Value, Value)

    init(_ value: Value) { values = (value, value, value, value) }

    subscript(check: BuiltinCheck) -> Value {
        get {
            switch GuardResultCache.slot(check) {
            case 0?: values.0
            case 1?: values.1
            case 2?: values.2
            default: values.3
            }
        }
        set {
            switch GuardResultCache.slot(check) {
            case 0?: values.0 = newValue
            case 1?: values.1 = newValue
            case 2?: values.2 = newValue
            default: values.3 = newValue
            }
        }
    }
}
