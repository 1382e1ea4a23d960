// The namespaces this module may use beyond the shared ones (src/Modules/Directory.Build.props): its own, and other
// modules' published contracts.
global using AnJiaXing.Statistics;
global using AnJiaXing.Statistics.EnterpriseFiles;
global using AnJiaXing.Hazards.Contracts;
global using AnJiaXing.Inspections.Contracts;
global using AnJiaXing.RiskControl.Contracts;
global using AnJiaXing.Monitoring.Contracts;
