namespace FoiTracker.Application.Common.Exceptions;

/// <summary>
/// The caller has done this as often as the service allows for now (too many failed sign-ins, too
/// many requests filed today). The host answers 429 with <see cref="RetryAfter"/> as Retry-After.
/// </summary>
public sealed class LimitReachedException : Exception
{
    /// <summary>Failed sign-ins to one e-mail address.</summary>
    public const string SignIn = "SignIn";

    /// <summary>Requests filed by one account in a day.</summary>
    public const string Filing = "Filing";

    public LimitReachedException(string message, TimeSpan retryAfter, string topic = SignIn)
        : base(message)
    {
        RetryAfter = retryAfter;
        Topic = topic;
    }

    public LimitReachedException()
        : this("Too many attempts; try again later.", TimeSpan.FromMinutes(1))
    {
    }

    public LimitReachedException(string message)
        : this(message, TimeSpan.FromMinutes(1))
    {
    }

    public LimitReachedException(string message, Exception innerException)
        : base(message, innerException)
    {
        RetryAfter = TimeSpan.FromMinutes(1);
        Topic = SignIn;
    }

    /// <summary>How long until the caller may try again.</summary>
    public TimeSpan RetryAfter { get; }

    /// <summary>Which limit was reached (<see cref="SignIn"/>, <see cref="Filing"/>): pages say it in their language.</summary>
    public string Topic { get; }
}
