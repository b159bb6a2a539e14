namespace Mandate.Core.Configuration;

internal static class ApprovalsOptionsValidation
{
    public static void Validate(CibaOptions ciba, ApprovalsOptions approvals, List<string> errors)
    {
        if (ciba.DefaultExpiry < TimeSpan.FromSeconds(10) || ciba.DefaultExpiry > ciba.MaxExpiry)
        {
            errors.Add("Ciba:DefaultExpiry must be at least 10 seconds and at most Ciba:MaxExpiry.");
        }

        if (ciba.MaxExpiry > TimeSpan.FromDays(1))
        {
            errors.Add("Ciba:MaxExpiry must be at most 1 day.");
        }

        if (ciba.IntervalSeconds is < 1 or > 60)
        {
            errors.Add("Ciba:IntervalSeconds must be between 1 and 60.");
        }

        if (ciba.MaxPendingPerUser is < 1 or > 100)
        {
            errors.Add("Ciba:MaxPendingPerUser must be between 1 and 100.");
        }

        if (string.IsNullOrEmpty(approvals.WebhookUrl))
        {
            return;
        }

        if (!Uri.TryCreate(approvals.WebhookUrl, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(url.UserInfo) || !string.IsNullOrEmpty(url.Fragment))
        {
            errors.Add("Approvals:WebhookUrl must be an absolute http(s) URL without user info or fragment.");
        }

        if (approvals.WebhookSecret is not { Length: >= 32 })
        {
            errors.Add("Approvals:WebhookSecret must be set (at least 32 characters) when Approvals:WebhookUrl is.");
        }
    }
}
