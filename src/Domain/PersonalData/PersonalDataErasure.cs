namespace Qtickets.Sync.Domain.PersonalData;

/// <summary>
/// One request to erase a person (152-FZ): who asked, when, and how many rows each place gave up. The person is
/// known only by keyed hashes of their normalised e-mail and phone, so this row can be kept for good — it is what
/// masks that person's data when a platform sends it again — without itself being personal data.
/// </summary>
public sealed class PersonalDataErasure
{
    public Guid Id { get; set; }
    public DateTimeOffset RequestedAt { get; set; }

    /// <summary>The API key's name (<c>Auth:ApiKeys:n:Name</c>) that asked.</summary>
    public string RequestedBy { get; set; } = "";

    /// <summary>Limits the erasure (and the masking of later data) to one account; null means every account.</summary>
    public int? AccountId { get; set; }

    public byte[]? EmailHash { get; set; }
    public byte[]? PhoneHash { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Rows changed per place (<c>{"qtickets_orders": 2, …}</c>), as JSON.</summary>
    public string Counts { get; set; } = "{}";
}
