# MediaVault: one image for the API and the media workers.
#   API:          docker run ... <image>
#   Media worker: docker run ... <image> --Vault:Media:Worker:Enabled=true
#   Operator:     docker run ... <image> audit verify     (any IVaultCommand)
# Built by infra/deploy.sh (az acr build); see docs/deploy.md.

ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
WORKDIR /src
# global.json is left out on purpose: it pins the SDK of the developer machines; here the SDK image is the pin.
COPY Directory.Build.props Directory.Packages.props BannedSymbols.txt BannedSymbols.Src.txt .editorconfig ./
COPY src/ src/
RUN dotnet restore src/Vault.Api/Vault.Api.csproj --locked-mode
RUN dotnet publish src/Vault.Api/Vault.Api.csproj -c Release --no-restore -o /app/publish -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS runtime
# Debian's ffmpeg/ffprobe (FFMpegCore finds them on PATH): probing, metadata stripping, renditions, redaction.
RUN apt-get update \
    && apt-get install -y --no-install-recommends ffmpeg \
    && rm -rf /var/lib/apt/lists/*
# The only writable place the vault needs; it holds no recordings (plaintext never rests on disk) and,
# in production, no keys (the master key comes from Key Vault, the data from Azure SQL and Blob Storage).
RUN mkdir -p /var/lib/mediavault && chown "$APP_UID" /var/lib/mediavault && chmod 700 /var/lib/mediavault
WORKDIR /app
COPY --from=build /app/publish ./
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_HTTP_PORTS= \
    Vault__DataDirectory=/var/lib/mediavault \
    DOTNET_NOLOGO=1
EXPOSE 8080
# Non-root: the image's built-in 'app' user (uid 1654); the application files stay owned by root, read-only to it.
USER $APP_UID
ENTRYPOINT ["dotnet", "Vault.Api.dll"]
