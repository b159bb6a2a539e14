using System.Security.Cryptography;
using System.Text;
using Mandate.Core.Approvals;

namespace Mandate.Core.Tests.Approvals;

public sealed class WebhookSignatureTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"test": 2432232314}""");

    [Fact]
    public void Sign_IsHmacSha256OfIdTimestampAndBody_Base64WithV1Prefix()
    {
        var key = WebhookSignature.Key("whsec_" + Convert.ToBase64String(Encoding.UTF8.GetBytes("0123456789abcdef0123456789abcdef")));
        var expected = Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("msg_1.1614265330." + """{"test": 2432232314}""")));

        Assert.Equal("v1," + expected, WebhookSignature.Sign(key, "msg_1", 1614265330, Body));
    }

    [Fact]
    public void Key_PlainSecret_IsItsUtf8Bytes_PrefixedSecret_IsBase64Decoded()
    {
        Assert.Equal(Encoding.UTF8.GetBytes("plain-secret"), WebhookSignature.Key("plain-secret"));
        Assert.Equal([1, 2, 3], WebhookSignature.Key("whsec_AQID"));
    }

    [Fact]
    public void Verify_AcceptsAnyOfSeveralSignatures_RefusesChangedBodyIdOrTime()
    {
        var key = WebhookSignature.Key("a-secret-of-at-least-thirty-two-characters");
        var signature = WebhookSignature.Sign(key, "msg_1", 100, Body);

        Assert.True(WebhookSignature.Verify(key, "msg_1", 100, Body, "v1,bm90IGl0 " + signature));
        Assert.False(WebhookSignature.Verify(key, "msg_2", 100, Body, signature));
        Assert.False(WebhookSignature.Verify(key, "msg_1", 101, Body, signature));
        Assert.False(WebhookSignature.Verify(key, "msg_1", 100, Encoding.UTF8.GetBytes("{}"), signature));
        Assert.False(WebhookSignature.Verify(WebhookSignature.Key("another-secret-of-thirty-two-chars!"), "msg_1", 100, Body, signature));
    }
}
