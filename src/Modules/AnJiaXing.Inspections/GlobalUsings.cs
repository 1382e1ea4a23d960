// The namespaces this module may use beyond the shared ones (src/Modules/Directory.Build.props): its own, and other
// modules' published contracts.
global using AnJiaXing.Inspections;
global using AnJiaXing.Inspections.Checklists;
global using AnJiaXing.Inspections.Demo;
global using AnJiaXing.Inspections.Knowledge;
global using AnJiaXing.Inspections.Plans;
global using AnJiaXing.Inspections.Contracts;
global using AnJiaXing.Hazards.Contracts;
