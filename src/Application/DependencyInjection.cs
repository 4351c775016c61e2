using FluentValidation;
using FoiTracker.Application.Common.Behaviours;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FoiTracker.Application;

public static class DependencyInjection
{
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddMediator(options =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.PipelineBehaviors = [typeof(ValidationBehaviour<,>), typeof(TransactionBehaviour<,>)];
        });
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Singleton, includeInternalTypes: true);
        services.TryAddSingleton(TimeProvider.System);
        // The host sets the abuse limits from its settings; without them none apply.
        services.TryAddSingleton(Common.AbuseLimits.Off);
        services.AddSingleton<Workflows.WorkflowContexts>();
        services.AddSingleton<Letters.PreparedLetters>();
        services.AddScoped<Letters.LetterComposer>();
        services.AddScoped<Requests.FileRequest.RequestLetterCheck>();
        services.AddScoped<Accounts.EmailVerification.RequesterEmailCheck>();
        services.AddSingleton<Requests.Citizen.CitizenWords>();
        services.AddSingleton<Statistics.StatisticsWindows>();
        services.AddScoped<Statistics.StatisticsEvaluator>();
        services.AddScoped<Statistics.GetBodiesStatistics.BodiesStatisticsReader>();
        services.AddScoped<Statistics.Snapshots.SnapshotContentWriter>();
        services.AddScoped<Statistics.AnnualReports.OwnYearCounter>();
        services.AddScoped<Statistics.Charts.ChartData>();
        services.AddSingleton<Statistics.StatisticsScopeReader>();
        services.TryAddSingleton(Statistics.Snapshots.StatisticsPublisher.Default);
        services.AddSingleton<Statistics.Snapshots.SnapshotCitation>();
        return services;
    }
}
