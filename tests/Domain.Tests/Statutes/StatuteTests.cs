using FoiTracker.Domain.Calendars;
using FoiTracker.Domain.Jurisdictions;
using FoiTracker.Domain.Statutes;
using static FoiTracker.Domain.Tests.TestCalendars;

namespace FoiTracker.Domain.Tests.Statutes;

public class StatuteTests
{
    private static Statute With(string timeZone, params DeadlineRule[] rules) =>
        new(StatuteId.Create("x-law"), 1, Name("X"), "X Act", JurisdictionCode.Create("xx"), CalendarId.Create("x"), timeZone, rules);

    private static DeadlineRule Rule(string key) => new(key, 1, DeadlineUnit.WorkingDays, DeadlineStart.DayAfterEvent, true, "s.1");

    [Fact]
    public void DeadlineKeys_AreListedInOrdinalOrder() =>
        With("Asia/Tbilisi", Rule("response"), Rule("court_filing"), Rule("complaint_filing")).DeadlineKeys
            .Should().Equal("complaint_filing", "court_filing", "response");

    [Fact]
    public void Constructor_DuplicateDeadlineKey_IsRejected() =>
        FluentActions.Invoking(() => With("Asia/Tbilisi", Rule("response"), Rule("response"))).Should().Throw<ArgumentException>().WithMessage("*response*");

    [Fact]
    public void Constructor_UnknownTimeZone_IsRejected() =>
        FluentActions.Invoking(() => With("Mars/Olympus", Rule("response"))).Should().Throw<ArgumentException>().WithMessage("*Mars/Olympus*");

    [Fact]
    public void Constructor_NoDeadline_IsRejected() =>
        FluentActions.Invoking(() => With("Asia/Tbilisi")).Should().Throw<ArgumentException>();

    [Fact]
    public void DeadlineRule_AdditionalDaysOnWorkingDays_IsRejected() =>
        FluentActions.Invoking(() => new DeadlineRule("x", 1, DeadlineUnit.WorkingDays, DeadlineStart.DayAfterEvent, true, "s", additionalDays: 3))
            .Should().Throw<ArgumentException>();

    [Fact]
    public void DeadlineRule_ZeroValue_IsRejected() =>
        FluentActions.Invoking(() => new DeadlineRule("x", 0, DeadlineUnit.WorkingDays, DeadlineStart.DayAfterEvent, true, "s"))
            .Should().Throw<ArgumentOutOfRangeException>();

    [Fact]
    public void LegalDateOf_LateEveningUtc_IsTheNextDayInTbilisi() =>
        // Tbilisi is UTC+4 all year: 21:30 UTC on 29 Dec is 01:30 on 30 Dec.
        With("Asia/Tbilisi", Rule("response")).LegalDateOf(new DateTimeOffset(2026, 12, 29, 21, 30, 0, TimeSpan.Zero))
            .Should().Be(new DateOnly(2026, 12, 30));

    [Theory]
    [InlineData("ge-gac", true)]
    [InlineData("uk-foia", true)]
    [InlineData("GE-GAC", false)]
    [InlineData("ge--gac", false)]
    [InlineData("", false)]
    public void StatuteId_AcceptsOnlyLowerCaseKeys(string candidate, bool valid) =>
        StatuteId.TryCreate(candidate, out _).Should().Be(valid);
}
