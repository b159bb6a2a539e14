using Mandate.Core.Users;

namespace Mandate.Core.Tests.Users;

public sealed class PasswordPolicyTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("elevenchars")]
    public void Check_TooShort_Refused(string? password)
    {
        Assert.Contains("at least 12", PasswordPolicy.Check(password), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ExactlyMinimumLength_Accepted()
    {
        Assert.Null(PasswordPolicy.Check(new string('x', PasswordPolicy.MinimumLength)));
    }

    [Fact]
    public void Check_ExactlyMaximumLength_Accepted()
    {
        Assert.Null(PasswordPolicy.Check(new string('x', PasswordPolicy.MaximumLength)));
    }

    [Fact]
    public void Check_OverMaximumLength_Refused()
    {
        Assert.Contains("at most 1024", PasswordPolicy.Check(new string('x', PasswordPolicy.MaximumLength + 1)), StringComparison.Ordinal);
    }
}
