using System.Reflection;
using NetArchTest.Rules;

namespace FoiTracker.Web.Tests;

/// <summary>
/// The layers point inwards: Web → Infrastructure → Application → Domain. A reference the other way
/// (or a storage or web package in the inner layers) compiles fine, so only these tests catch it.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly Assembly Domain = typeof(FoiTracker.Domain.Users.UserId).Assembly;
    private static readonly Assembly Application = typeof(FoiTracker.Application.DependencyInjection).Assembly;
    private static readonly Assembly Infrastructure = typeof(FoiTracker.Infrastructure.DependencyInjection).Assembly;

    [Fact]
    public void Domain_DependsOnNoOtherLayer()
    {
        ShouldNotDependOn(Domain, "FoiTracker.Application", "FoiTracker.Infrastructure", "FoiTracker.Web");
    }

    [Fact]
    public void Domain_DependsOnNoPackage()
    {
        ShouldNotDependOn(Domain,
            "Dapper", "Npgsql", "Microsoft.Data.Sqlite", "Microsoft.AspNetCore", "Microsoft.Extensions",
            "Mediator", "FluentValidation", "DbUp");
    }

    [Fact]
    public void Application_DependsNeitherOnInfrastructureNorWeb()
    {
        ShouldNotDependOn(Application, "FoiTracker.Infrastructure", "FoiTracker.Web");
    }

    [Fact]
    public void Application_DependsOnNoStorageOrWebPackage()
    {
        ShouldNotDependOn(Application, "Dapper", "Npgsql", "Microsoft.Data.Sqlite", "DbUp", "Microsoft.AspNetCore");
    }

    [Fact]
    public void Infrastructure_DoesNotDependOnWeb()
    {
        ShouldNotDependOn(Infrastructure, "FoiTracker.Web");
    }

    [Fact]
    public void Layers_AreTheAssembliesTheRulesCheck()
    {
        // Guards the rules above from passing vacuously against an empty or wrong assembly.
        Types.InAssembly(Domain).GetTypes().Should().Contain(type => type.Namespace == "FoiTracker.Domain.Requests");
        Types.InAssembly(Application).GetTypes().Should().Contain(type => type.Namespace == "FoiTracker.Application.Bodies");
        Types.InAssembly(Infrastructure).GetTypes().Should().Contain(type => type.Namespace == "FoiTracker.Infrastructure.Persistence");
        Types.InAssembly(Infrastructure).That().HaveDependencyOn("Dapper").GetTypes().Should().NotBeEmpty(
            "the repositories use Dapper, so the dependency check can see package references");
    }

    private static void ShouldNotDependOn(Assembly assembly, params string[] forbidden)
    {
        var result = Types.InAssembly(assembly).ShouldNot().HaveDependencyOnAny(forbidden).GetResult();

        result.IsSuccessful.Should().BeTrue(
            "{0} must not use {1}, but these types do: {2}",
            assembly.GetName().Name,
            string.Join(", ", forbidden),
            string.Join(", ", result.FailingTypeNames ?? []));
    }
}
