using Mandate.Core.Mandates;
using Mandate.Core.Tests.Support;

namespace Mandate.Core.Tests.Mandates;

public sealed class MandateRequestValidatorTests
{
    [Fact]
    public async Task Validate_AcceptsAMandateForTheRequestedResource()
    {
        await using var harness = await CoreHarness.CreateAsync();

        var (mandate, error) = harness.Get<MandateRequestValidator>().Validate(MandateExamples.Details(), CoreHarness.ResourceUri);

        Assert.Null(error);
        Assert.NotNull(mandate);
    }

    [Fact]
    public async Task Validate_NoDetails_NoMandate()
    {
        await using var harness = await CoreHarness.CreateAsync();

        Assert.Equal((null, null), harness.Get<MandateRequestValidator>().Validate(null, CoreHarness.ResourceUri));
    }

    [Theory]
    [InlineData("https://other.example.com/mcp", 1_767_272_400, "must be the requested resource")]
    [InlineData(CoreHarness.ResourceUri, 1_767_268_800, "in the past")]
    [InlineData(CoreHarness.ResourceUri, 1_767_268_700, "in the past")]
    [InlineData(CoreHarness.ResourceUri, 1_767_355_201, "further ahead")]
    public async Task Validate_RefusesWithInvalidAuthorizationDetails(string location, long expiresAt, string reason)
    {
        await using var harness = await CoreHarness.CreateAsync();

        var (mandate, error) = harness.Get<MandateRequestValidator>().Validate(MandateExamples.Details(location: location, expiresAt: expiresAt), CoreHarness.ResourceUri);

        Assert.Null(mandate);
        Assert.Equal("invalid_authorization_details", error!.Error);
        Assert.Contains(reason, error.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_MaxLifetimeIsConfigurable()
    {
        await using var harness = await CoreHarness.CreateAsync(configure: o => o.Mandates.MaxLifetime = TimeSpan.FromMinutes(30));

        var (_, error) = harness.Get<MandateRequestValidator>().Validate(MandateExamples.Details(), CoreHarness.ResourceUri);

        Assert.Contains("further ahead", error!.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_BadJson_IsInvalidAuthorizationDetails()
    {
        await using var harness = await CoreHarness.CreateAsync();

        var (_, error) = harness.Get<MandateRequestValidator>().Validate("[{", CoreHarness.ResourceUri);

        Assert.Equal("invalid_authorization_details", error!.Error);
    }
}
