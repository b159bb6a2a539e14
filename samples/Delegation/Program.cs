using Mandate.Client.OAuth;
using Mandate.Samples.Delegation;

// An orchestrator hands work to a sub-agent; the sub-agent narrows the token and calls the demo notes through the gateway.
var settings = SampleSettings.FromEnvironment(Console.Error);
if (settings is null)
{
    return 2;
}

using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(1));
try
{
    using var orchestrator = new Orchestrator(settings);
    var own = await orchestrator.Tokens.GetTokenAsync(cancel.Token);
    Console.Out.WriteLine($"Orchestrator token: scope '{own.Scope}', token_type {own.TokenType}, for {settings.Resource}");
    await new SubAgent(settings, Console.Out).RunAsync(orchestrator.Tokens, cancel.Token);
    return 0;
}
catch (OAuthException refused)
{
    Console.Error.WriteLine($"Mandate refused: {refused.Error}: {refused.ErrorDescription}");
    return 1;
}
catch (HttpRequestException failed)
{
    Console.Error.WriteLine($"HTTP failure: {failed.Message} Is `mandate serve --demo` running at {settings.Issuer}?");
    return 1;
}
