namespace Mandate.LoadHarness.Minting;

internal sealed record LoginCredentials(string Username, string Password);
