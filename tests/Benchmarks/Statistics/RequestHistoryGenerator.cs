using FoiTracker.Benchmarks.BulkLoad;
using FoiTracker.Domain.Bodies;
using FoiTracker.Domain.Requests;
using FoiTracker.Domain.Workflows;

namespace FoiTracker.Benchmarks.Statistics;

/// <summary>
/// Requests with a history, for statistics: each is filed and then run through its statute's workflow by
/// the domain's own methods (<see cref="FoiRequest.Apply"/> for the body's answers and the requester's
/// steps, <see cref="FoiRequest.FireTimer"/> for the deadlines), on a clock that follows the history, so
/// its facts are the ones the service would have written. Nothing happens after <c>now</c>: requests sent
/// lately are still running.
/// </summary>
/// <remarks>
/// The shares follow IDFI's monitoring of Georgian public bodies (about three in four requests answered,
/// most of those completely): of the sent requests about 3 % are withdrawn, 74 % answered (of those 62 %
/// complete, 18 % partial, 12 % refused, 5 % not held, 3 % forwarded; 80 % within the term, 8 % after an
/// extension, 12 % late) and 23 % never answered. A quarter of the unanswered, and 15 % of the partial,
/// refused and not held, are escalated by an administrative complaint; a quarter as many go straight to court against
/// a Mayor or a Sakrebulo (LSG 62(2)); a third of the rejected complaints go on to court.
/// </remarks>
public sealed class RequestHistoryGenerator
{
    private static readonly WorkflowActor Requester = new(WorkflowActor.RequesterKind, null, "requester");
    private static readonly (string Outcome, double Share)[] Outcomes =
        [("complete", 0.62), ("partial", 0.18), ("refused", 0.12), ("not_held", 0.05), ("forwarded", 0.03)];

    private readonly SyntheticRequestGenerator _filings;
    private readonly IReadOnlyDictionary<PublicBodyKey, BodyKind> _kinds;
    private readonly Func<string, IWorkflowContext> _contexts;
    private readonly DateTimeOffset _now;
    private readonly Random _random;

    /// <param name="contexts">The workflow context of a statute's current version.</param>
    public RequestHistoryGenerator(
        SyntheticRequestGenerator filings, IReadOnlyDictionary<PublicBodyKey, BodyKind> kinds, Func<string, IWorkflowContext> contexts, DateTimeOffset now, int seed)
    {
        _filings = filings;
        _kinds = kinds;
        _contexts = contexts;
        _now = now;
        _random = new Random(seed);
    }

    public FoiRequest Next()
    {
        var filing = _filings.NextFiling();
        var context = _contexts(filing.StatuteId);
        var request = FoiRequest.File(
            RequestId.New(), filing.Number, filing.Body, filing.StatuteId, filing.Subject, filing.Text, filing.Requester, null, Requester,
            filing.CreatedAt, filing.SubmittedAt, context, bodyKind: _kinds.GetValueOrDefault(filing.Body));
        if (request.SubmittedAt is { } sent)
            new History(this, request, context, filing.CreatedAt).Run(sent);
        return request;
    }

    private double Draw() => _random.NextDouble();

    /// <summary>One request's run: each step fires the timers due before it, as the sweep would have.</summary>
    private sealed class History(RequestHistoryGenerator generator, FoiRequest request, IWorkflowContext context, DateTimeOffset recordedAt)
    {
        public void Run(DateTimeOffset sent)
        {
            var roll = generator.Draw();
            if (roll < 0.03)
            {
                Step("withdraw", sent.AddDays(1 + (generator.Draw() * 4)));
            }
            else if (roll < 0.77)
            {
                Answer(sent);
            }
            else
            {
                // Silence: the deadline passes and the request goes overdue.
                if (generator.Draw() < EscalationShare(0.25))
                {
                    CatchUp(After(Due("response"), 3));
                    Escalate();
                }
            }

            CatchUp(generator._now);
        }

        private void Answer(DateTimeOffset sent)
        {
            var timing = generator.Draw();
            if (timing < 0.08)
            {
                // GAC 40(1): notice of an extension to up to twenty working days.
                Step("extension_notice", sent.AddDays(1 + (generator.Draw() * 5)));
                if (!Step("answered", Before(Due("response")), Outcome()))
                    return;
            }
            else if (!Step("answered", timing < 0.88 ? Before(Due("response")) : After(Due("response"), 30), Outcome()))
            {
                return;
            }

            if (request.Outcome?.Value is "partial" or "refused" or "not_held" && generator.Draw() < EscalationShare(0.15))
                Escalate();
        }

        /// <summary>Going to court costs more than a complaint: where the route leads straight there (LSG 62(2)), fewer take it.</summary>
        private double EscalationShare(double share) => request.Route == "direct_to_court" ? share / 4 : share;

        /// <summary>A complaint to the superior body, or a claim in court where the route goes straight there, within the stage's window.</summary>
        private void Escalate()
        {
            if (context.Definition.Stage(request.Stage).Clock is not { } window || !Step("escalate", Before(Due(window))))
                return;
            if (request.Stage == new StageKey("court_filed"))
            {
                Court();
                return;
            }

            // Most complaints are decided within the month (GAC 202), some after it.
            var decided = generator.Draw() < 0.7 ? Before(Due("complaint_decision")) : After(Due("complaint_decision"), 40);
            if (!Step("complaint_decided", decided, generator.Draw() < 0.35 ? "upheld" : "rejected"))
                return;
            if (request.Stage == new StageKey("complaint_rejected") && generator.Draw() < 0.33 && Step("escalate", Before(Due("court_filing"))))
                Court();
        }

        /// <summary>A judgment two to ten months after the claim.</summary>
        private void Court()
        {
            var judgment = generator.Draw();
            Step("court_decided", CurrentInstant().AddDays(60 + (generator.Draw() * 240)), judgment < 0.55 ? "won" : judgment < 0.85 ? "lost" : "settled");
        }

        private string Outcome()
        {
            var point = generator.Draw();
            foreach (var (outcome, share) in Outcomes)
            {
                if ((point -= share) < 0)
                    return outcome;
            }

            return Outcomes[0].Outcome;
        }

        /// <summary>Applies an event at <paramref name="at"/> after the timers due by then; false (and nothing) when that is after now or the stage does not take it.</summary>
        private bool Step(string kind, DateTimeOffset at, string? outcome = null)
        {
            if (at > generator._now)
                return false;
            CatchUp(at);
            if (!context.Definition.Stage(request.Stage).Events.ContainsKey(new EventKind(kind)))
                return false;
            // An event is recorded when it happens, or when the request itself was recorded here if that was later.
            request.Apply(new WorkflowEventInput(new EventKind(kind), at, outcome is null ? null : new Outcome(outcome)), Requester, at > recordedAt ? at : recordedAt, context);
            return true;
        }

        /// <summary>Fires the timers due by <paramref name="until"/> as the sweep would: at their time, or on the request's recording if that was later.</summary>
        private void CatchUp(DateTimeOffset until)
        {
            if (until > generator._now)
                until = generator._now;
            while (request.NextDueTimer(until) is { } timer)
                request.FireTimer(timer.Id, timer.DueAt > recordedAt ? timer.DueAt : recordedAt, context);
        }

        private DateOnly Due(string key) =>
            request.Deadlines.FirstOrDefault(deadline => deadline.Key == key)?.Due ?? context.LegalDate(CurrentInstant()).AddDays(10);

        private DateTimeOffset CurrentInstant() => request.StageEnteredAt ?? request.SubmittedAt ?? request.CreatedAt;

        /// <summary>A working-hours instant on a day from the current stage's start up to <paramref name="due"/>.</summary>
        private DateTimeOffset Before(DateOnly due)
        {
            var from = context.LegalDate(CurrentInstant());
            var days = Math.Max(0, due.DayNumber - from.DayNumber);
            return Later(At(from.AddDays((int)Math.Round(generator.Draw() * days))));
        }

        /// <summary>A working-hours instant 1 to <paramref name="spread"/> days after <paramref name="due"/>.</summary>
        private DateTimeOffset After(DateOnly due, int spread) => At(due.AddDays(1 + (int)(generator.Draw() * spread)));

        private DateTimeOffset At(DateOnly day) => context.StartOfDay(day).AddHours(9 + (generator.Draw() * 8));

        /// <summary>Never before the current stage began (an event cannot precede what it answers).</summary>
        private DateTimeOffset Later(DateTimeOffset at) => at < CurrentInstant() ? CurrentInstant().AddMinutes(30) : at;
    }
}
