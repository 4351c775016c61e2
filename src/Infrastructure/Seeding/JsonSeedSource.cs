using System.Text.Json;
using FoiTracker.Application.Seeds;
using FoiTracker.Domain.Bodies;
using FoiTracker.Domain.Common;
using FoiTracker.Domain.Jurisdictions;

namespace FoiTracker.Infrastructure.Seeding;

/// <summary>
/// Reads <c>jurisdictions.json</c> and <c>bodies/*.json</c> from the seeds folder. Every problem
/// is reported with the file, the entry and the field, and the whole set is checked (unique keys,
/// references that resolve) before anything is written.
/// </summary>
public sealed class JsonSeedSource(SeedOptions options) : ISeedSource
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Skip };

    public async Task<SeedSet> ReadAsync(CancellationToken cancellationToken)
    {
        var directory = options.Directory;
        if (!Directory.Exists(directory))
            throw new SeedException(directory, null, null, "the seeds folder does not exist; set Seeds:Directory.");

        var jurisdictions = await ReadJurisdictionsAsync(Path.Combine(directory, "jurisdictions.json"), cancellationToken);
        var bodies = new List<(string File, PublicBody Body)>();
        var bodyFolder = Path.Combine(directory, "bodies");
        var bodyFiles = Directory.Exists(bodyFolder)
            ? Directory.GetFiles(bodyFolder, "*.json").Order(StringComparer.Ordinal).ToArray()
            : [];
        foreach (var file in bodyFiles)
            bodies.AddRange((await ReadBodiesAsync(file, cancellationToken)).Select(body => (Name(file), body)));

        CheckBodies(bodies, jurisdictions.Select(j => j.Code).ToHashSet());
        return new SeedSet(jurisdictions, bodies.Select(pair => pair.Body).ToList());
    }

    private static string Name(string path) => Path.GetFileName(Path.GetDirectoryName(path)) is "bodies"
        ? "bodies/" + Path.GetFileName(path)
        : Path.GetFileName(path);

    private static async Task<JsonDocument> OpenAsync(string path, string arrayName, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
            throw new SeedException(Name(path), null, null, "the file is missing.");
        await using var stream = File.OpenRead(path);
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(stream, DocumentOptions, cancellationToken);
        }
        catch (JsonException ex)
        {
            throw new SeedException(Name(path), null, null, $"not valid JSON at line {ex.LineNumber + 1}: {ex.Message}");
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty(arrayName, out var array)
            || array.ValueKind != JsonValueKind.Array)
        {
            document.Dispose();
            throw new SeedException(Name(path), null, arrayName, $"the file must be an object with an array '{arrayName}'.");
        }

        return document;
    }

    private static async Task<List<Jurisdiction>> ReadJurisdictionsAsync(string path, CancellationToken cancellationToken)
    {
        using var document = await OpenAsync(path, "jurisdictions", cancellationToken);
        var result = new List<Jurisdiction>();
        var index = 0;
        foreach (var element in document.RootElement.GetProperty("jurisdictions").EnumerateArray())
        {
            var entry = new Entry(Name(path), element, $"#{index++}");
            var code = entry.Required<JurisdictionCode>("code", JurisdictionCode.TryCreate, "a code like 'ge' or 'gb-sct'");
            entry = entry with { Label = code.Value };
            var name = entry.Localized("name", required: true)!;
            var statute = entry.RequiredString("statute");
            var timeZone = entry.RequiredString("timeZone");
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
                throw entry.Error("timeZone", $"'{timeZone}' is not a known IANA time zone.");
            if (result.Any(existing => existing.Code == code))
                throw entry.Error("code", "the code appears twice.");
            result.Add(new Jurisdiction(code, name, statute, timeZone));
        }

        return result;
    }

    private static async Task<List<PublicBody>> ReadBodiesAsync(string path, CancellationToken cancellationToken)
    {
        using var document = await OpenAsync(path, "bodies", cancellationToken);
        var result = new List<PublicBody>();
        var index = 0;
        foreach (var element in document.RootElement.GetProperty("bodies").EnumerateArray())
        {
            var entry = new Entry(Name(path), element, $"#{index++}");
            var key = entry.Required<PublicBodyKey>("key", PublicBodyKey.TryCreate, "lower-case letters, digits and hyphens");
            entry = entry with { Label = key.Value };
            var jurisdiction = entry.Required<JurisdictionCode>("jurisdiction", JurisdictionCode.TryCreate, "a jurisdiction code like 'ge'");
            var kind = entry.Required<BodyKind>("kind", BodyKindNames.TryParse, "one of " + string.Join(", ", BodyKindNames.All));
            var name = entry.Localized("name", required: true)!;
            var address = entry.Localized("address", required: false);
            var website = entry.Optional<Uri>("website", (string? text, out Uri? uri) =>
                Uri.TryCreate(text, UriKind.Absolute, out uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps), "an absolute http(s) address");
            var email = entry.Optional<EmailAddress?>("foiEmail", (string? text, out EmailAddress? address) =>
            {
                var ok = EmailAddress.TryCreate(text, out var parsed);
                address = ok ? parsed : null;
                return ok;
            }, "an e-mail address");
            var verified = entry.Boolean("foiEmailVerified");
            if (verified && email is null)
                throw entry.Error("foiEmailVerified", "an address can only be verified when 'foiEmail' is given.");
            // Requests are mailed to a verified address without a person looking first, so the seed
            // must say where the address was found and when: an unsourced "verified" is a guess.
            var sourced = entry.Source();
            if (verified && !sourced)
                throw entry.Error("source", "an address marked verified ('foiEmailVerified': true) needs a 'source': the 'url' where it was found and the 'date' it was checked, e.g. { \"url\": \"https://…\", \"date\": \"2026-03-01\" }.");
            var parent = entry.OptionalKey("parent");
            var complaintsTo = entry.OptionalKey("complaintsTo");
            var court = entry.OptionalKey("court");
            var basis = entry.OptionalString("complaintBasis");
            var municipality = entry.OptionalString("municipality");
            if (municipality is not null && !PublicBodyKey.TryCreate(municipality, out _))
                throw entry.Error("municipality", $"'{municipality}' is not valid: expected a lower-case key like 'gori'.");
            try
            {
                result.Add(new PublicBody(
                    key, jurisdiction, kind, name, address, website,
                    email is null ? null : new FoiEmail(email.Value, verified),
                    parent, complaintsTo, court, basis, municipality));
            }
            catch (Exception ex) when (ex is BusinessRuleViolationException or ArgumentException)
            {
                throw entry.Error(null, ex.Message);
            }
        }

        return result;
    }

    private static void CheckBodies(List<(string File, PublicBody Body)> bodies, HashSet<JurisdictionCode> jurisdictions)
    {
        var keys = new Dictionary<PublicBodyKey, string>();
        foreach (var (file, body) in bodies)
        {
            if (!keys.TryAdd(body.Key, file))
                throw new SeedException(file, body.Key.Value, "key", $"the key is already used in {keys[body.Key]}.");
        }

        foreach (var (file, body) in bodies)
        {
            if (!jurisdictions.Contains(body.Jurisdiction))
                throw new SeedException(file, body.Key.Value, "jurisdiction", $"'{body.Jurisdiction}' is not in jurisdictions.json.");
            foreach (var (field, reference) in new[] { ("parent", body.Parent), ("complaintsTo", body.ComplaintsTo), ("court", body.Court) })
            {
                if (reference is { } target && !keys.ContainsKey(target))
                    throw new SeedException(file, body.Key.Value, field, $"no body has the key '{target}'.");
            }
        }
    }

    private delegate bool TryParse<T>(string? text, out T value);

    private sealed record Entry(string File, JsonElement Element, string Label)
    {
        public SeedException Error(string? field, string problem) => new(File, Label, field, problem);

        public string RequiredString(string field) =>
            OptionalString(field) ?? throw Error(field, "a value is required.");

        public string? OptionalString(string field)
        {
            if (!Element.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
                return null;
            if (value.ValueKind != JsonValueKind.String)
                throw Error(field, "must be a string.");
            var text = value.GetString();
            return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        }

        public T Required<T>(string field, TryParse<T> parse, string expected)
        {
            var text = RequiredString(field);
            return parse(text, out var parsed) ? parsed : throw Error(field, $"'{text}' is not valid: expected {expected}.");
        }

        public T? Optional<T>(string field, TryParse<T?> parse, string expected)
        {
            var text = OptionalString(field);
            if (text is null)
                return default;
            return parse(text, out var parsed) ? parsed : throw Error(field, $"'{text}' is not valid: expected {expected}.");
        }

        public PublicBodyKey? OptionalKey(string field)
        {
            var text = OptionalString(field);
            if (text is null)
                return null;
            return PublicBodyKey.TryCreate(text, out var key) ? key : throw Error(field, $"'{text}' is not a body key.");
        }

        public bool Boolean(string field)
        {
            if (!Element.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
                return false;
            return value.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw Error(field, "must be true or false."),
            };
        }

        /// <summary>
        /// Checks the optional <c>source</c> of a body's address: an absolute http(s) <c>url</c> and the
        /// <c>date</c> (yyyy-MM-dd) it was checked. True when the body has one.
        /// </summary>
        public bool Source()
        {
            if (!Element.TryGetProperty("source", out var value) || value.ValueKind == JsonValueKind.Null)
                return false;
            if (value.ValueKind != JsonValueKind.Object)
                throw Error("source", "must be an object with 'url' and 'date'.");
            var inner = this with { Element = value };
            var url = inner.OptionalString("url") ?? throw Error("source.url", "the address of the page the e-mail address was found on is required.");
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                throw Error("source.url", $"'{url}' is not valid: expected an absolute http(s) address.");
            var date = inner.OptionalString("date") ?? throw Error("source.date", "the date the address was checked is required (yyyy-MM-dd).");
            if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _))
                throw Error("source.date", $"'{date}' is not valid: expected a date as yyyy-MM-dd.");
            return true;
        }

        public LocalizedText? Localized(string field, bool required)
        {
            if (!Element.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
                return required ? throw Error(field, "a value with 'ka' and 'en' is required.") : null;
            if (value.ValueKind != JsonValueKind.Object)
                throw Error(field, "must be an object with 'ka' and 'en'.");
            var inner = this with { Element = value };
            var ka = inner.OptionalString("ka") ?? throw Error(field + ".ka", "the Georgian text is required.");
            var en = inner.OptionalString("en") ?? throw Error(field + ".en", "the English text is required.");
            return new LocalizedText(ka, en);
        }
    }
}

/// <summary><c>Seeds:Directory</c>: where the reference data is read from.</summary>
public sealed class SeedOptions
{
    public required string Directory { get; init; }
}
