using System.Globalization;
using System.Text;
using FoiTracker.Domain.Bodies;
using FoiTracker.Domain.Common;
using FoiTracker.Domain.Requests;
using FoiTracker.Domain.Workflows;

namespace FoiTracker.Benchmarks.BulkLoad;

/// <summary>
/// Makes plausible requests, the same ones for the same seed: about two thirds in Georgian
/// (Mkhedruli), the rest in English; subjects of 30–150 characters; request texts log-normal
/// around 500 characters (mean about 650) with a tail to 8,000; registered 2015 up to today with
/// more requests in later years; numbers dense per year ("YYYY-NNNNNN"); a few drafts.
/// Bodies are picked with a skew, as a few ministries get most requests.
/// </summary>
public sealed class SyntheticRequestGenerator
{
    public const int FirstYear = 2015;

    private readonly Random _random;
    private readonly (PublicBodyKey Key, string StatuteId)[] _bodies;
    private readonly double[] _bodyWeights;
    private readonly int[] _years;
    private readonly double[] _yearWeights;
    private readonly Dictionary<int, long> _sequences = [];
    private readonly DateTimeOffset _now;
    private readonly StringBuilder _builder = new(8_192);
    private readonly DateTimeOffset _earliest;

    /// <param name="firstYear">The first year requests are registered in (default <see cref="FirstYear"/>).</param>
    public SyntheticRequestGenerator(IReadOnlyList<(PublicBodyKey Key, string StatuteId)> bodies, int seed, DateTimeOffset now, int firstYear = FirstYear)
    {
        ArgumentNullException.ThrowIfNull(bodies);
        if (bodies.Count == 0)
            throw new ArgumentException("At least one public body is needed.", nameof(bodies));
        if (now.Year < firstYear)
            throw new ArgumentOutOfRangeException(nameof(now), "The clock is before the first year of the data.");
        _earliest = new DateTimeOffset(firstYear, 1, 1, 0, 0, 0, TimeSpan.Zero);
        _random = new Random(seed);
        _now = now.ToUniversalTime();
        _bodies = [.. bodies];
        _random.Shuffle(_bodies);
        // Zipf-like: the first bodies after the shuffle get most requests, none gets none.
        _bodyWeights = Cumulative(Enumerable.Range(1, _bodies.Length).Select(rank => 1 / Math.Pow(rank, 0.8)));
        _years = Enumerable.Range(firstYear, _now.Year - firstYear + 1).ToArray();
        // Use of the law grows by about a fifth each year; the current year counts only its elapsed part.
        _yearWeights = Cumulative(_years.Select(year => Math.Pow(1.2, year - firstYear) * (year == _now.Year ? _now.DayOfYear / 365.0 : 1)));
    }

    /// <summary>UTF-8 bytes of the text fields made so far (subject, text, requester).</summary>
    public long PayloadBytes { get; private set; }

    public long TextCharacters { get; private set; }

    public long Count { get; private set; }

    /// <summary>The next request, imported in the stage it reached: submitted, or a draft.</summary>
    public FoiRequest Next()
    {
        var made = NextFiling();
        return FoiRequest.Import(
            RequestId.New(), made.Number, made.Body, made.StatuteId, 1,
            made.Subject, made.Text, made.Requester, new StageKey(made.SubmittedAt is null ? "draft" : "submitted"), made.CreatedAt, made.SubmittedAt);
    }

    /// <summary>What the next request is filed with, for a caller that runs it through its workflow.</summary>
    public SyntheticFiling NextFiling()
    {
        var year = _years[Pick(_yearWeights)];
        var body = _bodies[Pick(_bodyWeights)];
        var georgian = _random.NextDouble() < 0.65;

        var yearStart = new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var yearEnd = year == _now.Year ? _now : yearStart.AddYears(1);
        var createdAt = yearStart.AddTicks((long)(_random.NextDouble() * (yearEnd - yearStart).Ticks));
        DateTimeOffset? submittedAt = null;
        if (_random.NextDouble() >= 0.04)
        {
            var sent = _random.NextDouble();
            var delay = sent switch
            {
                < 0.70 => TimeSpan.FromMinutes(_random.NextDouble() * 120), // filed here, sent at once
                < 0.95 => TimeSpan.FromDays(_random.NextDouble() * 10),     // entered a few days later
                _ => TimeSpan.FromDays(10 + (_random.NextDouble() * 390)),   // a paper letter recorded long after
            };
            submittedAt = createdAt - delay < _earliest ? _earliest : createdAt - delay;
        }

        var sequence = _sequences[year] = _sequences.GetValueOrDefault(year) + 1;
        var requester = MakeRequester(georgian);
        var subject = MakeSubject(georgian);
        var text = MakeText(georgian, requester.Name);

        Count++;
        TextCharacters += text.Length;
        PayloadBytes += Encoding.UTF8.GetByteCount(subject) + Encoding.UTF8.GetByteCount(text) + Encoding.UTF8.GetByteCount(requester.Name)
            + (requester.Email?.Value.Length ?? 0) + (requester.Address is null ? 0 : Encoding.UTF8.GetByteCount(requester.Address));
        return new SyntheticFiling(RequestNumber.From(year, sequence), body.Key, body.StatuteId, subject, text, requester, createdAt, submittedAt);
    }

    private Requester MakeRequester(bool georgian)
    {
        string name;
        string first;
        string last;
        if (georgian)
        {
            var (firstKa, firstLatin) = GeorgianFirstNames[_random.Next(GeorgianFirstNames.Length)];
            var (lastKa, lastLatin) = GeorgianSurnames[_random.Next(GeorgianSurnames.Length)];
            name = $"{firstKa} {lastKa}";
            (first, last) = (firstLatin, lastLatin);
        }
        else
        {
            first = EnglishFirstNames[_random.Next(EnglishFirstNames.Length)];
            last = EnglishSurnames[_random.Next(EnglishSurnames.Length)];
            name = $"{first} {last}";
        }

        // Most people give an e-mail address, some a postal one too; everyone gives at least one.
        var hasEmail = _random.NextDouble() < 0.85;
        var hasAddress = !hasEmail || _random.NextDouble() < 0.3;
        EmailAddress? email = hasEmail
            ? EmailAddress.Create(string.Create(CultureInfo.InvariantCulture,
                $"{first.ToLowerInvariant()}.{last.ToLowerInvariant()}{_random.Next(1, 1000)}@{MailDomains[_random.Next(MailDomains.Length)]}"))
            : null;
        var address = hasAddress ? MakeAddress(georgian) : null;
        return new Requester(name, email, address);
    }

    private string MakeAddress(bool georgian)
    {
        var number = _random.Next(1, 160);
        var city = _random.Next(Cities.Length);
        if (georgian)
        {
            var (street, kind) = GeorgianStreets[_random.Next(GeorgianStreets.Length)];
            return string.Create(CultureInfo.InvariantCulture, $"{street} {kind} {number}, {Cities[city].Ka}, {_random.Next(100, 7000):D4}");
        }

        var english = EnglishStreets[_random.Next(EnglishStreets.Length)];
        return string.Create(CultureInfo.InvariantCulture, $"{number} {english}, {Cities[city].En} {_random.Next(100, 7000):D4}, Georgia");
    }

    private string MakeSubject(bool georgian)
    {
        var target = _random.Next(30, 151);
        var (openings, words) = georgian ? (GeorgianSubjectOpenings, GeorgianWords) : (EnglishSubjectOpenings, EnglishWords);
        _builder.Clear().Append(openings[_random.Next(openings.Length)]);
        while (true)
        {
            // Whole words only: below 30 characters always add one, above stop before passing the target.
            var word = words[_random.Next(words.Length)];
            if (_builder.Length >= 30 && _builder.Length + 1 + word.Length > target)
                break;
            _builder.Append(' ').Append(word);
        }

        return _builder.ToString();
    }

    private string MakeText(bool georgian, string signature)
    {
        // Log-normal: median 480 characters, about one text in ten thousand reaches the 8,000 cap.
        var normal = Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());
        var target = (int)Math.Clamp(480 * Math.Exp(0.75 * normal), 80, 8_000);
        var words = georgian ? GeorgianWords : EnglishWords;

        _builder.Clear().Append(georgian ? GeorgianOpening : EnglishOpening).Append('\n');
        var item = 1;
        var closing = (georgian ? "\n\nპატივისცემით,\n" : "\n\nYours faithfully,\n") + signature;
        var bodyTarget = Math.Max(target - closing.Length, _builder.Length + 20);
        while (_builder.Length < bodyTarget)
        {
            _builder.Append('\n').Append(item++.ToString(CultureInfo.InvariantCulture)).Append(". ");
            var sentence = _random.Next(8, 24);
            for (var w = 0; w < sentence && _builder.Length < bodyTarget; w++)
            {
                if (w > 0)
                    _builder.Append(' ');
                _builder.Append(words[_random.Next(words.Length)]);
            }

            _builder.Append(';');
        }

        _builder.Length = Math.Min(_builder.Length, bodyTarget);
        _builder.Append(closing);
        return _builder.ToString();
    }

    private int Pick(double[] cumulative)
    {
        var point = _random.NextDouble() * cumulative[^1];
        var index = Array.BinarySearch(cumulative, point);
        return index >= 0 ? index : Math.Min(~index, cumulative.Length - 1);
    }

    private static double[] Cumulative(IEnumerable<double> weights)
    {
        var total = 0.0;
        return weights.Select(weight => total += weight).ToArray();
    }

    private const string GeorgianOpening =
        "საქართველოს ზოგადი ადმინისტრაციული კოდექსის 37-ე მუხლის საფუძველზე, გთხოვთ, მომაწოდოთ შემდეგი საჯარო ინფორმაცია ელექტრონული ფორმით:";

    private const string EnglishOpening =
        "Under Article 37 of the General Administrative Code of Georgia, please provide the following public information in electronic form:";

    private static readonly string[] GeorgianSubjectOpenings =
    [
        "საჯარო ინფორმაციის გამოთხოვა:", "ინფორმაცია სახელმწიფო შესყიდვების შესახებ", "მოთხოვნა ბიუჯეტის შესრულების შესახებ",
        "ინფორმაცია პრემიებისა და დანამატების შესახებ", "მოთხოვნა:", "სამსახურებრივი ავტომობილების შესახებ ინფორმაცია",
    ];

    private static readonly string[] EnglishSubjectOpenings =
    [
        "Request for public information:", "Procurement contracts", "Budget execution report", "Bonuses and salary supplements",
        "Request:", "Official vehicles and fuel costs",
    ];

    private static readonly string[] GeorgianWords =
    [
        "სამინისტროს", "მიერ", "2019", "წლიდან", "დღემდე", "გაფორმებული", "ხელშეკრულებების", "ასლები", "თანამშრომლებზე", "გაცემული",
        "პრემიების", "ოდენობა", "თვეების", "მიხედვით", "სახელმწიფო", "შესყიდვების", "ტენდერის", "შედეგები", "მუნიციპალიტეტის", "ბიუჯეტიდან",
        "დაფინანსებული", "პროექტების", "ჩამონათვალი", "საკრებულოს", "სხდომის", "ოქმები", "სამსახურებრივი", "ავტომობილების", "რაოდენობა", "საწვავის",
        "ხარჯი", "მივლინებების", "ხარჯები", "შტატების", "განრიგი", "ხელფასები", "თანამდებობის", "პირების", "დეკლარაციები", "სარეზერვო",
        "ფონდიდან", "გამოყოფილი", "თანხები", "ინფრასტრუქტურული", "სამუშაოების", "ვადები", "და", "ან", "რომლებიც", "ეხება",
        "საჯარო", "ინფორმაცია", "ელექტრონულად", "გადაწყვეტილების", "საფუძველი", "მოქალაქეების", "განცხადებების", "რაოდენობა", "კვარტლების", "ჭრილში",
    ];

    private static readonly string[] EnglishWords =
    [
        "the", "ministry", "contracts", "signed", "since", "2019", "copies", "of", "bonuses", "paid", "to", "staff", "by", "month",
        "procurement", "tender", "results", "municipal", "budget", "funded", "projects", "list", "council", "meeting", "minutes", "official",
        "vehicles", "number", "fuel", "costs", "travel", "expenses", "staffing", "schedule", "salaries", "officials", "asset", "declarations",
        "reserve", "fund", "allocations", "infrastructure", "works", "deadlines", "and", "or", "which", "concern", "public", "information",
        "electronic", "decision", "basis", "citizens", "applications", "quarterly", "breakdown", "including", "all", "annexes",
    ];

    private static readonly (string Ka, string Latin)[] GeorgianFirstNames =
    [
        ("ნინო", "nino"), ("გიორგი", "giorgi"), ("მარიამ", "mariam"), ("დავით", "davit"), ("ანა", "ana"), ("ლევან", "levan"),
        ("თამარ", "tamar"), ("ნიკოლოზ", "nikoloz"), ("ეკატერინე", "ekaterine"), ("ალექსანდრე", "aleksandre"), ("სალომე", "salome"),
        ("ირაკლი", "irakli"), ("ქეთევან", "ketevan"), ("ზურაბ", "zurab"), ("ნათია", "natia"), ("ლაშა", "lasha"),
    ];

    private static readonly (string Ka, string Latin)[] GeorgianSurnames =
    [
        ("ბერიძე", "beridze"), ("კაპანაძე", "kapanadze"), ("გელაშვილი", "gelashvili"), ("მაისურაძე", "maisuradze"), ("ლომიძე", "lomidze"),
        ("ჯაფარიძე", "japaridze"), ("წიკლაური", "tsiklauri"), ("ხარაიშვილი", "kharaishvili"), ("ნოზაძე", "nozadze"), ("ქავთარაძე", "kavtaradze"),
        ("გოგიჩაიშვილი", "gogichaishvili"), ("ჩხეიძე", "chkheidze"), ("ბაქრაძე", "bakradze"), ("თოდუა", "todua"),
    ];

    private static readonly string[] EnglishFirstNames =
        ["Sarah", "James", "Emily", "Thomas", "Olivia", "Daniel", "Hannah", "Michael", "Laura", "Peter", "Anna", "Mark"];

    private static readonly string[] EnglishSurnames =
        ["Mitchell", "Walker", "Schmidt", "Novak", "Brown", "Kowalski", "Evans", "Fischer", "Murphy", "Jansen", "Taylor", "Hughes"];

    private static readonly string[] MailDomains =
        ["gmail.com", "yahoo.com", "outlook.com", "idfi.ge", "transparency.ge", "gyla.ge", "example.org", "mail.ru"];

    private static readonly (string Street, string Kind)[] GeorgianStreets =
    [
        ("ი. ჭავჭავაძის", "გამზ."), ("შ. რუსთაველის", "გამზ."), ("დ. აღმაშენებლის", "გამზ."), ("მ. კოსტავას", "ქ."), ("ვაჟა-ფშაველას", "გამზ."),
        ("ს. ცინცაძის", "ქ."), ("ლ. ასათიანის", "ქ."), ("სტალინის", "ქ."),
    ];

    private static readonly string[] EnglishStreets =
        ["Chavchavadze Ave.", "Rustaveli Ave.", "Agmashenebeli Ave.", "Kostava St.", "Vazha-Pshavela Ave.", "Tsintsadze St.", "Asatiani St."];

    private static readonly (string Ka, string En)[] Cities =
        [("თბილისი", "Tbilisi"), ("ქუთაისი", "Kutaisi"), ("ბათუმი", "Batumi"), ("გორი", "Gori"), ("რუსთავი", "Rustavi"), ("ზუგდიდი", "Zugdidi")];
}

/// <summary>A generated request as it is filed: registered here at <paramref name="CreatedAt"/>, sent at <paramref name="SubmittedAt"/> (earlier when recorded late; null for a draft).</summary>
public sealed record SyntheticFiling(
    RequestNumber Number, PublicBodyKey Body, string StatuteId, string Subject, string Text, Requester Requester, DateTimeOffset CreatedAt, DateTimeOffset? SubmittedAt);
