using System.Runtime.InteropServices;
using FoiTracker.Application.Statistics;
using FoiTracker.Domain.Statistics;

namespace FoiTracker.Infrastructure.Statistics;

/// <summary>
/// Adds up the classes of requests the statistics statement reports (its codes, one set per group of
/// requests, read from one number: outcome + 10 × due + 100 × complaint + 10,000 × court) into the counts
/// of each body and statute, and their times to answer into how many requests share each sent day, end day
/// and answer (for 2025 on the benchmark's 1,000,000 requests: about 118,000 entries for 264,059 requests).
/// <list type="bullet">
/// <item>outcome: 0–4 answered complete, partial, refused, not held, forwarded; 5 no reply; 6 pending; 7 withdrawn;
/// 9 answered with an outcome statistics do not know.</item>
/// <item>due: 0 not due; open and due: 1 on T itself, 2 before T (overdue); answered and due: 3 late, 4 on time;
/// 5 withdrawn after its due date.</item>
/// <item>complaint: 0 none by T; else 1, plus 2, 4, 6 or 8 when decided by T (upheld, partly upheld, rejected, other),
/// plus 16 when its decision was due or came by T, and 32 more when it came by its last day.</item>
/// <item>court: 0 none by T; 1 filed; decided by T: 2 won, 3 lost, 4 settled, 5 other.</item>
/// </list>
/// </summary>
internal sealed class RequestClasses
{
    private const int UnknownAnswer = 9;

    /// <summary>Day 0 of the statement's day numbers, 1970-01-01, as <see cref="DateOnly.DayNumber"/> counts.</summary>
    private static readonly int EpochDayNumber = new DateOnly(1970, 1, 1).DayNumber;

    private readonly Dictionary<(string Body, string Statute), Group> _groups = [];

    public static bool IsAnswer(int outcome) => outcome is >= 0 and <= 4 or UnknownAnswer;

    /// <summary>The requests to <paramref name="body"/> under <paramref name="statute"/>, made on first use.</summary>
    public Group Of(string body, string statute)
    {
        if (!_groups.TryGetValue((body, statute), out var group))
            _groups[(body, statute)] = group = new Group(body, statute);
        return group;
    }

    /// <summary>Each body and statute's counts, and its times to answer: one entry for each sent day, end day and answer alike.</summary>
    public IEnumerable<(string Body, string Statute, StatisticsCounts Counts, IReadOnlyList<TalliedTime> Times)> Groups() =>
        _groups.Values.Select(group => (group.Body, group.Statute, CountsOf(group.Classes), (IReadOnlyList<TalliedTime>)group.Times
            .Select(pair => new TalliedTime(Day(pair.Key.Sent), pair.Key.Ended is { } ended ? Day(ended) : null, pair.Key.Answered, pair.Value))
            .ToList()));

    private static DateOnly Day(int sinceEpoch) => DateOnly.FromDayNumber(EpochDayNumber + sinceEpoch);

    /// <summary>
    /// One body and statute's requests: the counts of their classes, and how many were sent on each day and
    /// observed until each day (answered then, or censored then), with days as numbers since 1970-01-01.
    /// </summary>
    internal sealed class Group(string body, string statute)
    {
        public string Body { get; } = body;

        public string Statute { get; } = statute;

        public int[] Classes { get; } = new int[Slot.Count];

        public Dictionary<(int Sent, int? Ended, bool Answered), int> Times { get; } = [];

        public bool Is(string body, string statute) => string.Equals(Body, body, StringComparison.Ordinal) && string.Equals(Statute, statute, StringComparison.Ordinal);

        public void Add(int outcome, int due, int complaint, int court)
        {
            if (outcome == UnknownAnswer)
                throw new InvalidDataException(
                    $"Requests to '{Body}' have an answer outcome which statistics do not know: expected complete, partial, refused, not_held or forwarded.");
            if (outcome is < 0 or > 7 || due is < 0 or > 5 || complaint is < 0 or > 63 || court is < 0 or > 5)
                throw new InvalidDataException($"The statistics statement reported an unknown class ({outcome}, {due}, {complaint}, {court}).");
            var counts = Classes;
            counts[Slot.Sent]++;
            counts[Slot.Outcome + outcome]++;
            counts[Slot.Due + due]++;
            if (due >= 3 && due <= 4 && outcome <= 1)
                counts[Slot.SuccessDue]++;
            if (complaint != 0)
            {
                counts[Slot.Complaints]++;
                counts[Slot.ComplaintDecision + ((complaint >> 1) & 7)]++;
                if ((complaint & 16) != 0)
                    counts[Slot.ComplaintsDue]++;
                if ((complaint & 32) != 0)
                    counts[Slot.DecidedInTime]++;
            }

            counts[Slot.Court + court]++;
        }

        /// <summary>A request sent on day <paramref name="sent"/> and observed unanswered until <paramref name="ended"/> (null: until T).</summary>
        public void AddTime(int sent, int? ended, bool answered)
        {
            ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(Times, (sent, ended, answered), out _);
            count++;
        }
    }

    private static StatisticsCounts CountsOf(int[] counts)
    {
        int At(int slot) => counts[slot];
        var outcomes = new OutcomeCounts(
            At(Slot.Outcome), At(Slot.Outcome + 1), At(Slot.Outcome + 2), At(Slot.Outcome + 3), At(Slot.Outcome + 4),
            NoReply: At(Slot.Outcome + 5), Pending: At(Slot.Outcome + 6), Withdrawn: At(Slot.Outcome + 7));
        var (onDay, overdue, late, onTime, withdrawnLate) = (At(Slot.Due + 1), At(Slot.Due + 2), At(Slot.Due + 3), At(Slot.Due + 4), At(Slot.Due + 5));
        var decided = At(Slot.ComplaintDecision + 1) + At(Slot.ComplaintDecision + 2) + At(Slot.ComplaintDecision + 3) + At(Slot.ComplaintDecision + 4);
        var judged = At(Slot.Court + 2) + At(Slot.Court + 3) + At(Slot.Court + 4) + At(Slot.Court + 5);
        return new StatisticsCounts(
            Sent: At(Slot.Sent),
            outcomes,
            Due: onDay + overdue + late + onTime + withdrawnLate,
            OnTime: onTime,
            RepliedDue: late + onTime,
            SuccessDue: At(Slot.SuccessDue),
            Open: outcomes.NoReply + outcomes.Pending,
            Overdue: overdue,
            Complaints: At(Slot.Complaints),
            ComplaintsDecided: decided,
            ComplaintsDue: At(Slot.ComplaintsDue),
            DecidedInTime: At(Slot.DecidedInTime),
            Upheld: At(Slot.ComplaintDecision + 1),
            PartlyUpheld: At(Slot.ComplaintDecision + 2),
            Rejected: At(Slot.ComplaintDecision + 3),
            Court: judged + At(Slot.Court + 1),
            CourtDecided: judged,
            Won: At(Slot.Court + 2),
            Lost: At(Slot.Court + 3),
            Settled: At(Slot.Court + 4));
    }

    /// <summary>Where each count sits in a body and statute's array.</summary>
    private static class Slot
    {
        public const int Sent = 0;
        public const int Outcome = 1;            // 8: the outcome codes 0–7
        public const int Due = 9;                // 6: the due codes 0–5
        public const int SuccessDue = 15;
        public const int Complaints = 16;
        public const int ComplaintDecision = 17; // 5: not decided, upheld, partly upheld, rejected, other
        public const int ComplaintsDue = 22;
        public const int DecidedInTime = 23;
        public const int Court = 24;             // 6: the court codes 0–5
        public const int Count = 30;
    }
}
