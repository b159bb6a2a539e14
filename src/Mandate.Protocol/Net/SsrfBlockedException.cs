namespace Mandate.Protocol.Net;

/// <summary>
/// Thrown by the connect callback of <see cref="SsrfGuard.CreateHandler"/> when the target host resolves
/// to an address the <see cref="SsrfPolicy"/> does not allow. The message names the host and the reason only.
/// </summary>
public sealed class SsrfBlockedException : Exception
{
    /// <summary>Creates an exception with a default message.</summary>
    public SsrfBlockedException()
        : this("Outbound connection blocked by SSRF policy.")
    {
    }

    /// <summary>Creates an exception with the given message.</summary>
    /// <param name="message">The message.</param>
    public SsrfBlockedException(string message)
        : base(message)
    {
        Reason = "blocked";
    }

    /// <summary>Creates an exception with the given message and inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public SsrfBlockedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = "blocked";
    }

    /// <summary>Creates an exception for a blocked host.</summary>
    /// <param name="host">The host that was refused.</param>
    /// <param name="reason">A short reason such as <c>private address</c>.</param>
    public SsrfBlockedException(string host, string reason)
        : base($"Connection to '{host}' blocked by SSRF policy: {reason}.")
    {
        Host = host;
        Reason = reason;
    }

    /// <summary>The host that was refused, when known.</summary>
    public string? Host { get; }

    /// <summary>A short reason such as <c>private address</c> or <c>loopback address</c>.</summary>
    public string Reason { get; }
}
