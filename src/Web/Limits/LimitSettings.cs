using FoiTracker.Application.Common;
using FoiTracker.Infrastructure.Configuration;

namespace FoiTracker.Web.Limits;

/// <summary>How many of one thing a caller may do in a window: <c>Limits:{Name}:PermitLimit</c> and <c>Limits:{Name}:Window</c>.</summary>
public sealed class WindowLimit
{
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; }

    internal void Check(string name)
    {
        if (PermitLimit < 1)
            throw new ConfigurationProblemException($"Limits:{name}:PermitLimit is {PermitLimit}: set it to 1 or more.");
        if (Window <= TimeSpan.Zero)
            throw new ConfigurationProblemException($"Limits:{name}:Window is {Window}: set it above zero, as hh:mm:ss.");
    }
}

/// <summary>
/// The settings under <c>Limits:*</c>: what one caller may do before the service answers 429, how
/// large a JSON body may be, and when an account is locked after failed sign-ins. Read once at start.
/// </summary>
public sealed class LimitSettings
{
    public const string Section = "Limits";

    /// <summary><c>false</c> turns every abuse limit off (the request size limit stays).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The largest JSON body accepted, in bytes; a larger one is 413 before it is read.</summary>
    public long MaxJsonBytes { get; set; } = 1024 * 1024;

    /// <summary>Sign-in attempts (page or token) from one client address.</summary>
    public WindowLimit SignIn { get; set; } = new() { PermitLimit = 20, Window = TimeSpan.FromMinutes(5) };

    /// <summary>Accounts opened from one client address.</summary>
    public WindowLimit Register { get; set; } = new() { PermitLimit = 5, Window = TimeSpan.FromHours(1) };

    /// <summary>Letters produced on demand by one account.</summary>
    public WindowLimit Letters { get; set; } = new() { PermitLimit = 30, Window = TimeSpan.FromHours(1) };

    /// <summary>Failed sign-ins to one e-mail address before it is locked, and for how long.</summary>
    public LockoutLimit Lockout { get; set; } = new();

    /// <summary>Requests one citizen account may file in a day of the service's zone; staff are exempt.</summary>
    public FilingLimit Filing { get; set; } = new();

    public sealed class LockoutLimit
    {
        public int Failures { get; set; } = AbuseLimits.Default.SignInFailures;

        public TimeSpan Duration { get; set; } = AbuseLimits.Default.LockoutDuration;
    }

    public sealed class FilingLimit
    {
        public int PerDay { get; set; } = AbuseLimits.Default.FilingsPerDay;
    }

    /// <summary>Reads <c>Limits:*</c>; a value the service cannot work with stops it at start, naming the setting.</summary>
    public static LimitSettings Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        LimitSettings settings;
        try
        {
            settings = configuration.GetSection(Section).Get<LimitSettings>() ?? new LimitSettings();
        }
        catch (InvalidOperationException ex)
        {
            throw new ConfigurationProblemException($"A Limits:* setting cannot be read ({ex.Message}): numbers as digits, windows as hh:mm:ss, Limits:Enabled as true or false.");
        }

        if (settings.MaxJsonBytes < 1024)
            throw new ConfigurationProblemException($"Limits:MaxJsonBytes is {settings.MaxJsonBytes}: set it to 1024 bytes or more (the default is 1048576, 1 MB).");
        settings.SignIn.Check(nameof(SignIn));
        settings.Register.Check(nameof(Register));
        settings.Letters.Check(nameof(Letters));
        if (settings.Lockout.Failures < 1)
            throw new ConfigurationProblemException($"Limits:Lockout:Failures is {settings.Lockout.Failures}: set it to 1 or more.");
        if (settings.Lockout.Duration <= TimeSpan.Zero)
            throw new ConfigurationProblemException($"Limits:Lockout:Duration is {settings.Lockout.Duration}: set it above zero, as hh:mm:ss.");
        if (settings.Filing.PerDay < 1)
            throw new ConfigurationProblemException($"Limits:Filing:PerDay is {settings.Filing.PerDay}: set it to 1 or more.");
        return settings;
    }

    /// <summary>The limits the use cases apply themselves, from the database (durable, across nodes).</summary>
    public AbuseLimits ForUseCases() =>
        new(Enabled, Lockout.Failures, Lockout.Duration, Filing.PerDay);
}
