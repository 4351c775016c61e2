using FoiTracker.Domain.Bodies;

namespace FoiTracker.Domain.Requests;

/// <summary>
/// What a deadline may depend on besides the request's dates: the kind of body it went to, and whether
/// the service sent it by e-mail (not recorded as sent on paper). Resolution 219/2013, Art 4(3) counts an
/// electronic request to a central Georgian body from its registration.
/// </summary>
public sealed record SendingFacts(BodyKind BodyKind, bool SentElectronically);
