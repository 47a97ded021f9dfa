using System.Globalization;
using Microsoft.AspNetCore.Http.Headers;

namespace Qtickets.Sync.Api.Dashboard;

/// <summary>The page's words in English and Russian, chosen by <c>Accept-Language</c>.</summary>
public sealed class DashboardLabels
{
    private static readonly Dictionary<string, (string En, string Ru)> Words = new(StringComparer.Ordinal)
    {
        ["title"] = ("Qtickets.Sync dashboard", "Панель Qtickets.Sync"),
        ["health"] = ("Sync health", "Состояние синхронизации"),
        ["account"] = ("Account", "Аккаунт"),
        ["ok"] = ("In sync", "Синхронизировано"),
        ["attention"] = ("Needs attention", "Требует внимания"),
        ["lag"] = ("Webhook lag", "Задержка вебхуков"),
        ["pending"] = ("Pending deliveries", "Ожидают применения"),
        ["apply_lag"] = ("Webhook apply lag, p99 of the last 5 minutes", "Задержка применения вебхуков, p99 за 5 минут"),
        ["apply_lag_count"] = ("{0} deliveries applied", "применено доставок: {0}"),
        ["failed"] = ("Failed deliveries", "Ошибки применения"),
        ["dead"] = ("Dead deliveries", "Отброшенные доставки"),
        ["quarantined"] = ("Quarantined deliveries", "На карантине"),
        ["behaviour"] = ("Server behaviour", "Поведение сервера"),
        ["not_detected"] = ("not detected yet", "ещё не определено"),
        ["paid_filter"] = ("paid filter", "фильтр оплаты"),
        ["updated_filter"] = ("updated_at filter", "фильтр updated_at"),
        ["order"] = ("order", "порядок"),
        ["honoured"] = ("honoured", "соблюдается"),
        ["ignored"] = ("ignored", "игнорируется"),
        ["page_size"] = ("{0} a page", "{0} на странице"),
        ["runs"] = ("Last runs", "Последние запуски"),
        ["kind"] = ("Kind", "Тип"),
        ["status"] = ("Status", "Статус"),
        ["started"] = ("Started", "Начало"),
        ["seen"] = ("Seen", "Просмотрено"),
        ["inserted"] = ("New", "Новых"),
        ["updated"] = ("Updated", "Обновлено"),
        ["healed"] = ("Healed", "Исправлено"),
        ["refreshed"] = ("Refreshed", "Перезаписано"),
        ["sales"] = ("Sales", "Продажи"),
        ["chart"] = ("Net sales per day, last 30 days", "Чистые продажи по дням, 30 дней"),
        ["all_events"] = ("all events", "все мероприятия"),
        ["today_tickets"] = ("Tickets today", "Билетов сегодня"),
        ["today_revenue"] = ("Revenue today", "Выручка сегодня"),
        ["today_net"] = ("Net today", "Чистыми сегодня"),
        ["top"] = ("Top events, 30 days", "Лучшие мероприятия, 30 дней"),
        ["event"] = ("Event", "Мероприятие"),
        ["net"] = ("Net", "Чистыми"),
        ["tickets"] = ("Tickets", "Билеты"),
        ["failures"] = ("Recent failures", "Последние ошибки"),
        ["none"] = ("None.", "Нет."),
        ["commands"] = ("Recent order actions", "Последние действия с заказами"),
        ["state"] = ("State", "Состояние"),
        ["never"] = ("never", "нет данных"),
        ["delivery"] = ("delivery", "доставка"),
        ["run"] = ("run", "запуск"),
        ["when"] = ("When", "Когда"),
        ["what"] = ("What", "Что"),
        ["reason"] = ("Reason", "Причина"),
        ["updated_at"] = ("Updated", "Обновлено"),
        ["zone"] = ("time zone", "часовой пояс"),
        ["platform"] = ("Platform", "Платформа"),
        ["all_accounts"] = ("all accounts", "все аккаунты"),
        ["all_platforms"] = ("all platforms", "все платформы"),
        ["apply"] = ("Show", "Показать"),
        ["reset"] = ("clear filters", "сбросить фильтры"),
        ["summary"] = ("{0} accounts, {1} need attention", "Аккаунтов: {0}, требуют внимания: {1}"),
        ["in_sync_list"] = ("{0} accounts in sync", "Синхронизировано аккаунтов: {0}"),
        ["reconcile_lag"] = ("Since last reconcile", "С последней сверки"),
        ["last_run"] = ("Last run", "Последний запуск"),
        ["last_audit"] = ("Last audit", "Последняя сверка"),
        ["audit_equal"] = ("equal to the platform", "совпадает с платформой"),
        ["audit_differences"] = ("{0} differences", "расхождений: {0}"),
        ["first_sync"] = ("First sync", "Первая синхронизация"),
        ["disabled"] = ("disabled", "отключён"),
        ["total"] = ("total", "всего"),
        ["qtickets"] = ("QTickets", "QTickets"),
        ["ticketscloud"] = ("Ticketscloud", "Ticketscloud"),
        ["deployment"] = ("Whole service", "Весь сервис"),
        ["history_link"] = ("history", "история"),
        ["order_history"] = ("Order history", "История заказа"),
        ["order_now"] = ("The order now", "Заказ сейчас"),
        ["no_longer_mirrored"] = ("No longer in the mirror.", "Заказа больше нет в зеркале."),
        ["learned"] = ("Learned", "Получено"),
        ["version"] = ("Version", "Версия"),
        ["change"] = ("Change", "Изменение"),
        ["source"] = ("Source", "Источник"),
        ["fields"] = ("Fields", "Поля"),
        ["as_json"] = ("as JSON", "в JSON"),
        ["actions"] = ("order actions", "действия с заказом"),
        ["back"] = ("dashboard", "панель"),
        ["customer"] = ("Customer", "Покупатель"),
        ["added"] = ("added", "добавлены"),
        ["refunded"] = ("refunded", "возвращены"),
        ["scanned"] = ("scanned", "отсканированы"),
        ["deleted"] = ("deleted", "удалены"),
        ["not_in_feed"] = ("not in the feed yet", "ещё не в ленте"),
    };

    private DashboardLabels(bool russian) => Russian = russian;

    public bool Russian { get; }

    public string Language => Russian ? "ru" : "en";

    public CultureInfo Culture => Russian ? CultureInfo.GetCultureInfo("ru-RU") : CultureInfo.GetCultureInfo("en-GB");

    public string this[string key] => Words.TryGetValue(key, out var w) ? (Russian ? w.Ru : w.En) : key;

    /// <summary>Russian when it is the most preferred of the two languages the page speaks.</summary>
    public static DashboardLabels For(RequestHeaders headers)
    {
        var preferred = headers.AcceptLanguage
            .OrderByDescending(l => l.Quality ?? 1)
            .Select(l => l.Value.Value ?? "")
            .FirstOrDefault(l => l.StartsWith("ru", StringComparison.OrdinalIgnoreCase) || l.StartsWith("en", StringComparison.OrdinalIgnoreCase));
        return new DashboardLabels(preferred?.StartsWith("ru", StringComparison.OrdinalIgnoreCase) == true);
    }
}
