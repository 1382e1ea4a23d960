// The namespaces this module may use beyond the shared ones (src/Modules/Directory.Build.props): its own, and the
// published contracts of the modules whose records an investigation gathers.
global using AnJiaXing.Hazards.Contracts;
global using AnJiaXing.Inspections.Contracts;
global using AnJiaXing.RiskControl.Contracts;
global using AnJiaXing.Investigations;
global using AnJiaXing.Investigations.Contracts;
