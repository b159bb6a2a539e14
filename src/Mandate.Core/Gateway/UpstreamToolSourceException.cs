namespace Mandate.Core.Gateway;

/// <summary>An upstream could not list its tools (down, slow, refused, oversized or malformed). The message names the upstream, never its headers.</summary>
public sealed class UpstreamToolSourceException : Exception
{
    public UpstreamToolSourceException()
    {
    }

    public UpstreamToolSourceException(string message)
        : base(message)
    {
    }

    public UpstreamToolSourceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
