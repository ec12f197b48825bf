import TappsCore

/// A step starting or finishing, for a live progress line.
public enum StepProgress: Sendable {
    case started(PlannedStep)
    case finished(StepResult)
}
