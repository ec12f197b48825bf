import Synchronization
import TappsCore

/// A live line on stderr naming the steps that have run longer than a second (terminals only).
final class ProgressLine: @unchecked Sendable {
    private struct State {
        var running: [String: Double] = [:]
        var shown = false
    }
    private let state = Mutex(State())
    private var ticker: Task<Void, Never>?

    init() {
        ticker = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(nanoseconds: 200_000_000)
                self?.draw()
            }
        }
    }

    func update(_ event: StepProgress) {
        state.withLock { state in
            switch event {
            case .started(let step): state.running[step.name] = Clock.now
            case .finished(let result): state.running[result.name] = nil
            }
        }
    }

    func finish() {
        ticker?.cancel()
        state.withLock { state in
            if state.shown { Console.raw("\r\u{1B}[K") }
            state.shown = false
        }
    }

    private func draw() {
        state.withLock { state in
            let now = Clock.now
            let slow = state.running.filter { now - $0.value >= 1 }.sorted { $0.value < $1.value }
            guard let oldest = slow.first else {
                if state.shown { Console.raw("\r\u{1B}[K") }
                state.shown = false
                return
            }
            let names = slow.map(\.key).joined(separator: ", ")
            Console.raw("\r\u{1B}[K  running \(names) (\(Durations.text(now - oldest.value)))")
            state.shown = true
        }
    }
}
