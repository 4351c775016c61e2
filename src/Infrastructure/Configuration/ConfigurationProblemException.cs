namespace FoiTracker.Infrastructure.Configuration;

/// <summary>
/// A setting the service cannot start with. The host prints the message as one line and exits,
/// so the message names the setting and the fix.
/// </summary>
public sealed class ConfigurationProblemException : Exception
{
    public ConfigurationProblemException(string message)
        : base(message)
    {
    }

    public ConfigurationProblemException()
        : base("The configuration is not usable.")
    {
    }

    public ConfigurationProblemException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
