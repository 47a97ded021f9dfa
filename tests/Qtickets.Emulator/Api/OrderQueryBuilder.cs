using Qtickets.Emulator.Data;

namespace Qtickets.Emulator.Api;

/// <summary>Turns a <see cref="ListingRequest"/> into an <see cref="OrderQuery"/>, putting index-friendly conditions into bounds.</summary>
public static class OrderQueryBuilder
{
    public static OrderQuery Build(ListingRequest request)
    {
        var query = new OrderQuery
        {
            Page = request.Page,
            PerPage = request.PerPage,
            Descending = request.Descending,
            Sort = request.OrderByColumn?.ToLowerInvariant() switch
            {
                null => null,
                "id" => OrderSort.Id,
                "updated_at" => OrderSort.UpdatedAt,
                var other => throw new FormatException($"Ordering by '{other}' is not supported (id, updated_at)."),
            },
        };

        foreach (var clause in request.Where)
        {
            if (!OrderColumns.TryGet(clause.Column, out var getter))
            {
                throw new FormatException($"Unknown column '{clause.Column}'.");
            }

            if (!TryNarrow(query, clause))
            {
                query.Residual.Add(Predicate(clause, getter));
            }
        }

        return query;
    }

    /// <summary>Conditions the store answers from its indexes rather than order by order.</summary>
    private static bool TryNarrow(OrderQuery query, WhereClause clause)
    {
        if (clause.Values is not [{ } value])
        {
            return false;
        }

        var column = clause.Column.ToLowerInvariant();
        if (column == "payed" && clause.Operator is "=" or "!=")
        {
            query.Payed = (value != 0) == (clause.Operator == "=");
            return true;
        }

        if (column is not ("updated_at" or "id") || value is < int.MinValue or > int.MaxValue)
        {
            return false;
        }

        var (from, to) = clause.Operator switch
        {
            "=" => (value, value),
            ">=" => (value, long.MaxValue),
            ">" => (value + 1, long.MaxValue),
            "<=" => (long.MinValue, value),
            "<" => (long.MinValue, value - 1),
            _ => (0L, -1L),
        };
        if (from > to)
        {
            return false;
        }

        from = Math.Max(from, int.MinValue);
        to = Math.Min(to, int.MaxValue);
        if (column == "id")
        {
            query.IdFrom = Math.Max(query.IdFrom, (int)from);
            query.IdTo = Math.Min(query.IdTo, (int)to);
        }
        else
        {
            query.UpdatedFrom = Math.Max(query.UpdatedFrom, (int)from);
            query.UpdatedTo = Math.Min(query.UpdatedTo, (int)to);
        }

        return true;
    }

    private static Func<Order, bool> Predicate(WhereClause clause, Func<Order, long?> getter)
    {
        var values = clause.Values;
        var first = values.Count > 0 ? values[0] : null;
        return clause.Operator switch
        {
            "null" => o => getter(o) is null,
            "not null" => o => getter(o) is not null,
            "=" => o => getter(o) == first,
            "!=" => o => getter(o) != first,
            "<" => o => getter(o) < first,
            ">" => o => getter(o) > first,
            "<=" => o => getter(o) <= first,
            ">=" => o => getter(o) >= first,
            "in" => o => values.Contains(getter(o)),
            "not in" => o => !values.Contains(getter(o)),
            var other => throw new FormatException($"Operator '{other}' is not supported for column '{clause.Column}'."),
        };
    }
}
