// The namespaces this module may use beyond the shared ones (src/Modules/Directory.Build.props): its own, and other
// modules' published contracts.
global using AnJiaXing.Monitoring;
global using AnJiaXing.Monitoring.Alarms;
global using AnJiaXing.Monitoring.Contracts;
global using AnJiaXing.Monitoring.Devices;
global using AnJiaXing.Monitoring.MajorHazardSources;
global using AnJiaXing.Monitoring.Standards;
global using AnJiaXing.Monitoring.Telemetry;
global using AnJiaXing.Monitoring.Registers;
global using AnJiaXing.Monitoring.Figures;
global using AnJiaXing.Platform.Tenancy;
