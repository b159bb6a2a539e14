using Mandate.Storage.Tests.Stores;
using Mandate.Storage.Tests.Support;

namespace Mandate.Storage.Tests.Sqlite;

public sealed class SqliteConnectionStoreTests() : ConnectionStoreContract(SqliteTestDatabase.CreateAsync);
