using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AnJiaXing.IntegrationTests.Infrastructure;
using Npgsql;

namespace AnJiaXing.IntegrationTests.Ledger;

/// <summary>
/// The command-line verbs as the README writes them (issue 13): each <c>dotnet run --project src/AnJiaXing.Api -- …</c>
/// line is read from the README and run as its own process against this class's database, with the built service
/// (<c>dotnet AnJiaXing.Api.dll …</c>: the same program without the build step) in a folder that holds the key file at
/// the README's path. Stdout carries the result only (a summary line, or JSON that parses whole with <c>--json</c>); a
/// wrong password or a malformed connection string is one line on stderr and exit code 2.
/// </summary>
public partial class when_running_the_readme_verbs(AppFixture app) : IClassFixture<AppFixture>, IDisposable
{
    private const string Prefix = "dotnet run --project src/AnJiaXing.Api -- ";
    private const string ReadmeConnection = "Host=…;Port=…;Database=anjiaxing;Username=…;Password=…";
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("anjiaxing-readme-verbs-");

    public void Dispose() => _folder.Delete(recursive: true);

    private sealed record Run(int ExitCode, string Stdout, string Stderr)
    {
        public string[] ErrorLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
    }

    /// <summary>Every verb the README runs, as argument lists (comments and pipes cut off, quotes removed).</summary>
    private static List<string[]> ReadmeVerbs()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        var verbs = new List<string[]>();
        foreach (var line in readme.Split('\n'))
        {
            var at = line.IndexOf(Prefix, StringComparison.Ordinal);
            if (at < 0) continue;
            var command = line[(at + Prefix.Length)..];
            if (at > 0 && line[at - 1] == '`') command = command[..command.IndexOf('`')];
            verbs.Add(Words(command));
        }
        return verbs;
    }

    /// <summary>Shell words up to a comment or a pipe, double quotes honoured.</summary>
    private static string[] Words(string command)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var quoted = false;
        foreach (var c in command)
        {
            if (c == '"') { quoted = !quoted; continue; }
            if (!quoted && c is '#' or '|') break;
            if (!quoted && char.IsWhiteSpace(c))
            {
                if (word.Length > 0) words.Add(word.ToString());
                word.Clear();
                continue;
            }
            word.Append(c);
        }
        if (word.Length > 0) words.Add(word.ToString());
        return [.. words];
    }

    private static string[] Verb(string start) =>
        ReadmeVerbs().FirstOrDefault(v => string.Join(' ', v).StartsWith(start, StringComparison.Ordinal))
        ?? throw new Xunit.Sdk.XunitException($"The README runs no '{start}'.");

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "AnJiaXing.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("The repository root (AnJiaXing.sln) was not found.");
    }

    /// <summary>Runs the README's words with its placeholder connection string replaced by <paramref name="connection"/>.</summary>
    private async Task<Run> RunAsync(string[] words, string? connection = null)
    {
        // The README's key-file path, relative to where the command runs: the tests' development key.
        var keys = Directory.CreateDirectory(Path.Combine(_folder.FullName, ".data", "keys"));
        File.Copy(LedgerSql.SigningKeyFile, Path.Combine(keys.FullName, "ledger-signing.pem"), overwrite: true);

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _folder.FullName };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "AnJiaXing.Api.dll"));
        foreach (var word in words) start.ArgumentList.Add(word == ReadmeConnection ? connection ?? app.ConnectionString : word);
        start.Environment["ConnectionStrings__AnJiaXing"] = connection ?? app.ConnectionString;
        start.Environment["AnJiaXing__DataFolder"] = Path.Combine(Path.GetTempPath(), "anjiaxing-test-data");
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await process.WaitForExitAsync(timeout.Token);
        return new Run(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Credentials the server refuses: an account it does not know (a throwaway test cluster trusts any password
    /// of a known one), with a password that must not be echoed.</summary>
    private string WrongCredentials() =>
        new NpgsqlConnectionStringBuilder(app.ConnectionString) { Username = "no_such_account", Password = "not-the-password" }.ConnectionString;

    private static void IsOneLineError(Run run, string expected)
    {
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal("", run.Stdout);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains(expected, line);
        Assert.DoesNotContain("not-the-password", line);
    }

    [Fact]
    public void the_readme_documents_the_verbs_this_class_runs()
    {
        var verbs = ReadmeVerbs().Select(v => string.Join(' ', v.Take(2))).ToHashSet();
        Assert.Superset(new HashSet<string> { "ledger verify", "ledger verify-bundle", "projections rebuild" }, verbs);
        Assert.Contains(ReadmeVerbs(), v => v.Contains("--json"));
    }

    [Fact]
    public async Task ledger_verify_prints_one_summary_line_and_with_json_one_document()
    {
        var summary = await RunAsync(Verb("ledger verify --connection"));
        Assert.True(summary.ExitCode == 0, summary.ToString());
        Assert.Matches(SummaryLine(), Assert.Single(summary.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.DoesNotContain("Searching", summary.Stdout + summary.Stderr);

        var json = await RunAsync(Verb("ledger verify --json"));
        Assert.True(json.ExitCode == 0, json.ToString());
        using var document = JsonDocument.Parse(json.Stdout);
        Assert.True(document.RootElement.GetProperty("ok").GetBoolean(), json.ToString());
        Assert.True(document.RootElement.GetProperty("eventsChecked").GetInt64() > 0);
    }

    [Fact]
    public async Task wrong_credentials_or_a_malformed_connection_string_are_one_line_on_stderr()
    {
        IsOneLineError(await RunAsync(Verb("ledger verify --json"), WrongCredentials()), "Cannot connect to PostgreSQL");
        IsOneLineError(await RunAsync(Verb("ledger verify --connection"), WrongCredentials()), "no_such_account");
        // The README's placeholder itself ("Port=…") is no connection string.
        IsOneLineError(await RunAsync(Verb("ledger verify --connection"), ReadmeConnection), "The connection string is not valid");
        IsOneLineError(await RunAsync(Verb("projections rebuild"), WrongCredentials()), "Cannot connect to PostgreSQL");
    }

    [Fact]
    public async Task a_bundle_that_is_not_there_is_one_line_on_stderr()
    {
        // The README's placeholder name (investigation-<id>.zip) is no file here.
        IsOneLineError(await RunAsync([.. Verb("ledger verify-bundle").Take(3)]), "does not exist");
    }

    [Fact]
    public async Task projections_list_prints_the_projections_and_nothing_of_the_command_search()
    {
        var list = await RunAsync(["projections", "list"]);
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains("ScopeStatistics", list.Stdout);
        Assert.DoesNotContain("Searching", list.Stdout + list.Stderr);
        Assert.DoesNotContain("\"@t\"", list.Stdout);
    }

    [GeneratedRegex(@"^OK: \d+ events in \d+ streams(, \d+ signed heads)? verified in \d+ ms\.$")]
    private static partial Regex SummaryLine();
}
