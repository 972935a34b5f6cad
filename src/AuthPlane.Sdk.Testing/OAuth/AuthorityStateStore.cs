using System.Text.Json;
using System.Text.Json.Serialization;

namespace AuthPlane.Sdk.Testing.OAuth;

// The files of TestAuthorityOptions.StateDirectory: signing-key.json (the private signing key, PKCS#8, readable by
// the owner only) and clients.json (dynamically registered clients, secrets kept as SHA-256 only). Written whole,
// through a temporary file and a rename, so a crash never leaves half a file.
internal sealed class AuthorityStateStore(string directory)
{
    private const string KeyFile = "signing-key.json";
    private const string ClientsFile = "clients.json";
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private readonly Lock _gate = new();

    // The saved signing key, or a new one of algorithm (then saved) when there is none.
    public TestSigningKey LoadOrCreateKey(string algorithm)
    {
        var path = Path.Combine(directory, KeyFile);
        if (File.Exists(path))
        {
            var saved = JsonSerializer.Deserialize<SavedKey>(File.ReadAllBytes(path))
                ?? throw new InvalidDataException($"The TestAuthority key file {path} is empty; delete it to start afresh.");
            return TestSigningKey.FromPkcs8(saved.KeyId, saved.Algorithm, saved.Pkcs8);
        }

        var key = TestSigningKey.Create(algorithm);
        Write(path, JsonSerializer.SerializeToUtf8Bytes(new SavedKey(key.KeyId, key.Algorithm, key.ExportPkcs8()), Indented), ownerOnly: true);
        return key;
    }

    public IReadOnlyList<RegisteredClient> LoadClients()
    {
        var path = Path.Combine(directory, ClientsFile);
        return File.Exists(path) ? JsonSerializer.Deserialize<List<RegisteredClient>>(File.ReadAllBytes(path)) ?? [] : [];
    }

    public void SaveClients(IReadOnlyList<RegisteredClient> clients)
        => Write(Path.Combine(directory, ClientsFile), JsonSerializer.SerializeToUtf8Bytes(clients, Indented), ownerOnly: false);

    private void Write(string path, byte[] content, bool ownerOnly)
    {
        lock (_gate)
        {
            Directory.CreateDirectory(directory);
            var temporary = path + ".tmp";
            File.WriteAllBytes(temporary, content);
            if (ownerOnly && !OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            File.Move(temporary, path, overwrite: true);
        }
    }

    private sealed record SavedKey(
        [property: JsonPropertyName("kid")] string KeyId,
        [property: JsonPropertyName("alg")] string Algorithm,
        [property: JsonPropertyName("pkcs8")] byte[] Pkcs8);
}
