using Mandate.LoadHarness.Cli;

return await HarnessCommandLine.Create().Parse(args).InvokeAsync();
