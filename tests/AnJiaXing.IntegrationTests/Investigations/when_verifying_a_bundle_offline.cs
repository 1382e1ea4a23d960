using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using AnJiaXing.IntegrationTests.Ledger;
using Microsoft.Extensions.DependencyInjection;

namespace AnJiaXing.IntegrationTests.Investigations;

/// <summary>
/// The bundle of an investigation verifies with nothing but its bytes and a pinned key — in process, with the
/// <c>ledger verify-bundle</c> verb, and with the Python of ADR 0013 — and fails when any byte of it changes.
/// </summary>
public class when_verifying_a_bundle_offline(InvestigationFixture app) : IClassFixture<InvestigationFixture>
{
    private string TrustedKey => app.Host.Services.GetRequiredService<LedgerSigningKey>().PublicKey;

    private async Task<byte[]> BundleAsync() => await app.Bundle("auditor", await app.Open("auditor", app.OfEnterprise(app.NanxiangChemicals)));

    /// <summary>The bundle with one byte of one entry flipped, the container otherwise rebuilt as it was.</summary>
    private static byte[] Flipped(byte[] zip, string entryName, int? at = null)
    {
        var files = new List<(string Name, byte[] Bytes)>();
        using (var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read))
            foreach (var entry in archive.Entries)
            {
                using var s = entry.Open();
                using var copy = new MemoryStream();
                s.CopyTo(copy);
                var bytes = copy.ToArray();
                if (entry.FullName == entryName) bytes[at ?? bytes.Length / 2] ^= 0x01;
                files.Add((entry.FullName, bytes));
            }
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, bytes) in files)
            {
                var entry = archive.CreateEntry(name, CompressionLevel.NoCompression);
                entry.LastWriteTime = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
                using var s = entry.Open();
                s.Write(bytes);
            }
        return buffer.ToArray();
    }

    private static List<string> Entries(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        return archive.Entries.Select(e => e.FullName).ToList();
    }

    [Fact]
    public async Task the_bundle_verifies_offline_with_the_pinned_key()
    {
        var zip = await BundleAsync();
        var result = LedgerBundle.Verify(zip, TrustedKey);
        Assert.True(result.Ok, result.Reason);
        Assert.True(result.KeyPinned);
        Assert.Equal(1, result.PersonalSignaturesChecked);
        var entries = Entries(zip);
        Assert.Contains("README.md", entries);
        Assert.Contains("investigation.json", entries);
        // The steps of the findings, the investigation's own record and the signer's key registration, all proven.
        Assert.Equal(entries.Count(e => e.StartsWith("events/", StringComparison.Ordinal)), result.EventsChecked);
        using var proofs = JsonDocument.Parse(ReadEntry(zip, "proofs.json"));
        Assert.Equal(result.EventsChecked, proofs.RootElement.GetProperty("events").GetArrayLength());
        // Rebuilt byte for byte from its files: the rebuild the flips below rely on is the service's own layout.
        Assert.Equal(zip, Flipped(zip, "no such entry"));

        // Another key is not trusted.
        using var other = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var refused = LedgerBundle.Verify(zip, Convert.ToBase64String(other.ExportSubjectPublicKeyInfo()));
        Assert.False(refused.Ok);
        Assert.Equal("manifest.sig", refused.File);
    }

    [Fact]
    public async Task changing_a_byte_of_any_file_fails_naming_the_file()
    {
        var zip = await BundleAsync();
        var entries = Entries(zip);
        var anEvent = entries.First(e => e.StartsWith("events/", StringComparison.Ordinal));
        foreach (var entry in new[] { anEvent, "proofs.json", "head.json", "investigation.json", "README.md" })
        {
            var result = LedgerBundle.Verify(Flipped(zip, entry), TrustedKey);
            Assert.False(result.Ok, entry);
            Assert.Equal(entry, result.File);
        }
        foreach (var entry in new[] { "manifest.json", "manifest.sig" })
        {
            var result = LedgerBundle.Verify(Flipped(zip, entry), TrustedKey);
            Assert.False(result.Ok, entry);
            Assert.Equal("manifest.sig", result.File);
        }
        var key = LedgerBundle.Verify(Flipped(zip, "public-key.pem", 40), null);
        Assert.False(key.Ok);
    }

    [Fact]
    public async Task changing_any_byte_of_the_zip_fails()
    {
        var zip = await BundleAsync();
        var step = Math.Max(1, zip.Length / 400);
        for (var i = 0; i < zip.Length; i += step)
        {
            var copy = (byte[])zip.Clone();
            copy[i] ^= 0x20;
            Assert.False(LedgerBundle.Verify(copy, TrustedKey).Ok, $"byte {i} of {zip.Length}");
        }
        Assert.False(LedgerBundle.Verify([.. zip, 0x00], TrustedKey).Ok);
    }

    [Fact]
    public async Task the_command_line_verifies_a_bundle_without_a_database()
    {
        var zip = await BundleAsync();
        var folder = Directory.CreateTempSubdirectory("anjiaxing-bundle-");
        try
        {
            var good = Path.Combine(folder.FullName, "bundle.zip");
            var bad = Path.Combine(folder.FullName, "tampered.zip");
            await File.WriteAllBytesAsync(good, zip);
            await File.WriteAllBytesAsync(bad, Flipped(zip, "head.json"));

            var ok = await LedgerSql.LedgerCliAsync("verify-bundle", good, "--public-key", TrustedKey);
            Assert.Equal(0, ok.ExitCode);
            Assert.True(ok.Result.GetProperty("ok").GetBoolean(), ok.Output);
            var failed = await LedgerSql.LedgerCliAsync("verify-bundle", bad, "--public-key", TrustedKey);
            Assert.NotEqual(0, failed.ExitCode);
            Assert.Equal("head.json", failed.Result.GetProperty("file").GetString());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task the_python_of_the_adr_verifies_it_too()
    {
        // The pyenv interpreter (where `cryptography` is usually installed) first, then the system's.
        var python = (await Run("python3", "-c", "import cryptography, sys; print(sys.executable)")) is { ExitCode: 0 } found ? found.Output.Trim()
            : (await Run("/usr/bin/python3", "-c", "import cryptography")) is { ExitCode: 0 } ? "/usr/bin/python3" : null;
        // Without python3 and `cryptography` there is nothing to run (the ADR's promise is for machines that have them).
        if (python is null) return;
        var script = Path.Combine(RepositoryRoot(), "scripts", "verify_bundle.py");
        var zip = await BundleAsync();
        var folder = Directory.CreateTempSubdirectory("anjiaxing-bundle-");
        try
        {
            var good = Path.Combine(folder.FullName, "bundle.zip");
            var pem = Path.Combine(folder.FullName, "trusted.pem");
            await File.WriteAllBytesAsync(good, zip);
            await File.WriteAllTextAsync(pem, LedgerBundle.PublicPem(TrustedKey));
            var ok = await Run(python, script, good, pem);
            Assert.True(ok.ExitCode == 0, ok.Output);
            Assert.Contains("1 personal signatures", ok.Output);

            var anEvent = Entries(zip).First(e => e.StartsWith("events/", StringComparison.Ordinal));
            foreach (var entry in new[] { anEvent, "proofs.json", "head.json", "manifest.sig" })
            {
                var bad = Path.Combine(folder.FullName, "tampered.zip");
                await File.WriteAllBytesAsync(bad, Flipped(zip, entry));
                var failed = await Run(python, script, bad, pem);
                Assert.True(failed.ExitCode == 1, entry + ": " + failed.Output);
                Assert.Contains("FAILED", failed.Output);
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static byte[] ReadEntry(byte[] zip, string name)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        using var s = archive.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        s.CopyTo(copy);
        return copy.ToArray();
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AnJiaXing.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("The repository root (AnJiaXing.sln) was not found.");
    }

    private static async Task<(int ExitCode, string Output)> Run(string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        try
        {
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, await stdout + await stderr);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return (-1, "");
        }
    }
}
