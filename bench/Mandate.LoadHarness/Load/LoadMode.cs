namespace Mandate.LoadHarness.Load;

internal enum LoadMode
{
    ClientCredentials,
    AuthCode,
    McpCall,
}
