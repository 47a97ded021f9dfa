var app = WebApplication.CreateBuilder(args).Build();
app.MapGet("/", () => "Qtickets emulator");
app.Run();
