using System.Text.Json;
using Mandate.Protocol.Jose;

namespace Mandate.Samples.Delegation;

/// <summary>
/// Reads who a token names, for display only: the JWT is decoded, not verified (the gateway verifies it). A client
/// should treat access tokens as opaque; this sample looks inside to show the delegation chain.
/// </summary>
internal static class TokenChain
{
    public static string Describe(string accessToken)
    {
        if (CompactJws.TryParse(accessToken) is not { } jwt)
        {
            return "(not a JWT)";
        }

        var actors = new List<string>();
        var current = jwt.Payload;
        while (current.TryGetProperty("act", out var act) && act.ValueKind == JsonValueKind.Object)
        {
            actors.Add(act.TryGetProperty("client_id", out var id) ? id.GetString() ?? "?" : "?");
            current = act;
        }

        return $"sub={jwt.GetClaim("sub")}, held by {jwt.GetClaim("client_id")}, acting: {(actors.Count == 0 ? "(nobody)" : string.Join(" <- ", actors))}";
    }
}
