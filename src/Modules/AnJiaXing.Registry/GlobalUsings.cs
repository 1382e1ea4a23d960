// The namespaces this module may use beyond the shared ones (src/Modules/Directory.Build.props): its own, and other
// modules' published contracts.
global using AnJiaXing.Registry.Enterprises;
global using AnJiaXing.Registry.Enterprises.Importing;
global using AnJiaXing.Registry.Identity;
global using AnJiaXing.Registry.Organisations;
