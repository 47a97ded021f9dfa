# Build: docker build -t qtickets-sync .
# Run:   docker run -e ConnectionStrings__Postgres="Host=db;Username=...;Password=...;Database=qtickets_sync" \
#          -e Qtickets__Token=... -e Qtickets__WebhookSecrets__0=... -p 8080:8080 qtickets-sync
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props Qtickets.Sync.sln ./
COPY src/Domain/Qtickets.Sync.Domain.csproj src/Domain/
COPY src/Infrastructure/Qtickets.Sync.Infrastructure.csproj src/Infrastructure/
COPY src/Api/Qtickets.Sync.Api.csproj src/Api/
RUN dotnet restore src/Api/Qtickets.Sync.Api.csproj
COPY src/ src/
RUN dotnet publish src/Api/Qtickets.Sync.Api.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
# curl for the health check only.
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
COPY --from=build /app .
USER app
ENV ASPNETCORE_URLS=http://+:8080 \
    DOTNET_RUNNING_IN_CONTAINER=true
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD curl --fail --silent http://localhost:8080/health/ready || exit 1
ENTRYPOINT ["dotnet", "Qtickets.Sync.Api.dll"]
