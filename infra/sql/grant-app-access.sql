-- Gives the API's and the media worker's managed identities the least the vault needs in its database:
-- read and write data, no DDL (schema changes are the migration script's, run as a deployment step by the
-- Entra admin group), no way to alter or erase the hash-chained audit log.
-- Idempotent: run by infra/deploy.sh after every deployment with sqlcmd variables
--   ApiIdentityName, ApiPrincipalId, WorkerIdentityName, WorkerPrincipalId
-- (the container app names and the object ids of their system-assigned identities).
SET NOCOUNT ON;
SET XACT_ABORT ON;

IF NOT EXISTS (SELECT 1 FROM sys.database_principals WHERE name = N'$(ApiIdentityName)')
    CREATE USER [$(ApiIdentityName)] FROM EXTERNAL PROVIDER WITH OBJECT_ID = '$(ApiPrincipalId)';
IF NOT EXISTS (SELECT 1 FROM sys.database_principals WHERE name = N'$(WorkerIdentityName)')
    CREATE USER [$(WorkerIdentityName)] FROM EXTERNAL PROVIDER WITH OBJECT_ID = '$(WorkerPrincipalId)';

IF IS_ROLEMEMBER(N'db_datareader', N'$(ApiIdentityName)') = 0 ALTER ROLE db_datareader ADD MEMBER [$(ApiIdentityName)];
IF IS_ROLEMEMBER(N'db_datawriter', N'$(ApiIdentityName)') = 0 ALTER ROLE db_datawriter ADD MEMBER [$(ApiIdentityName)];
IF IS_ROLEMEMBER(N'db_datareader', N'$(WorkerIdentityName)') = 0 ALTER ROLE db_datareader ADD MEMBER [$(WorkerIdentityName)];
IF IS_ROLEMEMBER(N'db_datawriter', N'$(WorkerIdentityName)') = 0 ALTER ROLE db_datawriter ADD MEMBER [$(WorkerIdentityName)];

-- Append-only audit log: entries are inserted, never changed or removed, by any application identity.
-- A tampered row is still detected by the hash chain (AuditVerifier); this makes tampering by the app impossible.
IF OBJECT_ID(N'dbo.AuditEntries', N'U') IS NOT NULL
BEGIN
    DENY UPDATE, DELETE ON OBJECT::dbo.AuditEntries TO [$(ApiIdentityName)];
    DENY UPDATE, DELETE ON OBJECT::dbo.AuditEntries TO [$(WorkerIdentityName)];
END;
IF OBJECT_ID(N'dbo.AuditEntryPupils', N'U') IS NOT NULL
BEGIN
    DENY UPDATE, DELETE ON OBJECT::dbo.AuditEntryPupils TO [$(ApiIdentityName)];
    DENY UPDATE, DELETE ON OBJECT::dbo.AuditEntryPupils TO [$(WorkerIdentityName)];
END;

-- The migrations history belongs to the deployment step alone.
IF OBJECT_ID(N'dbo.__EFMigrationsHistory', N'U') IS NOT NULL
BEGIN
    DENY INSERT, UPDATE, DELETE ON OBJECT::dbo.__EFMigrationsHistory TO [$(ApiIdentityName)];
    DENY INSERT, UPDATE, DELETE ON OBJECT::dbo.__EFMigrationsHistory TO [$(WorkerIdentityName)];
END;
