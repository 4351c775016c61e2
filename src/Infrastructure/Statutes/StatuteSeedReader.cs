using FoiTracker.Domain.Bodies;
using FoiTracker.Domain.Calendars;
using FoiTracker.Domain.Jurisdictions;
using FoiTracker.Domain.Statutes;

namespace FoiTracker.Infrastructure.Statutes;

/// <summary>Reads one statute file (schema: seeds/README.md) into a <see cref="Statute"/>.</summary>
internal static class StatuteSeedReader
{
    public static Statute Read(SeedObject root, string expectedId, IReadOnlyDictionary<string, HolidayCalendar> calendars)
    {
        root.AllowOnly("id", "version", "name", "citation", "jurisdiction", "calendar", "timeZone", "localLanguage", "note", "deadlines", "workflow");
        var idText = root.RequiredString("id");
        if (!StatuteId.TryCreate(idText, out var id))
            throw root.Fail("id", $"'{idText}' is not a statute id (lower-case letters, digits, hyphens)");
        if (!string.Equals(idText, expectedId, StringComparison.Ordinal))
            throw root.Fail("id", $"'{idText}' differs from the file name '{expectedId}.json'");
        var version = root.RequiredInt("version", 1, int.MaxValue);
        var localLanguage = root.OptionalString("localLanguage");
        var requireKa = string.Equals(localLanguage, "ka", StringComparison.Ordinal);
        var name = root.Name("name", requireKa);
        var citation = root.RequiredString("citation");
        var jurisdiction = root.RequiredString("jurisdiction");
        if (!JurisdictionCode.TryCreate(jurisdiction, out var jurisdictionCode))
            throw root.Fail("jurisdiction", $"'{jurisdiction}' is not a jurisdiction code (e.g. 'ge', 'gb', 'us-ca')");
        var calendarText = root.RequiredString("calendar");
        if (!calendars.TryGetValue(calendarText, out var calendar))
            throw root.Fail("calendar", $"no calendar '{calendarText}' in seeds/calendars; known: {string.Join(", ", calendars.Keys.Order(StringComparer.Ordinal))}");
        var timeZone = root.RequiredString("timeZone");
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
            throw root.Fail("timeZone", $"'{timeZone}' is not a known IANA time zone");
        var note = root.OptionalString("note");

        var deadlines = new List<DeadlineRule>();
        foreach (var (key, deadline) in root.RequiredMap("deadlines", key => $"deadlines.{key}"))
            deadlines.Add(ReadDeadline(key, deadline, requireKa));
        if (deadlines.Count == 0)
            throw root.Fail("deadlines", "a statute needs at least one deadline");

        var workflow = root.Has("workflow")
            ? WorkflowSeedReader.Read(root.RequiredObject("workflow"), deadlines.Select(rule => rule.Key).ToList(), requireKa)
            : null;

        return new Statute(id, version, name, citation, jurisdictionCode, calendar.Id, timeZone, deadlines, localLanguage, note, workflow);
    }

    private static DeadlineRule ReadDeadline(string key, SeedObject deadline, bool requireKa)
    {
        deadline.AllowOnly("value", "unit", "start", "rollForward", "additionalDays", "citation", "event", "explanation", "confidence", "note", "fromRegistration");
        if (!System.Text.RegularExpressions.Regex.IsMatch(key, "^[a-z][a-z0-9_]*$"))
            throw deadline.Fail("(key)", $"'{key}' is not a deadline key (lower-case letters, digits, underscores)");
        var value = deadline.RequiredInt("value", 1, 10_000);
        var unit = deadline.RequiredEnum("unit", SeedVocabulary.Units);
        var start = deadline.RequiredEnum("start", SeedVocabulary.Starts);
        var rollForward = deadline.RequiredBool("rollForward");
        var additionalDays = deadline.OptionalInt("additionalDays", 0, 366, 0);
        if (additionalDays > 0 && unit != DeadlineUnit.Months)
            throw deadline.Fail("additionalDays", "only a period in months takes additional days");
        var citation = deadline.RequiredString("citation");
        var eventDescription = deadline.OptionalName("event", requireKa);
        var explanation = deadline.Name("explanation", requireKa);
        deadline.OptionalEnum("confidence", SeedVocabulary.Confidences);
        deadline.OptionalString("note");
        var fromRegistration = deadline.Has("fromRegistration") ? ReadRegistration(deadline.RequiredObject("fromRegistration"), requireKa) : null;
        return new DeadlineRule(key, value, unit, start, rollForward, citation, explanation, eventDescription, additionalDays, fromRegistration);
    }

    /// <summary>
    /// When the deadline counts from the body's registration instead of from the sending (Georgian
    /// Resolution 219/2013, Art 4(3)): the start rule, the kinds of body it binds and how the request must have been sent.
    /// </summary>
    private static RegistrationStart ReadRegistration(SeedObject registration, bool requireKa)
    {
        registration.AllowOnly("start", "bodyKinds", "sentBy", "citation", "explanation", "confidence", "note");
        var start = registration.RequiredEnum("start", SeedVocabulary.Starts);
        var kinds = new List<BodyKind>();
        foreach (var name in registration.RequiredStrings("bodyKinds"))
        {
            if (!BodyKindNames.TryParse(name, out var kind))
                throw registration.Fail("bodyKinds", $"'{name}' is not a body kind; known: {string.Join(", ", BodyKindNames.All.Order(StringComparer.Ordinal))}");
            kinds.Add(kind);
        }

        if (kinds.Count == 0)
            throw registration.Fail("bodyKinds", "names no kind of body; the rule would never apply");
        var electronicOnly = registration.RequiredEnum("sentBy", SeedVocabulary.SentBy);
        var citation = registration.RequiredString("citation");
        var explanation = registration.OptionalName("explanation", requireKa);
        registration.OptionalEnum("confidence", SeedVocabulary.Confidences);
        registration.OptionalString("note");
        return new RegistrationStart(start, kinds, electronicOnly, citation, explanation);
    }
}
