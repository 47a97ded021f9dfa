using System.Globalization;
using System.Text;

namespace Qtickets.Sync.Api.ReadModels;

/// <summary>
/// RFC 4180 CSV written straight to the response: UTF-8 with a BOM so spreadsheets read Cyrillic correctly,
/// CRLF line ends, and a field quoted whenever it holds a comma, a semicolon (the separator spreadsheets use in
/// Russian locales), a quote or a line break. Text starting with = + - @ tab or CR gets a leading apostrophe so
/// no spreadsheet runs it as a formula.
/// </summary>
public sealed class CsvWriter(Stream stream) : IAsyncDisposable
{
    // Rows are flushed in batches so a large export reaches the client while it is still being read.
    private const int RowsPerFlush = 500;

    private readonly StreamWriter writer = new(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 16 * 1024, leaveOpen: true);
    private readonly StringBuilder row = new();
    private int rowsSinceFlush;
    private int fieldCount;

    /// <summary>Text from anywhere (a buyer's name, say): quoted as needed and never left to read as a formula.</summary>
    public CsvWriter Field(string? value) => Append(Escape(value));

    // Values we format ourselves need neither quoting nor the formula guard: a negative amount stays a number.
    public CsvWriter Field(long? value) => Append(value?.ToString(CultureInfo.InvariantCulture));

    public CsvWriter Field(decimal? value) => Append(value?.ToString(CultureInfo.InvariantCulture));

    public CsvWriter Field(bool value) => Append(value ? "true" : "false");

    public CsvWriter Field(DateTimeOffset? value) => Append(value?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'", CultureInfo.InvariantCulture));

    public CsvWriter Field(DateOnly? value) => Append(value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    private CsvWriter Append(string? written)
    {
        if (fieldCount > 0)
        {
            row.Append(',');
        }
        row.Append(written);
        fieldCount++;
        return this;
    }

    /// <summary>A CSV export begun: its header line, the column names in order, written.</summary>
    public static async Task<CsvWriter> StartAsync(Stream stream, IEnumerable<string> columns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var csv = new CsvWriter(stream);
        foreach (var column in columns)
        {
            csv.Field(column);
        }
        await csv.EndRowAsync(cancellationToken);
        return csv;
    }

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
        // A cell a spreadsheet would take for a formula (CSV injection) is made plain text by a leading quote.
        if (FormulaStart.Contains(value[0]))
        {
            value = "'" + value;
        }
        return value.AsSpan().IndexOfAny(MustQuote) < 0 ? value : $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
    }

    public async ValueTask DisposeAsync()
    {
        await writer.FlushAsync();
        await writer.DisposeAsync();
    }

    private static readonly System.Buffers.SearchValues<char> FormulaStart = System.Buffers.SearchValues.Create("=+-@\t\r");

    private static readonly System.Buffers.SearchValues<char> MustQuote = System.Buffers.SearchValues.Create(",;\"\r\n");
}
