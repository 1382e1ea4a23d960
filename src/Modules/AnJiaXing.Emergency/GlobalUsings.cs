// The namespaces this module may use beyond the shared ones (src/Modules/Directory.Build.props): its own.
global using AnJiaXing.Emergency;
global using AnJiaXing.Emergency.Contracts;
global using AnJiaXing.Emergency.Incidents;
global using AnJiaXing.Emergency.Registers;
global using AnJiaXing.Emergency.Registers.Importing;
global using AnJiaXing.Emergency.Drills;
global using AnJiaXing.Emergency.Plans;
