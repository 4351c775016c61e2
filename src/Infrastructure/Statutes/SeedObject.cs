using System.Globalization;
using System.Text.Json;
using FoiTracker.Domain.Calendars;

namespace FoiTracker.Infrastructure.Statutes;

/// <summary>
/// A JSON object in a seed file that knows where it is (file, entry, field prefix), so that every
/// complaint about it names the exact place. Unknown fields are refused: a typo ("rollforward") must not
/// silently fall back to a default that moves deadlines.
/// </summary>
internal sealed class SeedObject
{
    private readonly JsonElement _element;

    public SeedObject(JsonElement element, string file, string entry, string prefix)
    {
        _element = element;
        File = file;
        Entry = entry;
        Prefix = prefix;
    }

    public string File { get; }

    public string Entry { get; }

    public string Prefix { get; }

    public static SeedObject Root(JsonElement element, string file)
    {
        var root = new SeedObject(element, file, "(root)", string.Empty);
        if (element.ValueKind != JsonValueKind.Object)
            throw root.Fail("(root)", "the file must contain one JSON object");
        return root;
    }

    public SeedFileException Fail(string field, string problem, Exception? inner = null) =>
        new(File, Entry, Prefix + field, problem, inner);

    public void AllowOnly(params string[] fields)
    {
        foreach (var property in _element.EnumerateObject())
        {
            if (!fields.Contains(property.Name, StringComparer.Ordinal))
                throw Fail(property.Name, $"unknown field; expected one of: {string.Join(", ", fields)}");
        }
    }

    public bool Has(string field) =>
        _element.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null;

    public string RequiredString(string field) =>
        OptionalString(field) ?? throw Fail(field, "is required");

    public string? OptionalString(string field)
    {
        if (!_element.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind != JsonValueKind.String)
            throw Fail(field, $"must be a string, not {Kind(value)}");
        var text = value.GetString();
        if (string.IsNullOrWhiteSpace(text))
            throw Fail(field, "must not be empty");
        return text;
    }

    public int RequiredInt(string field, int min, int max)
    {
        if (!_element.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
            throw Fail(field, "is required");
        return Int(field, value, min, max);
    }

    public int OptionalInt(string field, int min, int max, int fallback) =>
        _element.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null
            ? Int(field, value, min, max)
            : fallback;

    public bool RequiredBool(string field)
    {
        if (!_element.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
            throw Fail(field, "is required");
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Fail(field, $"must be true or false, not {Kind(value)}"),
        };
    }

    public DateOnly RequiredDate(string field) =>
        OptionalDate(field) ?? throw Fail(field, "is required");

    public DateOnly? OptionalDate(string field)
    {
        var text = OptionalString(field);
        if (text is null)
            return null;
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw Fail(field, $"'{text}' is not a date in the form yyyy-MM-dd");
    }

    public T RequiredEnum<T>(string field, IReadOnlyDictionary<string, T> values)
        where T : struct =>
        OptionalEnum(field, values) is { } found ? found : throw Fail(field, $"is required; one of: {string.Join(", ", values.Keys)}");

    public T? OptionalEnum<T>(string field, IReadOnlyDictionary<string, T> values)
        where T : struct
    {
        var text = OptionalString(field);
        if (text is null)
            return null;
        return values.TryGetValue(text, out var value)
            ? value
            : throw Fail(field, $"'{text}' is not one of: {string.Join(", ", values.Keys)}");
    }

    public SeedObject RequiredObject(string field)
    {
        if (!_element.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
            throw Fail(field, "is required");
        if (value.ValueKind != JsonValueKind.Object)
            throw Fail(field, $"must be an object, not {Kind(value)}");
        return new SeedObject(value, File, Entry, Prefix + field + ".");
    }

    /// <summary>The members of an object field, each as its own entry named by <paramref name="entryOf"/>.</summary>
    public IEnumerable<(string Name, SeedObject Value)> RequiredMap(string field, Func<string, string> entryOf)
    {
        var map = RequiredObject(field);
        foreach (var property in map._element.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.Object)
                throw map.Fail(property.Name, $"must be an object, not {Kind(property.Value)}");
            yield return (property.Name, new SeedObject(property.Value, File, entryOf(property.Name), string.Empty));
        }
    }

    /// <summary>The members of an optional object field whose values are objects; nothing when it is absent.</summary>
    public IEnumerable<(string Name, SeedObject Value)> OptionalMap(string field) =>
        Has(field) ? RequiredMap(field, _ => Entry).Select(pair => (pair.Name, pair.Value.WithPrefix(Prefix + field + "." + pair.Name + "."))) : [];

    /// <summary>The members of an optional object field whose values are strings.</summary>
    public IReadOnlyDictionary<string, string> OptionalStringMap(string field)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!Has(field))
            return result;
        var map = RequiredObject(field);
        foreach (var property in map._element.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(property.Value.GetString()))
                throw map.Fail(property.Name, $"must be a non-empty string, not {Kind(property.Value)}");
            result[property.Name] = property.Value.GetString()!;
        }

        return result;
    }

    public SeedObject WithPrefix(string prefix) => new(_element, File, Entry, prefix);

    /// <summary>The objects of an array field, each as its own entry named by <paramref name="entryOf"/>.</summary>
    public IEnumerable<SeedObject> OptionalArray(string field, Func<int, JsonElement, string> entryOf)
    {
        if (!_element.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
            yield break;
        if (value.ValueKind != JsonValueKind.Array)
            throw Fail(field, $"must be an array, not {Kind(value)}");
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
                throw Fail($"{field}[{index}]", $"must be an object, not {Kind(item)}");
            yield return new SeedObject(item, File, entryOf(index, item), string.Empty);
            index++;
        }
    }

    public IReadOnlyList<string> RequiredStrings(string field)
    {
        if (!_element.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
            throw Fail(field, "is required");
        if (value.ValueKind != JsonValueKind.Array)
            throw Fail(field, $"must be an array of strings, not {Kind(value)}");
        var items = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
                throw Fail(field, $"must contain only strings, not {Kind(item)}");
            items.Add(item.GetString()!);
        }

        return items;
    }

    /// <summary>
    /// A localized name: "en" always; "ka" when <paramref name="requireKa"/>; "local" allowed. English is
    /// never accepted as Georgian, so a copied text shows up here rather than in a letter.
    /// </summary>
    public MultilingualName Name(string field, bool requireKa)
    {
        var name = RequiredObject(field);
        name.AllowOnly("en", "ka", "local");
        var en = name.RequiredString("en");
        var ka = name.OptionalString("ka");
        if (ka is null && requireKa)
            throw name.Fail("ka", "is required (Georgian text) in a file whose localLanguage is 'ka'");
        if (ka is not null && string.Equals(ka.Trim(), en.Trim(), StringComparison.Ordinal))
            throw name.Fail("ka", "repeats the English text; leave 'ka' out when there is no Georgian translation");
        if (ka is not null && !ka.Any(IsGeorgianLetter))
            throw name.Fail("ka", "contains no Georgian letters");
        return new MultilingualName(en, ka, name.OptionalString("local"));
    }

    public MultilingualName? OptionalName(string field, bool requireKa) =>
        Has(field) ? Name(field, requireKa) : null;

    public string? RawString(string field) =>
        _element.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private int Int(string field, JsonElement value, int min, int max)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
            throw Fail(field, $"must be a whole number, not {Kind(value)}");
        if (number < min || number > max)
            throw Fail(field, $"{number} is outside {min}–{max}");
        return number;
    }

    private static bool IsGeorgianLetter(char c) => c is >= '\u10A0' and <= '\u10FF' or >= '\u1C90' and <= '\u1CBF';

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
