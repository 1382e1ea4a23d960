// The namespaces this module may use beyond the shared ones (src/Modules/Directory.Build.props): its own, and the
// published contracts of the modules whose events special-action progress folds (SpecialActionLinksProjection).
global using AnJiaXing.Hazards.Contracts;
global using AnJiaXing.Inspections.Contracts;
global using AnJiaXing.WorkLedger;
global using AnJiaXing.WorkLedger.Contracts;
global using AnJiaXing.WorkLedger.Entries;
