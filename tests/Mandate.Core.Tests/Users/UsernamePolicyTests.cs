using Mandate.Core.Users;

namespace Mandate.Core.Tests.Users;

public sealed class UsernamePolicyTests
{
    [Theory]
    [InlineData("alice")]
    [InlineData("Alice.Smith_2-x@example.com")]
    [InlineData("a")]
    public void Check_AllowedCharacters_Accepted(string username)
    {
        Assert.Null(UsernamePolicy.Check(username));
    }

    [Fact]
    public void Check_SixtyFourCharacters_Accepted()
    {
        Assert.Null(UsernamePolicy.Check(new string('a', 64)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Check_Blank_Refused(string? username)
    {
        Assert.NotNull(UsernamePolicy.Check(username));
    }

    [Fact]
    public void Check_SixtyFiveCharacters_Refused()
    {
        Assert.NotNull(UsernamePolicy.Check(new string('a', 65)));
    }

    [Theory]
    [InlineData("alice smith")]
    [InlineData("alice/..")]
    [InlineData("al<script>")]
    [InlineData("ali\u00e7e")]
    [InlineData("\u0430lice")]
    [InlineData("alice\n")]
    public void Check_OtherCharacters_Refused(string username)
    {
        Assert.Contains("may contain", UsernamePolicy.Check(username), StringComparison.Ordinal);
    }
}
