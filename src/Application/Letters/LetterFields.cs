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

    /// <summary>The request's text, split into paragraphs where it stands alone on a template paragraph.</summary>
    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        SenderName, SenderAddress, SenderEmail, LetterDate, AddresseeName, AddresseeAddress, BodyName, BodyAddress,
        RequestNumber, RequestSubject, RequestText, SubmittedOn, DueOn, RegistrationNumber, RegisteredOn, OverdueSince, NextDeadlineOn,
        Refused, Unanswered, ComplaintBodyName, ComplaintBasis, DirectToCourt, CourtName,
        BodyEmail, ChaserSentOn, ChaserScheduledOn, ChaserOnPaper, NextStepToName, NextStepComplaintUntil, NextStepCourtUntil,
        NextStepComplaintClosedOn, NextStepCourtClosedOn, NextStepNoneOpen, CourtClaimUntil,
    };
}
