namespace FoiTracker.Domain.Statistics;

/// <summary>
/// The counts of a set of requests evaluated at the end of a day T, with the meanings
/// <see cref="GroupCalculator"/> gives them when it counts request by request: outcomes by
/// <see cref="OutcomeClassifier"/>; <see cref="Due"/> less those withdrawn by their due date;
/// <see cref="OnTime"/>, <see cref="RepliedDue"/> and <see cref="SuccessDue"/> among the due ones;
/// <see cref="Open"/> neither answered nor withdrawn, <see cref="Overdue"/> of those past their due date;
/// complaints and court claims filed and decided by T; <see cref="ComplaintsDue"/> those whose decision
/// was due by T or came by T, <see cref="DecidedInTime"/> of those decided by their last day.
/// </summary>
public sealed record StatisticsCounts(
    int Sent,
    OutcomeCounts Outcomes,
    int Due,
    int OnTime,
    int RepliedDue,
    int SuccessDue,
    int Open,
    int Overdue,
    int Complaints,
    int ComplaintsDecided,
    int ComplaintsDue,
    int DecidedInTime,
    int Upheld,
    int PartlyUpheld,
    int Rejected,
    int Court,
    int CourtDecided,
    int Won,
    int Lost,
    int Settled);
