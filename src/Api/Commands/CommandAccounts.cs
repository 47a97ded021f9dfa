using Microsoft.AspNetCore.Http.HttpResults;
using Qtickets.Sync.Api.Endpoints;

namespace Qtickets.Sync.Api.Commands;

/// <summary>The accounts order actions may name. Until accounts are configurable there is one: <c>default</c>.</summary>
public static class CommandAccounts
{
    public const string Default = "default";

    /// <summary>A 404 problem when <paramref name="account"/> is not one of ours; null when it is.</summary>
    public static ProblemHttpResult? Unknown(string account) =>
        account == Default ? null : ApiProblems.NotFound("Account", $"No account \"{account}\".");
}
