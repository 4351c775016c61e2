using System.Globalization;
using FoiTracker.Infrastructure.Configuration;
using MailKit.Security;
using Microsoft.Extensions.Configuration;
using MimeKit;

namespace FoiTracker.Infrastructure.Mail;

public enum MailTransportKind
{
    /// <summary>Write each message as an .eml file under the data folder (the embedded default: no mail server needed).</summary>
    Pickup,
    Smtp,
}

/// <summary>How outgoing mail leaves: the transport, the SMTP server, how often the sender runs, and the staff digest.</summary>
public sealed class MailSendingSettings
{
    public const string TransportKey = "Mail:Transport";
    public const string SendIntervalKey = "Mail:SendInterval";
    public const string SmtpHostKey = "Mail:Smtp:Host";
    public const string SmtpPortKey = "Mail:Smtp:Port";
    public const string SmtpSecurityKey = "Mail:Smtp:Security";
    public const string SmtpUsernameKey = "Mail:Smtp:Username";
    public const string SmtpPasswordKey = "Mail:Smtp:Password";
    public const string SmtpTimeoutKey = "Mail:Smtp:Timeout";
    public const string SendingLeaseKey = "Mail:SendingLease";
    public const string DigestTimeKey = "Mail:Digest:Time";
    public const string DigestTimeZoneKey = "Mail:Digest:TimeZone";
    public const string DigestToKey = "Mail:Digest:To";

    public static readonly TimeSpan DefaultSendInterval = TimeSpan.FromSeconds(3);
    public static readonly TimeSpan DefaultSmtpTimeout = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan DefaultSendingLease = TimeSpan.FromMinutes(5);
    public static readonly TimeOnly DefaultDigestTime = new(8, 0);

    /// <summary>The jurisdiction's zone: the first users work in Gori.</summary>
    public const string DefaultDigestTimeZone = "Asia/Tbilisi";

    public MailTransportKind Transport { get; init; } = MailTransportKind.Pickup;

    /// <summary>Where the pickup transport writes: {data}/mail/pickup.</summary>
    public required string PickupDirectory { get; init; }

    public TimeSpan SendInterval { get; init; } = DefaultSendInterval;

    public string? SmtpHost { get; init; }

    public int SmtpPort { get; init; } = 25;

    public SecureSocketOptions SmtpSecurity { get; init; } = SecureSocketOptions.Auto;

    public string? SmtpUsername { get; init; }

    public string? SmtpPassword { get; init; }

    public TimeSpan SmtpTimeout { get; init; } = DefaultSmtpTimeout;

    /// <summary>
    /// How long a mail claimed for sending stays its sender's. A claim older than this was cut short
    /// (the process stopped during the SMTP conversation): the mail is sent again, with the same Message-ID.
    /// </summary>
    public TimeSpan SendingLease { get; init; } = DefaultSendingLease;

    public TimeOnly DigestTime { get; init; } = DefaultDigestTime;

    public TimeZoneInfo DigestTimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>Digest recipients; empty means the e-mail addresses of staff and admin accounts.</summary>
    public IReadOnlyList<string> DigestTo { get; init; } = [];

    /// <summary>Reads and checks the settings; throws <see cref="ConfigurationProblemException"/> naming the key and the fix.</summary>
    public static MailSendingSettings Read(IConfiguration configuration, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var transportText = configuration[TransportKey];
        var transport = (transportText ?? "pickup").Trim().ToLowerInvariant() switch
        {
            "pickup" or "" => MailTransportKind.Pickup,
            "smtp" => MailTransportKind.Smtp,
            _ => throw new ConfigurationProblemException($"{TransportKey} is '{transportText}', which is not a mail transport: set it to 'pickup' (the default: .eml files in the data folder) or 'smtp'."),
        };

        var host = configuration[SmtpHostKey]?.Trim();
        if (transport == MailTransportKind.Smtp && string.IsNullOrEmpty(host))
            throw new ConfigurationProblemException($"{TransportKey} is 'smtp' but {SmtpHostKey} is empty: set it to the mail server's name, e.g. Mail__Smtp__Host=smtp.example.org.");

        var username = configuration[SmtpUsernameKey];
        var password = configuration[SmtpPasswordKey];
        if (!string.IsNullOrEmpty(username) && string.IsNullOrEmpty(password))
            throw new ConfigurationProblemException($"{SmtpUsernameKey} is set but {SmtpPasswordKey} is empty: set both, or neither for a server that needs no sign-in.");

        var smtpTimeout = ReadSpan(configuration, SmtpTimeoutKey, DefaultSmtpTimeout);
        var lease = ReadSpan(configuration, SendingLeaseKey, DefaultSendingLease);
        if (lease < 2 * smtpTimeout)
            throw new ConfigurationProblemException($"{SendingLeaseKey} is {lease:c}, shorter than two of {SmtpTimeoutKey} ({smtpTimeout:c}): a mail still being sent would be taken for one cut short and sent twice; make it at least {2 * smtpTimeout:c}.");

        return new MailSendingSettings
        {
            Transport = transport,
            PickupDirectory = Path.Combine(dataDirectory, "mail", "pickup"),
            SendInterval = ReadSpan(configuration, SendIntervalKey, DefaultSendInterval),
            SmtpHost = host,
            SmtpPort = ReadPort(configuration),
            SmtpSecurity = ReadSecurity(configuration),
            SmtpUsername = string.IsNullOrEmpty(username) ? null : username,
            SmtpPassword = string.IsNullOrEmpty(password) ? null : password,
            SmtpTimeout = smtpTimeout,
            SendingLease = lease,
            DigestTime = ReadTime(configuration),
            DigestTimeZone = ReadZone(configuration),
            DigestTo = ReadAddresses(configuration),
        };
    }

    private static TimeSpan ReadSpan(IConfiguration configuration, string key, TimeSpan defaultValue)
    {
        var configured = configuration[key];
        if (string.IsNullOrWhiteSpace(configured))
            return defaultValue;
        if (!TimeSpan.TryParse(configured.Trim(), CultureInfo.InvariantCulture, out var span) || span <= TimeSpan.Zero)
            throw new ConfigurationProblemException($"{key} is '{configured}', but it must be a time span above zero written as hh:mm:ss, e.g. {defaultValue:c}.");
        return span;
    }

    private static int ReadPort(IConfiguration configuration)
    {
        var configured = configuration[SmtpPortKey];
        if (string.IsNullOrWhiteSpace(configured))
            return 25;
        if (!int.TryParse(configured.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            throw new ConfigurationProblemException($"{SmtpPortKey} is '{configured}', which is not a port: use a number from 1 to 65535 (25, 465 or 587).");
        return port;
    }

    private static SecureSocketOptions ReadSecurity(IConfiguration configuration)
    {
        var configured = configuration[SmtpSecurityKey];
        return (configured ?? "auto").Trim().ToLowerInvariant() switch
        {
            "auto" or "" => SecureSocketOptions.Auto,
            "none" => SecureSocketOptions.None,
            "starttls" => SecureSocketOptions.StartTls,
            "sslonconnect" => SecureSocketOptions.SslOnConnect,
            _ => throw new ConfigurationProblemException($"{SmtpSecurityKey} is '{configured}': use None, StartTls (port 587), SslOnConnect (port 465) or Auto."),
        };
    }

    private static TimeOnly ReadTime(IConfiguration configuration)
    {
        var configured = configuration[DigestTimeKey];
        if (string.IsNullOrWhiteSpace(configured))
            return DefaultDigestTime;
        return TimeOnly.TryParseExact(configured.Trim(), ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : throw new ConfigurationProblemException($"{DigestTimeKey} is '{configured}', which is not a time of day: write it as HH:mm, e.g. 08:00.");
    }

    private static TimeZoneInfo ReadZone(IConfiguration configuration)
    {
        var configured = configuration[DigestTimeZoneKey];
        var id = string.IsNullOrWhiteSpace(configured) ? DefaultDigestTimeZone : configured.Trim();
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new ConfigurationProblemException($"{DigestTimeZoneKey} is '{id}', which this machine does not know as a time zone: use an IANA name such as Asia/Tbilisi.");
        }
    }

    private static string[] ReadAddresses(IConfiguration configuration)
    {
        var configured = configuration[DigestToKey];
        if (string.IsNullOrWhiteSpace(configured))
            return [];
        var addresses = configured.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var address in addresses)
        {
            if (!MailboxAddress.TryParse(address, out var parsed) || !parsed.Address.Contains('@', StringComparison.Ordinal))
                throw new ConfigurationProblemException($"{DigestToKey} names '{address}', which is not a mail address: list addresses separated by commas, e.g. staff@example.org, lead@example.org.");
        }

        return addresses;
    }
}
