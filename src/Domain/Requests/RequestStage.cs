namespace FoiTracker.Domain.Requests;

/// <summary>Where a request stands. The statute workflow adds the later stages.</summary>
public enum RequestStage
{
    Draft,
    Submitted,
}
