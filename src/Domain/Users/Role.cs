namespace FoiTracker.Domain.Users;

/// <summary>What a person may do: citizens file and follow their requests, staff work the queue, admins manage accounts and data.</summary>
public enum Role
{
    Citizen,
    Staff,
    Admin,
}

public static class RoleNames
{
    public const string Citizen = "citizen";
    public const string Staff = "staff";
    public const string Admin = "admin";

    public static string ToName(this Role role) => role switch
    {
        Role.Citizen => Citizen,
        Role.Staff => Staff,
        Role.Admin => Admin,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown role."),
    };

    public static bool TryParse(string? name, out Role role)
    {
        (var ok, role) = name switch
        {
            Citizen => (true, Role.Citizen),
            Staff => (true, Role.Staff),
            Admin => (true, Role.Admin),
            _ => (false, Role.Citizen),
        };
        return ok;
    }
}
