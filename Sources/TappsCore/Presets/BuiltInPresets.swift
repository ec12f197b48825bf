/// The five built-in presets, from lightest to heaviest, with the seed roadmap's estimates.
public enum BuiltInPresets {
    public static let minimal = Preset(
        name: "minimal", summary: "Implement, then test. No planning.",
        bestFor: "typos, comments, logging, docs and other obvious low-risk edits",
        useWhen: ["the change is obvious and small", "nothing security-sensitive is touched",
                  "a wrong change is cheap to notice and revert"],
        examples: ["Fix typo in README", "Add debug logging to the retry loop", "Update the install docs"],
        steps: [
            WorkflowStep("implement", "make the change"),
            WorkflowStep("test", "run the tests related to the change", phase: .test),
        ],
        hookPhases: [.test], estimate: Estimate(minutes: 5, tokens: 15_000), isBuiltIn: true)

    public static let standard = Preset(
        name: "standard", summary: "Plan, implement, review, test. The default.",
        bestFor: "bug fixes, validation, small features, local refactors",
        useWhen: ["most day-to-day development", "requirements are clear",
                  "the change stays inside one component"],
        examples: ["Add input validation to the signup form", "Fix off-by-one in pagination",
                   "Add a --verbose flag"],
        steps: [
            WorkflowStep("plan", "a short plan: what changes and how to check it"),
            WorkflowStep("implement", "make the change"),
            WorkflowStep("review", "static checks and review of the staged files", phase: .review),
            WorkflowStep("test", "run the tests related to the change", phase: .test),
        ],
        hookPhases: [.review, .test], estimate: Estimate(minutes: 15, tokens: 30_000), isBuiltIn: true)

    public static let lightweight = Preset(
        name: "lightweight", summary: "A streamlined SDLC: quick enhance, requirements, combined design.",
        bestFor: "medium features inside one component, with no architecture change",
        useWhen: ["medium complexity (5–7/10)", "requirements are clear but worth writing down",
                  "no major architecture change", "one component changes"],
        examples: ["Add CSV export to the report page", "Support pagination in the list command"],
        steps: [
            WorkflowStep("enhance", "sharpen the task description", settings: ["mode": "quick"]),
            WorkflowStep("requirements", "list what must be true when done"),
            WorkflowStep("design", "requirements and design in one short note", settings: ["skip_architecture": "true"]),
            WorkflowStep("implement", "make the change"),
            WorkflowStep("review", "quick review of the staged files", phase: .review, settings: ["mode": "quick"]),
            WorkflowStep("test", "tests with coverage of at least 75%", phase: .test, settings: ["min_coverage": "75"]),
        ],
        hookPhases: [.review, .test], estimate: Estimate(minutes: 35, tokens: 40_000), isBuiltIn: true)

    public static let comprehensive = Preset(
        name: "comprehensive", summary: "Enhance, analyse, design, implement, review, test, security.",
        bestFor: "new API endpoints, complex features, security-sensitive code",
        useWhen: ["design decisions are needed", "a public interface changes",
                  "authentication, payments, crypto or data migrations are touched"],
        examples: ["Add a new REST API endpoint for invoices", "Add rate limiting to the login endpoint",
                   "Add OAuth token refresh"],
        steps: [
            WorkflowStep("enhance", "sharpen the task description"),
            WorkflowStep("requirements", "analyse requirements and risks"),
            WorkflowStep("design", "design the interfaces and data flow"),
            WorkflowStep("implement", "make the change"),
            WorkflowStep("review", "static checks and review of the staged files", phase: .review),
            WorkflowStep("test", "run the tests related to the change", phase: .test),
            WorkflowStep("security", "security checks on the staged files", phase: .security),
        ],
        hookPhases: [.review, .test, .security], estimate: Estimate(minutes: 45, tokens: 60_000), isBuiltIn: true)

    public static let fullSDLC = Preset(
        name: "full-sdlc", summary: "The whole lifecycle, architecture and documentation included.",
        bestFor: "framework code, architecture changes, auth-system rewrites, breaking changes",
        useWhen: ["a configured framework path is touched (mandatory)", "the architecture changes",
                  "a security-critical system is refactored", "a breaking change ships"],
        examples: ["Refactor the authentication system", "Split the monolith into services",
                   "Change the plugin API of the framework"],
        steps: [
            WorkflowStep("enhance", "sharpen the task description"),
            WorkflowStep("requirements", "analyse requirements and risks"),
            WorkflowStep("architecture", "architecture and decision records"),
            WorkflowStep("design", "design the interfaces and data flow"),
            WorkflowStep("implement", "make the change"),
            WorkflowStep("review", "static checks and review of the staged files", phase: .review),
            WorkflowStep("test", "run the tests related to the change", phase: .test),
            WorkflowStep("security", "security checks on the staged files", phase: .security),
            WorkflowStep("documentation", "update the documentation", phase: .docs),
        ],
        hookPhases: [.review, .test, .security, .docs], estimate: Estimate(minutes: 120, tokens: 80_000),
        isBuiltIn: true)

    /// All five, lightest first.
    public static let all: [Preset] = [minimal, standard, lightweight, comprehensive, fullSDLC]
}
