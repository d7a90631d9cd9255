namespace Vault.Shared.Data;

/// <summary>
/// A row type that is written many at a time and never referenced by another table: presence lists, audit pupil
/// index rows, consent records, group memberships. The vault's database writes new rows of such a type in
/// multi-row INSERT statements in the same transaction as the rest of the unit of work, instead of one statement
/// per row (EF Core's SQLite provider does not batch). Only for types without store-generated values and without
/// owned types; the database checks this when the model is built.
/// </summary>
public interface IInsertedInBulk;
