namespace FoiTracker.Application.Mail;

/// <summary>The words stored for an incoming message and its matches.</summary>
public static class InboundMailStatus
{
    public const string Matched = "matched";
    public const string Held = "held";
    public const string Assigned = "assigned";

    public static readonly IReadOnlyList<string> All = [Matched, Held, Assigned];
}

public static class InboundClassification
{
    public const string Reply = "reply";
    public const string AutoReply = "auto_reply";
    public const string Bounce = "bounce";
    public const string Malformed = "malformed";
    public const string TooLarge = "too_large";
    public const string Unmatched = "unmatched";
}

public static class MatchMethod
{
    public const string AddressExact = "address_exact";
    public const string AddressRetyped = "address_retyped";
    public const string InReplyTo = "in_reply_to";
    public const string References = "references";
    public const string SubjectNumber = "subject_number";
    public const string BouncedMessageId = "bounce_message_id";
    public const string Staff = "staff";
}
