using Marten;
using Microsoft.Extensions.Options;
using Npgsql;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace AnJiaXing.Platform.Evidence;

/// <summary>
/// Content-addressed evidence bytes: in <c>anjiaxing.evidence_blobs</c> (default), written in the same transaction
/// as the metadata; or, with <c>AnJiaXing:Evidence:Folder</c>, as <c>ab/abcdef….bin</c> files written before the
/// metadata commits (a failed transaction leaves at most an unreferenced file, never a reference without content).
/// </summary>
public sealed class EvidenceBlobStore(IOptions<EvidenceOptions> options) : IEvidenceBlobStore
{
    public const string TableName = "evidence_blobs";

    public static Table Table()
    {
        var table = new Table(new PostgresqlObjectName(MartenSetup.Schema, TableName, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<string>("sha256").AsPrimaryKey();
        table.AddColumn<string>("content_type").NotNull();
        table.AddColumn<long>("size").NotNull();
        table.AddColumn("content", "bytea").NotNull();
        return table;
    }

    private string? Folder => string.IsNullOrWhiteSpace(options.Value.Folder) ? null : Path.GetFullPath(options.Value.Folder);

    private static string FileOf(string folder, string sha256) => Path.Combine(folder, sha256[..2], sha256 + ".bin");

    public async Task SaveAsync(IDocumentSession session, string sha256, string contentType, byte[] content, CancellationToken ct)
    {
        if (Folder is { } folder)
        {
            var path = FileOf(folder, sha256);
            if (File.Exists(path)) return;
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temp = $"{path}.{Guid.NewGuid():N}.tmp";
            await File.WriteAllBytesAsync(temp, content, ct);
            File.Move(temp, path, overwrite: true);
            return;
        }

        session.QueueSqlCommand(
            $"insert into {MartenSetup.Schema}.{TableName} (sha256, content_type, size, content) values (?, ?, ?, ?) on conflict (sha256) do nothing",
            sha256, contentType, (long)content.Length, content);
    }

    public async Task<byte[]?> ReadAsync(Marten.Storage.IMartenDatabase database, string sha256, CancellationToken ct)
    {
        if (Folder is { } folder)
        {
            var path = FileOf(folder, sha256);
            return File.Exists(path) ? await File.ReadAllBytesAsync(path, ct) : null;
        }

        await using var connection = (NpgsqlConnection)database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand($"select content from {MartenSetup.Schema}.{TableName} where sha256 = $1", connection);
        command.Parameters.AddWithValue(sha256);
        return await command.ExecuteScalarAsync(ct) as byte[];
    }
}
