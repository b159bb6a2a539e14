using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Mandate.Benchmarks -- --filter '*'   (see bench/README.md)
BenchmarkSwitcher.FromAssembly(typeof(Mandate.Benchmarks.DpopProofVerification).Assembly).Run(args);
