// The namespaces this module may use beyond the shared ones (src/Modules/Directory.Build.props): its own, and other
// modules' published contracts.
global using AnJiaXing.Hazards;
global using AnJiaXing.Hazards.Demo;
global using AnJiaXing.Hazards.Contracts;
