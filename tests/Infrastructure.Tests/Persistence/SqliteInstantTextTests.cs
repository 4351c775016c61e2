using System.Globalization;
using FoiTracker.Infrastructure.Persistence;

namespace FoiTracker.Infrastructure.Tests.Persistence;

/// <summary>
/// Instants are stored in SQLite as fixed-width UTC text, so that text order is time order (the
/// timer claim compares due_at as text). The form must not change with how it is produced.
/// </summary>
public sealed class SqliteInstantTextTests
{
    public static TheoryData<string, string> Instants => new()
    {
        { "2026-11-26T19:53:11.1234567+00:00", "2026-11-26T19:53:11.1234567Z" },
        { "2026-11-26T23:53:11+04:00", "2026-11-26T19:53:11.0000000Z" },
        { "2027-01-01T00:00:00-05:00", "2027-01-01T05:00:00.0000000Z" },
        { "0001-01-01T00:00:00+00:00", "0001-01-01T00:00:00.0000000Z" },
        { "9999-12-31T23:59:59.9999999+00:00", "9999-12-31T23:59:59.9999999Z" },
    };

    [Theory]
    [MemberData(nameof(Instants))]
    public void ToSqliteText_IsFixedWidthUtc_AndReadsBackToTheSameInstant(string given, string expected)
    {
        var instant = DateTimeOffset.Parse(given, CultureInfo.InvariantCulture);

        var text = TypeHandlers.ToSqliteText(instant);

        text.Should().Be(expected).And.HaveLength(28);
        var read = TypeHandlers.FromSqliteText(text);
        read.Should().Be(instant);
        read.Offset.Should().Be(TimeSpan.Zero);
    }

    [Theory]
    [InlineData("2026-11-26T19:53:11Z")]
    [InlineData("2026-11-26 19:53:11")]
    [InlineData("2026-11-26T23:53:11.5+04:00")]
    public void FromSqliteText_ReadsOtherIso8601Forms_AsUtc(string text)
    {
        var instant = TypeHandlers.FromSqliteText(text);

        instant.Offset.Should().Be(TimeSpan.Zero);
        instant.UtcDateTime.Should().BeCloseTo(new DateTime(2026, 11, 26, 19, 53, 11, DateTimeKind.Utc), TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void TextOrder_IsTimeOrder()
    {
        var instants = Enumerable.Range(0, 500)
            .Select(i => new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(i % 5 - 2)).AddTicks(i * 7_919_000_013L))
            .ToList();

        var byText = instants.OrderBy(TypeHandlers.ToSqliteText, StringComparer.Ordinal).ToList();

        byText.Should().Equal(instants.OrderBy(instant => instant.UtcTicks));
    }
}
