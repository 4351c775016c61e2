using FoiTracker.Web.Tests.Support;

namespace FoiTracker.Web.Tests.Pages.Support;

/// <summary>
/// A class of page tests: one in-memory service for the class (its own SQLite data), and one
/// <see cref="Visitor"/>. A second person is <c>new PageSession(Factory)</c>, disposed by the test.
/// </summary>
public abstract class PageTest : IClassFixture<FoiTrackerFactory>, IDisposable
{
    protected PageTest(FoiTrackerFactory factory)
    {
        Factory = factory;
        Visitor = new PageSession(factory);
    }

    protected FoiTrackerFactory Factory { get; }

    protected PageSession Visitor { get; }

    public void Dispose()
    {
        Visitor.Dispose();
        GC.SuppressFinalize(this);
    }
}
