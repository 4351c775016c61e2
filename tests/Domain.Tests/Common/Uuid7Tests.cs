using System.Collections.Concurrent;
using FoiTracker.Domain.Common;

namespace FoiTracker.Domain.Tests.Common;

public sealed class Uuid7Tests
{
    [Fact]
    public void AnIdentifier_IsVersion7_WithTheRfcVariant_AndItsMillisecondsUpFront()
    {
        var at = new DateTimeOffset(2026, 11, 27, 5, 10, 0, 123, TimeSpan.Zero);

        var id = Uuid7.New(at);
        var text = id.ToString("N");

        id.Version.Should().Be(7);
        id.Variant.Should().BeInRange(8, 11, "the RFC 9562 variant is binary 10xx");
        Convert.ToInt64(text[..12], 16).Should().Be(at.ToUnixTimeMilliseconds());
    }

    [Fact]
    public void Identifiers_AreUnique_AcrossThreadsAndBufferRefills_AndSortByTheirMilliseconds()
    {
        var ids = new ConcurrentBag<Guid>();
        Parallel.For(0, 8, _ =>
        {
            for (var i = 0; i < 5_000; i++)
                ids.Add(Uuid7.New());
        });
        var earlier = Uuid7.New(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var later = Uuid7.New(new DateTimeOffset(2026, 1, 1, 0, 0, 0, 1, TimeSpan.Zero));

        ids.Distinct().Should().HaveCount(40_000);
        ids.Select(id => id.ToString("N")[12..]).Distinct().Should().HaveCount(40_000, "the random part alone differs too");
        string.CompareOrdinal(earlier.ToString(), later.ToString()).Should().BeNegative();
        earlier.CompareTo(later).Should().BeNegative();
    }

    [Fact]
    public void AnInstantBeforeTheUnixEpoch_IsRefused()
    {
        var before = () => Uuid7.New(new DateTimeOffset(1969, 12, 31, 0, 0, 0, TimeSpan.Zero));

        before.Should().Throw<ArgumentOutOfRangeException>();
    }
}
