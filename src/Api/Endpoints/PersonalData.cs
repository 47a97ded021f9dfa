using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Qtickets.Sync.Api.Audit;
using Qtickets.Sync.Api.Auth;
using Qtickets.Sync.Domain.Audit;
using Qtickets.Sync.Api.ReadModels;
using Qtickets.Sync.Api.Requests;
using Qtickets.Sync.Infrastructure.PersonalData;
using Qtickets.Sync.Infrastructure.Persistence;

namespace Qtickets.Sync.Api.Endpoints;

/// <summary>Erasing a person's data on their request (docs/personal-data.md).</summary>
public static class PersonalData
{
    public static IEndpointRouteBuilder MapPersonalData(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/personal-data/erasures")
            .RequireAuthorization(AuthPolicies.PiiErase)
            .WithTags("Personal data")
            .ProducesKeyProblems();
        group.MapPost("", EraseAsync)
            .Audited(AuditActions.Erasure)
            .WithName("ErasePersonalData")
            .WithSummary("Erases a person (by e-mail and/or phone) from every place the mirror keeps them; later data for them is masked on arrival")
            .Accepts<ErasureRequest>("application/json");
        group.MapGet("/{id:guid}", GetAsync)
            .WithName("GetPersonalDataErasure")
            .WithSummary("One erasure: who asked, when, and rows changed per place")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Results<Accepted<ErasureDto>, ValidationProblem>> EraseAsync(
        HttpRequest http, ClaimsPrincipal user, ReadableAccounts accounts, PersonalDataEraser eraser, CancellationToken cancellationToken)
    {
        var (request, bodyProblem) = await JsonBody.ReadAsync(http, RequestJsonContext.Default.ErasureRequest, cancellationToken);
        if (bodyProblem is not null)
        {
            return bodyProblem;
        }
        var errors = new Dictionary<string, string[]>();
        if (PersonalIdentifiers.NormaliseEmail(request!.Email) is null && PersonalIdentifiers.NormalisePhone(request.Phone) is null)
        {
            errors["email"] = ["Give the person's e-mail address (with an @) and/or phone number (at least 5 digits)."];
        }
        if (request.Email is { Length: > 0 } && PersonalIdentifiers.NormaliseEmail(request.Email) is null)
        {
            errors["email"] = ["This is not an e-mail address: it has no @."];
        }
        if (request.Phone is { Length: > 0 } && PersonalIdentifiers.NormalisePhone(request.Phone) is null)
        {
            errors["phone"] = ["This is not a phone number: it has fewer than 5 digits."];
        }
        int? accountId = null;
        if (request.Account is { } name)
        {
            accountId = await accounts.FindAsync(user, name, cancellationToken);
            if (accountId is null)
            {
                errors["account"] = [$"No account named '{name}' is readable with this key."];
            }
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var requestedBy = user.Identity?.Name ?? throw new InvalidOperationException("Erasures are authorised for named API keys only.");
        var erasure = await eraser.EraseAsync(request.Email, request.Phone, accountId, requestedBy, cancellationToken);
        return TypedResults.Accepted($"/api/v1/personal-data/erasures/{erasure.Id}", ErasureDto.From(erasure));
    }

    private static async Task<Results<Ok<ErasureDto>, ProblemHttpResult>> GetAsync(Guid id, SyncDbContext db, CancellationToken cancellationToken)
    {
        var erasure = await db.PersonalDataErasures.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        return erasure is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such erasure", detail: $"There is no erasure {id}.")
            : TypedResults.Ok(ErasureDto.From(erasure));
    }
}
