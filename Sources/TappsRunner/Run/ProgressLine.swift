import TappsCore

#if canImport(Glibc)
import Glibc
#endif

/// A live line on stderr naming the steps that have run longer than a second (terminals only).
final class ProgressLine: @unchecked Sendable {
    private let lock = NSLockLite()
    private var running: [String: Double] = [:]
    private var shown = false
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
        lock.withLock {
            switch event {
            case .started(let step): running[step.name] = Clock.now
            case .finished(let result): running[result.name] = nil
            }
        }
    }

    func finish() {
        ticker?.cancel()
        lock.withLock {
            if shown { Console.raw("\r\u{1B}[K") }
            shown = false
        }
    }

    private func draw() {
        lock.withLock {
            let now = Clock.now
            let slow = running.filter { now - $0.value >= 1 }.sorted { $0.value < $1.value }
            guard let oldest = slow.first else {
                if shown { Console.raw("\r\u{1B}[K") }
                shown = false
                return
            }
            let names = slow.map(\.key).joined(separator: ", ")
            Console.raw("\r\u{1B}[K  running \(names) (\(Durations.text(now - oldest.value)))")
            shown = true
        }
    }
}
