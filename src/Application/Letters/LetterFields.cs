namespace FoiTracker.Application.Letters;

/// <summary>
/// The placeholders a letter template may use. A template naming anything else is refused when it
/// loads, so a typo can never print as a blank. Flags (marked so below) hold "yes" or nothing and
/// are meant for conditions (<c>[?request.unanswered]</c>), not for printing.
/// </summary>
public static class LetterFields
{
    public const string SenderName = "sender.name";
    public const string SenderAddress = "sender.address";
    public const string SenderEmail = "sender.email";
    public const string LetterDate = "letter.date";
    public const string AddresseeName = "addressee.name";
    public const string AddresseeAddress = "addressee.address";
    public const string BodyName = "body.name";
    public const string BodyAddress = "body.address";
    public const string RequestNumber = "request.number";
    public const string RequestSubject = "request.subject";
    public const string RequestText = "request.text";
    public const string SubmittedOn = "request.submitted_on";
    public const string DueOn = "request.due_on";
    public const string RegistrationNumber = "request.registration_number";
    public const string RegisteredOn = "request.registered_on";
    public const string OverdueSince = "request.overdue_since";

    /// <summary>The request's nearest deadline on or after the letter's date (for notices: the one that comes next).</summary>
    public const string NextDeadlineOn = "deadline.next_on";

    /// <summary>Flag: the body answered with a refusal (GAC 41).</summary>
    public const string Refused = "request.refused";

    /// <summary>Flag: the body did not answer in time, which GAC 177(2) counts as a refusal.</summary>
    public const string Unanswered = "request.unanswered";

    /// <summary>The body a complaint goes to (its superior body or, for City Hall officials, the Mayor: LSG 62(1)).</summary>
    public const string ComplaintBodyName = "complaint.body_name";

    /// <summary>The article that routes the complaint (from the body's data, e.g. "LSG 62(1)").</summary>
    public const string ComplaintBasis = "complaint.basis";

    /// <summary>Flag: no administrative complaint lies, the court is next (LSG 62(2): acts of the Mayor or the Council).</summary>
    public const string DirectToCourt = "complaint.direct_to_court";

    public const string CourtName = "court.name";

    /// <summary>The body's verified e-mail address, where the service mails it.</summary>
    public const string BodyEmail = "body.email";

    /// <summary>The day the service mailed the stage's reminder (chaser) to the body; a notice then says so instead of asking the requester to send one.</summary>
    public const string ChaserSentOn = "chaser.sent_on";

    /// <summary>The day the service will mail the stage's reminder (chaser) to the body.</summary>
    public const string ChaserScheduledOn = "chaser.scheduled_on";

    /// <summary>Flag: the body has no verified e-mail address, so the requester sends the reminder on paper (the notice attaches it).</summary>
    public const string ChaserOnPaper = "chaser.on_paper";

    /// <summary>Who the next rung of the ladder (the stage's <c>escalate</c> step) is addressed to: the body that hears complaints, or the court.</summary>
    public const string NextStepToName = "next_step.to_name";

    /// <summary>The last day to file the next rung when it is a complaint or review and its window is open (the notice attaches the letter).</summary>
    public const string NextStepComplaintUntil = "next_step.complaint_until";

    /// <summary>The last day to file the next rung when it is a court claim and its window is open (the notice attaches the draft).</summary>
    public const string NextStepCourtUntil = "next_step.court_until";

    /// <summary>The day the window for a complaint or review closed; the notice then gives what remains instead.</summary>
    public const string NextStepComplaintClosedOn = "next_step.complaint_closed_on";

    /// <summary>The day the window for a court claim closed.</summary>
    public const string NextStepCourtClosedOn = "next_step.court_closed_on";

    /// <summary>Flag: the next rung's window has closed and no court window is open; what remains is a new request.</summary>
    public const string NextStepNoneOpen = "next_step.none_open";

    /// <summary>The last day of a court window that is still open on the request (its own data: a court deadline not yet passed).</summary>
    public const string CourtClaimUntil = "court.claim_until";

    /// <summary>Flag: the addressee is an office held by one person (a Mayor), written to directly rather than to the head of a body.</summary>
    public const string AddresseeIsHead = "addressee.is_head";

    /// <summary><see cref="ComplaintBasis"/> written out in the letter's language ("ადგილობრივი თვითმმართველობის კოდექსის 62-ე მუხლის პირველი ნაწილი").</summary>
    public const string ComplaintBasisText = "complaint.basis_text";

    /// <summary>The day the body refused, wholly or in part (its latest answer with outcome refused or partial).</summary>
    public const string RefusalDatedOn = "refusal.dated_on";

    /// <summary>The number the body gave the letter that refused, where it was recorded with the answer.</summary>
    public const string RefusalReference = "refusal.reference";

    /// <summary>Flag: the body released the information only in part and refused the rest.</summary>
    public const string PartlyRefused = "request.partly_refused";

    /// <summary>The day the administrative complaint was filed (GAC 178).</summary>
    public const string ComplaintFiledOn = "complaint.filed_on";

    /// <summary>The day the complaint was decided, where it was.</summary>
    public const string ComplaintDecidedOn = "complaint.decided_on";

    /// <summary>The last day for deciding the complaint, extended where it was (GAC 183).</summary>
    public const string ComplaintDecisionDueOn = "complaint.decision_due_on";

    /// <summary>The last day to bring the claim to court (APC 22(3)), once that window is open.</summary>
    public const string CourtFilingDueOn = "court.filing_due_on";

    /// <summary>The name an account holder gave (account mails, not letters).</summary>
    public const string AccountName = "account.name";

    /// <summary>The one-time address that opens the password reset form.</summary>
    public const string AccountResetLink = "account.reset_link";

    /// <summary>How many minutes the reset link stays valid.</summary>
    public const string AccountResetMinutes = "account.reset_minutes";

    /// <summary>The link that confirms a requester's e-mail address for an account.</summary>
    public const string AccountVerifyLink = "account.verify_link";

    /// <summary>The stage a followed request has reached, in the mail's language (mails to followers).</summary>
    public const string FollowStage = "follow.stage";

    /// <summary>
    /// The fields that hold a date. A template may ask for one in a grammatical case with a suffix,
    /// <c>{{request.due_on:dative}}</c>, because a Georgian date changes its month's ending with its
    /// place in the sentence; the plain field gives the short form of the letter's date line.
    /// </summary>
    public static readonly IReadOnlySet<string> Dates = new HashSet<string>(StringComparer.Ordinal)
    {
        LetterDate, SubmittedOn, DueOn, RegisteredOn, OverdueSince, NextDeadlineOn,
        RefusalDatedOn, ComplaintFiledOn, ComplaintDecidedOn, ComplaintDecisionDueOn, CourtFilingDueOn,
        ChaserSentOn, ChaserScheduledOn, NextStepComplaintUntil, NextStepCourtUntil, NextStepComplaintClosedOn, NextStepCourtClosedOn, CourtClaimUntil,
    };

    /// <summary>The suffixes a date field takes (<c>:nominative</c>, <c>:dative</c>, <c>:genitive</c>).</summary>
    public static readonly IReadOnlyDictionary<string, DateCase> DateForms = Enum.GetValues<DateCase>()
        .ToDictionary(form => form.ToString().ToLowerInvariant(), StringComparer.Ordinal);

    /// <summary>The key a date in a grammatical case is filled under: "request.due_on:dative".</summary>
    public static string InForm(string field, DateCase form) => $"{field}:{form.ToString().ToLowerInvariant()}";

    /// <summary>Every field a template may name.</summary>
    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        SenderName, SenderAddress, SenderEmail, LetterDate, AddresseeName, AddresseeAddress, BodyName, BodyAddress,
        RequestNumber, RequestSubject, RequestText, SubmittedOn, DueOn, RegistrationNumber, RegisteredOn, OverdueSince, NextDeadlineOn,
        Refused, Unanswered, ComplaintBodyName, ComplaintBasis, DirectToCourt, CourtName,
        BodyEmail, ChaserSentOn, ChaserScheduledOn, ChaserOnPaper, NextStepToName, NextStepComplaintUntil, NextStepCourtUntil,
        NextStepComplaintClosedOn, NextStepCourtClosedOn, NextStepNoneOpen, CourtClaimUntil,
        AddresseeIsHead, ComplaintBasisText, RefusalDatedOn, RefusalReference, PartlyRefused,
        ComplaintFiledOn, ComplaintDecidedOn, ComplaintDecisionDueOn, CourtFilingDueOn,
        AccountName, AccountResetLink, AccountResetMinutes, AccountVerifyLink, FollowStage,
    };
}
