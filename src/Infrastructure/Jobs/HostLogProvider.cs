using Microsoft.Extensions.Logging;
using HangfireLog = Hangfire.Logging.ILog;
using HangfireLogLevel = Hangfire.Logging.LogLevel;
using HangfireLogProvider = Hangfire.Logging.ILogProvider;

namespace Qtickets.Sync.Infrastructure.Jobs;

/// <summary>
/// Hangfire's log provider is process-wide (set by whichever host was built last). When several hosts share
/// a process (the tests), one host's disposed logger factory must not break another host's job filters,
/// which create their loggers on construction: logging then goes nowhere instead of throwing.
/// </summary>
internal sealed class HostLogProvider(ILoggerFactory loggerFactory) : HangfireLogProvider
{
    public HangfireLog GetLogger(string name)
    {
        try
        {
            return new ForwardingLog(loggerFactory.CreateLogger(name));
        }
        catch (ObjectDisposedException)
        {
            return new ForwardingLog(null);
        }
    }

    private sealed class ForwardingLog(ILogger? logger) : HangfireLog
    {
        public bool Log(HangfireLogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            if (logger is null)
            {
                return false;
            }
            var level = logLevel switch
            {
                HangfireLogLevel.Trace => LogLevel.Trace,
                HangfireLogLevel.Debug => LogLevel.Debug,
                HangfireLogLevel.Info => LogLevel.Information,
                HangfireLogLevel.Warn => LogLevel.Warning,
                HangfireLogLevel.Error => LogLevel.Error,
                _ => LogLevel.Critical,
            };
            try
            {
                if (messageFunc is null)
                {
                    return logger.IsEnabled(level);
                }
                logger.Log(level, 0, exception, "{Message}", messageFunc());
                return true;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }
}
