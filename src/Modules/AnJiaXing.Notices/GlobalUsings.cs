// The namespaces this module may use beyond the shared ones (src/Modules/Directory.Build.props): its own, and the
// published contracts of the hazard ledger whose events become reminders.
global using AnJiaXing.Hazards.Contracts;
global using AnJiaXing.Notices;
global using AnJiaXing.Notices.Contracts;
