namespace Mandate.LoadHarness.Load;

/// <summary>A pre-minted authorization code and the PKCE verifier it was requested with.</summary>
internal sealed record CodeVerifierPair(string Code, string? Verifier)
{
    public override string ToString() => Verifier is null ? Code : $"{Code} {Verifier}";
}
