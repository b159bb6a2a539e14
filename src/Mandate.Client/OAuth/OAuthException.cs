using System.Net;

namespace Mandate.Client.OAuth;

/// <summary>
/// An authorization server refused a request with an OAuth error response (RFC 6749 §5.2): <see cref="Error"/> is
/// its code (<c>invalid_scope</c>, <c>invalid_target</c>, <c>unauthorized_client</c>, …), <see cref="ErrorDescription"/>
/// its explanation. Never carries a token or secret: any the request sent are cut out of the description.
/// </summary>
public sealed class OAuthException : Exception
{
    /// <summary>Creates an exception without an error code.</summary>
    public OAuthException()
        : this("The authorization server refused the request.")
    {
    }

    /// <summary>Creates an exception with a message and no error code.</summary>
    /// <param name="message">What went wrong.</param>
    public OAuthException(string message)
        : base(message)
    {
        Error = string.Empty;
    }

    /// <summary>Creates an exception with a message, a cause and no error code.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public OAuthException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = string.Empty;
    }

    /// <summary>Creates the exception for an error response.</summary>
    /// <param name="error">The <c>error</c> code.</param>
    /// <param name="errorDescription">The <c>error_description</c>, or null.</param>
    /// <param name="errorUri">The <c>error_uri</c>, or null.</param>
    /// <param name="statusCode">The HTTP status of the response.</param>
    public OAuthException(string error, string? errorDescription, string? errorUri, HttpStatusCode statusCode)
        : base(FormatMessage(error, errorDescription))
    {
        Error = error ?? throw new ArgumentNullException(nameof(error));
        ErrorDescription = errorDescription;
        ErrorUri = errorUri;
        StatusCode = statusCode;
    }

    /// <summary>The <c>error</c> code; empty when the exception was not made from an error response.</summary>
    public string Error { get; }

    /// <summary>The server's <c>error_description</c>, or null.</summary>
    public string? ErrorDescription { get; }

    /// <summary>The server's <c>error_uri</c>, or null.</summary>
    public string? ErrorUri { get; }

    /// <summary>The HTTP status of the error response, or null.</summary>
    public HttpStatusCode? StatusCode { get; }

    private static string FormatMessage(string error, string? description) =>
        description is null
            ? $"The authorization server refused the request: {error}."
            : $"The authorization server refused the request: {error}: {description}";
}
