using FoiTracker.Domain.Deadlines;
using static FoiTracker.Infrastructure.Tests.Statutes.Seeds;

namespace FoiTracker.Infrastructure.Tests.Statutes;

/// <summary>
/// Due dates counted by hand from each law and each calendar, run through the seed data. The comment on
/// each vector is the count (n = the n-th counted day).
/// </summary>
public class StatuteVectorTests
{
    private static DateOnly Due(string statute, string deadline, string from)
    {
        var law = Catalog.GetStatute(statute);
        return DeadlineCalculator.Compute(law, Catalog.CalendarOf(law), deadline, new DeadlineInputs(D(from))).Due;
    }

    [Theory]
    // Required: Tue 27 Apr 2027 → 28–29 = 2, Good Friday 30 Apr, Holy Saturday, Easter Sunday, Easter
    // Monday 3 May skipped, 4–7 = 6, 10–11 = 8, St Andrew 12 May skipped, 13–14 = 10.
    [InlineData("response", "2026-11-02", "2026-11-16")] // required: 3–6 = 4, 9–13 = 9, 16 = 10
    [InlineData("response", "2027-04-27", "2027-05-14")]
    // Required: 30–31 Dec = 2, 1 Jan holiday, 4–6 = 5, 7 Jan Christmas, 8 = 6, 11–14 = 10.
    [InlineData("response", "2026-12-29", "2027-01-14")]
    // Thu 2 May 2024: 3 GF, 4–6 Easter, 7–8 decreed, 9 Victory, 10 decreed, 13–16 = 4, 17 decreed
    // (Family Day 2024), 20–24 = 9, 25–26 weekend, 27 = 10.
    [InlineData("response", "2024-05-02", "2024-05-27")]
    // Fri 14 May 2027: 17 Family Day, 18–21 = 4, 24–25 = 6, 26 Independence, 27–28 = 8, 31 May–1 Jun = 10.
    [InlineData("response", "2027-05-14", "2027-06-01")]
    // Wed 6 Jan 2027: 7 Christmas, 8 = 1, 11 = 2, 12 = 3.
    [InlineData("refusal_explanation", "2027-01-06", "2027-01-12")]
    // Tue 2 Mar 2027: 3 Mother's Day, 4–5 = 2, 8 Women's Day, 9–11 = 5.
    [InlineData("forwarding", "2027-03-02", "2027-03-11")]
    // Wed 13 Oct 2027: 14 Svetitskhovloba, 15 = 1, 18 = 2.
    [InlineData("forwarding_notice", "2027-10-13", "2027-10-18")]
    // 31 Jan 2027 + 1 month = 28 Feb (Sunday) → Monday 1 March.
    [InlineData("complaint_filing", "2027-01-31", "2027-03-01")]
    // 31 Jan 2028 + 1 month = 29 Feb 2028 (leap year, Tuesday).
    [InlineData("complaint_filing", "2028-01-31", "2028-02-29")]
    // 2 Apr 2027 + 1 month = Sunday 2 May (Easter), Monday 3 May (Easter Monday) → Tuesday 4 May.
    [InlineData("complaint_decision", "2027-04-02", "2027-05-04")]
    // 12 Mar 2027 + 2 months = Wednesday 12 May (St Andrew) → Thursday 13 May.
    [InlineData("complaint_decision_extended", "2027-03-12", "2027-05-13")]
    // 28 Jul 2027 + 1 month = Saturday 28 Aug (Mariamoba) → Monday 30 Aug.
    [InlineData("court_filing", "2027-07-28", "2027-08-30")]
    public void GeorgianGac(string deadline, string from, string due) =>
        Due("ge-gac", deadline, from).Should().Be(D(due));

    [Theory]
    // Mon 22 Mar 2027: 23–25 = 3, Good Friday 26, Easter Monday 29, 30 Mar–2 Apr = 7, 5–9 = 12,
    // 12–16 = 17, 19–21 = 20.
    [InlineData("response", "2027-03-22", "2027-04-21")]
    // Fri 10 Dec 2027: 13–17 = 5, 20–24 = 10, 27–28 substitutes, 29–31 = 13, Mon 3 Jan 2028 substitute
    // for New Year's Day (Sat), 4–7 = 17, 10–12 = 20.
    [InlineData("response", "2027-12-10", "2028-01-12")]
    // Mon 24 May 2027: 25–28 = 4, 31 May spring bank holiday, 1–4 Jun = 8, 7–11 = 13, 14–18 = 18, 21–22 = 20.
    [InlineData("internal_review_response", "2027-05-24", "2027-06-22")]
    // 2 Aug 2027 + 42 calendar days = 13 Sep 2027 (not rolled).
    [InlineData("ico_complaint", "2027-08-02", "2027-09-13")]
    // 29 Nov 2027 + 28 days = Mon 27 Dec (substitute), Tue 28 (substitute) → Wed 29 Dec.
    [InlineData("tribunal_appeal", "2027-11-29", "2027-12-29")]
    // Same count as response, 40 working days: response due 21 Apr + 20 more: 22–23 = 2, 26–30 = 7,
    // 3 May early May, 4–7 = 11, 10–14 = 16, 17–20 = 20 → 20 May.
    [InlineData("response_extended", "2027-03-22", "2027-05-20")]
    public void UkFoia(string deadline, string from, string due) =>
        Due("uk-foia", deadline, from).Should().Be(D(due));

    [Theory]
    // Mon 22 Nov 2027: 23–26 = 4, 29 = 5, St Andrew Tue 30 Nov, 1–3 Dec = 8, 6–10 = 13, 13–17 = 18, 20–21 = 20.
    [InlineData("response", "2027-11-22", "2027-12-21")]
    // Mon 20 Dec 2027: 21–24 = 4, 27–28 substitutes, 29–31 = 7, 3 Jan (New Year sub) and 4 Jan (2 January sub),
    // 5–7 = 10, 10–14 = 15, 17–21 = 20.
    [InlineData("review_response", "2027-12-20", "2028-01-21")]
    // 31 Aug 2027 + 6 months = 29 Feb 2028 (corresponding date clamps to the month's last day).
    [InlineData("commissioner_application", "2027-08-31", "2028-02-29")]
    // 1 Jan 2027 + 42 days = 12 Feb 2027.
    [InlineData("court_appeal", "2027-01-01", "2027-02-12")]
    // Fri 29 Jan 2027, 40 working days: Feb 1–26 = 20, Mar 1–26 = 40 (Good Friday 26 Mar is a Scottish bank
    // holiday: skip) → Mar 1–25 = 39, Mon 29 Mar (no Easter Monday in Scotland) = 40.
    [InlineData("review_request", "2027-01-29", "2027-03-29")]
    public void ScotlandFoisa(string deadline, string from, string due) =>
        Due("sc-foisa", deadline, from).Should().Be(D(due));

    [Theory]
    // Mon 25 Jan 2027: 26–29 = 4, St Brigid Mon 1 Feb, 2–5 = 8, 8–12 = 13, 15–19 = 18, 22–23 = 20.
    [InlineData("response", "2027-01-25", "2027-02-23")]
    // Fri 28 Jan 2028: 31 Jan–4 Feb = 5, St Brigid Mon 7 Feb, 8–11 = 9, 14–18 = 14, 21–25 = 19, 28 = 20.
    [InlineData("response", "2028-01-28", "2028-02-28")]
    // Wed 10 Mar 2027, 15 working days: 11–12 = 2, 15–16 = 4, St Patrick 17, 18–19 = 6, 22–26 = 11
    // (Good Friday is not an Irish public holiday), Easter Monday 29, 30 Mar–2 Apr = 15.
    [InlineData("internal_review_decision", "2027-03-10", "2027-04-02")]
    // 30 Jun 2027 + 6 months = 30 Dec 2027 (not rolled).
    [InlineData("commissioner_review", "2027-06-30", "2027-12-30")]
    // Mon 13 Dec 2027, 20 working days: 14–17 = 4, 20–24 = 9, 27–28 substitutes, 29–31 = 12,
    // Mon 3 Jan 2028 (New Year substitute), 4–7 = 16, 10–13 = 20.
    [InlineData("internal_review_request", "2027-12-13", "2028-01-13")]
    public void IrelandFoi(string deadline, string from, string due) =>
        Due("ie-foi", deadline, from).Should().Be(D(due));

    [Theory]
    // Mon 14 Jun 2027: 15–17 = 3, Juneteenth observed Fri 18, 21–25 = 8, 28 Jun–2 Jul = 13,
    // Independence Day observed Mon 5 Jul, 6–9 = 17, 12–14 = 20.
    [InlineData("response", "2027-06-14", "2027-07-14")]
    // Mon 13 Dec 2027: 14–17 = 4, 20–23 = 8, Christmas observed Fri 24, 27–30 = 12, New Year 2028
    // observed Fri 31 Dec, 3–7 Jan = 17, 10–12 = 20.
    [InlineData("response", "2027-12-13", "2028-01-12")]
    // Mon 4 Jan 2027, 30 working days: 5–8 = 4, 11–15 = 9, MLK 18, 19–22 = 13, 25–29 = 18, 1–5 Feb = 23,
    // 8–12 = 28, Washington's Birthday 15, 16–17 = 30.
    [InlineData("response_extended", "2027-01-04", "2027-02-17")]
    // 4 Jan 2027 + 90 days = Sunday 4 Apr 2027 (a minimum; not rolled).
    [InlineData("appeal_filing", "2027-01-04", "2027-04-04")]
    // Wed 10 Nov 2027: Veterans Day 11, 12 = 1, 15–19 = 6, 22–24 = 9, Thanksgiving 25, 26 = 10,
    // 29 Nov–3 Dec = 15, 6–10 = 20.
    [InlineData("appeal_decision", "2027-11-10", "2027-12-10")]
    // 15 Mar 2027 + 6 years.
    [InlineData("court_filing", "2027-03-15", "2033-03-15")]
    public void UsFoia(string deadline, string from, string due) =>
        Due("us-foia", deadline, from).Should().Be(D(due));

    [Theory]
    // Thu 24 Jun 2027 + 10 days = Sunday 4 Jul; Monday 5 Jul is its observed holiday → Tuesday 6 Jul.
    [InlineData("response", "2027-06-24", "2027-07-06")]
    // Mon 1 Mar 2027 + 10 = Thursday 11 Mar.
    [InlineData("response", "2027-03-01", "2027-03-11")]
    // Sun 21 Mar 2027 + 10 = Wednesday 31 Mar, Cesar Chavez Day → Thursday 1 Apr.
    [InlineData("response", "2027-03-21", "2027-04-01")]
    // Mon 1 Nov 2027 + 24 = Thursday 25 Nov (Thanksgiving), 26 (day after), weekend → Monday 29 Nov.
    [InlineData("response_extended", "2027-11-01", "2027-11-29")]
    public void CaliforniaCpra(string deadline, string from, string due) =>
        Due("us-ca-cpra", deadline, from).Should().Be(D(due));

    [Theory]
    // Fri 20 Aug 2027 under martial law: Independence Day 24 Aug is a working day; 23–27 = 5.
    [InlineData("response", "2027-08-20", "2027-08-27")]
    // Fri 20 Aug 2021 (before martial law): 23 = 1, Independence Day Tue 24, 25–27 = 4, 30 = 5.
    [InlineData("response", "2021-08-20", "2021-08-30")]
    // Fri 30 Apr 2021, 20 working days: 3 May (for 1 May) and 4 May (for Easter 2 May), 5–7 = 3,
    // 10 May (for 9 May), 11–14 = 7, 17–21 = 12, 24–28 = 17, 31 May–2 Jun = 20.
    [InlineData("response_extended", "2021-04-30", "2021-06-02")]
    // 48 hours from Wed 10 Mar 2027 run out on Fri 12 Mar.
    [InlineData("urgent_response", "2027-03-10", "2027-03-12")]
    // Fri 30 Apr 2027, 5 working days: 3–7 May = 5 (no holidays under martial law).
    [InlineData("extension_notice", "2027-04-30", "2027-05-07")]
    // 31 Aug 2027 + 6 months = 29 Feb 2028.
    [InlineData("court_filing", "2027-08-31", "2028-02-29")]
    public void UkraineApi(string deadline, string from, string due) =>
        Due("ua-api", deadline, from).Should().Be(D(due));

    [Theory]
    // Fri 19 Mar 2027: 22–24 = 3, Maundy Thursday 25, Good Friday 26, Easter Monday 29, 30 Mar–2 Apr = 7,
    // 5–9 = 12, 12–14 = 15.
    [InlineData("response", "2027-03-19", "2027-04-14")]
    // Fri 30 Apr 2027: 3–5 May = 3, Ascension 6, Friday after 7, 10–14 = 8, Whit Monday 17, 18–21 = 12, 24–26 = 15.
    [InlineData("confirmatory_decision", "2027-04-30", "2027-05-26")]
    // 15 Jun 2027 + 2 months = 15 Aug, + 10 days on account of distance = Wednesday 25 Aug.
    [InlineData("court_action", "2027-06-15", "2027-08-25")]
    // 14 Oct 2027 + 2 months + 10 days = Friday 24 Dec (end-of-year days to 31 Dec, 1–2 Jan 2028
    // holidays and a weekend) → Monday 3 Jan 2028.
    [InlineData("court_action", "2027-10-14", "2028-01-03")]
    // Mon 13 Dec 2027, 15 working days: 14–17 = 4, 20–23 = 8, 24–31 Dec closed, 1–2 Jan weekend,
    // 3–7 Jan = 13, 10–11 = 15.
    [InlineData("confirmatory_application", "2027-12-13", "2028-01-11")]
    // 1 Mar 2027 + 24 months = 1 Mar 2029 (not rolled).
    [InlineData("ombudsman_complaint", "2027-03-01", "2029-03-01")]
    public void EuRegulation1049(string deadline, string from, string due) =>
        Due("eu-1049", deadline, from).Should().Be(D(due));

    [Theory]
    // 6 Apr 2027 + 1 month = Thursday 6 May, Ascension → Friday 7 May.
    [InlineData("response", "2027-04-06", "2027-05-07")]
    // 31 Jan 2027 + 1 month = Sunday 28 Feb → Monday 1 Mar.
    [InlineData("response", "2027-01-31", "2027-03-01")]
    // 3 Sep 2027 + 1 month = Sunday 3 Oct (German Unity Day) → Monday 4 Oct.
    [InlineData("objection_filing", "2027-09-03", "2027-10-04")]
    // 25 Nov 2027 + 1 month = Saturday 25 Dec, Sunday 26 Dec → Monday 27 Dec.
    [InlineData("court_filing", "2027-11-25", "2027-12-27")]
    // 17 Mar 2027 + 2 months = Monday 17 May, Whit Monday → Tuesday 18 May.
    [InlineData("response_third_party", "2027-03-17", "2027-05-18")]
    public void GermanIfg(string deadline, string from, string due) =>
        Due("de-ifg", deadline, from).Should().Be(D(due));

    [Fact]
    public void GeorgianResponse_FromTuesdayBeforeOrthodoxEaster_ExplainsEverySkippedDay()
    {
        var gac = Catalog.GetStatute("ge-gac");
        var result = DeadlineCalculator.Compute(gac, Catalog.CalendarOf(gac), "response", new DeadlineInputs(D("2027-04-27")));
        result.Skipped.Select(s => (s.Date.ToString("MM-dd", System.Globalization.CultureInfo.InvariantCulture), s.Describe("ka"))).Should().Equal(
            ("04-30", "წითელი პარასკევი"),
            ("05-01", "დიდი შაბათი"),
            ("05-02", "ბრწინვალე აღდგომა"),
            ("05-03", "აღდგომის ორშაბათი (მიცვალებულთა მოხსენიების დღე)"),
            ("05-08", "დასვენების დღე"),
            ("05-09", "ფაშიზმზე გამარჯვების დღე"),
            ("05-12", "ანდრიობა"));
        result.Deadline.Citation.Should().Be("GAC 40(1)");
    }
}
