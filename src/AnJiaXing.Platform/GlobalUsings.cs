// Usings every file of this project shares: ASP.NET Core's (this is a class library, not the web SDK) and the
// namespaces it may use: its own, the platform's and, for now, its dependencies'.
global using Microsoft.AspNetCore.Builder;
global using Microsoft.AspNetCore.Hosting;
global using Microsoft.AspNetCore.Http;
global using Microsoft.AspNetCore.Routing;
global using Microsoft.Extensions.Configuration;
global using Microsoft.Extensions.DependencyInjection;
global using Microsoft.Extensions.Hosting;
global using Microsoft.Extensions.Logging;
global using AnJiaXing.Platform.Audit;
global using AnJiaXing.Platform.Configuration;
global using AnJiaXing.Platform.Demo;
global using AnJiaXing.Platform.Evidence;
global using AnJiaXing.Platform.Health;
global using AnJiaXing.Platform.Http;
global using AnJiaXing.Platform.Idempotency;
global using AnJiaXing.Platform.Ledger;
global using AnJiaXing.Platform.Logging;
global using AnJiaXing.Platform.OpenApi;
global using AnJiaXing.Platform.Organisations;
global using AnJiaXing.Platform.Persistence;
global using AnJiaXing.Platform.Security;
global using AnJiaXing.Platform.Validation;
global using AnJiaXing.Platform.Modules;
global using AnJiaXing.Platform;
global using AnJiaXing.Platform.Commands;
global using AnJiaXing.Platform.Imports;
