using Mandate.Cli;

return await MandateCli.Build().Parse(args).InvokeAsync();
