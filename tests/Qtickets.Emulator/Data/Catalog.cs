namespace Qtickets.Emulator.Data;

/// <summary>
/// Fixed vocabularies the generator draws from. Orders keep a byte index into these tables instead of strings.
/// Index 0 of the key/value preset tables is "empty", which QTickets (PHP) serialises as <c>[]</c>.
/// </summary>
public static class Catalog
{
    public sealed record Person(string Name, string NameLatin, string Patronymic, string PatronymicFemale);

    public sealed record Venue(string EventName, string PlaceName, string PlaceAddress, int CityId);

    public sealed record Site(int Id, string Host);

    public sealed record PaymentMethod(int PaymentId, string TypeId, bool ByBackendUser);

    public static readonly Person[] MaleNames =
    [
        new("Иван", "ivan", "Иванович", "Ивановна"),
        new("Сергей", "sergey", "Сергеевич", "Сергеевна"),
        new("Алексей", "aleksey", "Алексеевич", "Алексеевна"),
        new("Дмитрий", "dmitriy", "Дмитриевич", "Дмитриевна"),
        new("Андрей", "andrey", "Андреевич", "Андреевна"),
        new("Михаил", "mikhail", "Михайлович", "Михайловна"),
        new("Николай", "nikolay", "Николаевич", "Николаевна"),
        new("Павел", "pavel", "Павлович", "Павловна"),
        new("Владимир", "vladimir", "Владимирович", "Владимировна"),
        new("Олег", "oleg", "Олегович", "Олеговна"),
    ];

    public static readonly (string Name, string Latin)[] FemaleNames =
    [
        ("Анна", "anna"), ("Мария", "maria"), ("Елена", "elena"), ("Ольга", "olga"), ("Наталья", "natalya"),
        ("Татьяна", "tatyana"), ("Ирина", "irina"), ("Екатерина", "ekaterina"), ("Светлана", "svetlana"),
        ("Юлия", "yulia"),
    ];

    /// <summary>Male surnames; the female form appends "а" (Петров → Петрова), true for every entry here.</summary>
    public static readonly (string Surname, string Latin)[] Surnames =
    [
        ("Петров", "petrov"), ("Иванов", "ivanov"), ("Смирнов", "smirnov"), ("Кузнецов", "kuznetsov"),
        ("Попов", "popov"), ("Васильев", "vasilyev"), ("Соколов", "sokolov"), ("Михайлов", "mikhaylov"),
        ("Новиков", "novikov"), ("Фёдоров", "fedorov"), ("Морозов", "morozov"), ("Волков", "volkov"),
        ("Алексеев", "alekseev"), ("Лебедев", "lebedev"), ("Семёнов", "semenov"), ("Егоров", "egorov"),
    ];

    public static readonly string[] EmailDomains = ["gmail.com", "mail.ru", "yandex.ru", "inbox.ru", "bk.ru"];

    public static readonly Venue[] Venues =
    [
        new("Щелкунчик", "Мариинский театр", "Санкт-Петербург, Театральная пл., 1", 2),
        new("Лебединое озеро", "Большой театр", "Москва, Театральная пл., 1", 1),
        new("Ночь джаза", "Свердловская филармония", "Екатеринбург, ул. Карла Либкнехта, 38а", 3),
        new("Большой стендап-концерт", "Crocus City Hall", "Красногорск, Международная ул., 20", 1),
        new("Мастер и Маргарита", "МХТ им. Чехова", "Москва, Камергерский пер., 3", 1),
        new("Симфоническое КИНО", "КРК «Уральский»", "Екатеринбург, ул. Высоцкого, 14", 3),
        new("Новогодняя ёлка для детей", "ДК им. Горбунова", "Москва, ул. Новозаводская, 27", 1),
        new("Лекция «Тайны Эрмитажа»", "Лекторий «Прямая речь»", "Санкт-Петербург, Невский пр., 32", 2),
    ];

    /// <summary>Ticket prices in kopecks; some are fractional on purpose (1500.50, 3499.99) to exercise number parsing.</summary>
    public static readonly int[] PricesKopecks = [50_000, 100_000, 150_050, 200_000, 250_000, 349_999, 75_025, 120_000];

    public static readonly string[] Zones =
    [
        "CENTER_PARTERRE", "LEFT_PARTERRE", "RIGHT_PARTERRE", "CENTER_BALCONY", "LEFT_BALCONY", "AMPHITHEATER",
        "DANCE",
    ];

    /// <summary>The last one is an internationalised domain, as real organizers' sites are.</summary>
    public static readonly Site[] Sites =
    [
        new(16, "qtickets.ru"), new(21, "spb.qtickets.ru"), new(34, "widget.qtickets.ru"), new(57, "корпорация-кубиков.рф"),
    ];

    public static readonly PaymentMethod[] PaymentMethods =
    [
        new(36, "bankcard", false), new(41, "sbp", false), new(42, "cash", true), new(43, "invoice", true),
        // Real answers carry a digit string here too.
        new(44, "4326371", false),
    ];

    /// <summary>Price categories of multi-price seats; most seats have none.</summary>
    public static readonly string?[] MultipriceCodes = [null, null, null, "adult", "child"];

    public static readonly (string Key, string Value)[][] Utms =
    [
        [],
        [("utm_source", "vk"), ("utm_medium", "cpc"), ("utm_campaign", "nutcracker_winter")],
        [("utm_source", "yandex"), ("utm_medium", "cpc"), ("utm_campaign", "brand")],
        [("utm_source", "telegram"), ("utm_medium", "post")],
        [("utm_source", "email"), ("utm_medium", "newsletter"), ("utm_campaign", "weekly"), ("utm_content", "button")],
    ];

    public static readonly (string Key, string Value)[][] Customs =
    [
        [],
        [("var1", "val1"), ("var2", "val2")],
        [("partner", "afisha")],
    ];

    public static readonly (string Key, string Value)[][] Fields =
    [
        [],
        [("organization_name", "ИП Петров")],
        [("organization_name", "ООО «Ромашка»"), ("inn", "7701234567"), ("kpp", "770101001")],
    ];
}
