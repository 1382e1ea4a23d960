using System.Net.Sockets;
using JasperFx.CommandLine;
using Npgsql;
using Spectre.Console;

namespace AnJiaXing.Platform.Logging;

/// <summary>
/// What a command-line verb (<c>ledger verify</c>, <c>projections rebuild</c>, …) prints: its result on stdout and
/// everything else on stderr, so <c>ledger verify --json | jq</c> works. JasperFx writes through Spectre's
/// <see cref="AnsiConsole"/>; that console writes to stderr (usage errors stay visible) until the verb's own work begins
/// (<see cref="VerbBegins"/>), and the logs of a verb's host go to stderr throughout. JasperFx's discovery banner
/// ("Searching '…' for commands", one per assembly) is not printed at all (<see cref="ApplyJasperFxExtensionsQuietly"/>).
/// </summary>
public static class CommandLineOutput
{
    /// <summary>True when the process runs a verb rather than serving (<c>run</c>, no arguments, or only flags).</summary>
    public static bool IsVerb { get; private set; }

    /// <summary>Called first, with the process arguments. <c>help</c> is left alone: its text is its result.</summary>
    public static void Prepare(string[] args)
    {
        IsVerb = args is [var verb, ..] && !verb.StartsWith('-') && verb is not ("run" or "help" or "?");
        if (IsVerb) AnsiConsole.Console = ConsoleOn(Console.Error);
    }

    /// <summary>The verb's own output starts here: what JasperFx's views print from now on (a projection list) is the result.</summary>
    public static void VerbBegins()
    {
        if (IsVerb) AnsiConsole.Console = ConsoleOn(Console.Out);
    }

    /// <summary>
    /// JasperFx has no switch for its banner (<c>JasperFxEnvironment.RunQuiet</c> is read nowhere) but prints it only until
    /// its extensions were applied once (a static latch in <see cref="CommandFactory"/>). This applies them to the
    /// application's services, as <c>ApplyJasperFxExtensions()</c> does for a WebApplication, with the banner going nowhere,
    /// so the search of <c>RunJasperFxCommands</c> that follows has nothing to announce.
    /// </summary>
    public static void ApplyJasperFxExtensionsQuietly(IServiceCollection services)
    {
        var console = AnsiConsole.Console;
        AnsiConsole.Console = ConsoleOn(TextWriter.Null);
        try
        {
            var factory = new CommandFactory();
            factory.RegisterCommandsFromExtensionAssemblies();
            factory.ApplyExtensions(services);
        }
        finally
        {
            AnsiConsole.Console = console;
        }
    }

    private static IAnsiConsole ConsoleOn(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer) });
        // Piped, Spectre assumes 80 columns and wraps names mid-word (“AccountActivit/y”), which no grep finds.
        if (writer == Console.Out ? Console.IsOutputRedirected : Console.IsErrorRedirected) console.Profile.Width = 240;
        return console;
    }

    /// <summary>
    /// Opens and closes one connection: null when the database answers, else one line saying why not (no stack trace,
    /// never the password), for a verb to print on stderr before it exits non-zero.
    /// </summary>
    public static async Task<string?> DatabaseFaultAsync(string? connectionString, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
            return $"No database: give --connection \"Host=…;Database=…;Username=…;Password=…\" or set ConnectionStrings__{MartenSetup.ConnectionStringName}.";
        NpgsqlConnectionStringBuilder parsed;
        try
        {
            parsed = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            return $"The connection string is not valid: {e.Message}";
        }

        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(ct);
            return null;
        }
        catch (Exception e) when (e is NpgsqlException or ArgumentException or InvalidOperationException or TimeoutException)
        {
            return $"Cannot connect to PostgreSQL at {parsed.Host}:{parsed.Port}, database '{parsed.Database}' as '{parsed.Username}': {Reason(e)}";
        }
    }

    /// <summary>The innermost useful words: PostgreSQL's own message (e.g. a failed password), or the socket's.</summary>
    private static string Reason(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            if (x is PostgresException pg) return $"{pg.MessageText} ({pg.SqlState})";
            if (x is SocketException socket) return socket.Message;
        }
        return e.Message.ReplaceLineEndings(" ");
    }
}
