using System.Text.Json;
using FoiTracker.Domain.Calendars;

namespace FoiTracker.Infrastructure.Statutes;

/// <summary>Reads one calendar file (schema: seeds/README.md) into a <see cref="HolidayCalendar"/>.</summary>
internal static class CalendarSeedReader
{
    public static HolidayCalendar Read(SeedObject root, string expectedId)
    {
        root.AllowOnly("id", "version", "name", "localLanguage", "source", "note", "restDays", "holidays", "overrides");
        var id = ReadId(root, expectedId);
        var version = root.RequiredInt("version", 1, int.MaxValue);
        var localLanguage = root.OptionalString("localLanguage");
        var requireKa = string.Equals(localLanguage, "ka", StringComparison.Ordinal);
        var name = root.Name("name", requireKa);
        root.OptionalString("source");
        var note = root.OptionalString("note");

        var restDays = new List<DayOfWeek>();
        foreach (var day in root.RequiredStrings("restDays"))
        {
            if (!SeedVocabulary.Weekdays.TryGetValue(day, out var weekday))
                throw root.Fail("restDays", $"'{day}' is not a weekday (monday … sunday)");
            restDays.Add(weekday);
        }

        var rules = new List<HolidayRule>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var holiday in root.OptionalArray("holidays", (index, element) => EntryName("holidays", index, element, "key")))
        {
            var rule = ReadHoliday(holiday, requireKa);
            if (!keys.Add(rule.Key))
                throw holiday.Fail("key", $"'{rule.Key}' is used by another holiday in this file");
            rules.Add(rule);
        }

        var overrides = new List<CalendarOverride>();
        foreach (var entry in root.OptionalArray("overrides", (index, element) => EntryName("overrides", index, element, "date")))
            overrides.AddRange(ReadOverride(entry, requireKa));

        try
        {
            return new HolidayCalendar(id, version, name, restDays, rules, overrides, localLanguage, note);
        }
        catch (ArgumentException ex)
        {
            throw root.Fail(ex.ParamName ?? "(root)", ex.Message, ex);
        }
    }

    internal static string EntryName(string array, int index, JsonElement element, string labelField) =>
        element.ValueKind == JsonValueKind.Object
        && element.TryGetProperty(labelField, out var label)
        && label.ValueKind == JsonValueKind.String
            ? $"{array}[{index}] '{label.GetString()}'"
            : $"{array}[{index}]";

    private static CalendarId ReadId(SeedObject root, string expectedId)
    {
        var text = root.RequiredString("id");
        if (!CalendarId.TryCreate(text, out var id))
            throw root.Fail("id", $"'{text}' is not a calendar id (lower-case letters, digits, hyphens)");
        if (!string.Equals(text, expectedId, StringComparison.Ordinal))
            throw root.Fail("id", $"'{text}' differs from the file name '{expectedId}.json'");
        return id;
    }

    private static HolidayRule ReadHoliday(SeedObject holiday, bool requireKa)
    {
        holiday.AllowOnly("key", "name", "rule", "substitute", "validFrom", "validTo", "confidence", "note");
        var key = holiday.RequiredString("key");
        var name = holiday.Name("name", requireKa);
        var date = ReadRule(holiday.RequiredObject("rule"));
        var substitute = holiday.OptionalEnum("substitute", SeedVocabulary.Substitutes) ?? SubstitutePolicy.None;
        var validFrom = holiday.OptionalDate("validFrom");
        var validTo = holiday.OptionalDate("validTo");
        holiday.OptionalEnum("confidence", SeedVocabulary.Confidences);
        holiday.OptionalString("note");
        if (validFrom > validTo)
            throw holiday.Fail("validTo", $"{validTo:yyyy-MM-dd} is before validFrom {validFrom:yyyy-MM-dd}");
        return new HolidayRule(key, name, date, substitute, validFrom, validTo);
    }

    private static HolidayDateRule ReadRule(SeedObject rule)
    {
        var type = rule.RequiredString("type");
        try
        {
            switch (type)
            {
                case "fixed":
                    rule.AllowOnly("type", "month", "day", "weekdayShift");
                    var month = rule.RequiredInt("month", 1, 12);
                    var day = rule.RequiredInt("day", 1, DateTime.DaysInMonth(2000, month));
                    Dictionary<DayOfWeek, int>? shifts = null;
                    if (rule.Has("weekdayShift"))
                    {
                        var shiftObject = rule.RequiredObject("weekdayShift");
                        shiftObject.AllowOnly([.. SeedVocabulary.Weekdays.Keys]);
                        shifts = [];
                        foreach (var (text, weekday) in SeedVocabulary.Weekdays)
                        {
                            if (shiftObject.Has(text))
                                shifts[weekday] = shiftObject.RequiredInt(text, -31, 31);
                        }
                    }

                    return new FixedDateRule(month, day, shifts);
                case "easter":
                    rule.AllowOnly("type", "computus", "offset");
                    return new EasterOffsetRule(
                        rule.RequiredEnum("computus", SeedVocabulary.Computuses),
                        rule.RequiredInt("offset", -70, 70));
                case "nth_weekday":
                    rule.AllowOnly("type", "month", "weekday", "n");
                    return new NthWeekdayRule(
                        rule.RequiredInt("month", 1, 12),
                        rule.RequiredEnum("weekday", SeedVocabulary.Weekdays),
                        rule.RequiredInt("n", 1, 4));
                case "last_weekday":
                    rule.AllowOnly("type", "month", "weekday");
                    return new LastWeekdayRule(
                        rule.RequiredInt("month", 1, 12),
                        rule.RequiredEnum("weekday", SeedVocabulary.Weekdays));
                default:
                    throw rule.Fail("type", $"'{type}' is not one of: fixed, easter, nth_weekday, last_weekday");
            }
        }
        catch (ArgumentException ex)
        {
            throw rule.Fail(ex.ParamName ?? "type", ex.Message, ex);
        }
    }

    private static IEnumerable<CalendarOverride> ReadOverride(SeedObject entry, bool requireKa)
    {
        entry.AllowOnly("date", "to", "kind", "name", "source", "note");
        var from = entry.RequiredDate("date");
        var to = entry.OptionalDate("to") ?? from;
        if (to < from)
            throw entry.Fail("to", $"{to:yyyy-MM-dd} is before date {from:yyyy-MM-dd}");
        if (to.DayNumber - from.DayNumber > 366)
            throw entry.Fail("to", "an override covers at most a year");
        var kind = entry.RequiredEnum("kind", SeedVocabulary.OverrideKinds);
        var name = entry.Name("name", requireKa);
        var source = entry.OptionalString("source");
        entry.OptionalString("note");
        for (var day = from; day <= to; day = day.AddDays(1))
            yield return new CalendarOverride(day, kind, name, source);
    }
}
