using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Mandate.Storage;

/// <summary>Lets `dotnet ef migrations add` build the model without the server.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<MandateDbContext>
{
    public MandateDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<MandateDbContext>().UseSqlite("Data Source=design.db").Options);
}
