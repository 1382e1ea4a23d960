using System.Diagnostics;
using Alba;
using System.Text.Json;
using Marten;
using Marten.Events;

namespace AnJiaXing.IntegrationTests.Infrastructure;

/// <summary>
/// The rebuild verb exactly as the README and ADR 0018 write it, run as its own process against a class database:
/// <c>projections rebuild -p ScopeStatistics</c> brings back documents that were deleted, equal to the live ones, and
/// <c>projections rebuild</c> rebuilds every projection; neither prints the "Cannot override services" warning.
/// </summary>
public class when_rebuilding_projections_from_the_command_line(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(ServiceAssembly());
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["ConnectionStrings__AnJiaXing"] = app.ConnectionString;
        start.Environment["AnJiaXing__DataFolder"] = Path.Combine(Path.GetTempPath(), "anjiaxing-test-data");
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    /// <summary>The service's own build output next to this test's (same configuration), as the README runs it.</summary>
    private static string ServiceAssembly()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = here.Parent!.Name; // bin/<configuration>/<framework>/
        var framework = here.Name;
        for (var dir = here; dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "AnJiaXing.Api", "bin", configuration, framework, "AnJiaXing.Api.dll");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("The service's build output (src/AnJiaXing.Api/bin/…/AnJiaXing.Api.dll) was not found.");
    }

    private async Task<List<string>> DocumentsAsync<T>() where T : notnull
    {
        await using var session = app.Store.QuerySession();
        var documents = await session.Query<T>().ToListAsync();
        return documents.Select(d => JsonSerializer.Serialize(d)).Order(StringComparer.Ordinal).ToList();
    }

    [Fact]
    public async Task one_projection_by_name_and_then_all_of_them_are_rebuilt_equal_to_the_live_documents()
    {
        await app.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        var live = await DocumentsAsync<ScopeStatistics>();
        var ledgers = await DocumentsAsync<HazardLedgerLine>();
        Assert.NotEmpty(live);
        Assert.NotEmpty(ledgers);

        await using (var session = app.Store.LightweightSession())
        {
            session.DeleteWhere<ScopeStatistics>(_ => true);
            await session.SaveChangesAsync();
        }
        Assert.Empty(await DocumentsAsync<ScopeStatistics>());

        var (exitCode, output) = await RunAsync("projections", "rebuild", "-p", "ScopeStatistics");
        Assert.True(exitCode == 0, output);
        Assert.DoesNotContain("Cannot override", output);
        Assert.Equal(live, await DocumentsAsync<ScopeStatistics>());

        (exitCode, output) = await RunAsync("projections", "rebuild");
        Assert.True(exitCode == 0, output);
        Assert.DoesNotContain("Cannot override", output);
        Assert.Contains("HazardLedgerLine", output);
        Assert.Equal(live, await DocumentsAsync<ScopeStatistics>());
        Assert.Equal(ledgers, await DocumentsAsync<HazardLedgerLine>());
    }
}
