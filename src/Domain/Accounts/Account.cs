namespace Qtickets.Sync.Domain.Accounts;

/// <summary>
/// One platform account an organizer sells through (a QTickets organizer, a Ticketscloud organizer). Every
/// mirrored row names its account: order, event and ticket ids are only unique within one account.
/// </summary>
public sealed class Account
{
    /// <summary>
    /// The account every row written before accounts existed was moved to, and the one the single-account
    /// settings (<c>Qtickets:…</c>) mean. Entities made without naming their account belong to it.
    /// </summary>
    public const int DefaultId = 1;

    public const string DefaultName = "default";

    public int Id { get; set; }

    /// <summary>The slug from <c>Accounts:n:Name</c> (<c>[a-z0-9-]</c>); stable, it names the account everywhere.</summary>
    public string Name { get; set; } = "";

    /// <summary>One of <see cref="AccountPlatforms"/>.</summary>
    public string Platform { get; set; } = AccountPlatforms.Qtickets;

    public string? Organization { get; set; }

    /// <summary>False when the settings switch it off or no longer list it: its rows stay, its jobs stop.</summary>
    public bool Enabled { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
