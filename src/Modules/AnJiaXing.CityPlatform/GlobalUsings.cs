// The namespaces this module may use beyond the shared ones (src/Modules/Directory.Build.props): its own, and other
// modules' published contracts.
global using AnJiaXing.CityPlatform;
global using AnJiaXing.CityPlatform.Contracts;
global using AnJiaXing.CityPlatform.Dispatches;
global using AnJiaXing.CityPlatform.Feed;
global using AnJiaXing.Hazards.Contracts;
global using AnJiaXing.Monitoring.Contracts;
global using AnJiaXing.Emergency.Contracts;
