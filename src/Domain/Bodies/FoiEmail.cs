using FoiTracker.Domain.Common;

namespace FoiTracker.Domain.Bodies;

/// <summary>
/// The address a body takes information requests at. Only a verified address is used to send
/// requests automatically; an unverified one is shown to people but never mailed by the system.
/// </summary>
public sealed record FoiEmail(EmailAddress Address, bool Verified);
