// The namespaces this module may use beyond the shared ones (src/Modules/Directory.Build.props): its own, and other
// modules' published contracts.
global using AnJiaXing.RiskControl;
global using AnJiaXing.RiskControl.Contracts;
global using AnJiaXing.RiskControl.Patrols;
global using AnJiaXing.RiskControl.RiskMaps;
global using AnJiaXing.RiskControl.Demo;
global using AnJiaXing.RiskControl.ResidualRisk;
global using AnJiaXing.RiskControl.RiskPoints;
global using AnJiaXing.RiskControl.RiskPoints.Importing;
global using AnJiaXing.RiskControl.RiskPoints.Cards;
global using AnJiaXing.Hazards.Contracts;
