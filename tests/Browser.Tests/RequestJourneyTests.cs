using System.Globalization;
using System.Text.RegularExpressions;
using FoiTracker.Browser.Tests.Support;
using FoiTracker.Tests.Support;
using Microsoft.Playwright;

namespace FoiTracker.Browser.Tests;

/// <summary>
/// The request's life through the pages, in Chromium, in each language: a citizen finds the body and
/// files a request and sees its legal deadline; staff find it in the queue, record the body's refusal
/// and escalate it; the citizen then sees the complaint stage on their request's page; the public reads
/// the body's statistics, which count it, and the request's public record.
/// </summary>
public sealed partial class RequestJourneyTests(SiteFixture fixture) : IClassFixture<SiteFixture>
{
    [SkippableTheory]
    [InlineData("ka")]
    [InlineData("en")]
    public async Task A_citizen_files_a_request_and_staff_escalate_it_after_a_refusal(string language)
    {
        fixture.RequireBrowser();
        var subject = $"Budget 2026 ({Guid.NewGuid().ToString("N")[..8]})";

        // The citizen: from the body's page to the filed request.
        var citizen = await fixture.NewPageAsync(phone: true);
        await citizen.RegisterAsync(language);
        await citizen.GotoAsync($"{language}/bodies/{TestSeeds.VerifiedCityHall}");
        await citizen.Locator("main a[href*='citizen/requests/new']").ClickAsync();
        await citizen.FillAsync("input[name='Input.Subject']", subject);
        await citizen.FillAsync("textarea[name='Input.Text']", "გთხოვთ, მომაწოდოთ 2026 წლის ბიუჯეტი. Please send the 2026 budget.");
        (await citizen.InputValueAsync("input[name='Input.RequesterName']")).Should().Be("ნინო ბერიძე", "the requester is filled from the account");
        await citizen.Locator("main form[method=post] button[type=submit]").ClickAsync();

        await Assertions.Expect(citizen.Locator("h1")).ToHaveTextAsync(subject);
        var number = NumberInPath().Match(new Uri(citizen.Url).AbsolutePath).Groups["number"].Value;
        number.Should().NotBeEmpty($"the request's page is addressed by its number: {citizen.Url}");
        await Assertions.Expect(citizen.Locator("#deadlines ~ * .deadline").First).ToBeVisibleAsync();
        var submittedStage = await citizen.Locator("dd.stage").InnerTextAsync();
        await citizen.ShouldPassAxeAsync();
        await citizen.SaveScreenshotAsync($"request.{language}.phone");

        // Staff: the queue finds it by number; the body's refusal is recorded, then escalated.
        var staff = await fixture.NewPageAsync();
        await staff.SignInAsync(language, SiteProcess.AdminEmail, SiteProcess.AdminPassword);
        await staff.GotoAsync($"{language}/staff/queue?q={Uri.EscapeDataString(number)}");
        await staff.ShouldPassAxeAsync();
        await staff.SaveScreenshotAsync($"staff-queue.{language}");
        await staff.Locator($"main a:text-is('{number}')").ClickAsync();
        await staff.SelectOptionAsync("#Input_Kind", "answered");
        await staff.SelectOptionAsync("#Input_Outcome", "refused");
        // The answer's day in Georgia, where the request was filed: after 20:00 UTC it is already tomorrow there.
        var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Tbilisi"));
        await staff.FillAsync("input[name='Input.On']", today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await staff.Locator("form:has(#Input_Kind) button[type=submit]").ClickAsync();
        await Assertions.Expect(staff.Locator("form:has(input[name='Input.Kind'][value='escalate']) button")).ToBeVisibleAsync();
        await staff.ShouldPassAxeAsync();
        await staff.SaveScreenshotAsync($"staff-request.{language}");
        await staff.Locator("form:has(input[name='Input.Kind'][value='escalate']) button").ClickAsync();
        await Assertions.Expect(staff.Locator("form:has(input[name='Input.Kind'][value='escalate'])")).ToHaveCountAsync(0);

        // The citizen sees the request moved on: a new stage in words, with its own deadline.
        await citizen.ReloadAsync();
        var escalatedStage = await citizen.Locator("dd.stage").InnerTextAsync();
        escalatedStage.Should().NotBe(submittedStage);
        await Assertions.Expect(citizen.Locator("#deadlines ~ * .deadline").First).ToBeVisibleAsync();

        // The public: the body's page counts the request in its statistics, with the charts and their tables.
        var visitor = await fixture.NewPageAsync();
        await visitor.GotoAsync($"{language}/bodies/{TestSeeds.VerifiedCityHall}");
        var sent = await visitor.Locator("table.figures").First.Locator("tbody tr").First.Locator("td").InnerTextAsync();
        int.Parse(sent.Replace(" ", "", StringComparison.Ordinal).Replace("\u00a0", "", StringComparison.Ordinal), CultureInfo.InvariantCulture)
            .Should().BeGreaterThanOrEqualTo(1, "the request filed above was sent to this body this year");
        await Assertions.Expect(visitor.Locator(".charts figure svg title").First).ToBeAttachedAsync();
        await Assertions.Expect(visitor.Locator(".charts figure table").First).ToBeAttachedAsync();
        await visitor.ShouldPassAxeAsync();
        await visitor.SaveScreenshotAsync($"body-statistics.{language}");
        await visitor.GotoAsync($"{language}/requests/{Uri.EscapeDataString(number)}/public");
        await Assertions.Expect(visitor.Locator("h1")).ToContainTextAsync(subject);
        await visitor.ShouldPassAxeAsync();
        await visitor.SaveScreenshotAsync($"public-request.{language}");
    }

    [GeneratedRegex(@"/requests/(?<number>[^/]+)$")]
    private static partial Regex NumberInPath();
}
