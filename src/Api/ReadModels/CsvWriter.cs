using System.Globalization;
using System.Text;

namespace Qtickets.Sync.Api.ReadModels;

/// <summary>
/// RFC 4180 CSV written straight to the response: UTF-8 with a BOM so spreadsheets read Cyrillic correctly,
/// CRLF line ends, and a field quoted whenever it holds a comma, a semicolon (the separator spreadsheets use in
/// Russian locales), a quote or a line break.
/// </summary>
public sealed class CsvWriter(Stream stream) : IAsyncDisposable
{
    // Rows are flushed in batches so a large export reaches the client while it is still being read.
    private const int RowsPerFlush = 500;

    private readonly StreamWriter writer = new(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 16 * 1024, leaveOpen: true);
    private readonly StringBuilder row = new();
    private int rowsSinceFlush;
    private int fieldCount;

    public CsvWriter Field(string? value)
    {
        if (fieldCount > 0)
        {
            row.Append(',');
        }
        row.Append(Escape(value));
        fieldCount++;
        return this;
    }

    public CsvWriter Field(long? value) => Field(value?.ToString(CultureInfo.InvariantCulture));

    public CsvWriter Field(decimal? value) => Field(value?.ToString(CultureInfo.InvariantCulture));

    public CsvWriter Field(bool value) => Field(value ? "true" : "false");

    public CsvWriter Field(DateTimeOffset? value) => Field(value?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'", CultureInfo.InvariantCulture));

    public CsvWriter Field(DateOnly? value) => Field(value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    public async Task EndRowAsync(CancellationToken cancellationToken)
    {
        // Asynchronous writes only: the server refuses synchronous I/O on the response body.
        row.Append("\r\n");
        await writer.WriteAsync(row, cancellationToken);
        row.Clear();
        fieldCount = 0;
        if (++rowsSinceFlush >= RowsPerFlush)
        {
            rowsSinceFlush = 0;
            await writer.FlushAsync(cancellationToken);
        }
    }

    public static string Escape(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        return value.AsSpan().IndexOfAny(MustQuote) < 0 ? value : $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
    }

    public async ValueTask DisposeAsync()
    {
        await writer.FlushAsync();
        await writer.DisposeAsync();
    }

    private static readonly System.Buffers.SearchValues<char> MustQuote = System.Buffers.SearchValues.Create(",;\"\r\n");
}
