using Mandate.Storage.Tests.Stores;
using Mandate.Storage.Tests.Support;

namespace Mandate.Storage.Tests.Sqlite;

public sealed class SqliteHttpRuleStoreTests() : HttpRuleStoreContract(SqliteTestDatabase.CreateAsync);
