using Dapper;
using FoiTracker.Application.Mail;
using FoiTracker.Application.Mail.EnqueueStaffDigest;
using FoiTracker.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace FoiTracker.Application.Tests.Mail;

/// <summary>The daily digest for staff: what became overdue since the last one, once a day.</summary>
public sealed class StaffDigestTests : MailTestBase
{
    private static readonly DateOnly Day = new(2026, 11, 27);

    [Fact]
    public async Task TheDigest_ListsTheRequestsThatBecameOverdue_ToStaffAccounts_OncePerDay()
    {
        await AddAccountAsync("lela@ngo.example.ge", "staff");
        await AddAccountAsync("admin@ngo.example.ge", "admin");
        var filed = await FileAsync(new DateTimeOffset(2026, 10, 14, 9, 0, 0, TimeSpan.FromHours(4)), VerifiedCityHall);
        await SweepAllAsync(Services);
        await DispatchAllAsync(Services);
        Clock.Advance(TimeSpan.FromMinutes(1));

        var first = await SendAsync(new EnqueueStaffDigestCommand(Day, []));
        var second = await SendAsync(new EnqueueStaffDigestCommand(Day, []));

        first.Should().Be(new DigestResult(true, 2));
        second.Written.Should().BeFalse();
        var digest = (await MailsAsync()).Should().ContainSingle(mail => mail.Kind == MailKinds.Digest).Subject;
        digest.ToAddress.Should().Be("admin@ngo.example.ge, lela@ngo.example.ge");
        digest.Subject.Should().Contain("2026-11-27").And.Contain("2 notice(s)");
        digest.TextBody.Should().Contain("Became overdue (1)").And.Contain(filed.Number).And.Contain("Complaint window closing (1)");
        digest.TextBody.IndexOf("Became overdue", StringComparison.Ordinal).Should().BeLessThan(digest.TextBody.IndexOf("Complaint window", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheNextDigest_ListsOnlyWhatCameSinceTheLastOne_AndNothingNewMeansNoMail()
    {
        await FileAsync(new DateTimeOffset(2026, 10, 14, 9, 0, 0, TimeSpan.FromHours(4)), VerifiedCityHall);
        await SweepAllAsync(Services);
        await DispatchAllAsync(Services);
        Clock.Advance(TimeSpan.FromMinutes(1));
        (await SendAsync(new EnqueueStaffDigestCommand(Day, ["lead@ngo.example.ge"]))).Written.Should().BeTrue();

        Clock.Advance(TimeSpan.FromDays(1));
        var nextDay = await SendAsync(new EnqueueStaffDigestCommand(Day.AddDays(1), ["lead@ngo.example.ge"]));

        nextDay.Should().Be(new DigestResult(false, 0));
        (await MailsAsync()).Where(mail => mail.Kind == MailKinds.Digest).Select(mail => mail.ToAddress).Should().Equal("lead@ngo.example.ge");
    }

    private async Task AddAccountAsync(string email, string role)
    {
        await using var connection = await Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync(
            "INSERT INTO users (id, email, email_normalized, display_name, role, password_hash, created_at) VALUES (@Id, @Email, @Email, @Email, @Role, 'x', @At)",
            new { Id = Guid.NewGuid(), Email = email, Role = role, At = Clock.GetUtcNow() });
    }
}
