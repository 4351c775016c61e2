namespace FoiTracker.Application.Common;

/// <summary>
/// The limits a use case counts in the database, so that they hold across restarts and nodes: failed
/// sign-ins to one e-mail address before it is locked and for how long, and requests one citizen
/// account may file in a day. <see cref="Enabled"/> false turns them off.
/// </summary>
public sealed record AbuseLimits(bool Enabled, int SignInFailures, TimeSpan LockoutDuration, int FilingsPerDay)
{
    /// <summary>What the host applies unless its settings say otherwise.</summary>
    public static AbuseLimits Default { get; } = new(true, 5, TimeSpan.FromMinutes(15), 20);

    /// <summary>No limits: what the use cases apply when the host has configured none.</summary>
    public static AbuseLimits Off { get; } = Default with { Enabled = false };
}
