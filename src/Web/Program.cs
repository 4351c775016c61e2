using FoiTracker.Application;
using FoiTracker.Infrastructure;
using FoiTracker.Infrastructure.Configuration;
using FoiTracker.Infrastructure.Scheduling;
using FoiTracker.Web;
using FoiTracker.Web.Endpoints;
using FoiTracker.Web.Infrastructure;
using FoiTracker.Web.Limits;
using FoiTracker.Web.Pages.Support;
using FoiTracker.Web.Statistics;
using Scalar.AspNetCore;

try
{
    // Settings are read and checked once, at start; a changed file takes effect at the next start.
    // Watching for changes would watch the whole content root, where the data folder (database,
    // mail pickup) lies by default, and wake on every write the service makes.
    var builder = WebApplication.CreateBuilder(["--hostBuilder:reloadConfigOnChange=false", .. args]);
    builder.Services
        .AddApplication()
        .AddInfrastructure(builder.Configuration)
        .AddScheduling(builder.Configuration)
        .AddWebServices()
        .AddSecurityHeaders()
        .AddSessionCheck(builder.Configuration)
        .AddLimits(builder.Configuration)
        .AddStatisticsCache(builder.Configuration)
        .AddSitePages();

    var app = builder.Build();

    // `backup FILE` (while the service runs) and `restore FILE` (with it stopped): see README, "Backup and restore".
    if (BackupCommand.Parse(args) is var (verb, file))
        return await BackupCommand.RunAsync(app.Services, verb, file, CancellationToken.None);

    await app.Services.InitialiseAsync(app.Configuration);

    // `dotnet run --project src/Web -- seed`: migrate and load the seeds, then exit.
    if (args.Contains("seed", StringComparer.Ordinal))
        return 0;

    // The API answers errors with ProblemDetails; pages with the error page (see PageServices).
    app.UseSecurityHeaders();
    app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = PageServices.ErrorPath + "/500", AllowStatusCode404Response = true });
    app.UseStatusCodePages();
    app.UseRequestSizeLimits();
    app.UseSitePages();
    app.UseRouting();
    app.UseAuthentication();
    app.UseAuthorization();
    app.UseRateLimiter();
    app.UseOutputCache();

    app.MapOpenApi();
    app.MapScalarApiReference("/api/docs", options => options.WithTitle("FoiTracker API"));
    app.MapHealth();
    app.MapBodies();
    app.MapAccounts();
    app.MapStatutes();
    app.MapRequests();
    app.MapLetters();
    app.MapMail();
    app.MapInboundMail();
    app.MapStatistics();
    app.MapSnapshots();
    app.MapAnnualReports();
    app.MapCharts();
    app.MapPublication();
    app.MapRazorPages();

    // As app.RunAsync(), with the first request answered before the service says it is running.
    await using (app)
    {
        await app.StartAsync();
        await FirstRequest.SendAsync(app, app.Lifetime.ApplicationStopping);
        StartupBanner.Print(app);
        await app.WaitForShutdownAsync();
    }

    return 0;
}
catch (ConfigurationProblemException ex)
{
    await Console.Error.WriteLineAsync($"FoiTracker cannot start: {ex.Message}");
    return 1;
}

/// <summary>Entry point; public so that tests can host the service in memory.</summary>
public partial class Program;
