using AnJiaXing.Platform.Http;
using Npgsql;

namespace AnJiaXing.UnitTests.Faults;

/// <summary>Which database failures are the moment's (503 with Retry-After) and which are real faults (500).</summary>
public class DatabaseUnavailableTests
{
    private static PostgresException Pg(string sqlState, string severity = "ERROR") =>
        new("message", severity, severity, sqlState);

    [Fact]
    public void a_command_timeout_inside_the_save_is_the_databases_moment_not_a_fault()
    {
        // What Marten throws when a batch outlives the command timeout: the rollback meets a disposed transaction.
        var timeout = new ObjectDisposedException("NpgsqlTransaction",
            new OperationCanceledException("Query was cancelled", new TimeoutException("Timeout during reading attempt")));
        Assert.True(DatabaseUnavailable.Is(timeout));
    }

    [Theory]
    [InlineData("57P03")] // cannot connect now (restarting)
    [InlineData("53300")] // too many connections
    [InlineData("08006")] // connection failure
    [InlineData("57014")] // cancelled by statement_timeout
    [InlineData("55P03")] // lock not available
    [InlineData("40P01")] // deadlock
    [InlineData("40001")] // serialization failure
    public void busy_or_down_states_answer_503(string sqlState) => Assert.True(DatabaseUnavailable.Is(Pg(sqlState)));

    [Theory]
    [InlineData("23505")] // unique violation: a 409 elsewhere
    [InlineData("22021")] // bad byte sequence: a binding fault
    [InlineData("42P01")] // undefined table: a real fault
    public void real_faults_are_not_hidden_as_503(string sqlState) => Assert.False(DatabaseUnavailable.Is(Pg(sqlState)));

    [Fact]
    public void a_fatal_error_ends_the_session_and_is_unavailable() => Assert.True(DatabaseUnavailable.Is(Pg("55000", "FATAL")));

    [Fact]
    public void an_unrelated_exception_is_a_fault() => Assert.False(DatabaseUnavailable.Is(new InvalidOperationException("bug")));
}
