namespace Mandate.Core.Security;

/// <summary>Slows password guessing per username and per client address.</summary>
public interface ILoginThrottle
{
    /// <summary>When sign-in is locked for this user or address, until when; otherwise null.</summary>
    DateTimeOffset? LockedUntil(string username, string address);

    void RecordFailure(string username, string address);

    void RecordSuccess(string username, string address);
}
