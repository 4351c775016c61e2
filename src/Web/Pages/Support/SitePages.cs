namespace FoiTracker.Web.Pages.Support;

/// <summary>
/// The pages the layout and the home page link to, by their page name (the path of the .cshtml
/// under Pages/, without the extension). A link to a page that is not built yet is left out rather
/// than sent to a 404: add the page at this path and its link appears.
/// </summary>
public static class SitePages
{
    public const string Home = "/Index";
    public const string FindBody = "/Public/Bodies/Index";
    public const string Body = "/Public/Bodies/Body";
    public const string Statistics = "/Public/Statistics/Index";
    public const string DeadlineCalculator = "/Public/Calculator/Index";
    public const string Methodology = "/Public/Methodology";
    public const string PublicRequest = "/Public/Requests/Public";
    public const string Snapshots = "/Public/Snapshots/Index";
    public const string Snapshot = "/Public/Snapshots/Snapshot";
    public const string FileRequest = "/Citizen/Requests/New";
    public const string MyRequests = "/Citizen/Requests/Index";
    public const string Request = "/Citizen/Requests/Request";
    public const string RecordAnswer = "/Citizen/Requests/Answer";
    public const string StaffQueue = "/Staff/Queue/Index";
    public const string SignIn = "/Account/SignIn";
    public const string SignOut = "/Account/SignOut";
    public const string Register = "/Account/Register";
    public const string ChangePassword = "/Account/ChangePassword";
    public const string ForgotPassword = "/Account/ForgotPassword";
    public const string ResetPassword = "/Account/ResetPassword";
    public const string VerifyEmail = "/Account/VerifyEmail";
}
