using FoiTracker.Domain.Users;

namespace FoiTracker.Web.Infrastructure;

/// <summary>Authorization policies by role; admins can do whatever staff can.</summary>
public static class Policies
{
    public const string Staff = "staff";
    public const string Admin = "admin";

    public static readonly string[] StaffRoles = [RoleNames.Staff, RoleNames.Admin];
}
