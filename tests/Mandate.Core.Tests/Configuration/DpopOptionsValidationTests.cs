using Mandate.Core.Configuration;

namespace Mandate.Core.Tests.Configuration;

public sealed class DpopOptionsValidationTests
{
    private static List<string> Errors(Action<DpopOptions> change)
    {
        var dpop = new DpopOptions();
        change(dpop);
        var errors = new List<string>();
        DpopOptionsValidation.Validate(dpop, errors);
        return errors;
    }

    [Fact]
    public void Defaults_AreValid() => Assert.Empty(Errors(_ => { }));

    [Theory]
    [InlineData("none")]
    [InlineData("HS256")]
    [InlineData("ES512")]
    public void UnsupportedAlgorithm_IsAnError(string alg) =>
        Assert.Contains(Errors(d => d.AllowedAlgorithms = ["ES256", alg]), e => e.Contains(alg, StringComparison.Ordinal));

    [Fact]
    public void OutOfRangeTimes_AreErrors()
    {
        var errors = Errors(d =>
        {
            d.ProofMaxAge = TimeSpan.Zero;
            d.ClockSkew = TimeSpan.FromHours(1);
            d.NonceLifetime = TimeSpan.FromSeconds(1);
        });

        Assert.Equal(3, errors.Count);
    }

    [Fact]
    public void ValidatorRunsTheDpopChecks()
    {
        var options = new MandateOptions { Dpop = new DpopOptions { AllowedAlgorithms = ["HS256"] } };

        Assert.True(new MandateOptionsValidator().Validate(null, options).Failed);
    }
}
