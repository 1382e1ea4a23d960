// The namespaces this module may use beyond the shared ones (src/Modules/Directory.Build.props): its own, and the
// published contracts of the hazard ledger whose events become reminders, and of the modules whose work
// the caller's to-do lists (inspection plans, patrol tasks) or whose events remind (equipment, certificates,
// alarms, emergency plans).
global using AnJiaXing.Hazards.Contracts;
global using AnJiaXing.Emergency.Contracts;
global using AnJiaXing.Inspections.Contracts;
global using AnJiaXing.Monitoring.Contracts;
global using AnJiaXing.RiskControl.Contracts;
global using AnJiaXing.Notices;
global using AnJiaXing.Notices.Contracts;
