namespace Mandate.Core.Configuration;

/// <summary>Where one-time values (DPoP proof jti, client assertion jti) are remembered.</summary>
public enum ReplayCacheMode
{
    /// <summary>In this process: enough for one instance (the default).</summary>
    Memory,

    /// <summary>In the database: shared by every instance on the same store (several processes on one SQLite file, or a shared database).</summary>
    Store,
}
